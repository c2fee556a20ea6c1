package io.cgscope.testkit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A test JVM killed with SIGKILL runs no shutdown hook. Its processes must die with it, and what
 * it mounted and created must be removed by the next start of the kit, while what a living test
 * JVM (another suite on the same machine, here this one) has is left alone.
 */
class LeftoverSweepTest {
    private static final Duration CHILD_JVM = Duration.ofSeconds(120);

    @BeforeEach
    void root() {
        assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
    }

    @Test
    void aKilledTestJvmLeavesNoProcessAndTheNextKitStartRemovesWhatItMade() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = TiedToJvm.start(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LeftoverMaker.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT));
        OutputLines lines = new OutputLines(child);
        String hierarchy = null;
        Path mountPoint = null;
        Path sandbox = null;
        List<Owner> processes = new ArrayList<>();
        for (String line; !(line = lines.next(CHILD_JVM)).equals("ready"); ) {
            String[] words = line.split(" ");
            switch (words[0]) {
                case "hierarchy" -> {
                    hierarchy = words[1];
                    mountPoint = Path.of(words[2]);
                }
                case "sandbox" -> sandbox = Path.of(words[1]);
                case "process" -> processes.add(Owner.of(Long.parseLong(words[1])).orElseThrow());
                default -> throw new AssertionError("unexpected line from the child JVM: " + line);
            }
        }
        assertTrue(hierarchy != null && processes.size() >= 2, "the child made a hierarchy with processes");

        child.destroyForcibly();
        assertTrue(child.waitFor(CHILD_JVM.toSeconds(), TimeUnit.SECONDS), "the killed JVM was reaped");

        Eventually.await("the processes of the killed JVM are gone: " + processes,
                () -> processes.stream().noneMatch(Owner::alive));
        String name = hierarchy;
        assertTrue(V1Mounts.listed(name), "the killed JVM left its hierarchy (no hook ran)");
        assertTrue(mounted(mountPoint), "the killed JVM left its mount");

        try (PrivateHierarchy mine = PrivateHierarchy.mount()) {
            mine.mkdir("/keep");
            Process kept = mine.startIn("/keep");

            List<String> swept = LeftoverSweep.sweep();

            assertFalse(mounted(mountPoint), "still mounted at " + mountPoint + "; swept " + swept);
            assertFalse(V1Mounts.listed(name), name + " is still in /proc/self/cgroup; swept " + swept);
            assertFalse(Files.exists(mountPoint.getParent()), "its temporary directory is left: " + mountPoint);
            if (sandbox != null) {
                assertFalse(Files.exists(sandbox), "the sandbox is left: " + sandbox + "; swept " + swept);
            }
            // what this living JVM has is not a leftover
            assertTrue(mounted(mine.dir()), "the sweep unmounted a living run's hierarchy");
            assertTrue(kept.isAlive(), "the sweep stopped a living run's process");
            assertEquals(Long.toString(kept.pid()), mine.read("/keep", "cgroup.procs").strip());
        }
    }

    @Test
    void aProcessStartedFromAThreadThatEndsLivesOn() throws Exception {
        // the kernel's parent-death signal follows the thread that forked, not the process
        try (Processes processes = new Processes()) {
            Process[] started = new Process[1];
            int[] tid = new int[1];
            Thread starter = new Thread(() -> {
                tid[0] = ThreadHost.ownThreadId();
                started[0] = processes.sleeper();
            }, "short-lived");
            starter.start();
            starter.join(CHILD_JVM.toMillis());
            Path task = Path.of("/proc/self/task", Integer.toString(tid[0]));
            Eventually.await("the kernel thread of " + starter.getName() + " has exited", () -> !Files.exists(task));
            // the signal is sent while that thread exits; a process it kills is collected at once
            assertFalse(started[0].waitFor(1, TimeUnit.SECONDS), "the sleeper died with the thread that started it");
        }
    }

    private static boolean mounted(Path dir) {
        try {
            return V1Mounts.isMountPoint(dir);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
