package io.cgscope.sim;

import java.util.TreeMap;
import java.util.TreeSet;

/** One simulated cgroup's state; its interface files are made from it when read. Guarded by the kernel's lock. */
final class SimCgroup {
    final String path;
    boolean notifyOnRelease;
    boolean cloneChildren;
    /** v2 cgroup.freeze. */
    boolean frozen;
    /** 2007: {@code CONT_RELEASABLE}, what the {@code releasable} file shows. */
    boolean releasableBit;
    /** The child cgroups by name, sorted. */
    final TreeMap<String, SimCgroup> children = new TreeMap<>();
    /** The threads attached to this very cgroup. */
    final TreeSet<Integer> tids = new TreeSet<>();
    /** Threads in this cgroup and below it: populated while above zero. */
    int tasksInSubtree;
    /**
     * The files as last made, until something they show changes: a snapshot of 100,000 cgroups
     * after each step makes again only those a step touched.
     */
    io.cgscope.model.CgroupFiles files;

    SimCgroup(String path) {
        this.path = path;
    }

    boolean isRoot() {
        return "/".equals(path);
    }

    boolean populated() {
        return tasksInSubtree > 0;
    }
}
