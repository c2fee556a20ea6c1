package io.cgscope.ui.tree;

import io.cgscope.model.Hierarchy;
import io.cgscope.model.Paths;

/**
 * Where a cgroup lives: its host (by id), its hierarchy (by superblock device, the hierarchy's
 * identity on that host) and its path. The key of the tree's index: two hosts may both have a
 * hierarchy on device 0:29, and their rows still never collide.
 */
public record CgroupKey(String host, String device, String path) {
    public static CgroupKey of(String host, Hierarchy hierarchy, String path) {
        return new CgroupKey(host, hierarchy.device(), path);
    }

    /** The parent's key, or null for the root of the hierarchy. */
    public CgroupKey parent() {
        String p = Paths.parent(path);
        return p == null ? null : new CgroupKey(host, device, p);
    }

    /** The same host and hierarchy, another path. */
    public CgroupKey withPath(String otherPath) {
        return new CgroupKey(host, device, otherPath);
    }
}
