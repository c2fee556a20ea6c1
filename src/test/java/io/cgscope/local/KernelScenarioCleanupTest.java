package io.cgscope.local;

import io.cgscope.model.CgroupVersion;
import io.cgscope.model.CgroupWriteException;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.LeftoverSweep;
import io.cgscope.testkit.OutputLines;
import io.cgscope.testkit.PrivateHierarchy;
import io.cgscope.testkit.ThisJava;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A scenario on the real kernel leaves nothing behind, whatever becomes of it: closed, failed,
 * interrupted with Ctrl+C, or its JVM killed.
 */
class KernelScenarioCleanupTest {
    private static final Pattern HEADER = Pattern.compile("scenario \\S+ on the kernel, private hierarchy name=(\\S+) at (\\S+)");
    private static final Duration LINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @BeforeEach
    void asRoot() {
        String why = PrivateHierarchy.whyUnavailable();
        assumeTrue(why == null, why);
    }

    @Test
    void closeEndsTheProcessesRemovesTheCgroupsAndFreesTheHierarchy() throws Exception {
        KernelScenarioTarget k = KernelScenarioTarget.open(CgroupVersion.V1);
        Path mnt = k.mountPoint();
        assertEquals("0700", mode(k.scratch()), "the agent's directory is root's alone");
        k.mkdir("/a");
        k.set("/a", "notify_on_release", "1");
        k.agent("/usr/local/sbin/x", true);
        k.spawn("kept", "/a");
        k.mkdir("/b");
        k.set("/b", "notify_on_release", "1");
        k.spawn("gone", "/b");
        k.exit("gone"); // its agent now waits for settle to remove /b
        long pid = pidsIn(mnt.resolve("a")).get(0);
        assertEquals(List.of("/b"), k.takeAgentCalls());
        assertTrue(Files.readString(mnt.resolve("release_agent")).startsWith(k.scratch().toString()),
                "the logging script stands in for the agent the scenario named");
        assertEquals("/usr/local/sbin/x", k.agentName());

        k.close();

        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the process ended");
        assertFalse(NamedV1Mounts.isMountPoint(mnt));
        assertFalse(NamedV1Mounts.listed(k.name()), "the kernel has freed the hierarchy");
        assertFalse(Files.exists(k.scratch()));
        k.close(); // harmless twice
    }

    @Test
    void aRefusedSpawnLeavesNoProcessBehind() throws Exception {
        long before = ProcessHandle.current().children().count();
        try (KernelScenarioTarget k = KernelScenarioTarget.open(CgroupVersion.V1)) {
            CgroupWriteException e = assertThrows(CgroupWriteException.class, () -> k.spawn("lost", "/nowhere"));
            assertEquals(2, e.errno());
            assertEquals(before, ProcessHandle.current().children().count(), "the sleep started for it was ended");
        }
    }

    @Test
    void ctrlCInTheMiddleOfAScenarioCleansUp() throws Exception {
        Running r = startLongScenario();
        new ProcessBuilder("kill", "-INT", Long.toString(r.jvm.pid())).start().waitFor();
        r.jvm.waitFor();
        Eventually.await("the scenario's process to end", () -> !ProcessHandle.of(r.sleeper).map(ProcessHandle::isAlive).orElse(false));
        assertFalse(NamedV1Mounts.isMountPoint(r.mountPoint), "unmounted by the shutdown hook");
        assertFalse(NamedV1Mounts.listed(r.name), "and freed");
        assertFalse(Files.exists(r.mountPoint.getParent()), "the private directory is gone");
    }

    @Test
    void theProcessesDieWithTheJvmEvenWhenItIsKilled() throws Exception {
        Running r = startLongScenario();
        r.jvm.destroyForcibly();
        r.jvm.waitFor();
        Eventually.await("the killed JVM's process to end", () -> !ProcessHandle.of(r.sleeper).map(ProcessHandle::isAlive).orElse(false));
        // a killed JVM runs no hook: its hierarchy is a leftover, known by its dead owner in its name
        assertTrue(LeftoverSweep.sweep().stream().anyMatch(l -> l.contains(r.name)), "swept as a dead run's leftover");
        assertFalse(NamedV1Mounts.listed(r.name));
    }

    private record Running(Process jvm, String name, Path mountPoint, long sleeper) {
    }

    /** A cgscope scenario run on the kernel that goes on for a while, with one process that stays. */
    private Running startLongScenario() throws Exception {
        StringBuilder s = new StringBuilder("mkdir /stay\nspawn keeper /stay\nexpect populated /stay\nmkdir /churn\n");
        for (int i = 0; i < 2000; i++) {
            s.append("spawn p").append(i).append(" /churn\nexit p").append(i).append('\n');
        }
        Path file = Files.writeString(dir.resolve("long.scenario"), s);
        Process jvm = new ProcessBuilder(ThisJava.command(), "-cp", System.getProperty("java.class.path"),
                "io.cgscope.Launcher", "scenario", "run", "--kernel", file.toString()).redirectErrorStream(true).start();
        OutputLines out = new OutputLines(jvm);
        Matcher header = HEADER.matcher(out.next(LINE));
        assertTrue(header.matches(), header.toString());
        while (!out.next(LINE).contains("expect populated /stay")) {
            // the steps before it
        }
        Path mnt = Path.of(header.group(2));
        return new Running(jvm, header.group(1), mnt, pidsIn(mnt.resolve("stay")).get(0));
    }

    private static List<Long> pidsIn(Path cgroup) throws IOException {
        return Files.readAllLines(cgroup.resolve("cgroup.procs")).stream().filter(l -> !l.isBlank()).map(Long::parseLong).toList();
    }

    private static String mode(Path p) throws IOException {
        String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        return perms.equals("rwx------") ? "0700" : perms;
    }
}
