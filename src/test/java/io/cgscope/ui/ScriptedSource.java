package io.cgscope.ui;

import io.cgscope.host.ChangeListener;
import io.cgscope.host.LiveSource;
import io.cgscope.host.WatchMode;
import io.cgscope.host.WatchProgress;
import io.cgscope.live.LiveEngine;
import io.cgscope.model.ChangeBatch;
import io.cgscope.model.Diff;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A live source the test drives: it starts from given snapshots and, on {@link #moveTo}, emits
 * the batch that turns its current state into the next one, made by the model's {@link Diff} as
 * the live engine makes its batches (kinds, fields, order), from the calling thread.
 */
public final class ScriptedSource implements LiveSource {
    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    private volatile List<Snapshot> state;
    private volatile Duration pollInterval = LiveEngine.DEFAULT_INTERVAL;
    private volatile boolean closed;
    private volatile WatchProgress progress = WatchProgress.NONE;

    public ScriptedSource(List<Snapshot> initial) {
        this.state = List.copyOf(initial);
    }

    @Override
    public void addListener(ChangeListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(ChangeListener listener) {
        listeners.remove(listener);
    }

    @Override
    public List<Snapshot> start() {
        return state;
    }

    @Override
    public List<Snapshot> current() {
        return state;
    }

    @Override
    public Map<Hierarchy, WatchMode> modes() {
        Map<Hierarchy, WatchMode> m = new LinkedHashMap<>();
        state.forEach(s -> m.put(s.hierarchy(), new WatchMode(WatchMode.Kind.INOTIFY, "scripted")));
        return m;
    }

    @Override
    public WatchProgress watchProgress() {
        return progress;
    }

    /** Says how far the watches are and tells the listeners, as a live engine does while it registers them. */
    public void tellWatchProgress(WatchProgress now) {
        progress = now;
        listeners.forEach(l -> l.onWatchProgress(now));
    }

    @Override
    public void setPollInterval(Duration interval) {
        pollInterval = interval;
    }

    @Override
    public Duration pollInterval() {
        return pollInterval;
    }

    @Override
    public void close() {
        closed = true;
    }

    public boolean closed() {
        return closed;
    }

    /** Emits the changes from the current state to {@code next}, and returns them. */
    public ChangeBatch moveTo(List<Snapshot> next) {
        ChangeBatch batch = Diff.between(Instant.now(), state, next);
        state = List.copyOf(next);
        emit(batch);
        return batch;
    }

    /** Moves to {@code next} without telling anyone: what only a re-read (F5) can show. */
    public void changeSilently(List<Snapshot> next) {
        state = List.copyOf(next);
    }

    public void emit(ChangeBatch batch) {
        listeners.forEach(l -> l.onBatch(batch));
    }
}
