package io.cgscope.live;

import io.cgscope.host.WatchMode;
import io.cgscope.kernel.Target;
import io.cgscope.model.ChangeKind;
import io.cgscope.model.Snapshot;
import io.cgscope.testkit.Commands;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.PrivateHierarchy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start and stop are clean; an unmounted hierarchy ends with a removal and a reason. */
class LiveEngineLifecycleTest {
    @BeforeAll
    static void needsRoot() {
        Assumptions.assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
    }

    /** Threads alive now, by name, leaving out the reader's process-wide pool. */
    private static Set<Thread> threads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> !t.getName().startsWith("cgroup-reader-")).collect(Collectors.toSet());
    }

    @Test
    void closeEndsEveryThreadTheEngineStartedAndStartOrCloseTwiceIsHarmless() throws Exception {
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            h.mkdir("/a");
            Set<Thread> before = threads();
            LiveEngine engine = new LiveEngine(List.of(new Target(h.hierarchy(), "/")));
            List<Snapshot> first = engine.start();
            List<Snapshot> second = engine.start();
            assertEquals(first.get(0).byPath(), second.get(0).byPath(), "a second start returns the current state");
            Set<Thread> started = threads();
            started.removeAll(before);
            assertTrue(started.stream().anyMatch(t -> t.getName().equals(LiveEngine.THREAD_NAME)),
                    "the engine's own thread runs: " + started);
            assertEquals(WatchMode.Kind.INOTIFY, engine.modes().get(h.hierarchy()).kind());

            engine.close();
            engine.close();
            for (Thread t : started) {
                t.join(10_000);
                assertFalse(t.isAlive(), "still running after close: " + t.getName());
            }
            assertEquals(WatchMode.Kind.STOPPED, engine.modes().get(h.hierarchy()).kind());
            assertThrows(IllegalStateException.class, engine::start);
        }
    }

    @Test
    void anUnmountedHierarchyEndsWithRemovedForItsRootAndAReason() throws Exception {
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            Recorder r = new Recorder();
            io.cgscope.model.Hierarchy hierarchy = h.hierarchy();
            try (LiveEngine engine = new LiveEngine(List.of(new Target(hierarchy, "/")))) {
                engine.addListener(r);
                engine.start();
                umount(h);
                Eventually.await("removed / after umount; got " + r.lines(), () -> r.seen(ChangeKind.REMOVED, "/"));
                WatchMode mode = engine.modes().get(hierarchy);
                assertEquals(WatchMode.Kind.STOPPED, mode.kind());
                assertTrue(mode.why().contains("unmounted"), mode.why());
                assertTrue(engine.current().isEmpty(), "nothing left to show");
            }
        }
    }

    @Test
    void aWatchedSubtreeThatIsRemovedStopsWithAReason() throws Exception {
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            h.mkdir("/t/x");
            Recorder r = new Recorder();
            try (LiveEngine engine = new LiveEngine(List.of(new Target(h.hierarchy(), "/t")))) {
                engine.addListener(r);
                engine.start();
                h.rmdir("/t/x");
                h.rmdir("/t");
                Eventually.await("removed /t; got " + r.lines(), () -> r.seen(ChangeKind.REMOVED, "/t"));
                assertEquals(List.of("/t/x removed", "/t removed"), r.lines().stream()
                        .filter(l -> l.endsWith("removed")).toList());
                WatchMode mode = engine.modes().get(h.hierarchy());
                assertEquals(WatchMode.Kind.STOPPED, mode.kind());
                assertTrue(mode.why().contains("/t was removed"), mode.why());
            }
        }
    }

    private static void umount(PrivateHierarchy h) throws Exception {
        Commands.Finished umount = Commands.run(new ProcessBuilder("umount", h.dir().toString())
                .redirectErrorStream(true), Duration.ofSeconds(30));
        assertEquals(0, umount.exitCode(), "umount: " + umount.output());
    }
}
