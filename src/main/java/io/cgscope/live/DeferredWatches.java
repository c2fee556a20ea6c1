package io.cgscope.live;

import java.nio.file.WatchKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The cgroups a flush found new and reported before watching them, and their registration after
 * their batch went out. Registering one with the JDK's WatchService waits for its single poller
 * thread, and in a 10,000-mkdir burst that wait, not the reading, held the {@code added} events
 * back. On the engine's thread, under its write lock.
 */
final class DeferredWatches {
    /** Threads that register new cgroups side by side. */
    static final int REGISTRARS = 8;
    /** How long new cgroups may wait for their watch while create and delete events keep coming. */
    static final long WATCH_DEFER_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    /**
     * What a round of registrations did.
     *
     * @param tried   every cgroup a registration was tried for: each must be read once more,
     *                since its first read came before its watch
     * @param refused why the watch table took no more, or null
     */
    record Outcome(List<String> tried, String refused) {
    }

    /** Oldest first. */
    private final Deque<String> waiting = new ArrayDeque<>();
    /** When {@link #waiting} last stopped being empty. */
    private long waitingSince;

    void add(String path) {
        if (waiting.isEmpty()) {
            waitingSince = System.nanoTime();
        }
        waiting.add(path);
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    void clear() {
        waiting.clear();
    }

    /**
     * Time to register some: when nothing else waits to be read ({@code busy} false: in a burst,
     * the registrations and the reads after them would hold back the later mkdirs' events), or
     * when they have waited {@link #WATCH_DEFER_NANOS}, so a steady stream cannot leave them
     * unwatched.
     */
    boolean due(long now, boolean busy) {
        return !waiting.isEmpty() && (!busy || now - waitingSince >= WATCH_DEFER_NANOS);
    }

    /**
     * Registers up to {@code max} of the waiting cgroups still without a watch, oldest first, on
     * {@code registrars} side by side (the JDK's poller takes the requests queued while it was
     * busy in one go), and records each key in {@code nodes}. A refusal ends the waiting: polling
     * mode reads the rest every tick, and watches them when there is room.
     */
    Outcome registerSome(int max, ExecutorService registrars, CgroupNodes nodes, LevelReads reads)
            throws InterruptedException {
        List<String> paths = new ArrayList<>(Math.min(max, waiting.size()));
        while (paths.size() < max && !waiting.isEmpty()) {
            String p = waiting.poll();
            Node n = nodes.get(p);
            if (n != null && !CgroupNodes.watching(n)) {
                paths.add(p);
            }
        }
        if (paths.isEmpty()) {
            return new Outcome(List.of(), null);
        }
        WatchKey[] keys = new WatchKey[paths.size()];
        AtomicReference<String> refused = new AtomicReference<>();
        int parts = Math.min(REGISTRARS, (paths.size() + 15) / 16);
        List<Callable<Void>> work = new ArrayList<>(parts);
        for (int part = 0; part < parts; part++) {
            int from = part * paths.size() / parts;
            int to = (part + 1) * paths.size() / parts;
            work.add(() -> {
                for (int i = from; i < to && refused.get() == null; i++) {
                    try {
                        keys[i] = reads.register(paths.get(i), paths.get(i));
                    } catch (Watches.LimitReached e) {
                        refused.compareAndSet(null, e.getMessage());
                    }
                }
                return null;
            });
        }
        run(work, registrars);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                nodes.watched(paths.get(i), keys[i]);
            }
        }
        if (refused.get() != null) {
            waiting.clear();
        }
        return new Outcome(paths, refused.get());
    }

    private static void run(List<Callable<Void>> work, ExecutorService registrars) throws InterruptedException {
        try {
            if (work.size() == 1) {
                work.get(0).call();
            } else {
                for (Future<Void> f : registrars.invokeAll(work)) {
                    f.get();
                }
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
