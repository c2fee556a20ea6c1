package io.cgscope.ui;

import io.cgscope.live.ChangeListener;
import io.cgscope.live.LiveSource;
import io.cgscope.live.WatchMode;
import io.cgscope.model.Cgroup;
import io.cgscope.model.Change;
import io.cgscope.model.ChangeBatch;
import io.cgscope.model.ChangeKind;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A live source the test drives: it starts from given snapshots and, on {@link #moveTo}, emits
 * the batch that turns its current state into the next one (as the real engine would), from the
 * calling thread.
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

    /** Emits the changes from the current state to {@code next}, plus {@code released} paths. */
    public ChangeBatch moveTo(List<Snapshot> next, String... released) {
        ChangeBatch batch = diff(state, next, Set.of(released));
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

    /** What the real engine reports between two states: added parents first, removed, changed. */
    public static ChangeBatch diff(List<Snapshot> before, List<Snapshot> after, Set<String> released) {
        Instant now = Instant.now();
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            Snapshot a = after.get(i);
            Snapshot b = i < before.size() ? before.get(i) : null;
            Hierarchy h = a.hierarchy();
            if (b != null) {
                for (Cgroup old : b.cgroups()) {
                    if (a.get(old.path()) == null) {
                        changes.add(new Change(now, ChangeKind.REMOVED, h, old.path(), Set.of(), old, null));
                    }
                }
            }
            for (Cgroup c : a.cgroups()) {
                Cgroup old = b == null ? null : b.get(c.path());
                if (old == null) {
                    changes.add(new Change(now, ChangeKind.ADDED, h, c.path(), Set.of(), null, c));
                } else if (!old.equals(c)) {
                    changes.add(new Change(now, ChangeKind.CHANGED, h, c.path(), Set.of(), old, c));
                    if (c.releasable() && !old.releasable()) {
                        ChangeKind k = released.contains(c.path()) ? ChangeKind.RELEASED : ChangeKind.RELEASABLE;
                        changes.add(new Change(now, k, h, c.path(), Set.of(), old, c));
                    }
                }
            }
        }
        return new ChangeBatch(changes);
    }
}
