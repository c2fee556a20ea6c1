package io.cgscope.sim;

import io.cgscope.model.Bit;
import io.cgscope.model.CgroupFiles;
import io.cgscope.model.Pids;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;

/**
 * The interface files of a simulated cgroup, named and worded as cgroupfs has them: v1
 * {@code cgroup.procs}, {@code tasks}, {@code notify_on_release}, {@code cgroup.clone_children},
 * in the root {@code release_agent} and {@code cgroup.sane_behavior}, and under the 2007 rules
 * {@code releasable}; v2 the core files, with {@code cgroup.events} and {@code cgroup.freeze}
 * below the root.
 */
final class SimFiles {
    private SimFiles() {
    }

    /**
     * Every file of {@code c} with its text.
     *
     * @param processOf the pid of a thread id
     */
    static Map<String, String> texts(SimTree tree, SimCgroup c, boolean releasableFile, IntUnaryOperator processOf) {
        Map<String, String> t = new TreeMap<>();
        t.put("cgroup.procs", lines(procs(c, processOf)));
        if (tree.v1()) {
            t.put("tasks", lines(c.tids));
            t.put("notify_on_release", Bit.of(c.notifyOnRelease) + "\n");
            t.put("cgroup.clone_children", Bit.of(c.cloneChildren) + "\n");
            if (releasableFile) {
                t.put("releasable", Bit.of(c.releasableBit) + "\n");
            }
            if (c.isRoot()) {
                t.put("release_agent", tree.releaseAgent + "\n");
                t.put("cgroup.sane_behavior", "0\n");
            }
        } else {
            t.put("cgroup.threads", lines(c.tids));
            t.put("cgroup.controllers", "\n");
            t.put("cgroup.subtree_control", "\n");
            t.put("cgroup.max.depth", "max\n");
            t.put("cgroup.max.descendants", "max\n");
            t.put("cgroup.stat", "nr_descendants " + descendants(tree, c) + "\nnr_dying_descendants 0\n");
            if (!c.isRoot()) {
                t.put("cgroup.type", "domain\n");
                t.put("cgroup.events", "populated " + Bit.of(c.populated()) + "\nfrozen " + Bit.of(c.frozen) + "\n");
                t.put("cgroup.freeze", Bit.of(c.frozen) + "\n");
            }
        }
        return t;
    }

    /** The names of {@link #texts}, sorted, without making the texts. */
    static List<String> names(SimTree tree, SimCgroup c, boolean releasableFile) {
        List<String> n = new ArrayList<>(12);
        n.add("cgroup.procs");
        if (tree.v1()) {
            n.addAll(List.of("tasks", "notify_on_release", "cgroup.clone_children"));
            if (releasableFile) {
                n.add("releasable");
            }
            if (c.isRoot()) {
                n.addAll(List.of("release_agent", "cgroup.sane_behavior"));
            }
        } else {
            n.addAll(List.of("cgroup.threads", "cgroup.controllers", "cgroup.subtree_control", "cgroup.max.depth",
                    "cgroup.max.descendants", "cgroup.stat"));
            if (!c.isRoot()) {
                n.addAll(List.of("cgroup.type", "cgroup.events", "cgroup.freeze"));
            }
        }
        n.sort(null);
        return n;
    }

    /** The cgroup as the model records a read of its files. */
    static CgroupFiles files(SimTree tree, SimCgroup c, boolean releasableFile, IntUnaryOperator processOf) {
        Pids threads = Pids.ofUnsorted(c.tids.stream().mapToInt(Integer::intValue).toArray(), c.tids.size());
        int[] pids = c.tids.stream().mapToInt(t -> processOf.applyAsInt(t)).toArray();
        Pids procs = Pids.ofUnsorted(pids, pids.length);
        boolean v1 = tree.v1();
        return new CgroupFiles(c.path, v1 ? c.notifyOnRelease : null, v1 ? c.cloneChildren : null,
                v1 && c.isRoot() ? tree.releaseAgent : null, procs, threads,
                v1 || c.isRoot() ? null : c.populated(), v1 || c.isRoot() ? null : c.frozen,
                tree.childPaths(c), names(tree, c, releasableFile));
    }

    private static TreeSet<Integer> procs(SimCgroup c, IntUnaryOperator processOf) {
        TreeSet<Integer> pids = new TreeSet<>();
        c.tids.forEach(t -> pids.add(processOf.applyAsInt(t)));
        return pids;
    }

    private static String lines(Iterable<Integer> ids) {
        StringBuilder s = new StringBuilder();
        ids.forEach(id -> s.append(id).append('\n'));
        return s.toString();
    }

    private static int descendants(SimTree tree, SimCgroup c) {
        int n = 0;
        List<SimCgroup> stack = new ArrayList<>(List.of(c));
        while (!stack.isEmpty()) {
            SimCgroup x = stack.remove(stack.size() - 1);
            n += x.children.size();
            stack.addAll(x.children.values());
        }
        return n;
    }
}
