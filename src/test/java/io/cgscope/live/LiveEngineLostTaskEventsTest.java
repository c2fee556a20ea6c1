package io.cgscope.live;

import io.cgscope.kernel.Privileges;
import io.cgscope.kernel.Target;
import io.cgscope.model.Cgroup;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.MountedPerTest;
import io.cgscope.testkit.PrivateHierarchy;
import io.cgscope.testkit.Processes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The kernel drops process events when the socket's buffer is full, and says so once (ENOBUFS):
 * a fork storm against a small buffer drops exits the engine never hears of. The engine polls
 * once an hour here, so only its reading of every occupied cgroup on ENOBUFS can bring its model
 * back to what the kernel has; the oracle is the kernel's own files.
 */
class LiveEngineLostTaskEventsTest {
    /** Longer than the test: the poller never runs. */
    private static final Duration NEVER = Duration.ofHours(1);
    /** The kernel raises it to its minimum, 2,304 bytes here: room for a few events. */
    private static final int SMALL_BUFFER = 1024;
    private static final int SLEEPERS = 60;
    /**
     * Loops forking a short-lived subshell each turn, two per core: thousands of forks and exits a
     * second, and more runnable tasks than cores, so that the thread reading the events waits for
     * a core now and then while they come.
     */
    private static final String STORM = "echo $$ > \"$1\"/cgroup.procs && while :; do (:); done";

    @RegisterExtension
    final MountedPerTest mounted = new MountedPerTest();

    @BeforeEach
    void asRoot() {
        assumeTrue(Privileges.current().canWriteReleaseAgent(), "the process events take CAP_NET_ADMIN: run as root");
    }

    @Test
    void exitsDroppedInAForkStormLeaveTheModelAsTheKernelHasIt() throws Exception {
        PrivateHierarchy h = mounted.get();
        h.mkdir("/t");
        h.mkdir("/t/storm");
        try (Processes processes = new Processes()) {
            List<Process> sleepers = new ArrayList<>();
            for (int i = 0; i < SLEEPERS; i++) {
                h.mkdir("/t/s" + i);
                Process p = processes.sleeper();
                h.moveInto(p, "/t/s" + i);
                sleepers.add(p);
            }
            try (LiveEngine engine = new LiveEngine(List.of(new Target(h.hierarchy(), "/t")), NEVER)
                    .withTaskEventsBuffer(SMALL_BUFFER)) {
                engine.start();
                List<Process> storms = new ArrayList<>();
                for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
                    storms.add(processes.start(new ProcessBuilder("sh", "-c", STORM, "sh", h.pathOf("/t/storm").toString())));
                }
                Eventually.await("the kernel said it dropped process events", () -> engine.lostTaskEvents() > 0);

                // every other sleeper ends while the storm fills the socket: all at once, then reaped
                List<Process> ending = new ArrayList<>();
                for (int i = 0; i < SLEEPERS; i += 2) {
                    ending.add(sleepers.get(i));
                    sleepers.get(i).destroyForcibly();
                }
                ending.forEach(processes::stop);
                storms.forEach(processes::stop);
                Eventually.await("the storm's last subshells gone from /t/storm",
                        () -> ids(h.pathOf("/t/storm").resolve("tasks")).isEmpty());

                Map<String, List<List<Integer>>> kernel = kernelMembers(h.pathOf("/t"));
                assertEquals(SLEEPERS / 2, kernel.values().stream().filter(m -> !m.get(0).isEmpty()).count(),
                        "cgroups the kernel lists a process in: " + kernel);
                Eventually.awaitEquals("the engine's procs and tasks of every cgroup", kernel, () -> model(engine));
            }
        }
    }

    /** Each cgroup below {@code top}, as "/t/...", with its cgroup.procs and tasks, from the kernel's files. */
    private static Map<String, List<List<Integer>>> kernelMembers(Path top) throws IOException {
        Map<String, List<List<Integer>>> members = new TreeMap<>();
        try (Stream<Path> dirs = Files.walk(top)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                String path = "/t" + (d.equals(top) ? "" : "/" + top.relativize(d));
                members.put(path, List.of(ids(d.resolve("cgroup.procs")), ids(d.resolve("tasks"))));
            }
        }
        return members;
    }

    private static Map<String, List<List<Integer>>> model(LiveEngine engine) {
        Map<String, List<List<Integer>>> members = new TreeMap<>();
        for (Cgroup c : engine.current().get(0).cgroups()) {
            members.put(c.path(), List.of(c.procs().asList(), c.threads().asList()));
        }
        return members;
    }

    private static List<Integer> ids(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(l -> Integer.valueOf(l.strip()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
