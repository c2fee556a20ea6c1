package io.cgscope.sim;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * The work the kernel has queued but not yet done: cgroups waiting for their release agent (each
 * once, in the order queued, as the 2007 {@code release_list} and today's per-cgroup work item
 * keep them), and the rmdirs of a cleaning agent that was called. Nothing here runs by itself:
 * the kernel runs it when asked to settle, so a simulated release happens on cue.
 */
final class ReleaseQueue {
    record Entry(SimTree tree, String path) {
    }

    private final LinkedHashSet<Entry> waiting = new LinkedHashSet<>();
    private final ArrayDeque<Entry> agentRemovals = new ArrayDeque<>();

    /** Queues the cgroup unless it waits already: true when it was queued now. */
    boolean queue(SimTree tree, String path) {
        return waiting.add(new Entry(tree, path));
    }

    /** An rmdir takes the cgroup off the list (the 2007 {@code cgroup_rmdir}). */
    void drop(SimTree tree, String path) {
        waiting.remove(new Entry(tree, path));
    }

    boolean queued(SimTree tree, String path) {
        return waiting.contains(new Entry(tree, path));
    }

    Entry nextRelease() {
        Iterator<Entry> it = waiting.iterator();
        if (!it.hasNext()) {
            return null;
        }
        Entry e = it.next();
        it.remove();
        return e;
    }

    void removeLater(SimTree tree, String path) {
        agentRemovals.add(new Entry(tree, path));
    }

    Entry nextRemoval() {
        return agentRemovals.poll();
    }

    boolean idle() {
        return waiting.isEmpty() && agentRemovals.isEmpty();
    }
}
