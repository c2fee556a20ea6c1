package io.cgscope.host;

import io.cgscope.model.Hierarchy;
import io.cgscope.model.Snapshot;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A live view of cgroup hierarchies: the initial snapshots, then batches of changes. The real
 * kernel ({@code LiveEngine}), the read-once source of dump and screenshots, and the tests' scripted
 * and in-memory sources implement it (the teaching simulator will too); everything downstream (the
 * desktop tree, {@code watch}, the event log) cannot tell them apart.
 */
public interface LiveSource extends AutoCloseable {
    /** Registers a listener; listeners added before {@link #start()} miss no change. */
    void addListener(ChangeListener listener);

    void removeListener(ChangeListener listener);

    /**
     * Reads every hierarchy once and starts watching. The snapshots returned are the state that
     * the first batch delivered to listeners starts from. Calling it twice returns the current state.
     * A {@link #close()} while it reads may end it early, with a
     * {@link java.util.concurrent.CancellationException}.
     */
    List<Snapshot> start() throws IOException;

    /**
     * The current state of each watched hierarchy: it holds every batch delivered so far, and may
     * be ahead of them by batches still on their way to a listener (applying one of those again
     * changes nothing).
     */
    List<Snapshot> current();

    /** How each hierarchy is watched now. */
    Map<Hierarchy, WatchMode> modes();

    /**
     * How far the registration of watches is, over every hierarchy: {@link #start()} returns once
     * the cgroups are read, before they are all watched; {@link ChangeListener#onWatchProgress}
     * tells each step. {@link WatchProgress#NONE} for a source that watches nothing. Answers at
     * once, from any thread (the window asks on its FX thread).
     */
    default WatchProgress watchProgress() {
        return WatchProgress.NONE;
    }

    /** The interval of the poller, for what inotify cannot see (default 1 s). */
    void setPollInterval(Duration interval);

    Duration pollInterval();

    /** Stops every thread the source started; harmless when called twice. */
    @Override
    void close();
}
