package io.cgscope.kernel;

import io.cgscope.model.Cgroup;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Pids;
import io.cgscope.model.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reader against directories that imitate cgroupfs files: no root, no kernel needed. */
class CgroupReaderFixtureTest {
    @TempDir
    Path root;

    @Test
    void readsAV1TreeWithItsFlagsTasksAndChildren() throws IOException {
        v1Cgroup(root, "0", "", "");
        Files.writeString(root.resolve("release_agent"), "/usr/local/sbin/agent\n");
        v1Cgroup(root.resolve("busy"), "1", "42\n7\n", "42\n43\n7\n");
        v1Cgroup(root.resolve("busy/idle"), "1", "", "");
        v1Cgroup(root.resolve("quiet"), "0", "", "");

        CgroupReader reader = new CgroupReader(hierarchy(CgroupVersion.V1));
        Snapshot s = reader.read();

        assertEquals(List.of("/", "/busy", "/busy/idle", "/quiet"), List.copyOf(s.byPath().keySet()));
        Cgroup busy = s.get("/busy");
        assertEquals(Pids.of(7, 42), busy.procs(), "cgroup.procs, sorted");
        assertEquals(Pids.of(7, 42, 43), busy.threads(), "tasks, sorted");
        assertEquals(List.of("/busy/idle"), busy.children());
        assertTrue(busy.notifyOnRelease());
        assertFalse(busy.cloneChildren());
        assertTrue(busy.populated());
        assertFalse(busy.releasable());
        assertEquals(List.of("cgroup.clone_children", "cgroup.procs", "notify_on_release", "tasks"),
                busy.interfaceFiles());

        Cgroup idle = s.get("/busy/idle");
        assertTrue(idle.releasable(), idle.reason());
        assertFalse(idle.populated());
        assertFalse(s.get("/quiet").releasable());
        assertTrue(s.root().populated(), "a task anywhere below populates the root");
        assertEquals("/usr/local/sbin/agent", s.root().releaseAgent());
        assertEquals("/usr/local/sbin/agent", reader.releaseAgent().orElseThrow());
    }

    @Test
    void populatedInV1IsComputedFromTheWholeSubtree() throws IOException {
        v1Cgroup(root, "0", "", "");
        v1Cgroup(root.resolve("a"), "1", "", "");
        v1Cgroup(root.resolve("a/b"), "1", "", "");
        v1Cgroup(root.resolve("a/b/c"), "1", "9\n", "9\n");
        v1Cgroup(root.resolve("z"), "1", "", "");

        Snapshot s = new CgroupReader(hierarchy(CgroupVersion.V1)).read();

        assertTrue(s.get("/a").populated());
        assertTrue(s.get("/a/b").populated());
        assertFalse(s.get("/z").populated());
        assertEquals("has 1 child cgroup, tasks below", s.get("/a").reason());
    }

    @Test
    void readsASubtreeWithPathsRelativeToTheHierarchyRoot() throws IOException {
        v1Cgroup(root, "0", "", "");
        v1Cgroup(root.resolve("a"), "1", "", "");
        v1Cgroup(root.resolve("a/b"), "1", "", "");

        Snapshot s = new CgroupReader(hierarchy(CgroupVersion.V1)).read("/a");

        assertEquals("/a", s.rootPath());
        assertEquals(List.of("/a", "/a/b"), List.copyOf(s.byPath().keySet()));
        assertThrows(NoSuchFileException.class, () -> new CgroupReader(hierarchy(CgroupVersion.V1)).read("/nope"));
    }

