package io.cgscope.sim;

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
    /** Names of the child cgroups, sorted. */
    final TreeSet<String> children = new TreeSet<>();
    /** The threads attached to this very cgroup. */
    final TreeSet<Integer> tids = new TreeSet<>();
    /** Threads in this cgroup and below it: populated while above zero. */
    int tasksInSubtree;

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
