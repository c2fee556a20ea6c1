package io.cgscope.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The diff of two states of one cgroup, without the kernel. */
class DiffTest {
    private static final Hierarchy V1 = new Hierarchy("0:99", CgroupVersion.V1, List.of(), "demo",
            Path.of("/mnt/demo"), "/", List.of(), null, false, false);
    private static final Hierarchy V2 = new Hierarchy("0:98", CgroupVersion.V2, List.of(), null,
            Path.of("/sys/fs/cgroup"), "/", List.of(), null, false, false);
    private static final Instant T = Instant.parse("2026-11-28T14:45:01.123Z");
    private static final List<String> FILES = List.of("cgroup.clone_children", "cgroup.procs", "notify_on_release", "tasks");

    private static Cgroup v1(boolean notify, Pids tasks, List<String> children, boolean subtreePopulated) {
        CgroupFiles f = new CgroupFiles("/a", notify, false, null, tasks, tasks, null, null, children, FILES);
        return Cgroup.of(CgroupVersion.V1, f, subtreePopulated || !tasks.isEmpty());
    }

    private static Cgroup v2(boolean populated, Pids procs) {
        CgroupFiles f = new CgroupFiles("/a", null, null, null, procs, procs, populated, false, List.of(),
                List.of("cgroup.events", "cgroup.procs"));
        return Cgroup.of(CgroupVersion.V2, f, populated);
    }

    private static List<ChangeKind> kinds(Hierarchy h, Cgroup before, Cgroup after) {
        return Diff.between(T, h, "/a", before, after).stream().map(Change::kind).toList();
    }

    @Test
    void lastTaskLeavingWithNotifyOnReleaseIsReleasedInOrder() {
        Cgroup busy = v1(true, Pids.of(42), List.of(), false);
        Cgroup idle = v1(true, Pids.EMPTY, List.of(), false);
        List<Change> changes = Diff.between(T, V1, "/a", busy, idle);
        assertEquals(List.of(ChangeKind.CHANGED, ChangeKind.EMPTIED, ChangeKind.RELEASABLE, ChangeKind.RELEASED),
                changes.stream().map(Change::kind).toList());
        assertEquals(Set.of(Field.PROCS, Field.THREADS, Field.POPULATED), changes.get(0).fields());
        assertTrue(changes.stream().allMatch(c -> c.time().equals(T) && c.path().equals("/a")));
        assertEquals(busy, changes.get(0).before());
        assertEquals(idle, changes.get(0).after());
    }

    @Test
    void lastChildRemovedIsReleased() {
        Cgroup parent = v1(true, Pids.EMPTY, List.of("/a/b"), false);
        Cgroup alone = v1(true, Pids.EMPTY, List.of(), false);
        assertEquals(List.of(ChangeKind.CHANGED, ChangeKind.RELEASABLE, ChangeKind.RELEASED), kinds(V1, parent, alone));
    }

    @Test
    void notifyOnReleaseWrittenToOneWhileIdleIsReleasableButNotReleased() {
        Cgroup off = v1(false, Pids.EMPTY, List.of(), false);
        Cgroup on = v1(true, Pids.EMPTY, List.of(), false);
        assertEquals(List.of(ChangeKind.CHANGED, ChangeKind.RELEASABLE), kinds(V1, off, on));
        assertEquals(List.of(ChangeKind.CHANGED, ChangeKind.UNRELEASABLE), kinds(V1, on, off));
    }

    @Test
    void notifyOnReleaseZeroLosesItsLastTaskWithoutRelease() {
        Cgroup busy = v1(false, Pids.of(7), List.of(), false);
        Cgroup idle = v1(false, Pids.EMPTY, List.of(), false);
        assertEquals(List.of(ChangeKind.CHANGED, ChangeKind.EMPTIED), kinds(V1, busy, idle));
    }

    @Test
    void notifyWrittenToOneTogetherWithTheLastExitIsNotAKernelRelease() {
        Cgroup busyOff = v1(false, Pids.of(7), List.of(), false);
        Cgroup idleOn = v1(true, Pids.EMPTY, List.of(), false);
        assertEquals(List.of(ChangeKind.CHANGED, ChangeKind.EMPTIED, ChangeKind.RELEASABLE), kinds(V1, busyOff, idleOn));
    }

    @Test
    void addedAndRemovedAndCancelling() {
        Cgroup idle = v1(true, Pids.EMPTY, List.of(), false);
        Cgroup off = v1(false, Pids.EMPTY, List.of(), false);
        assertEquals(List.of(ChangeKind.ADDED, ChangeKind.RELEASABLE), kinds(V1, null, idle));
        assertEquals(List.of(ChangeKind.ADDED), kinds(V1, null, off));
        assertEquals(List.of(ChangeKind.REMOVED), kinds(V1, idle, null));
        assertEquals(List.of(), kinds(V1, null, null));
        assertEquals(List.of(), kinds(V1, idle, v1(true, Pids.EMPTY, List.of(), false)), "equal states: nothing");
    }

    @Test
    void ancestorLosingTasksBelowIsEmptiedButNotReleasedWhileItHasAChild() {
        Cgroup before = v1(true, Pids.EMPTY, List.of("/a/b"), true);
        Cgroup after = v1(true, Pids.EMPTY, List.of("/a/b"), false);
        List<Change> changes = Diff.between(T, V1, "/a", before, after);
        assertEquals(List.of(ChangeKind.CHANGED, ChangeKind.EMPTIED), changes.stream().map(Change::kind).toList());
        assertEquals(Set.of(Field.POPULATED), changes.get(0).fields());
    }

    @Test
    void v2EmptiedButNeverReleased() {
        List<ChangeKind> k = kinds(V2, v2(true, Pids.of(5)), v2(false, Pids.EMPTY));
        assertEquals(List.of(ChangeKind.CHANGED, ChangeKind.EMPTIED), k);
    }
}
