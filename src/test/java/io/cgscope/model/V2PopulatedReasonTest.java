package io.cgscope.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A populated v2 cgroup says whether its own processes or its children populate it. */
class V2PopulatedReasonTest {
    @Test
    void aCgroupPopulatedOnlyThroughAChildSaysItHasNoProcessOfItsOwn() {
        CgroupFiles parent = new CgroupFiles("/svc", null, null, null, Pids.EMPTY, Pids.EMPTY, true, false,
                List.of("/svc/worker"), List.of());

        assertEquals("populated: no process here, 1 child cgroup", Cgroup.of(CgroupVersion.V2, parent, true).reason());
    }

    @Test
    void ownProcessesAndChildrenAreBothCounted() {
        CgroupFiles parent = new CgroupFiles("/svc", null, null, null, Pids.of(5, 6), Pids.of(5, 6, 7), true, false,
                List.of("/svc/a", "/svc/b"), List.of());

        assertEquals("populated: 2 processes, 2 child cgroups", Cgroup.of(CgroupVersion.V2, parent, true).reason());
    }
}
