package io.cgscope.kernel;

import io.cgscope.model.Errno;
import io.cgscope.model.WriteKind;
import io.cgscope.model.CgroupWriteException;
import io.cgscope.model.FreezeState;
import io.cgscope.model.ReadBack;
import io.cgscope.model.CgroupFiles;
import io.cgscope.model.Check;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.PrivateHierarchy;
import io.cgscope.testkit.Processes;
import io.cgscope.testkit.V2Sandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The writer against the real kernel, in a private v1 hierarchy (and a v2 sandbox for freezing). */
class CgroupWriterTest {
    private PrivateHierarchy h;
    private CgroupWriter writer;

    @BeforeEach
    void mount() throws IOException {
        assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
        h = PrivateHierarchy.mount();
        writer = new CgroupWriter(h.hierarchy());
    }

    @AfterEach
    void unmount() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void notifyOnReleaseIsWrittenAndReadBack() throws IOException {
        h.mkdir("/a");
        assertTrue(writer.setNotifyOnRelease("/a", true).files().notifyOnRelease());
        assertEquals("1", h.read("/a", "notify_on_release").strip());
        assertFalse(writer.setNotifyOnRelease("/a", false).files().notifyOnRelease());
        assertEquals("0", h.read("/a", "notify_on_release").strip());
    }

    @Test
    void cloneChildrenIsWrittenAndCopiedByANewChild() throws IOException {
        h.mkdir("/a");
        assertTrue(writer.setCloneChildren("/a", true).files().cloneChildren());
        writer.setNotifyOnRelease("/a", true);
        CgroupFiles child = writer.createChild("/a", "b");
        assertEquals("/a/b", child.path());
        assertTrue(child.cloneChildren(), "mkdir copies cgroup.clone_children");
        assertTrue(child.notifyOnRelease(), "mkdir copies notify_on_release");
    }

    @Test
    void releaseAgentIsSetReadBackAndCleared() throws IOException {
        Path agent = executable("agent.sh", "rwxr-xr-x");
        assertEquals(agent.toString(), writer.setReleaseAgent(agent.toString()).kernelHas());
        assertEquals(agent.toString(), h.read("/", "release_agent").strip());
        assertEquals("", writer.clearReleaseAgent().kernelHas());
        assertEquals("", h.read("/", "release_agent").strip());
    }

    @Test
    void notifyOnReleaseWrittenAsTwoReadsBackOne() throws IOException {
        h.mkdir("/a");
        ReadBack back = writer.setNotifyOnRelease("/a", "2");
        assertEquals("1", h.read("/a", "notify_on_release").strip(), "the kernel stores any non-zero number as 1");
        assertEquals("2", back.asked());
        assertEquals("1", back.kernelHas());
        assertFalse(back.asAsked());
        assertEquals("asked 2, the kernel has 1", back.difference());
        assertEquals("notify_on_release of /a is now 1 (read back), not what was asked: asked 2, the kernel has 1.",
                back.describe());
    }

    @Test
    void aReleaseAgentWithSurroundingWhiteSpaceIsStoredStripped() throws IOException {
        Path agent = executable("agent.sh", "rwxr-xr-x");
        String padded = "  " + agent + "\t ";
        ReadBack back = writer.writeReleaseAgent(padded, padded);
        assertEquals(agent.toString() + "\n", h.read("/", "release_agent"));
        assertEquals(padded, back.asked());
        assertEquals(agent.toString(), back.kernelHas());
        assertEquals("asked \"" + padded + "\", the kernel has " + agent, back.difference());
    }

