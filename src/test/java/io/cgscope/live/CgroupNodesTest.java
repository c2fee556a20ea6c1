package io.cgscope.live;

import io.cgscope.model.CgroupFiles;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Change;
import io.cgscope.model.Field;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Pids;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's tree of what each cgroup's files said, without a kernel: what a flush sets turns
 * into the changes a user sees, with the reasons of a v1 release (empty, no child, flag set)
 * carried up to the parents. No watch is involved (every key is null).
 */
class CgroupNodesTest {
    private static final Hierarchy V1 = new Hierarchy("0:95", CgroupVersion.V1, List.of(), "nodes",
            Path.of("/mnt/nodes"), "/", List.of(), null, false, false);
    private static final List<String> FILES = List.of("cgroup.procs", "notify_on_release", "tasks");

    private final CgroupNodes nodes = new CgroupNodes(V1, "/", null);
    private int second;

    @Test
    void aNewCgroupIsAddedAndItsParentListsIt() {
        nodes.set("/", cgroup("/", false, List.of()), null);
        assertEquals(List.of("/ added"), settle());

        nodes.set("/", cgroup("/", false, List.of("/a")), null);
        nodes.set("/a", cgroup("/a", true, List.of()), null);
        assertEquals(List.of("/ changed [children]", "/a added", "/a releasable"), settle());
        assertTrue(nodes.snapshot().get("/a").releasable());
        assertEquals(2, nodes.size());
    }

    @Test
    void aTaskBelowAReleasableParentMakesItUnreleasableAndItsLeavingMakesItReleasableAgain() {
        nodes.set("/", cgroup("/", false, List.of("/a")), null);
        nodes.set("/a", cgroup("/a", true, List.of("/a/b")), null);
        nodes.set("/a/b", cgroup("/a/b", false, List.of()), null);
        settle();
        assertFalse(nodes.snapshot().get("/a").releasable(), "a child, even empty, holds /a");

        nodes.set("/a/b", cgroup("/a/b", false, List.of(), 42), null);
        assertEquals(List.of("/ changed [populated]", "/a changed [populated]", "/a/b changed [populated,procs,threads]"),
                settle(), "a task in /a/b populates it and every ancestor");
        assertEquals(List.of("/a/b"), nodes.occupied());
        assertTrue(nodes.anyOccupied());

        nodes.set("/a/b", cgroup("/a/b", false, List.of()), null);
        assertEquals(List.of("/ changed [populated]", "/ emptied", "/a changed [populated]", "/a emptied",
                "/a/b changed [populated,procs,threads]", "/a/b emptied"), settle(), "and its leaving empties them");
        assertEquals(List.of(), nodes.occupied());

        nodes.vanished("/a/b");
        assertEquals(List.of("/a changed [children]", "/a releasable", "/a released", "/a/b removed"), settle(),
                "its last child gone, the kernel calls the release agent for /a");
        assertNull(nodes.snapshot().get("/a/b"));
        assertTrue(nodes.snapshot().get("/a").releasable(), "empty, no child, flag set: the kernel would release it");
    }

    @Test
    void filesReadAgainUnchangedChangeNothing() {
        nodes.set("/", cgroup("/", false, List.of("/a")), null);
        nodes.set("/a", cgroup("/a", true, List.of(), 7), null);
        settle();
        Object before = nodes.snapshot();

        nodes.set("/a", cgroup("/a", true, List.of(), 7), null);
        assertEquals(List.of(), settle());
        assertTrue(before == nodes.snapshot(), "the same snapshot, not one built again");
    }

    @Test
    void aVanishedCgroupTakesEveryCgroupBelowItAndLeavesItsParentsList() {
        nodes.set("/", cgroup("/", false, List.of("/a", "/c")), null);
        nodes.set("/a", cgroup("/a", false, List.of("/a/b")), null);
        nodes.set("/a/b", cgroup("/a/b", false, List.of(), 5), null);
        nodes.set("/c", cgroup("/c", false, List.of()), null);
        settle();

        nodes.vanished("/a");
        List<String> changes = settle();
        assertTrue(changes.containsAll(List.of("/a removed", "/a/b removed")), changes.toString());
        assertFalse(nodes.contains("/a/b"));
        assertTrue(nodes.contains("/c"));
        assertEquals(List.of("/c"), nodes.snapshot().root().children());
        assertEquals(List.of(), nodes.occupied(), "the task went with its cgroup");
    }

    private List<String> settle() {
        List<Change> out = new ArrayList<>();
        nodes.settle(Instant.ofEpochSecond(++second), out);
        return out.stream().map(c -> c.path() + " " + c.kind().jsonName() + (c.fields().isEmpty() ? ""
                        : " " + c.fields().stream().map(Field::jsonName).sorted().collect(Collectors.joining(",", "[", "]"))))
                .sorted().toList();
    }

    private static CgroupFiles cgroup(String path, boolean notify, List<String> children, int... pids) {
        Pids p = pids.length == 0 ? Pids.EMPTY : Pids.of(pids);
        return new CgroupFiles(path, notify, false, null, p, p, null, null, children, FILES);
    }
}
