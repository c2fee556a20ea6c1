package io.cgscope.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A mount that shows only a subtree keeps that subtree as its root; none given means "/". */
class SubtreeMountRootTest {
    @Test
    void aSubtreeMountKeepsItsRootAndAMissingRootIsTheHierarchyRoot() {
        assertEquals("/docker/abc", hierarchy("/docker/abc").mountRoot());
        assertEquals("/", hierarchy(null).mountRoot());
    }

    private static Hierarchy hierarchy(String mountRoot) {
        return new Hierarchy("0:52", CgroupVersion.V1, List.of(), "demo", Path.of("/mnt/demo"), mountRoot,
                List.of(), null, false, false);
    }
}
