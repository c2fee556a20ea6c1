package io.cgscope.ui.tree;

import io.cgscope.model.Hierarchy;
import io.cgscope.model.Paths;

/**
 * Where a cgroup lives: its hierarchy (by superblock device, the hierarchy's identity) and its
 * path. The key of the tree's index.
 */
public record CgroupKey(String device, String path) {
    public static CgroupKey of(Hierarchy hierarchy, String path) {
        return new CgroupKey(hierarchy.device(), path);
    }

    /** The parent's key, or null for the root of the hierarchy. */
    public CgroupKey parent() {
        String p = Paths.parent(path);
        return p == null ? null : new CgroupKey(device, p);
    }
}