    @Test
    void readsV2PopulatedAndFrozenFromCgroupEventsByKey() throws IOException {
        Files.writeString(root.resolve("cgroup.procs"), "1\n");
        Files.writeString(root.resolve("cgroup.threads"), "1\n");
        Path svc = Files.createDirectory(root.resolve("svc"));
        Files.writeString(svc.resolve("cgroup.procs"), "");
        Files.writeString(svc.resolve("cgroup.threads"), "");
        Files.writeString(svc.resolve("cgroup.events"), "populated 1\nfrozen 1\nsome_future_key 3\n");
        Path leaf = Files.createDirectory(svc.resolve("leaf"));
        Files.writeString(leaf.resolve("cgroup.procs"), "12\n");
        Files.writeString(leaf.resolve("cgroup.threads"), "12\n13\n");
        Files.writeString(leaf.resolve("cgroup.events"), "frozen 0\npopulated 1\n");

        Snapshot s = new CgroupReader(hierarchy(CgroupVersion.V2)).read();

        Cgroup svcGroup = s.get("/svc");
        assertTrue(svcGroup.populated());
        assertTrue(svcGroup.frozen());
        assertNull(svcGroup.notifyOnRelease(), "v2 has no notify_on_release");
        assertFalse(svcGroup.releasable());
        assertEquals(Pids.of(12, 13), s.get("/svc/leaf").threads());
        assertFalse(s.get("/svc/leaf").frozen());
    }

    @Test
    void anUnreadableFileIsUnknownNotACrash() throws IOException {
        v1Cgroup(root, "0", "", "");
        Path odd = Files.createDirectory(root.resolve("odd"));
        Files.writeString(odd.resolve("tasks"), "");
        Files.writeString(odd.resolve("cgroup.procs"), "");
        Files.writeString(odd.resolve("cgroup.clone_children"), "0");
        // Root reads any file despite its mode, so EACCES cannot be staged here: a file whose
        // open fails otherwise (a dangling link) takes the same path through the reader.
        Files.createSymbolicLink(odd.resolve("notify_on_release"), odd.resolve("gone"));

        Snapshot s = new CgroupReader(hierarchy(CgroupVersion.V1)).read();

        assertEquals(List.of("/odd"), s.root().children());
        assertNull(s.get("/odd").notifyOnRelease());
        assertFalse(s.get("/odd").releasable());
    }

    @Test
    void anInterfaceFileIsReadOrRefusedWithWhatStandsInTheWay() throws IOException {
        v1Cgroup(root, "0", "", "");
        v1Cgroup(root.resolve("busy"), "1", "42\n", "42\n");
        Files.writeString(root.resolve("busy/real"), "1\n");
        Files.createSymbolicLink(root.resolve("busy/linked"), root.resolve("busy/real"));
        CgroupReader reader = new CgroupReader(hierarchy(CgroupVersion.V1));

        assertEquals("42\n", new String(reader.readInterfaceFile("/busy", "cgroup.procs"), StandardCharsets.UTF_8));
        for (String bad : List.of("..", ".", "", "busy/tasks")) {
            assertThrows(IllegalArgumentException.class, () -> reader.readInterfaceFile("/", bad), bad);
        }
        NoSuchFileException noFile = assertThrows(NoSuchFileException.class,
                () -> reader.readInterfaceFile("/busy", "memory.limit_in_bytes"));
        assertEquals(root + "/busy/memory.limit_in_bytes", noFile.getFile());
        assertThrows(NoSuchFileException.class, () -> reader.readInterfaceFile("/gone", "tasks"), "no such cgroup");
        assertThrows(NoSuchFileException.class, () -> reader.readInterfaceFile("/busy/tasks", "tasks"),
                "a file where a cgroup is named (ENOTDIR)");
        IOException link = assertThrows(IOException.class, () -> reader.readInterfaceFile("/busy", "linked"));
        assertEquals(IOException.class, link.getClass(), "neither gone nor forbidden: " + link);
        assertTrue(link.getMessage().startsWith(root + "/busy/linked: "), link.getMessage());
        assertTrue(link.getMessage().endsWith("(errno 40)"), "ELOOP, no link followed: " + link.getMessage());
    }

    private Hierarchy hierarchy(CgroupVersion version) {
        return new Hierarchy("0:99", version, List.of(), version == CgroupVersion.V1 ? "fixture" : null, root, "/",
                List.of(), null, false, false);
    }

    static void v1Cgroup(Path dir, String notify, String procs, String tasks) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("notify_on_release"), notify + "\n");
        Files.writeString(dir.resolve("cgroup.clone_children"), "0\n");
        Files.writeString(dir.resolve("cgroup.procs"), procs);
        Files.writeString(dir.resolve("tasks"), tasks);
    }
}
