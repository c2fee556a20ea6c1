package io.cgscope.live;

import java.nio.file.WatchKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The cgroups read and reported before they were watched, and their registration afterwards:
 * every cgroup of the first read (so the tree is shown as soon as it is read, not after 100,000
 * registrations), and the new cgroups of a flush (so a 10,000-mkdir burst's later mkdirs are not
 * held back). A round of registrations runs on the registrar threads while the engine goes on;
 * the engine takes its keys at its next turn ({@link #collect}) and reads each of those cgroups
 * once more, which reports what happened in it before its watch. Until then the poller reads a
 * share of them each tick ({@link #pollShare}). The engine's thread alone calls these methods,
 * under its write lock.
 *
 * <p>Registering a directory with the JDK's WatchService is a request to its single poller
 * thread, which answers every request queued while it was busy in one go (stat, then
 * inotify_add_watch, each). Several registrar threads keep that queue full: on the 2-core machine
 * of README, 8 threads registered 20,200 cgroups in 0.70 s where one took 1.5 to 1.7 s.
 */
final class DeferredWatches {
    /** Threads that register side by side. */
    static final int REGISTRARS = 8;
    /** How long new cgroups may wait for their watch while create and delete events keep coming. */
    static final long WATCH_DEFER_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    /**
     * What a round of registrations did.
     *
     * @param tried   every cgroup a registration was tried for and that is still known: each must
     *                be read once more, since its first read came before its watch
     * @param refused why the watch table took no more, or null
     */
    record Outcome(List<String> tried, String refused) {
    }

    /** Oldest first. */
    private final Deque<String> waiting = new ArrayDeque<>();
    /** When {@link #waiting} last stopped being empty. */
    private long waitingSince;
    /** The round on the registrar threads, or null. */
    private Round running;

    /** One round: its cgroups, the keys its threads found, and how many of its threads still run. */
    private static final class Round {
        final List<String> paths;
        final WatchKey[] keys;
        final AtomicInteger unfinished = new AtomicInteger();
        final AtomicReference<String> refused = new AtomicReference<>();
        final AtomicReference<RuntimeException> failed = new AtomicReference<>();

        Round(List<String> paths) {
            this.paths = paths;
            this.keys = new WatchKey[paths.size()];
        }
    }

    void add(String path) {
        if (waiting.isEmpty()) {
            waitingSince = System.nanoTime();
        }
        waiting.add(path);
    }

    /** Nothing waits for a watch and no round runs. */
    boolean isEmpty() {
        return waiting.isEmpty() && running == null;
    }

    /** A round ran and has ended: its keys wait for {@link #collect}. */
    boolean roundEnded() {
        return running != null && running.unfinished.get() == 0;
    }

    /** Cgroups still to be registered, those of the running round included (a removed one until its turn). */
    int pending() {
        return waiting.size() + (running == null ? 0 : running.paths.size());
    }

    /** Forgets the waiting cgroups; the running round's keys are cancelled when it is collected. */
    void clear() {
        waiting.clear();
    }

    /**
     * Time to start a round: when none runs and either nothing else waits to be read
     * ({@code busy} false: in a burst, the registrations and the reads after them would hold back
     * the later mkdirs' events) or they have waited {@link #WATCH_DEFER_NANOS}, so a steady
     * stream cannot leave them unwatched.
     */
    boolean due(long now, boolean busy) {
        return running == null && !waiting.isEmpty() && (!busy || now - waitingSince >= WATCH_DEFER_NANOS);
    }

    /**
     * Up to {@code max} waiting cgroups for the poller to read this tick: taken from the end of
     * the queue, the last the registration would reach, and put at its head, so that the next
     * tick reads others and the registration takes these next.
     */
    List<String> pollShare(int max) {
        List<String> share = new ArrayList<>(Math.min(max, waiting.size()));
        while (share.size() < max && share.size() < waiting.size()) {
            String p = waiting.pollLast();
            share.add(p);
            waiting.addFirst(p);
        }
        return share;
    }

    /**
     * Starts registering up to {@code max} of the waiting cgroups still without a watch, oldest
     * first, on {@code registrars} side by side; {@code finished} runs on the registrar thread
     * that ends the round (the engine's wake-up).
     */
    void start(int max, ExecutorService registrars, CgroupNodes nodes, LevelReads reads, Runnable finished) {
        List<String> paths = new ArrayList<>(Math.min(max, waiting.size()));
        while (paths.size() < max && !waiting.isEmpty()) {
            String p = waiting.poll();
            Node n = nodes.get(p);
            if (n != null && !CgroupNodes.watching(n)) {
                paths.add(p);
            }
        }
        if (paths.isEmpty()) {
            return;
        }
        Round round = new Round(paths);
        running = round;
        int parts = Math.min(REGISTRARS, (paths.size() + 15) / 16);
        round.unfinished.set(parts);
        for (int part = 0; part < parts; part++) {
            int from = part * paths.size() / parts;
            int to = (part + 1) * paths.size() / parts;
            registrars.execute(() -> {
                try {
                    for (int i = from; i < to && round.refused.get() == null; i++) {
                        round.keys[i] = reads.register(paths.get(i), paths.get(i));
                    }
                } catch (Watches.LimitReached e) {
                    round.refused.compareAndSet(null, e.getMessage());
                } catch (RuntimeException e) {
                    round.failed.compareAndSet(null, e);
                } finally {
                    if (round.unfinished.decrementAndGet() == 0) {
                        finished.run();
                    }
                }
            });
        }
    }

    /**
     * Takes the keys of a round that has ended and records each in {@code nodes}; a key whose
     * cgroup went meanwhile is cancelled. A refusal ends the waiting: polling mode reads the rest
     * every tick, and watches them when there is room. A round that failed puts the cgroups it
     * did not register back at the head of the queue, then throws what it met.
     *
     * @return what the round did; null while it runs or when none ran
     */
    Outcome collect(CgroupNodes nodes) {
        Round round = running;
        if (round == null || round.unfinished.get() > 0) {
            return null;
        }
        running = null;
        RuntimeException failed = round.failed.get();
        List<String> tried = new ArrayList<>(round.paths.size());
        for (int i = round.keys.length - 1; i >= 0; i--) {
            String p = round.paths.get(i);
            if (round.keys[i] != null) {
                if (nodes.watched(p, round.keys[i])) {
                    tried.add(p);
                }
            } else if (nodes.contains(p)) {
                if (failed != null) {
                    waiting.addFirst(p);
                } else {
                    tried.add(p); // vanished meanwhile, or refused: one more read says which
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
        if (round.refused.get() != null) {
            waiting.clear();
        }
        return new Outcome(tried, round.refused.get());
    }
}
