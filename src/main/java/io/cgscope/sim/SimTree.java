package io.cgscope.sim;

import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Paths;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/** One simulated hierarchy: its cgroups by path and its release agent. Guarded by the kernel's lock. */
final class SimTree {
    final Hierarchy hierarchy;
    private final Map<String, SimCgroup> cgroups = new HashMap<>();
    /** The cgroups whose files or place changed since {@link #takeTouched()}, removed ones included. */
    private Set<String> touched = new LinkedHashSet<>();
    /** "" for none, as the file reads (without its newline). */
    String releaseAgent = "";

    SimTree(Hierarchy hierarchy) {
        this.hierarchy = hierarchy;
        cgroups.put("/", new SimCgroup("/"));
    }

    boolean v1() {
        return hierarchy.version() == CgroupVersion.V1;
    }

    SimCgroup get(String path) {
        return cgroups.get(path);
    }

    SimCgroup root() {
        return cgroups.get("/");
    }

    SimCgroup add(String path) {
        SimCgroup c = new SimCgroup(path);
        cgroups.put(path, c);
        SimCgroup parent = get(Paths.parent(path));
        parent.children.put(Paths.name(path), c);
        touch(parent);
        touch(c);
        return c;
    }

    void remove(SimCgroup c) {
        cgroups.remove(c.path);
        SimCgroup parent = get(Paths.parent(c.path));
        parent.children.remove(Paths.name(c.path));
        touch(parent);
        touched.add(c.path);
    }

    /** Something {@code c}'s files show changed: they are made again, and the next batch looks at it. */
    void touch(SimCgroup c) {
        c.files = null;
        touched.add(c.path);
    }

    /** The paths touched since the last call, and none from now on. */
    Set<String> takeTouched() {
        Set<String> t = touched;
        touched = new LinkedHashSet<>();
        return t;
    }

    List<String> childPaths(SimCgroup c) {
        List<String> out = new ArrayList<>(c.children.size());
        c.children.values().forEach(child -> out.add(child.path));
        return out;
    }

    int size() {
        return cgroups.size();
    }

    /** Every path, parents before children, siblings by name. */
    List<SimCgroup> inOrder() {
        List<SimCgroup> out = new ArrayList<>(cgroups.size());
        ArrayList<SimCgroup> stack = new ArrayList<>();
        stack.add(root());
        while (!stack.isEmpty()) {
            SimCgroup c = stack.remove(stack.size() - 1);
            out.add(c);
            for (SimCgroup child : c.children.descendingMap().values()) {
                stack.add(child);
            }
        }
        return out;
    }

    /** The cgroup and its ancestors, the cgroup first. */
    List<SimCgroup> upFrom(SimCgroup c) {
        List<SimCgroup> out = new ArrayList<>();
        for (String p = c.path; p != null; p = Paths.parent(p)) {
            out.add(get(p));
        }
        return out;
    }

    /** Counts one task more in {@code c}'s subtree: an ancestor it populates changes too. */
    void join(SimCgroup c) {
        touch(c);
        for (SimCgroup x : upFrom(c)) {
            if (x.tasksInSubtree++ == 0) {
                touch(x);
            }
        }
    }

    /** Counts one task less in {@code c}'s subtree; returns those it left empty, lowest first. */
    List<SimCgroup> leave(SimCgroup c) {
        touch(c);
        List<SimCgroup> emptied = new ArrayList<>(2);
        for (SimCgroup x : upFrom(c)) {
            if (--x.tasksInSubtree == 0) {
                touch(x);
                emptied.add(x);
            }
        }
        return emptied;
    }
}
