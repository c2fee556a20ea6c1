package io.cgscope.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one cgroup's files said when they were read: only facts of this directory, nothing
 * derived from its neighbours. A null field is unknown (the file was unreadable) or does not
 * exist in this version of cgroupfs.
 *
 * @param path            relative to the hierarchy root, as the kernel hands it to the release
 *                        agent: "/" for the root, "/a/b" below
 * @param notifyOnRelease v1 {@code notify_on_release}
 * @param cloneChildren   v1 {@code cgroup.clone_children}
 * @param releaseAgent    v1 root only: {@code release_agent}, "" when none is set
 * @param procs           {@code cgroup.procs}
 * @param threads         {@code tasks} (v1) or {@code cgroup.threads} (v2)
 * @param populatedFile   v2 {@code cgroup.events} populated; null where the file is absent (v1, v2 root)
 * @param frozen          v2 {@code cgroup.events} frozen
 * @param children        paths of the child cgroups, sorted by name
 * @param files           names of the interface files present, sorted
 */
public record CgroupFiles(
        String path,
        Boolean notifyOnRelease,
        Boolean cloneChildren,
        String releaseAgent,
        Pids procs,
        Pids threads,
        Boolean populatedFile,
        Boolean frozen,
        List<String> children,
        List<String> files) {

    public CgroupFiles {
        Objects.requireNonNull(path, "path");
        children = List.copyOf(children);
        files = List.copyOf(files);
    }

    public boolean isRoot() {
        return "/".equals(path);
    }

    /** True when a task is known to be in this very cgroup. */
    public boolean hasOwnTasks() {
        return (procs != null && !procs.isEmpty()) || (threads != null && !threads.isEmpty());
    }

    /**
     * Whether a task is anywhere in this cgroup's subtree: the one place the rule is written.
     * v2 says it in {@code cgroup.events}; where that file is absent (v1, a v2 root) a task here
     * or in a child's subtree makes it so.
     *
     * @param aChildPopulated whether any child cgroup is populated
     */
    public boolean populated(boolean aChildPopulated) {
        return populatedFile != null ? populatedFile : hasOwnTasks() || aChildPopulated;
    }

    /** The number of tasks (threads) in this cgroup itself, -1 when unknown. */
    public int taskCount() {
        if (threads != null) {
            return threads.size();
        }
        return procs == null ? -1 : procs.size();
    }

    /** The same files with another list of children: used when a listed child vanished mid-read. */
    public CgroupFiles withChildren(List<String> newChildren) {
        return new CgroupFiles(path, notifyOnRelease, cloneChildren, releaseAgent, procs, threads,
                populatedFile, frozen, newChildren, files);
    }

    /** The names a new child may not take: its children and its interface files. */
    public List<String> takenNames() {
        List<String> taken = new ArrayList<>(files);
        children.forEach(c -> taken.add(Paths.name(c)));
        return taken;
    }

    /** The last element of the path: "b" for "/a/b", "/" for the root. */
    public String name() {
        return Paths.name(path);
    }
}
