package io.cgscope.kernel;

import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Check;
import io.cgscope.model.Hierarchy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The checks made before a write: release agent files, pids, and who owns a hierarchy. */
class EditValidationTest {
    @TempDir
    Path tmp;

    @Test
    void aRootOwnedExecutableAgentIsFine() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "ownership checks need files owned by root");
        assertEquals(Check.ok(), ReleaseAgentCheck.check(script("ok.sh", "rwxr-xr-x").toString()));
    }

    @Test
    void aMissingAgentIsRefused() {
        Check c = ReleaseAgentCheck.check(tmp.resolve("nothing").toString());
        assertTrue(c.refused() && c.refusal().contains("does not exist"), c.toString());
    }

    @Test
    void aDirectoryIsRefused() {
        assertTrue(ReleaseAgentCheck.check(tmp.toString()).refusal().contains("not a regular file"));
    }

    @Test
    void aNonExecutableAgentIsRefused() throws IOException {
        Check c = ReleaseAgentCheck.check(script("plain.sh", "rw-r--r--").toString());
        assertTrue(c.refused() && c.refusal().contains("not executable"), c.toString());
    }

    @Test
    void aGroupWritableAgentAsksFirst() throws IOException {
        Check c = ReleaseAgentCheck.check(script("g.sh", "rwxrwxr-x").toString());
        assertTrue(c.needsConfirmation() && c.warning().contains("group-writable"), c.toString());
        assertTrue(c.warning().contains("as root"), c.toString());
    }

    @Test
    void aWorldWritableAgentAsksFirst() throws IOException {
        Check c = ReleaseAgentCheck.check(script("w.sh", "rwxr-xrwx").toString());
        assertTrue(c.needsConfirmation() && c.warning().contains("world-writable"), c.toString());
    }

    @Test
    void anAgentNotOwnedByRootAsksFirst() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "chown needs root");
        Path f = script("nobody.sh", "rwxr-xr-x");
        Files.setAttribute(f, "unix:uid", 65534);
        Check c = ReleaseAgentCheck.check(f.toString());
        assertTrue(c.needsConfirmation() && c.warning().contains("owned by uid 65534"), c.toString());
    }

    @Test
    void aDirectoryAboveTheAgentOwnedByAnotherUserAsksFirst() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "chown needs root");
        Path dir = directory("theirs", 0755);
        Path agent = script(dir, "agent.sh", "rwxr-xr-x");
        Files.setAttribute(dir, "unix:uid", 65534);
        Check c = ReleaseAgentCheck.check(agent.toString());
        assertTrue(c.needsConfirmation(), c.toString());
        assertTrue(c.warning().contains("The directory " + dir + " above it is owned by uid 65534, not root"), c.warning());
    }

    @Test
    void aDirectoryAboveTheAgentWritableByGroupOrOthersAsksFirst() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "the other checks need files owned by root");
        Path group = directory("group", 0775);
        Check g = ReleaseAgentCheck.check(script(group, "agent.sh", "rwxr-xr-x").toString());
        assertTrue(g.needsConfirmation() && g.warning().contains("The directory " + group + " above it is group-writable"),
                g.toString());
        Path deeper = directory("open", 0777).resolve("deeper");
        Files.createDirectory(deeper);
        Files.setPosixFilePermissions(deeper, PosixFilePermissions.fromString("rwxr-xr-x"));
        Check o = ReleaseAgentCheck.check(script(deeper, "agent.sh", "rwxr-xr-x").toString());
        assertTrue(o.needsConfirmation()
                && o.warning().contains("The directory " + deeper.getParent() + " above it is writable by others"),
                o.toString());
    }

    @Test
    void aStickyDirectoryOfRootsAboveARootOwnedAgentIsFine() throws IOException {
        // the sticky bit lets only root and each entry's owner rename or remove that entry, as in /tmp
        assumeTrue("root".equals(System.getProperty("user.name")), "ownership checks need files owned by root");
        Path sticky = directory("sticky", 01777);
        assertEquals(Check.ok(), ReleaseAgentCheck.check(script(sticky, "agent.sh", "rwxr-xr-x").toString()));
        Path theirs = sticky.resolve("theirs");
        Files.createDirectory(theirs);
        Files.setAttribute(theirs, "unix:uid", 65534);
        Check c = ReleaseAgentCheck.check(script(theirs, "agent.sh", "rwxr-xr-x").toString());
        assertTrue(c.needsConfirmation() && c.warning().contains(theirs + " above it is owned by uid 65534"), c.toString());
    }

    @Test
    void aSymbolicLinkOnTheWayOwnedByAnotherUserAsksFirst() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "chown needs root");
        Path real = directory("real", 0755);
        script(real, "agent.sh", "rwxr-xr-x");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        Files.setAttribute(link, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);
        Check c = ReleaseAgentCheck.check(link.resolve("agent.sh").toString());
        assertTrue(c.needsConfirmation()
                && c.warning().contains("The symbolic link " + link + " on the way is owned by uid 65534"), c.toString());
    }

    @Test
    void aLinkIntoADirectoryOthersMayWriteIsFollowedThere() throws IOException {
        // the path as typed passes only through safe directories; the file the kernel runs does not
        assumeTrue("root".equals(System.getProperty("user.name")), "ownership checks need files owned by root");
        Path open = directory("open", 0777);
        Path target = script(open, "agent.sh", "rwxr-xr-x");
        Path safe = directory("safe", 0755);
        Path viaDir = Files.createSymbolicLink(safe.resolve("dir"), java.nio.file.Paths.get("../open"));
        Path viaFile = Files.createSymbolicLink(safe.resolve("agent"), target);
        for (Path p : List.of(viaDir.resolve("agent.sh"), viaFile)) {
            Check c = ReleaseAgentCheck.check(p.toString());
            assertTrue(c.needsConfirmation() && c.warning().contains("The directory " + open + " above it is writable by others"),
                    p + ": " + c);
        }
    }

    @Test
    void aCheckAgainFindsWhatChangedSinceTheQuestion() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "ownership checks need files owned by root");
        Path dir = directory("later", 0755);
        Path agent = script(dir, "agent.sh", "rwxr-xr-x");
        assertEquals(Check.ok(), ReleaseAgentCheck.recheck(agent.toString(), null));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Check changed = ReleaseAgentCheck.recheck(agent.toString(), null);
        assertTrue(changed.refused() && changed.refusal().contains("changed while you were asked")
                && changed.refusal().contains("asked: the directory " + dir + " above it is writable by others"), changed.toString());
        String agreed = ReleaseAgentCheck.check(agent.toString()).warning();
        assertEquals(Check.ok(), ReleaseAgentCheck.recheck(agent.toString(), agreed), "what was agreed to stands");
        Files.delete(agent);
        assertTrue(ReleaseAgentCheck.recheck(agent.toString(), agreed).refusal().contains("does not exist"));
    }

    @Test
    void agentSyntaxRules() {
        assertTrue(ReleaseAgentCheck.syntax("relative/agent").refusal().contains("absolute"));
        assertTrue(ReleaseAgentCheck.syntax("/a\nb").refusal().contains("line break"));
        assertTrue(ReleaseAgentCheck.syntax("/a\0b").refusal().contains("NUL"));
        // refused for what is wrong, not for the absolute-path rule a leading character also breaks
        assertTrue(ReleaseAgentCheck.syntax("\n/a").refusal().contains("line break"));
        assertTrue(ReleaseAgentCheck.syntax("/a\r").refusal().contains("line break"));
        assertTrue(ReleaseAgentCheck.syntax("\0/a").refusal().contains("NUL"));
        assertTrue(ReleaseAgentCheck.syntax("/a ").refusal().contains("white space"));
        assertTrue(ReleaseAgentCheck.syntax("").refused());
        assertTrue(ReleaseAgentCheck.syntax("/" + "a".repeat(4095)).refusal().contains("4096 bytes"));
        assertFalse(ReleaseAgentCheck.syntax("/" + "a".repeat(4094)).refused());
        // bytes, not characters: 2,048 two-byte letters are 4,097 bytes with the slash
        assertTrue(ReleaseAgentCheck.syntax("/" + "é".repeat(2048)).refused());
    }

    @Test
    void pidsMustBePositiveNumbersOfLiveProcesses() throws IOException {
        Files.createDirectories(tmp.resolve("17"));
        Files.writeString(tmp.resolve("17/status"), "Name:\tx\nTgid:\t17\nPid:\t17\n");
        assertEquals(Check.ok(), PidCheck.check(" 17 ", tmp));
        assertTrue(PidCheck.check("", tmp).refused());
        assertTrue(PidCheck.check("abc", tmp).refusal().contains("not a pid"));
        assertTrue(PidCheck.check("-3", tmp).refusal().contains("not a pid"));
        assertTrue(PidCheck.check("0", tmp).refusal().contains("positive"));
        assertTrue(PidCheck.check("99999999999", tmp).refused());
        assertTrue(PidCheck.check("18", tmp).refusal().contains("No process with pid 18"));
        assertEquals(17, io.cgscope.model.PidText.parse(" 17 "));
    }

    @Test
    void aThreadIdAsksBecauseTheWholeProcessMoves() throws IOException {
        Files.createDirectories(tmp.resolve("21"));
        Files.writeString(tmp.resolve("21/status"), "Name:\tx\nTgid:\t20\nPid:\t21\n");
        Check c = PidCheck.check("21", tmp);
        assertTrue(c.needsConfirmation() && c.warning().contains("whole process 20"), c.toString());
    }

    @Test
    void theSystemdHierarchyIsOwnedByName() throws IOException {
        Path init = initCgroup("1:name=systemd:/\n");
        assertTrue(ServiceManagerCheck.ownerOf(v1(List.of(), "systemd"), init).contains("systemd"));
    }

    @Test
    void aHierarchyWherePid1LivesBelowTheRootIsOwned() throws IOException {
        Path init = initCgroup("4:cpu,cpuacct:/init.scope\n3:memory:/\n0::/init.scope\n");
        assertTrue(ServiceManagerCheck.ownerOf(v1(List.of("cpu", "cpuacct"), null), init).contains("/init.scope"));
        assertNull(ServiceManagerCheck.ownerOf(v1(List.of("memory"), null), init));
        Hierarchy v2 = new Hierarchy("0:2", CgroupVersion.V2, List.of(), null, Path.of("/sys/fs/cgroup"), "/",
                List.of(), null, false, false);
        assertTrue(ServiceManagerCheck.ownerOf(v2, init).contains("PID 1 lives in /init.scope"));
    }

    @Test
    void aPrivateNamedHierarchyWithPid1AtItsRootIsNotOwned() throws IOException {
        Path init = initCgroup("12:name=cgscope-x:/\n1:name=systemd:/init.scope\n");
        assertNull(ServiceManagerCheck.ownerOf(v1(List.of(), "cgscope-x"), init));
    }

    private Path initCgroup(String text) throws IOException {
        return Files.writeString(tmp.resolve("cgroup"), text);
    }

    private static Hierarchy v1(List<String> controllers, String name) {
        return new Hierarchy("0:99", CgroupVersion.V1, controllers, name, Path.of("/x"), "/", List.of(), null,
                false, false);
    }

    /** A directory of the test's own with {@code mode}, sticky bit included (chmod, not the umask). */
    private Path directory(String name, int mode) throws IOException {
        Path d = Files.createDirectory(tmp.resolve(name));
        Files.setAttribute(d, "unix:mode", mode);
        return d;
    }

    private Path script(String name, String mode) throws IOException {
        return script(tmp, name, mode);
    }

    private static Path script(Path dir, String name, String mode) throws IOException {
        Path f = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }
}
