package io.cgscope.ui;

import io.cgscope.host.ChangeListener;
import io.cgscope.host.LiveSource;
import io.cgscope.host.WatchMode;
import io.cgscope.model.Cgroup;
import io.cgscope.model.Change;
import io.cgscope.model.ChangeBatch;
import io.cgscope.model.Diff;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Paths;
import io.cgscope.model.Snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A live source the test drives: it starts from given snapshots and, on {@link #moveTo}, emits
 * the batch that turns its current state into the next one, made as the live engine makes its
 * batches (see {@link #diff}), from the calling thread.
 */
public final class ScriptedSource implements LiveSource {
    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    private volatile List<Snapshot> state;
    private volatile Duration pollInterval = Duration.ofSeconds(1);
    private volatile boolean closed;

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
        ChangeBatch batch = diff(state, next);
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

    /**
     * What the live engine reports when it finds {@code after} where it had {@code before}: each
     * cgroup's changes come from the model's {@link Diff}, as the engine's do (kinds, fields,
     * emptied, releasable, unreleasable, released by the kernel's rule), in the engine's order per
     * hierarchy: removals deepest first, then additions and changes parents first. A hierarchy no
     * longer in {@code after} has every cgroup removed, as when it is unmounted.
     */
    public static ChangeBatch diff(List<Snapshot> before, List<Snapshot> after) {
        Instant now = Instant.now();
        Map<Hierarchy, Snapshot> was = new LinkedHashMap<>();
        before.forEach(s -> was.put(s.hierarchy(), s));
        List<Change> changes = new ArrayList<>();
        for (Snapshot a : after) {
            between(now, a.hierarchy(), was.remove(a.hierarchy()), a, changes);
        }
        was.values().forEach(b -> between(now, b.hierarchy(), b, null, changes));
        return new ChangeBatch(changes);
    }

    private static void between(Instant now, Hierarchy h, Snapshot before, Snapshot after, List<Change> out) {
        List<String> removed = new ArrayList<>();
        if (before != null) {
            for (Cgroup c : before.cgroups()) {
                if (after == null || after.get(c.path()) == null) {
                    removed.add(c.path());
                }
            }
        }
        removed.sort(Comparator.comparingInt(Paths::depth).reversed().thenComparing(Comparator.naturalOrder()));
        for (String p : removed) {
            Diff.between(now, h, p, before.get(p), null, out);
        }
        if (after == null) {
            return;
        }
        List<String> present = new ArrayList<>();
        after.cgroups().forEach(c -> present.add(c.path()));
        present.sort(Comparator.naturalOrder());
        for (String p : present) {
            Diff.between(now, h, p, before == null ? null : before.get(p), after.get(p), out);
        }
    }
}
