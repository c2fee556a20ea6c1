package io.cgscope.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A snapshot as the tree shows it: parents before children, siblings in the order read, and a
 * v1 cgroup counted populated when any child is, whichever child that is: the reason a parent
 * with notify_on_release is not releasable while a task lives below it.
 */
class SnapshotAssemblyTest {
    private static final Hierarchy V1 = new Hierarchy("0:97", CgroupVersion.V1, List.of(), "demo",
            Path.of("/mnt/demo"), "/", List.of(), null, false, false);
    private static final List<String> FILES = List.of("cgroup.procs", "notify_on_release", "tasks");

    @Test
    void aParentIsPopulatedWhenAnyOfItsChildrenIsWhereverItComesInTheList() {
        for (List<String> order : List.of(List.of("/a/x", "/a/y", "/a/z"), List.of("/a/y", "/a/x", "/a/z"),
                List.of("/a/y", "/a/z", "/a/x"))) {
            Map<String, CgroupFiles> files = new LinkedHashMap<>();
            files.put("/", cgroup("/", false, List.of("/a")));
            files.put("/a", cgroup("/a", true, order));
            files.put("/a/x", cgroup("/a/x", true, List.of(), 42));
            files.put("/a/y", cgroup("/a/y", true, List.of()));
            files.put("/a/z", cgroup("/a/z", true, List.of()));

            Snapshot s = Snapshot.assemble(V1, "/", files, Instant.EPOCH);

            assertTrue(s.get("/a").populated(), "a task in /a/x, children " + order);
            assertFalse(s.get("/a").releasable(), "not releasable while /a/x holds a task, children " + order);
            assertTrue(s.get("/a/y").releasable());
            assertEquals(2, s.releasableCount(), "/a/y and /a/z, not /a");
        }
    }

    @Test
    void theCgroupsComeParentsFirstWithSiblingsInTheirOrder() {
        Map<String, CgroupFiles> files = new LinkedHashMap<>();
        files.put("/c", cgroup("/c", false, List.of()));
        files.put("/a/b", cgroup("/a/b", false, List.of()));
        files.put("/a", cgroup("/a", false, List.of("/a/b")));
        files.put("/", cgroup("/", false, List.of("/a", "/c")));

        Snapshot s = Snapshot.assemble(V1, "/", files, Instant.EPOCH);

        assertEquals(List.of("/", "/a", "/a/b", "/c"), s.cgroups().stream().map(Cgroup::path).toList());
        assertEquals(4, s.size());
        assertEquals("/", s.root().path());
    }

    @Test
    void aSubtreeSnapshotHoldsTheSubtreeOnly() {
        Map<String, CgroupFiles> files = new LinkedHashMap<>();
        files.put("/", cgroup("/", false, List.of("/a", "/c")));
        files.put("/a", cgroup("/a", true, List.of("/a/b")));
        files.put("/a/b", cgroup("/a/b", true, List.of()));
        files.put("/c", cgroup("/c", true, List.of()));

        Snapshot s = Snapshot.assemble(V1, "/a", files, Instant.EPOCH);

        assertEquals(List.of("/a", "/a/b"), s.cgroups().stream().map(Cgroup::path).toList());
        assertEquals("/a", s.root().path());
    }

    private static CgroupFiles cgroup(String path, boolean notify, List<String> children, int... pids) {
        Pids p = pids.length == 0 ? Pids.EMPTY : Pids.of(pids);
        return new CgroupFiles(path, notify, false, null, p, p, null, null, children, FILES);
    }
}
