package io.cgscope.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The typed changes between two states of one cgroup, in the order a consumer applies them:
 * added or removed; changed (naming the fields); emptied; releasable or unreleasable; released.
 * A cgroup born releasable gets {@code added} then {@code releasable}; a removed one only
 * {@code removed}. An add and a remove seen together (before and after both absent) cancel out.
 *
 * <p>Every source makes its batches here: the live engine from the cgroups a flush touched
 * ({@link #of(Instant, Hierarchy, Collection, Function, Function, List)}), a source that only
 * knows whole states (a test's script, later the simulator and remote hosts) from two lists of
 * snapshots ({@link #between(Instant, List, List)}). Either way a consumer gets the same kinds,
 * fields and order for the same change.
 */
public final class Diff {
    private Diff() {
    }

    /**
     * Appends to {@code out} the changes that turn {@code before} into {@code after}.
     *
     * @param before the cgroup before, null when it did not exist
     * @param after  the cgroup after, null when it no longer exists
     */
    public static void between(Instant time, Hierarchy hierarchy, String path, Cgroup before, Cgroup after,
                               List<Change> out) {
        if (before == null && after == null) {
            return;
        }
        if (before == null) {
            out.add(change(time, ChangeKind.ADDED, hierarchy, path, Set.of(), null, after));
            if (after.releasable()) {
                out.add(change(time, ChangeKind.RELEASABLE, hierarchy, path, Set.of(), null, after));
            }
            return;
        }
        if (after == null) {
            out.add(change(time, ChangeKind.REMOVED, hierarchy, path, Set.of(), before, null));
            return;
        }
        Set<Field> fields = fields(before, after);
        if (!fields.isEmpty()) {
            out.add(change(time, ChangeKind.CHANGED, hierarchy, path, fields, before, after));
        }
        if (before.populated() && !after.populated()) {
            out.add(change(time, ChangeKind.EMPTIED, hierarchy, path, Set.of(), before, after));
        }
        if (!before.releasable() && after.releasable()) {
            out.add(change(time, ChangeKind.RELEASABLE, hierarchy, path, Set.of(), before, after));
            if (released(hierarchy.version(), before, after)) {
                out.add(change(time, ChangeKind.RELEASED, hierarchy, path, Set.of(), before, after));
            }
        } else if (before.releasable() && !after.releasable()) {
            out.add(change(time, ChangeKind.UNRELEASABLE, hierarchy, path, Set.of(), before, after));
        }
    }

    /**
     * The changes that turn the hierarchies of {@code before} into those of {@code after}, one
     * snapshot per hierarchy, in the order of {@code after}. A hierarchy only in {@code before}
     * has every cgroup removed (as when it is unmounted); one only in {@code after} has every
     * cgroup added.
     */
    public static ChangeBatch between(Instant time, List<Snapshot> before, List<Snapshot> after) {
        Map<Hierarchy, Snapshot> was = new LinkedHashMap<>();
        before.forEach(s -> was.put(s.hierarchy(), s));
        List<Change> out = new ArrayList<>();
        for (Snapshot a : after) {
            between(time, was.remove(a.hierarchy()), a, out);
        }
        was.values().forEach(b -> between(time, b, null, out));
        return new ChangeBatch(out);
    }

    /** One hierarchy's changes from {@code before} to {@code after}; either may be null (none). */
    private static void between(Instant time, Snapshot before, Snapshot after, List<Change> out) {
        Snapshot some = after != null ? after : before;
        Set<String> paths = new LinkedHashSet<>();
        if (before != null) {
            paths.addAll(before.byPath().keySet());
        }
        if (after != null) {
            paths.addAll(after.byPath().keySet());
        }
        of(time, some.hierarchy(), paths, before == null ? p -> null : before::get,
                after == null ? p -> null : after::get, out);
    }

    /**
     * The changes of the cgroups at {@code paths}, each from {@code before} to {@code after} (null:
     * absent), in the order a consumer applies them: removals deepest first, so no cgroup is ever
     * left without its parent, then additions and changes parents first (a path sorts after its
     * parent's).
     */
    public static void of(Instant time, Hierarchy hierarchy, Collection<String> paths,
                          Function<String, Cgroup> before, Function<String, Cgroup> after, List<Change> out) {
        List<String> removed = new ArrayList<>();
        List<String> present = new ArrayList<>();
        for (String p : paths) {
            if (after.apply(p) != null) {
                present.add(p);
            } else if (before.apply(p) != null) {
                removed.add(p);
            }
        }
        removed.sort(Comparator.comparingInt(Paths::depth).reversed().thenComparing(Comparator.naturalOrder()));
        present.sort(Comparator.naturalOrder());
        for (String p : removed) {
            between(time, hierarchy, p, before.apply(p), null, out);
        }
        for (String p : present) {
            between(time, hierarchy, p, before.apply(p), after.apply(p), out);
        }
    }

    /** The changes of one cgroup as a new list: for tests and for callers with one cgroup. */
    public static List<Change> between(Instant time, Hierarchy hierarchy, String path, Cgroup before, Cgroup after) {
        List<Change> out = new ArrayList<>(3);
        between(time, hierarchy, path, before, after, out);
        return out;
    }

    /** The fields of the snapshot that differ; the verdict's reason alone is not a field. */
    public static Set<Field> fields(Cgroup before, Cgroup after) {
        Set<Field> f = EnumSet.noneOf(Field.class);
        if (!Objects.equals(before.notifyOnRelease(), after.notifyOnRelease())) {
            f.add(Field.NOTIFY_ON_RELEASE);
        }
        if (!Objects.equals(before.cloneChildren(), after.cloneChildren())) {
            f.add(Field.CLONE_CHILDREN);
        }
        if (!Objects.equals(before.releaseAgent(), after.releaseAgent())) {
            f.add(Field.RELEASE_AGENT);
        }
        if (!Objects.equals(before.procs(), after.procs())) {
            f.add(Field.PROCS);
        }
        if (!Objects.equals(before.threads(), after.threads())) {
            f.add(Field.THREADS);
        }
        if (before.populated() != after.populated()) {
            f.add(Field.POPULATED);
        }
        if (!Objects.equals(before.frozen(), after.frozen())) {
            f.add(Field.FROZEN);
        }
        if (!before.children().equals(after.children())) {
            f.add(Field.CHILDREN);
        }
        if (!before.interfaceFiles().equals(after.interfaceFiles())) {
            f.add(Field.FILES);
        }
        return f;
    }

    /**
     * The kernel runs the release agent when a v1 cgroup with notify_on_release 1 loses its last
     * task (anywhere in its subtree) or its last child. Meeting the rule any other way (the flag
     * just written to 1, or idle since it was made) starts no agent, so it is not a release.
     */
    static boolean released(CgroupVersion version, Cgroup before, Cgroup after) {
        return version == CgroupVersion.V1
                && Boolean.TRUE.equals(before.notifyOnRelease())
                && Boolean.TRUE.equals(after.notifyOnRelease())
                && (before.populated() || !before.children().isEmpty());
    }

    private static Change change(Instant time, ChangeKind kind, Hierarchy h, String path, Set<Field> fields,
                                 Cgroup before, Cgroup after) {
        return new Change(time, kind, h, path, fields, before, after);
    }
}
