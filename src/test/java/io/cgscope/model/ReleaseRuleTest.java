package io.cgscope.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReleaseRuleTest {
    @Test
    void anEmptyChildlessCgroupWithNotifyOnReleaseIsReleasableAndSaysWhenTheAgentRuns() {
        Cgroup c = v1("/idle", true, Pids.EMPTY, List.of());

        assertTrue(c.releasable());
        assertTrue(c.reason().startsWith("empty, notify_on_release 1"), c.reason());
        assertTrue(c.reason().contains("never for a cgroup that had neither"), c.reason());
    }

    @Test
    void tasksBlockRelease() {
        Cgroup c = v1("/busy", true, Pids.of(10, 11), List.of());

        assertFalse(c.releasable());
        assertEquals("2 tasks", c.reason());
    }

    @Test
    void childCgroupsBlockRelease() {
        Cgroup c = v1("/parent", true, Pids.EMPTY, List.of("/parent/child"));

        assertFalse(c.releasable());
        assertEquals("has 1 child cgroup", c.reason());
    }

    @Test
    void notifyOnReleaseZeroMeansNever() {
        Cgroup c = v1("/quiet", false, Pids.EMPTY, List.of());

        assertFalse(c.releasable());
        assertEquals("empty, but notify_on_release is 0: the kernel will not run the agent", c.reason());
        assertEquals("1 task, notify_on_release is 0", v1("/q", false, Pids.of(5), List.of()).reason());
    }

    @Test
    void theRootIsNeverReleasable() {
        Cgroup root = v1("/", true, Pids.EMPTY, List.of());

        assertFalse(root.releasable());
        assertTrue(root.reason().contains("never releases"), root.reason());
    }

    @Test
    void unknownMembershipIsNotCalledReleasable() {
        CgroupFiles f = new CgroupFiles("/x", true, false, null, null, null, null, null, List.of(), List.of());

        assertFalse(Cgroup.of(CgroupVersion.V1, f, false).releasable());
    }

    @Test
    void v2IsNeverReleasableAndTellsEmptinessByPopulated() {
        CgroupFiles empty = new CgroupFiles("/svc", null, null, null, Pids.EMPTY, Pids.EMPTY, false, false,
                List.of(), List.of());
        CgroupFiles busy = new CgroupFiles("/svc", null, null, null, Pids.of(3), Pids.of(3), true, false,
                List.of(), List.of());

        Cgroup e = Cgroup.of(CgroupVersion.V2, empty, true);
        assertFalse(e.releasable());
        assertFalse(e.populated(), "cgroup.events wins over anything computed");
        assertTrue(e.reason().contains("populated 0"), e.reason());
        Cgroup b = Cgroup.of(CgroupVersion.V2, busy, false);
        assertTrue(b.populated());
        assertEquals("populated: 1 process", b.reason());
    }

    private static Cgroup v1(String path, boolean notify, Pids tasks, List<String> children) {
        CgroupFiles f = new CgroupFiles(path, notify, false, null, tasks, tasks, null, null, children, List.of());
        return Cgroup.of(CgroupVersion.V1, f, !tasks.isEmpty());
    }
}
