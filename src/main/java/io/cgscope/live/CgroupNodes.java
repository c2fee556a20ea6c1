package io.cgscope.live;

import io.cgscope.model.CgroupFiles;
import io.cgscope.model.Pids;
import io.cgscope.model.Change;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Paths;
import io.cgscope.model.Snapshot;

import java.nio.file.WatchKey;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the engine knows of one watched hierarchy (or subtree): a mutable node per cgroup, which
 * of them hold a task, what the current flush touched, and the snapshot of the last flush. It
 * keeps the watch table in step: a removed cgroup's watch is cancelled, a replaced one forgotten.
 * Changed on the engine's thread under its write lock; {@link #snapshot()} runs under its read
 * lock, and the reader threads look at {@link #get} while a level is read (nothing writes then).
 */
final class CgroupNodes {
    private final Hierarchy hierarchy;
    private final String rootPath;
    private final Watches watches;
    private final Map<String, Node> nodes = new HashMap<>();
    /** Cgroups holding a task: only these can lose one without an inotify event. */
    private final Set<String> occupied = new HashSet<>();
    private final Touched touched = new Touched();
    /** Nodes with a key, valid or not: what the progress of the registration counts. */
    private int withKey;

    private long version;
    /**
     * One field, written whole: {@link #snapshot()} runs under the read lock, so several threads
     * may fill the cache at once, and none may see a version with another version's snapshot.
     */
    private volatile CachedSnapshot cached;
    private Instant stateAt = Instant.now();

    CgroupNodes(Hierarchy hierarchy, String rootPath, Watches watches) {
        this.hierarchy = hierarchy;
        this.rootPath = rootPath;
        this.watches = watches;
    }

    Node get(String path) {
        return nodes.get(path);
    }

    boolean contains(String path) {
        return nodes.containsKey(path);
    }

    /** The cgroups that hold a task now, as a copy: reading them may change the set. */
    List<String> occupied() {
        return new ArrayList<>(occupied);
    }

    /**
     * The occupied cgroups whose last read listed the task {@code tid} of process {@code tgid}
     * (by its thread where the threads were read, else by its process), the hierarchy's root left
     * out: it holds every task not placed elsewhere, is never releasable, and its lists are
     * costly to read (see {@link HierarchyState#ROOT_MEMBERSHIP_TICKS}).
     */
    List<String> holding(int tid, int tgid) {
        List<String> found = new ArrayList<>(1);
        for (String p : occupied) {
            if ("/".equals(p)) {
                continue;
            }
            Node n = nodes.get(p);
            if (n == null) {
                continue;
            }
            CgroupFiles f = n.files;
            boolean listed = f.threads() != null ? f.threads().contains(tid) : f.procs() != null && f.procs().contains(tgid);
            if (listed) {
                found.add(p);
            }
        }
        return found;
    }

    /** The occupied cgroups, the root left out, whose process list names {@code tgid}: where any of its threads is. */
    List<String> holdingProcess(int tgid) {
        List<String> found = new ArrayList<>(1);
        for (String p : occupied) {
            Node n = nodes.get(p);
            Pids procs = n == null ? null : n.files.procs();
            if (!"/".equals(p) && procs != null && procs.contains(tgid)) {
                found.add(p);
            }
        }
        return found;
    }

    boolean anyOccupied() {
        return !occupied.isEmpty();
    }

    /** The cgroups without a working watch (none, or one the kernel dropped). */
    List<String> unwatched() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Node> e : nodes.entrySet()) {
            if (!watching(e.getValue())) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    boolean allWatched() {
        for (Node n : nodes.values()) {
            if (!watching(n)) {
                return false;
            }
        }
        return true;
    }

    static boolean watching(Node n) {
        return n.key != null && n.key.isValid();
    }

    /** Cgroups known now. */
    int size() {
        return nodes.size();
    }

    /** Cgroups that were given a watch (one the kernel dropped since is counted until the cgroup goes). */
    int watchedCount() {
        return withKey;
    }

    /**
     * Forgets the watch of a known cgroup whose key the kernel dropped (its directory still
     * there, as after an unmount elsewhere of the same tree): it waits for a new one like a new cgroup.
     *
     * @return whether it had such a key
     */
    boolean dropInvalidKey(String path) {
        Node n = nodes.get(path);
        if (n == null || n.key == null || n.key.isValid()) {
            return false;
        }
        watches.forget(n.key);
        n.key = null;
        withKey--;
        return true;
    }

    /**
     * Records what {@code path}'s files say now, and its watch when {@code key} is not null; a
     * new cgroup is added.
     *
     * @return whether its v2 {@code populated} (cgroup.events) flipped
     */
    boolean set(String path, CgroupFiles files, WatchKey key) {
        Node n = nodes.get(path);
        boolean populatedFlipped = false;
        if (n == null) {
            touched.before(path, null);
            n = new Node(files);
            nodes.put(path, n);
            touched.recompute(path);
            String parent = Paths.parent(path);
            if (parent != null && nodes.containsKey(parent)) {
                touched.recompute(parent);
            }
        } else if (!n.files.equals(files)) {
            touched.before(path, n.cgroup);
            populatedFlipped = files.populatedFile() != null
                    && !files.populatedFile().equals(n.files.populatedFile());
            n.files = files;
            touched.recompute(path);
        }
        if (key != null) {
            watched(n, key);
        }
        if (files.hasOwnTasks()) {
            occupied.add(path);
        } else {
            occupied.remove(path);
        }
        return populatedFlipped;
    }

    /**
     * {@code path} is watched through {@code key} now. A registration that finished after its
     * cgroup was removed leaves nothing behind: its key is cancelled.
     *
     * @return whether {@code path} is known
     */
    boolean watched(String path, WatchKey key) {
        Node n = nodes.get(path);
        if (n == null) {
            watches.cancel(key);
            return false;
        }
        watched(n, key);
        return true;
    }

    private void watched(Node n, WatchKey key) {
        if (n.key != null && n.key != key) {
            watches.forget(n.key);
        }
        if (n.key == null) {
            withKey++;
        }
        n.key = key;
    }

    /** {@code path} and every cgroup below it are gone; its parent's list is left as it is. */
    void removeSubtree(String top) {
        if (!nodes.containsKey(top)) {
            return;
        }
        Deque<String> todo = new ArrayDeque<>();
        todo.push(top);
        while (!todo.isEmpty()) {
            String p = todo.pop();
            Node n = nodes.remove(p);
            if (n == null) {
                continue;
            }
            touched.before(p, n.cgroup);
            if (n.key != null) {
                withKey--;
                watches.cancel(n.key);
            }
            occupied.remove(p);
            for (String c : n.files.children()) {
                todo.push(c);
            }
        }
        String parent = Paths.parent(top);
        if (parent != null && nodes.containsKey(parent)) {
            touched.recompute(parent);
        }
    }

    /** {@code path} vanished: gone with its subtree, and out of its parent's list of children. */
    void vanished(String path) {
        removeSubtree(path);
        Node parent = nodes.get(Paths.parent(path));
        if (parent != null && parent.files.children().contains(path)) {
            List<String> rest = new ArrayList<>(parent.files.children());
            rest.remove(path);
            set(Paths.parent(path), parent.files.withChildren(rest), null);
        }
    }

    /** Computes populated and the verdict of what was touched, then appends its changes to {@code out} (if not null). */
    void settle(Instant time, List<Change> out) {
        touched.settle(nodes, hierarchy.version());
        if (touched.isEmpty()) {
            return;
        }
        version++;
        stateAt = time;
        if (out != null) {
            touched.diff(time, hierarchy, nodes, out);
        }
        touched.clear();
    }

    /** The state as of the last flush; null once nothing is left. Cached until the next change. */
    Snapshot snapshot() {
        if (nodes.isEmpty()) {
            return null;
        }
        CachedSnapshot c = cached;
        if (c == null || c.version() != version) {
            Map<String, CgroupFiles> files = new LinkedHashMap<>(nodes.size() * 4 / 3 + 1);
            for (Map.Entry<String, Node> e : nodes.entrySet()) {
                files.put(e.getKey(), e.getValue().files);
            }
            c = new CachedSnapshot(version, Snapshot.assemble(hierarchy, rootPath, files, stateAt));
            cached = c;
        }
        return c.snapshot();
    }

    private record CachedSnapshot(long version, Snapshot snapshot) {
    }
}
