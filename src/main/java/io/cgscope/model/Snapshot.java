package io.cgscope.model;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One hierarchy (or one subtree of it) as read at one moment: immutable cgroups keyed by path,
 * iterated parents before children, siblings by name.
 */
public final class Snapshot {
    private final Hierarchy hierarchy;
    private final String rootPath;
    private final Map<String, Cgroup> cgroups;
    private final Instant readAt;

    private Snapshot(Hierarchy hierarchy, String rootPath, Map<String, Cgroup> cgroups, Instant readAt) {
        this.hierarchy = hierarchy;
        this.rootPath = rootPath;
        this.cgroups = Collections.unmodifiableMap(cgroups);
        this.readAt = readAt;
    }

    /**
     * Builds the snapshot from the files of every cgroup of the subtree at {@code rootPath}. Each
     * cgroup's children must be present in {@code files}; {@code populated} is derived bottom-up.
     */
    public static Snapshot assemble(Hierarchy hierarchy, String rootPath, Map<String, CgroupFiles> files,
                                    Instant readAt) {
        Objects.requireNonNull(files.get(rootPath), "no files for the snapshot root " + rootPath);
        Map<String, Cgroup> derived = childrenFirst(hierarchy.version(), rootPath, files);
        Map<String, Cgroup> ordered = new LinkedHashMap<>(files.size() * 4 / 3 + 1);
        Deque<String> stack = new ArrayDeque<>();
        stack.push(rootPath);
        while (!stack.isEmpty()) {
            Cgroup c = derived.get(stack.pop());
            ordered.put(c.path(), c);
            for (int i = c.children().size() - 1; i >= 0; i--) {
                stack.push(c.children().get(i));
            }
        }
        return new Snapshot(hierarchy, rootPath, ordered, readAt);
    }

    /**
     * Every cgroup derived after its children, so each sees whether a child is populated. A
     * post-order walk without recursion: cgroup trees may be deeper than a thread's stack.
     */
    private static Map<String, Cgroup> childrenFirst(CgroupVersion version, String rootPath,
                                                     Map<String, CgroupFiles> files) {
        Map<String, Cgroup> result = new HashMap<>(files.size() * 4 / 3 + 1);
        Deque<CgroupFiles> stack = new ArrayDeque<>();
        Deque<CgroupFiles> post = new ArrayDeque<>();
        stack.push(files.get(rootPath));
        while (!stack.isEmpty()) {
            CgroupFiles f = stack.pop();
            post.push(f);
            for (String child : f.children()) {
                stack.push(Objects.requireNonNull(files.get(child), "missing child " + child));
            }
        }
        while (!post.isEmpty()) {
            CgroupFiles f = post.pop();
            boolean aChildPopulated = false;
            for (int i = 0; !aChildPopulated && i < f.children().size(); i++) {
                aChildPopulated = result.get(f.children().get(i)).populated();
            }
            result.put(f.path(), Cgroup.of(version, f, aChildPopulated));
        }
        return result;
    }

    public Hierarchy hierarchy() {
        return hierarchy;
    }

    /** The path of the cgroup this snapshot starts at: "/" for a whole hierarchy. */
    public String rootPath() {
        return rootPath;
    }

    public Cgroup root() {
        return cgroups.get(rootPath);
    }

    public Cgroup get(String path) {
        return cgroups.get(path);
    }

    /** Parents before children, siblings sorted by name. */
    public Collection<Cgroup> cgroups() {
        return cgroups.values();
    }

    public Map<String, Cgroup> byPath() {
        return cgroups;
    }

    public int size() {
        return cgroups.size();
    }

    public Instant readAt() {
        return readAt;
    }

    public long releasableCount() {
        return cgroups.values().stream().filter(Cgroup::releasable).count();
    }
}
