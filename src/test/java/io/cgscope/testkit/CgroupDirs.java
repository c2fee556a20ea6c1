package io.cgscope.testkit;

import io.cgscope.local.NamedV1Mounts;

import java.nio.file.Path;

/** Removing a tree of cgroups the test made: rmdir deepest first ({@link NamedV1Mounts#removeTree}). */
final class CgroupDirs {
    private CgroupDirs() {
    }

    static void removeTree(Path top, boolean includingTop) {
        NamedV1Mounts.removeTree(top, includingTop);
    }
}
