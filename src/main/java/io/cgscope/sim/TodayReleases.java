package io.cgscope.sim;

import java.util.List;

/**
 * Today's kernel ({@code cgroup1_check_for_release}, called from {@code cgroup_update_populated}
 * for each cgroup whose populated state falls, and from {@code cgroup_destroy_locked} for the
 * parent): notify_on_release 1, not populated, no child, not the root.
 */
final class TodayReleases implements ReleaseRuleSet {
    @Override
    public void taskLeft(SimTree tree, SimCgroup from, boolean exited, List<SimCgroup> emptied, ReleaseQueue queue) {
        emptied.forEach(c -> check(tree, c, queue));
    }

    @Override
    public void childRemoved(SimTree tree, SimCgroup parent, ReleaseQueue queue) {
        check(tree, parent, queue);
    }

    @Override
    public void notifyWritten(SimCgroup c) {
        // today's kernel keeps no state beside the flag
    }

    @Override
    public boolean rmdirDropsQueued() {
        return false;
    }

    @Override
    public boolean hasReleasableFile() {
        return false;
    }

    private static void check(SimTree tree, SimCgroup c, ReleaseQueue queue) {
        if (c.notifyOnRelease && !c.populated() && c.children.isEmpty() && !c.isRoot()) {
            queue.queue(tree, c.path);
        }
    }
}
