package io.cgscope.sim;

import io.cgscope.model.ReleaseRules;
import java.util.List;

/**
 * Where the two rule sets differ: what a task leaving, a child's rmdir and a write to
 * notify_on_release do to a v1 cgroup, and when a cgroup is queued for its release agent.
 */
interface ReleaseRuleSet {
    /**
     * A thread left {@code from} (it exited, or was moved out).
     *
     * @param emptied {@code from} and its ancestors whose subtree holds no task any more, lowest first
     */
    void taskLeft(SimTree tree, SimCgroup from, boolean exited, List<SimCgroup> emptied, ReleaseQueue queue);

    /** A child of {@code parent} was removed. */
    void childRemoved(SimTree tree, SimCgroup parent, ReleaseQueue queue);

    /** Something was written to {@code notify_on_release} of {@code c} and accepted. */
    void notifyWritten(SimCgroup c);

    /**
     * Whether an rmdir takes a queued cgroup off the list, so that its agent is never called.
     * The 2007 {@code cgroup_rmdir} does; today's kernel queues a work item that an rmdir does not
     * cancel, and that has run long before any rmdir a person or a script makes after the release.
     */
    boolean rmdirDropsQueued();

    /** Whether a v1 cgroup has the 2007 {@code releasable} file. */
    boolean hasReleasableFile();

    static ReleaseRuleSet of(ReleaseRules rules) {
        return rules == ReleaseRules.TODAY ? new TodayReleases() : new Releases2007();
    }
}
