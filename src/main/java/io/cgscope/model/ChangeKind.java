package io.cgscope.model;

import java.util.Locale;

/** The kinds of change the live stream reports, in the words of {@code watch --json}. */
public enum ChangeKind {
    /** A cgroup appeared. */
    ADDED,
    /** A cgroup disappeared (or its hierarchy was unmounted). */
    REMOVED,
    /** A field of the cgroup changed; {@link Change#fields()} names which. */
    CHANGED,
    /** {@code populated} went from true to false. */
    EMPTIED,
    /** The release rule started to hold. */
    RELEASABLE,
    /** The release rule stopped holding. */
    UNRELEASABLE,
    /**
     * A v1 cgroup met the rule by losing its last task or its last child cgroup: exactly when the
     * kernel runs the release agent.
     */
    RELEASED,
    /**
     * The kernel ran the release agent for the cgroup, as the release-agent recorder logged it:
     * the observation that {@link #RELEASED}, a prediction, is checked against. The change
     * carries no cgroup ({@link Change#before()} and {@link Change#after()} are null): the agent
     * may have removed it already.
     */
    AGENT_CALLED;

    /** "added", "released", "agent-called", ... */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
