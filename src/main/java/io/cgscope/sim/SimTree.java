package io.cgscope.sim;

import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Paths;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One simulated hierarchy: its cgroups by path and its release agent. Guarded by the kernel's lock. */
final class SimTree {
    final Hierarchy hierarchy;
    private final Map<String, SimCgroup> cgroups = new HashMap<>();
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
        get(Paths.parent(path)).children.add(Paths.name(path));
        return c;
    }

    void remove(SimCgroup c) {
        cgroups.remove(c.path);
        get(Paths.parent(c.path)).children.remove(Paths.name(c.path));
    }

    List<String> childPaths(SimCgroup c) {
        List<String> out = new ArrayList<>(c.children.size());
        c.children.forEach(n -> out.add(Paths.child(c.path, n)));
        return out;
    }

    int size() {
        return cgroups.size();
    }

    /** Every path, parents before children, siblings by name. */
    List<String> paths() {
        List<String> out = new ArrayList<>(cgroups.size());
        ArrayList<String> stack = new ArrayList<>();
        stack.add("/");
        while (!stack.isEmpty()) {
            String p = stack.remove(stack.size() - 1);
            out.add(p);
            List<String> children = childPaths(get(p));
            for (int i = children.size() - 1; i >= 0; i--) {
                stack.add(children.get(i));
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
}