    @Test
    void aValueChangedBySomeoneElseBetweenTheWriteAndTheReadIsWhatTheWriterReturns() throws IOException {
        Path mine = executable("mine.sh", "rwxr-xr-x");
        Path theirs = executable("theirs.sh", "rwxr-xr-x");
        h.mkdir("/a");
        CgroupWriter racing = new CgroupWriter(new CgroupReader(h.hierarchy()), OwnProcess.current(), () -> {
            try {
                h.write("/", "release_agent", theirs.toString());
                h.write("/a", "notify_on_release", "0");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        ReadBack agent = racing.setReleaseAgent(mine.toString());
        assertEquals(mine.toString(), agent.asked());
        assertEquals(theirs.toString(), agent.kernelHas());
        assertEquals("release_agent is now " + theirs + " (read back), not what was asked: asked " + mine
                + ", the kernel has " + theirs + ".", agent.describe());
        ReadBack flag = racing.setNotifyOnRelease("/a", true);
        assertEquals("1", flag.asked());
        assertEquals("0", flag.kernelHas());
        assertFalse(flag.files().notifyOnRelease());
    }

    @Test
    void aReadBackThatMatchesSaysNothingDiffers() throws IOException {
        h.mkdir("/a");
        ReadBack back = writer.setCloneChildren("/a", true);
        assertTrue(back.asAsked());
        assertEquals("", back.difference());
        assertEquals("cgroup.clone_children of /a is now 1 (read back).", back.describe());
    }

    @Test
    void aWriteOfNothingLeavesTheReleaseAgentAsItWas() throws IOException {
        // why clearReleaseAgent writes a newline: cgroupfs ignores an empty write entirely
        Path agent = executable("agent.sh", "rwxr-xr-x");
        writer.setReleaseAgent(agent.toString());
        writer.write(WriteKind.RELEASE_AGENT, "/", "release_agent", "");
        assertEquals(agent.toString(), h.read("/", "release_agent").strip());
    }

    @Test
    void aReleaseAgentOf4096BytesIsRefusedBeforeWriting() throws IOException {
        h.write("/", "release_agent", "/bin/true");
        String tooLong = "/" + "a".repeat(4095);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> writer.setReleaseAgent(tooLong));
        assertTrue(e.getMessage().contains("4,095"), e.getMessage());
        assertEquals("/bin/true", h.read("/", "release_agent").strip());
    }

    @Test
    void theKernelItselfAnswersE2bigBeyond4095Bytes() throws IOException {
        CgroupWriteException e = assertThrows(CgroupWriteException.class,
                () -> writer.write(WriteKind.RELEASE_AGENT, "/", "release_agent", "/" + "a".repeat(4095)));
        assertEquals(Errno.E2BIG, e.errno());
        assertTrue(e.getMessage().contains("at most 4,095 bytes"), e.getMessage());
    }

    @Test
    void relativeAndMultiLineAgentsAreRefusedBeforeWriting() throws IOException {
        h.write("/", "release_agent", "/bin/true");
        for (String bad : List.of("bin/true", "/bin/true\n/bin/false", "/bin/true\0", " /bin/true", "")) {
            assertThrows(IllegalArgumentException.class, () -> writer.setReleaseAgent(bad), bad);
        }
        assertEquals("/bin/true", h.read("/", "release_agent").strip());
    }

    @Test
    void badChildNamesCreateNothing() throws IOException {
        h.mkdir("/taken");
        List<String> before = listing(h.dir());
        for (String bad : List.of("", "a/b", ".", "..", "x".repeat(256), "line\nbreak", "taken", "tasks",
                "notify_on_release")) {
            assertThrows(IllegalArgumentException.class, () -> writer.createChild("/", bad), bad);
        }
        assertEquals(before, listing(h.dir()));
        assertEquals("/" + "x".repeat(255), writer.createChild("/", "x".repeat(255)).path());
    }

    @Test
    void removingACgroupWithATaskSaysWhichProcessHoldsIt() throws IOException {
        h.mkdir("/busy");
        Process p = h.startIn("/busy");
        CgroupWriteException e = assertThrows(CgroupWriteException.class, () -> writer.remove("/busy"));
        assertEquals(Errno.EBUSY, e.errno());
        assertTrue(e.getMessage().contains("process " + p.pid()), e.getMessage());
        assertTrue(Files.isDirectory(h.pathOf("/busy")));
        h.stop(p);
        writer.remove("/busy");
        assertFalse(Files.exists(h.pathOf("/busy")));
    }

    @Test
    void removingACgroupWithAChildSaysSo() throws IOException {
        h.mkdir("/p/kid");
        CgroupWriteException e = assertThrows(CgroupWriteException.class, () -> writer.remove("/p"));
        assertEquals(Errno.EBUSY, e.errno());
        assertTrue(e.getMessage().contains("child cgroup kid"), e.getMessage());
    }

    @Test
    void removingAVanishedCgroupSaysItVanished() throws IOException {
        h.mkdir("/gone");
        h.rmdir("/gone");
        CgroupWriteException e = assertThrows(CgroupWriteException.class, () -> writer.remove("/gone"));
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.getMessage().contains("vanished"), e.getMessage());
    }

    @Test
    void aLiveProcessMovesAndIsReadBack() throws IOException {
        h.mkdir("/a");
        h.mkdir("/b");
        Process p = h.startIn("/a");
        CgroupFiles b = writer.moveProcess("/b", (int) p.pid());
        assertTrue(b.procs().contains((int) p.pid()));
        assertFalse(h.read("/a", "cgroup.procs").contains(Long.toString(p.pid())));
    }

    @Test
    void movingAnExitedProcessIsEsrch() throws IOException {
        h.mkdir("/a");
        int dead;
        try (Processes processes = new Processes()) {
            Process p = processes.sleeper();
            dead = (int) p.pid();
            processes.stop(p);
        }
        assumeTrue(!Files.exists(Path.of("/proc", Integer.toString(dead))), "pid " + dead + " was reused at once");
        CgroupWriteException e = assertThrows(CgroupWriteException.class, () -> writer.moveProcess("/a", dead));
        assertEquals(Errno.ESRCH, e.errno());
        assertTrue(e.getMessage().contains("pid " + dead), e.getMessage());
        assertEquals("", h.read("/a", "cgroup.procs").strip());
    }

    @Test
    void whatIsNotAPidIsEinvalFromTheKernel() throws IOException {
        h.mkdir("/a");
        CgroupWriteException e = assertThrows(CgroupWriteException.class,
                () -> writer.write(WriteKind.MOVE_PROCESS, "/a", "cgroup.procs", "-1"));
        assertEquals(Errno.EINVAL, e.errno());
        assertTrue(e.getMessage().contains("will not move process -1"), e.getMessage());
    }

    @Test
    void aBoundKernelThreadCannotBeMoved() throws IOException {
        // PF_NO_SETAFFINITY kernel threads (per-CPU ones) are refused with EINVAL before any
        // migration: the kernel keeps them where they are, so this write changes nothing
        int kthread = boundKernelThread();
        assumeTrue(kthread > 0, "no per-CPU kernel thread found");
        h.mkdir("/a");
        CgroupWriteException e = assertThrows(CgroupWriteException.class, () -> writer.moveProcess("/a", kthread));
        assertEquals(Errno.EINVAL, e.errno());
        assertTrue(e.getMessage().contains("kernel threads"), e.getMessage());
    }

    @Test
    void aV2CgroupFreezesAndThaws() throws IOException {
        assumeTrue(V2Sandbox.machineV2().isPresent(), "no cgroup2 mount here");
        try (V2Sandbox s = V2Sandbox.create()) {
            String child = s.path() + "/ice";
            s.mkdir(child);
            s.startIn(child);
            CgroupWriter v2 = new CgroupWriter(s.hierarchy());
            FreezeState frozen = v2.setFrozen(child, true);
            assertTrue(frozen.requested());
            Eventually.await("frozen 1", () -> Boolean.TRUE.equals(v2.reader().readFiles(child).orElseThrow().frozen()));
            FreezeState thawed = v2.setFrozen(child, false);
            assertFalse(thawed.requested());
            Eventually.await("frozen 0", () -> Boolean.FALSE.equals(v2.reader().readFiles(child).orElseThrow().frozen()));
        }
    }

    @Test
    void freezingTheCgroupOfTheWriterOrOneAboveItIsRefusedAndWritesNothing() throws IOException {
        assumeTrue(V2Sandbox.machineV2().isPresent(), "no cgroup2 mount here");
        try (V2Sandbox s = V2Sandbox.create()) {
            String home = s.path() + "/app";
            String other = s.path() + "/other";
            s.mkdir(home + "/inner");
            s.mkdir(other);
            // a sleep stands in for cgscope: the writer takes it for itself
            Process app = s.startIn(home + "/inner");
            CgroupWriter v2 = new CgroupWriter(new CgroupReader(s.hierarchy()), new OwnProcess(app.pid()), () -> { });
            for (String target : List.of(home + "/inner", home, s.path())) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v2.setFrozen(target, true));
                assertTrue(e.getMessage().contains("would freeze cgscope itself"), e.getMessage());
                assertEquals("0", Files.readString(s.pathOf(target).resolve("cgroup.freeze")).strip(), target);
            }
            assertTrue(v2.setFrozen(other, true).requested(), "a cgroup that does not hold it freezes");
            assertFalse(v2.setFrozen(home, false).requested(), "thawing is always allowed");
        }
    }

    @Test
    void movingTheWritersOwnProcessOrOneOfItsThreadsAsksFirst() throws IOException {
        OwnProcess self = OwnProcess.current();
        CgroupWriter mine = new CgroupWriter(new CgroupReader(h.hierarchy()), self, () -> { });
        Check own = mine.moveCheck((int) self.pid(), "/a");
        assertTrue(own.needsConfirmation() && own.warning().contains("cgscope itself"), own.toString());
        int thread;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            thread = tasks.map(p -> Integer.parseInt(p.getFileName().toString()))
                    .filter(t -> t != self.pid()).findFirst().orElseThrow();
        }
        assertTrue(mine.moveCheck(thread, "/a").needsConfirmation(), "a thread of it moves all of it");
        try (Processes processes = new Processes()) {
            Process other = processes.sleeper();
            assertEquals(Check.ok(), mine.moveCheck((int) other.pid(), "/a"));
        }
    }

    private Path executable(String name, String mode) throws IOException {
        Path dir = h.dir().getParent();
        Path f = dir.resolve(name);
        Files.writeString(f, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString(mode));
        return f;
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A kernel thread with PF_NO_SETAFFINITY (0x04000000) in /proc/PID/stat's flags, or -1. */
    static int boundKernelThread() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (!n.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long flags = Long.parseLong(f[6]);
                    boolean kthread = (flags & 0x00200000L) != 0;
                    if (kthread && (flags & 0x04000000L) != 0) {
                        return Integer.parseInt(n);
                    }
                } catch (IOException | RuntimeException gone) {
                    // exited meanwhile
                }
            }
        }
        return -1;
    }
}
