package io.cgscope.ui.window;

import io.cgscope.host.ChangeListener;
import io.cgscope.host.LiveSource;
import io.cgscope.host.WatchMode;
import io.cgscope.host.WatchProgress;
import io.cgscope.model.ChangeBatch;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Snapshot;
import io.cgscope.ui.FxGateway;
import io.cgscope.ui.log.EventLogModel;
import io.cgscope.ui.tree.CgroupTreeModel;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Connects the live source to the tree and the event log. Batches arrive on the source's thread
 * and reach the FX thread through one {@link FxGateway}: however many arrive between two pulses,
 * they are applied in one pass. While paused they are held (up to {@link #HOLD_LIMIT} changes;
 * beyond that, resuming re-reads the source's current state instead).
 */
public final class LiveFeed {
    static final int HOLD_LIMIT = 50_000;
    /** About 10 ms of FX-thread work on a 100,000-row tree (see UiBench). */
    static final int CHANGES_PER_PASS = 1_500;
    static final Duration MODES_EVERY = Duration.ofSeconds(2);

    private final String host;
    private final LiveSource source;
    private final CgroupTreeModel tree;
    private final EventLogModel log;
    private final FxGateway<Numbered> gateway;
    private final Executor fx;
    private final List<Numbered> held = new ArrayList<>();
    private final ArrayDeque<Numbered> backlog = new ArrayDeque<>();
    /** Batches the source has delivered, counted on its thread: the number of each. */
    private final AtomicLong delivered = new AtomicLong();
    private Executor background;
    /** A re-read of the source is on its way: batches wait in the backlog for it. */
    private boolean rereading;
    private boolean rereadAgain;
    private boolean continuationScheduled;
    private final AtomicReference<Map<Hierarchy, WatchMode>> latestModes = new AtomicReference<>();
    private final AtomicLong modesSampledAt = new AtomicLong(System.nanoTime());
    /** A look at the source's watch progress is posted to the FX thread and not yet taken. */
    private final AtomicBoolean progressPosted = new AtomicBoolean();
    private int heldChanges;
    private boolean heldOverflow;
    /** Why the live updates ended on an error, which a later re-read does not undo; null while they run. */
    private String stoppedBy;

    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper modes = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper modeDetails = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Duration> pollInterval = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper heldCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Instant> rereadAt = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<WatchProgress> watchProgress = new ReadOnlyObjectWrapper<>(WatchProgress.NONE);
    /** Whether the first state is in the tree: batches before it wait in the backlog. */
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();

    /** A batch with its place in the source's delivery order. */
    private record Numbered(long number, ChangeBatch batch) {
    }

    /**
     * @param host   the id of the host whose source this is: its rows and events carry it
     * @param fx     runs a drain on the FX thread: {@code Platform::runLater}, or {@code Runnable::run} in tests
     */
    public LiveFeed(String host, LiveSource source, CgroupTreeModel tree, EventLogModel log, Executor fx) {
        this.host = host;
        this.source = source;
        this.tree = tree;
        this.log = log;
        this.fx = fx;
        this.gateway = new FxGateway<>(fx, this::onBatches);
        this.pollInterval.set(source.pollInterval());
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    /** How the hierarchies are watched, in a few words: "inotify (10) · polling (2)". */
    public ReadOnlyStringProperty modesProperty() {
        return modes.getReadOnlyProperty();
    }

    /** One line per hierarchy: "cpu,cpuacct: inotify", "name=systemd: polling (why)". */
    public ReadOnlyStringProperty modeDetailsProperty() {
        return modeDetails.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Duration> pollIntervalProperty() {
        return pollInterval.getReadOnlyProperty();
    }

    /** True once the source's first state is in the tree. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    /** Changes held while paused. */
    public ReadOnlyIntegerProperty heldCountProperty() {
        return heldCount.getReadOnlyProperty();
    }

    /** When the tree last became the source's state again (F5, after a write), or null. */
    public ReadOnlyObjectProperty<Instant> rereadAtProperty() {
        return rereadAt.getReadOnlyProperty();
    }

    /** How far the source is in watching the cgroups it shows: done once every watch is registered. */
    public ReadOnlyObjectProperty<WatchProgress> watchProgressProperty() {
        return watchProgress.getReadOnlyProperty();
    }

    /** The last failure to read the source, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /**
     * Listens, then starts the source on {@code background}: reading every cgroup takes most of
     * a second at 10,000 of them, during which the FX thread builds and shows the window (the
     * source registers its watches afterwards, and {@link #watchProgressProperty()} says how far). The first state goes into the tree on the FX thread as soon as it is read; batches
     * that arrive before it wait for it, in order. Call on the FX thread.
     *
     * @param onFailure hears, on the FX thread, why the source could not start
     */
    public void start(Executor background, Consumer<Exception> onFailure) {
        this.background = background;
        source.addListener(new ChangeListener() {
            @Override
            public void onBatch(ChangeBatch batch) {
                sampleModesIfDue();
                gateway.offer(new Numbered(delivered.incrementAndGet(), batch));
            }

            @Override
            public void onOverflow(int droppedChanges) {
                onFx(LiveFeed.this::resync); // the source's current state holds what was dropped
            }

            @Override
            public void onFailure(Throwable e, boolean ended) {
                Map<Hierarchy, WatchMode> modesNow = ended ? source.modes() : null;
                onFx(() -> failed(e, modesNow));
            }

            @Override
            public void onWatchProgress(WatchProgress progress) {
                // one look posted however many come between two; it asks the source for the newest
                if (progressPosted.compareAndSet(false, true)) {
                    onFx(LiveFeed.this::showProgress);
                }
            }
        });
        background.execute(() -> {
            List<Snapshot> first;
            Map<Hierarchy, WatchMode> modesNow;
            try {
                first = source.start();
                modesNow = source.modes();
            } catch (CancellationException e) {
                return; // the window closed the source while it read: nobody waits for the answer
            } catch (IOException | RuntimeException e) {
                // on a background thread nobody would hear it: the window would say "reading" for good
                onFx(() -> onFailure.accept(e));
                return;
            }
            onFx(() -> load(first, modesNow));
        });
    }

    /**
     * An error in the live updates, for the status bar: until a re-read succeeds when the source
     * recovered, for good when the stream ended (then every hierarchy shows as stopped, and why).
     */
    private void failed(Throwable e, Map<Hierarchy, WatchMode> modesNow) {
        if (modesNow == null) {
            error.set("live updates recovered from an error by reading again: " + e);
            return;
        }
        stoppedBy = "live updates stopped: " + e;
        error.set(stoppedBy);
        latestModes.set(modesNow);
        updateModes();
    }

    private void load(List<Snapshot> first, Map<Hierarchy, WatchMode> modesNow) {
        tree.load(host, first);
        latestModes.set(modesNow);
        updateModes();
        showProgress();
        loaded.set(true);
        applySome();
    }

    /**
     * Shows the source's watch progress as it is now ({@link LiveSource#watchProgress()} answers
     * at once). When the registration is done, the watch modes are asked for again: a full watch
     * table turns a hierarchy to polling only then.
     */
    private void showProgress() {
        progressPosted.set(false);
        WatchProgress now = source.watchProgress();
        boolean finished = now.done() && !watchProgress.get().done();
        watchProgress.set(now);
        if (finished && background != null) {
            background.execute(() -> {
                Map<Hierarchy, WatchMode> modesNow = source.modes();
                onFx(() -> {
                    latestModes.set(modesNow);
                    updateModes();
                });
            });
        }
    }

    /** Runs {@code r} on the FX thread: now when already there (a source started in place), else through {@code fx}. */
    private void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            fx.execute(r);
        }
    }

    /**
     * Asks the source how it watches, on the source's own delivery thread and at most once per
     * {@link #MODES_EVERY}: the engine may answer only between two flushes, and during a burst
     * that wait (a second, measured) must not fall on the FX thread.
     */
    private void sampleModesIfDue() {
        long now = System.nanoTime();
        long last = modesSampledAt.get();
        if (now - last >= MODES_EVERY.toNanos() && modesSampledAt.compareAndSet(last, now)) {
            latestModes.set(source.modes());
        }
    }

    public void setPaused(boolean pause) {
        if (pause == paused.get()) {
            return;
        }
        paused.set(pause);
        if (!pause) {
            if (heldOverflow) {
                resync();
            } else if (!held.isEmpty()) {
                backlog.addAll(held);
                applySome();
            }
            held.clear();
            heldChanges = 0;
            heldOverflow = false;
            heldCount.set(0);
        }
    }

    public void setPollInterval(Duration interval) {
        source.setPollInterval(interval);
        pollInterval.set(source.pollInterval());
    }

    /**
     * F5: makes the tree equal to the source's current state, in place. The state is asked for
     * on the background executor: the engine answers between two of its flushes, and during a
     * burst that wait must not fall on the FX thread. Batches that arrive meanwhile wait; those
     * the state already holds are dropped, the others applied after it.
     */
    public void resync() {
        if (!loaded.get()) {
            return; // the first read is on its way
        }
        if (rereading) {
            // one is on its way, but it may have been asked before the changes this one is for
            rereadAgain = true;
            return;
        }
        rereading = true;
        background.execute(() -> {
            // Counted before asking: the source changes its state before it hands the batch on,
            // so every batch counted here is in the state. One delivered after (or dropped, as
            // onOverflow says) is in it too, and applying it once more changes nothing.
            long included = delivered.get();
            try {
                List<Snapshot> state = source.current();
                Map<Hierarchy, WatchMode> modesNow = source.modes();
                onFx(() -> reloaded(state, modesNow, included));
            } catch (RuntimeException e) {
                onFx(() -> {
                    rereading = false;
                    error.set("could not re-read: " + e.getMessage());
                    applySome();
                });
            }
        });
    }

    private void reloaded(List<Snapshot> state, Map<Hierarchy, WatchMode> modesNow, long included) {
        tree.load(host, state);
        rereadAt.set(Instant.now());
        // the state holds these already; the event log still tells them, once
        List<ChangeBatch> inState = new ArrayList<>();
        while (!backlog.isEmpty() && backlog.peek().number() <= included) {
            inState.add(backlog.poll().batch());
        }
        log.append(host, inState);
        rereading = false;
        latestModes.set(modesNow);
        error.set(stoppedBy);
        updateModes();
        if (rereadAgain) {
            rereadAgain = false;
            resync();
        } else {
            applySome();
        }
    }

    private void onBatches(List<Numbered> batches) {
        if (paused.get()) {
            for (Numbered b : batches) {
                heldChanges += b.batch().changes().size();
                if (heldChanges > HOLD_LIMIT) {
                    heldOverflow = true;
                    held.clear();
                } else {
                    held.add(b);
                }
            }
            heldCount.set(heldChanges);
            return;
        }
        backlog.addAll(batches);
        applySome();
    }

    /**
     * Applies whole batches up to about {@link #CHANGES_PER_PASS} changes, and leaves the rest to
     * a later pass: during a burst (10,000 mkdirs) the FX thread then draws frames between passes
     * instead of stalling on one huge pass. Batches stay whole and in order.
     */
    private void applySome() {
        continuationScheduled = false;
        if (!loaded.get() || rereading || paused.get()) {
            return; // kept in the backlog, in order, until the state they follow is in the tree
        }
        List<ChangeBatch> pass = new ArrayList<>();
        int changes = 0;
        while (!backlog.isEmpty() && (pass.isEmpty() || changes + backlog.peek().batch().changes().size() <= CHANGES_PER_PASS)) {
            ChangeBatch b = backlog.poll().batch();
            pass.add(b);
            changes += b.changes().size();
        }
        if (!pass.isEmpty()) {
            apply(pass);
        }
        if (!backlog.isEmpty() && !continuationScheduled) {
            continuationScheduled = true;
            fx.execute(this::applySome);
        }
    }

    private void apply(List<ChangeBatch> batches) {
        tree.apply(host, batches);
        log.append(host, batches);
        updateModes();
    }

    private void updateModes() {
        Map<Hierarchy, WatchMode> m = latestModes.get();
        if (m == null) {
            return;
        }
        modes.set(summarize(m));
        modeDetails.set(m.entrySet().stream().map(e -> e.getKey().title() + ": " + describe(e.getValue()))
                .collect(Collectors.joining("\n")));
    }

    /**
     * One short phrase for the status bar: "inotify (12)", or "inotify (10) · polling (2)"; the
     * reason appears only when every hierarchy shares it. The details say it per hierarchy.
     */
    static String summarize(Map<Hierarchy, WatchMode> m) {
        Map<WatchMode.Kind, Long> byKind = new java.util.EnumMap<>(WatchMode.Kind.class);
        m.values().forEach(w -> byKind.merge(w.kind(), 1L, Long::sum));
        if (byKind.size() == 1 && m.values().stream().map(WatchMode::why).distinct().count() == 1) {
            WatchMode only = m.values().iterator().next();
            return describe(only) + " (" + m.size() + (m.size() == 1 ? " hierarchy)" : " hierarchies)");
        }
        return byKind.entrySet().stream().map(e -> e.getKey().label() + " ("
                + e.getValue() + ")").collect(Collectors.joining(" · "));
    }

    /** "polling (why)", or the reason alone when it names its kind already ("inotify for cgroups and files; …"). */
    static String describe(WatchMode mode) {
        String kind = mode.label();
        if (mode.why() == null || mode.why().isBlank()) {
            return kind;
        }
        return mode.why().startsWith(kind) ? mode.why() : kind + " (" + mode.why() + ")";
    }
}
