package io.cgscope.live;

import io.cgscope.kernel.Target;
import io.cgscope.model.Snapshot;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.PrivateHierarchy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A start that fails part-way (a watched cgroup is missing: a typo in {@code watch}'s paths, or a
 * cgroup removed since it was listed) leaves nothing behind: no inotify instance, no socket of
 * the process events, no thread, no hierarchy half-read; and the same engine starts once the
 * cgroup is there. A program that retries its start must not gather descriptors and threads at
 * each try, nor show a hierarchy twice.
 */
class LiveEngineStartFailureTest {
    @BeforeAll
    static void needsRoot() {
        Assumptions.assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
    }

    @Test
    void aStartThatFailsOnAMissingCgroupClosesWhatItOpenedAndCanBeTriedAgain() throws Exception {
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            h.mkdir("/a");
            Map<String, Long> descriptorsBefore = descriptorKinds();
            Set<Thread> threadsBefore = engineThreads();
            // /a is read whole before /b is found missing: the failure comes after the first hierarchy is in
            LiveEngine engine = new LiveEngine(List.of(new Target(h.hierarchy(), "/a"), new Target(h.hierarchy(), "/b")));
            try {
                assertThrows(NoSuchFileException.class, engine::start);
                assertTrue(engine.current().isEmpty(), "a failed start shows nothing: " + engine.current());
                assertTrue(engine.modes().isEmpty(), "nor any watch mode: " + engine.modes());
                Eventually.awaitEquals("the inotify instances and sockets after the failed start",
                        descriptorsBefore, LiveEngineStartFailureTest::descriptorKinds);
                Eventually.await("every thread the failed start made ends; alive: " + engineThreads(),
                        () -> threadsBefore.containsAll(engineThreads()));

                h.mkdir("/b");
                List<Snapshot> started = engine.start();
                assertEquals(List.of("/a", "/b"), started.stream().map(Snapshot::rootPath).toList(),
                        "each watched cgroup once");
            } finally {
                engine.close();
            }
        }
    }

    /** The engine's threads alive now. */
    private static Set<Thread> engineThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(LiveEngine.THREAD_NAME))
                .collect(Collectors.toSet());
    }

    /**
     * Open descriptors of the kinds the engine opens before it reads: inotify instances (its
     * watches and the release agent's log) and sockets (the process events' netlink socket).
     */
    private static Map<String, Long> descriptorKinds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(LiveEngineStartFailureTest::target)
                    .map(t -> t.startsWith("socket:") ? "socket" : t)
                    .filter(t -> t.equals("socket") || t.equals("anon_inode:inotify"))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return ""; // closed since it was listed (the listing's own descriptor, say)
        }
    }
}
