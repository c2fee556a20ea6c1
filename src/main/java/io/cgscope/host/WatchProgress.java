package io.cgscope.host;

/**
 * How far a source is in watching its cgroups. A live source shows them as soon as they are read
 * and registers their watches afterwards, while the tree is already in use; until a cgroup's
 * watch exists the poller covers it, and once it exists the cgroup is read again, so nothing that
 * happened meanwhile is missed. The status bar says "watching 41,000 of 100,000 cgroups" until
 * {@link #done()}.
 *
 * @param watched cgroups with a watch now
 * @param total   those plus the cgroups still waiting for theirs; a cgroup the watch table has no
 *                room for waits for nothing (polling mode says so) and is not counted
 */
public record WatchProgress(int watched, int total) {
    /** A source that watches nothing, or has nothing left to register. */
    public static final WatchProgress NONE = new WatchProgress(0, 0);

    public WatchProgress {
        if (watched < 0 || total < watched) {
            throw new IllegalArgumentException("watched " + watched + " of " + total);
        }
    }

    /** Every cgroup that will have a watch has it. */
    public boolean done() {
        return watched == total;
    }

    /** Both sums, for a source that watches several hierarchies. */
    public WatchProgress plus(WatchProgress other) {
        return new WatchProgress(watched + other.watched, total + other.total);
    }
}
