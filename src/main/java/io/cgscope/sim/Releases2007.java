package io.cgscope.sim;

import java.util.List;

/**
 * The 2007 commit as its code does it (kernel/cgroup.c of Linux 2.6.24): the
 * {@code CONT_RELEASABLE} bit is set by a task's exit when notify_on_release is 1
 * ({@code __release_css_set} with {@code taskexit}), on the cgroup a task is moved out of whatever
 * notify_on_release says ({@code attach_task}), and on the parent at a child's rmdir
 * ({@code cgroup_rmdir}); only a write to notify_on_release clears it. {@code check_for_release}
 * queues a cgroup that has the bit and notify_on_release, no task attached to itself
 * ({@code count}) and no child; the root is not excepted.
 */
final class Releases2007 implements ReleaseRuleSet {
    @Override
    public void taskLeft(SimTree tree, SimCgroup from, boolean exited, List<SimCgroup> emptied, ReleaseQueue queue) {
        if (!exited) {
            from.releasableBit = true; // attach_task: set_bit(CONT_RELEASABLE, &oldcont->flags)
        }
        // __release_css_set: atomic_dec_and_test(&cont->count) && notify_on_release(cont)
        if (from.tids.isEmpty() && from.notifyOnRelease) {
            if (exited) {
                from.releasableBit = true;
            }
            check(tree, from, queue);
        }
    }

    @Override
    public void childRemoved(SimTree tree, SimCgroup parent, ReleaseQueue queue) {
        parent.releasableBit = true;
        check(tree, parent, queue);
    }

    @Override
    public void notifyWritten(SimCgroup c) {
        c.releasableBit = false; // cgroup_common_file_write, FILE_NOTIFY_ON_RELEASE
    }

    @Override
    public boolean rmdirDropsQueued() {
        return true;
    }

    @Override
    public boolean hasReleasableFile() {
        return true;
    }

    private static void check(SimTree tree, SimCgroup c, ReleaseQueue queue) {
        if (c.releasableBit && c.notifyOnRelease && c.tids.isEmpty() && c.children.isEmpty()) {
            queue.queue(tree, c.path);
        }
    }
}
