package io.cgscope.live;

import io.cgscope.model.Cgroup;
import io.cgscope.model.CgroupFiles;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Change;
import io.cgscope.model.Diff;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Paths;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * What one flush touched: each touched cgroup's state before the flush (null: it did not exist),
 * and the cgroups whose derived fields must be computed again. {@link #settle} computes
 * {@code populated} and the verdict deepest first, so a parent sees its children's new values,
 * and climbs to the ancestors whose {@code populated} changed; {@link #diff} turns the before and
 * after of each touched cgroup into changes.
 */
final class Touched {
    private final Map<String, Cgroup> before = new HashMap<>();
    private final PriorityQueue<String> pending =
            new PriorityQueue<>(Comparator.comparingInt(Paths::depth).reversed());
    private final Set<String> queued = new HashSet<>();

    /** Keeps the first state seen in this flush: later ones are intermediate. */
    void before(String path, Cgroup state) {
        if (!before.containsKey(path)) {
            before.put(path, state);
        }
    }

    /** {@code path}'s derived fields must be computed again. */
    void recompute(String path) {
        if (queued.add(path)) {
            pending.add(path);
        }
    }

    boolean isEmpty() {
        return before.isEmpty();
    }

    /** populated ({@link CgroupFiles#populated}) and the verdict, children before their parents. */
    void settle(Map<String, Node> nodes, CgroupVersion version) {
        while (!pending.isEmpty()) {
            String p = pending.poll();
            queued.remove(p);
            Node n = nodes.get(p);
            if (n == null) {
                continue;
            }
            CgroupFiles f = n.files;
            boolean aChildPopulated = false;
            for (int i = 0; !aChildPopulated && i < f.children().size(); i++) {
                Node c = nodes.get(f.children().get(i));
                aChildPopulated = c != null && c.cgroup != null && c.cgroup.populated();
            }
            Cgroup c = Cgroup.of(version, f, aChildPopulated);
            Cgroup was = n.cgroup;
            if (!c.equals(was)) {
                before(p, was);
                n.cgroup = c;
            }
            String parent = Paths.parent(p);
            if ((was == null || was.populated() != c.populated()) && parent != null && nodes.containsKey(parent)) {
                recompute(parent);
            }
        }
    }

    /** The changes of each touched cgroup, from its state before the flush to its state now. */
    void diff(Instant time, Hierarchy hierarchy, Map<String, Node> nodes, List<Change> out) {
        Diff.of(time, hierarchy, before.keySet(), before::get, p -> {
            Node n = nodes.get(p);
            return n == null ? null : n.cgroup;
        }, out);
    }

    void clear() {
        before.clear();
    }
}
