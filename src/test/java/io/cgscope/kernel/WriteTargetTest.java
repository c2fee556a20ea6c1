package io.cgscope.kernel;

import io.cgscope.model.CgroupWriteException;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Paths;
import io.cgscope.testkit.PrivateHierarchy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Nothing is written, made or removed anywhere but in a real cgroupfs: not through a link planted
 * where an interface file is expected, not into a directory that is not a cgroupfs (a hierarchy
 * unmounted under the writer leaves a bare mount point), not outside the hierarchy by "..".
 */
class WriteTargetTest {
    @TempDir
    Path root;

    private Hierarchy fixture() {
        return new Hierarchy("0:0", CgroupVersion.V1, List.of(), "fixture", root, "/", List.of(), null, false, false);
    }

    /** A directory that looks like a v1 cgroup to a reader: the four core files. */
    private void v1Files(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("cgroup.procs"), "");
        Files.writeString(dir.resolve("tasks"), "");
        Files.writeString(dir.resolve("cgroup.clone_children"), "0\n");
        Files.writeString(dir.resolve("release_agent"), "\n");
    }

    @Test
    void aLinkWhereAnInterfaceFileIsExpectedIsNeitherWrittenNorReadThrough() throws IOException {
        v1Files(root);
        Path victim = Files.writeString(root.resolveSibling(root.getFileName() + "-victim"), "1 precious\n");
        try {
            Files.createSymbolicLink(root.resolve("notify_on_release"), victim);
            CgroupWriter writer = new CgroupWriter(fixture());

            assertThrows(CgroupWriteException.class, () -> writer.setNotifyOnRelease("/", false));
            assertEquals("1 precious\n", Files.readString(victim), "the link's target is untouched");
            assertNull(new CgroupReader(fixture()).readFiles("/").orElseThrow().notifyOnRelease(),
                    "the link is not read through either: its target said 1");
        } finally {
            Files.deleteIfExists(victim);
        }
    }

    @Test
    void aFileThatIsNotOnACgroupfsIsNotWritten() throws IOException {
        v1Files(root);
        Files.writeString(root.resolve("notify_on_release"), "0\n");
        CgroupWriter writer = new CgroupWriter(fixture());

        CgroupWriteException e = assertThrows(CgroupWriteException.class, () -> writer.setNotifyOnRelease("/", true));
        assertTrue(e.getMessage().contains("not on a cgroup filesystem"), e.getMessage());
        assertEquals("0\n", Files.readString(root.resolve("notify_on_release")));
        assertThrows(CgroupWriteException.class, () -> writer.createChild("/", "made"));
        assertFalse(Files.exists(root.resolve("made")), "no directory made outside a cgroupfs");
        v1Files(root.resolve("kept"));
        assertThrows(CgroupWriteException.class, () -> writer.remove("/kept"));
        assertTrue(Files.isDirectory(root.resolve("kept")));
    }

    @Test
    void aHierarchyUnmountedUnderTheWriterIsAnErrorInWordsAndNothingIsMade() throws IOException {
        assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            CgroupWriter writer = new CgroupWriter(h.hierarchy());
            run("umount", h.dir().toString());
            try {
                CgroupWriteException e = assertThrows(CgroupWriteException.class, () -> writer.createChild("/", "job"));
                assertTrue(e.getMessage().contains("not on a cgroup filesystem"), e.getMessage());
                assertFalse(Files.exists(h.dir().resolve("job")), "no plain directory in the bare mount point");
            } finally {
                // mounted again by name, so that the test kit unmounts and frees it as usual
                run("mount", "-t", "cgroup", "-o", "none,name=" + h.name(), "cgroup", h.dir().toString());
            }
        }
    }

    /**
     * Another hierarchy mounted where the shown one was is a cgroupfs too, and may even have the
     * same paths: a write meant for the first must not land in it.
     */
    @Test
    void anotherHierarchyMountedInItsPlaceIsNotWritten() throws IOException {
        assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
        try (PrivateHierarchy shown = PrivateHierarchy.mount(); PrivateHierarchy other = PrivateHierarchy.mount()) {
            shown.mkdir("/job");
            other.mkdir("/job");
            CgroupWriter writer = new CgroupWriter(shown.hierarchy());
            run("mount", "--bind", other.dir().toString(), shown.dir().toString());
            try {
                CgroupWriteException e = assertThrows(CgroupWriteException.class,
                        () -> writer.setNotifyOnRelease("/job", true));
                assertTrue(e.getMessage().contains("another filesystem"), e.getMessage());
                assertEquals("0", other.read("/job", "notify_on_release").strip(), "nothing written in the other hierarchy");
                assertThrows(CgroupWriteException.class, () -> writer.createChild("/", "made"));
                assertFalse(Files.exists(other.pathOf("/made")), "nothing made in the other hierarchy");
                assertThrows(CgroupWriteException.class, () -> writer.remove("/job"));
                assertTrue(Files.isDirectory(other.pathOf("/job")), "nothing removed from the other hierarchy");
            } finally {
                run("umount", shown.dir().toString());
            }
            assertEquals("1", writer.setNotifyOnRelease("/job", true).kernelHas(), "its own mount back, it is written");
        }
    }

    @Test
    void dotDotNeverLeavesTheHierarchy() throws IOException {
        assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            h.mkdir("/a");
            Path outside = h.dir().resolveSibling("notify_on_release");
            Files.writeString(outside, "0\n");
            CgroupWriter writer = new CgroupWriter(h.hierarchy());

            assertThrows(IllegalArgumentException.class, () -> writer.setNotifyOnRelease("/a/../..", true));
            assertThrows(IllegalArgumentException.class, () -> writer.setNotifyOnRelease("/..", true));
            assertEquals("0\n", Files.readString(outside), "nothing written above the mount point");
            assertThrows(IllegalArgumentException.class, () -> writer.reader().readFiles("/a/.."));
            assertThrows(IllegalArgumentException.class, () -> writer.reader().readFiles("//a"));
            assertThrows(IllegalArgumentException.class, () -> writer.remove("/a/."));
            assertTrue(Files.isDirectory(h.pathOf("/a")));
            assertThrows(IllegalArgumentException.class, () -> Paths.isWithin("/a/../b", "/a"));
        }
    }

    private static void run(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
