package io.cgscope.live;

import io.cgscope.kernel.CgroupReader;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The engine's one WatchService (one inotify instance) and the cgroup each key stands for. Used
 * on the engine's thread, apart from {@link #close()} and the drainer.
 *
 * <p>The drainer thread takes each signalled key's events at once and queues them for the
 * engine: the JDK keeps at most 512 events per key before it turns them into one OVERFLOW, and a
 * burst of mkdirs in one directory passes that within a single long flush of the engine. The
 * queue is bounded: when the engine falls that far behind, the drainer waits and the JDK's
 * OVERFLOW (a read of the directory) takes over.
 */
final class Watches implements AutoCloseable {
    /** Where a key's events belong: the cgroup at {@code path} of the hierarchy {@code sink} stands for. */
    record Watched(Sink sink, String path) {
    }

    /** What the events of a watched directory are told to: the state of its hierarchy. */
    interface Sink {
        /** The directory's files were written, or its watch was dropped: read it again. */
        void markReread(String path);

        /** The directory of {@code path} (watched through {@code key}) gained or lost the entry {@code name}. */
        void markEntry(WatchKey key, String path, String name);

        /** Events of the directory were lost. */
        void markOverflow(String path);
    }

    /** One key's events as the drainer took them; {@code valid} false when the kernel dropped the watch. */
    record Polled(WatchKey key, List<WatchEvent<?>> events, boolean valid) {
    }

    /** Stands for no key: something else has work for the engine (process events). */
    static final Polled WAKE = new Polled(null, List.of(), true);

    /** Keys' events queued for the engine, at most; each holds a few events in a burst. */
    static final int QUEUE_LIMIT = 65_536;

    /** The kernel refused a watch (inotify watch limit, or the test limit): fall back to polling. */
    static final class LimitReached extends Exception {
        LimitReached(String message) {
            super(message, null, false, false);
        }
    }

    private final WatchService service;
    private final int limit;
    private final Map<WatchKey, Watched> keys = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final BlockingQueue<Polled> polled;
    private final Thread drainer;
    private volatile boolean closed;

    /**
     * @param limit      at most this many registrations at once; below the kernel's own limit only in tests
     * @param queueLimit at most this many keys' events waiting for the engine; {@link #QUEUE_LIMIT} but in tests
     */
    Watches(WatchService service, int limit, int queueLimit, WorkerThreads threads) {
        this.service = service;
        this.limit = limit;
        this.polled = new LinkedBlockingQueue<>(queueLimit);
        this.drainer = threads.newThread("-events", this::drain);
        drainer.start();
    }

    private void drain() {
        try {
            while (true) {
                WatchKey key = service.take();
                List<WatchEvent<?>> events = ExactNames.of(key.pollEvents());
                boolean valid = key.reset();
                polled.put(new Polled(key, events, valid));
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: the engine is stopping
        }
    }

    /**
     * Watches the directory of the cgroup at {@code directory} for {@code path}'s events: by its
     * plain path when its names are ASCII, else through {@code /proc/self/fd/N} of its descriptor,
     * so that any name's bytes are reached whatever the locale. May run on several threads at once.
     *
     * @return the key, or null when the directory vanished before it could be watched
     */
    WatchKey register(CgroupReader reader, String directory, Sink sink, String path) throws LimitReached {
        Path plain = reader.asciiPath(directory);
        if (plain != null) {
            return register(plain, sink, path);
        }
        return reader.withDirectory(directory, dir -> register(dir, sink, path));
    }

    /**
     * Watches {@code dir} for child cgroups made and removed and for writes to its files.
     *
     * @return the key, or null when the directory vanished before it could be watched
     */
    WatchKey register(Path dir, Sink sink, String path) throws LimitReached {
        if (count.incrementAndGet() > limit) {
            count.decrementAndGet();
            throw new LimitReached("inotify watch limit reached (" + limit + " watches allowed to cgscope)");
        }
        boolean kept = false;
        try {
            WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
            if (keys.putIfAbsent(key, new Watched(sink, path)) != null) {
                // the same directory again (its old key is still held): one watch, counted once
                count.decrementAndGet();
            }
            kept = true;
            return key;
        } catch (NoSuchFileException | NotDirectoryException e) {
            return null;
        } catch (IOException e) {
            // ENOSPC from inotify_add_watch: "User limit of inotify watches reached"
            throw new LimitReached("inotify watch refused: " + e.getMessage() + " (max_user_watches "
                    + maxUserWatches() + ")");
        } finally {
            if (!kept) {
                count.decrementAndGet();
            }
        }
    }

    Watched lookup(WatchKey key) {
        return keys.get(key);
    }

    void cancel(WatchKey key) {
        if (key != null) {
            forget(key);
            key.cancel();
        }
    }

    /** Forgets a key the kernel already dropped (its directory went). */
    void forget(WatchKey key) {
        if (keys.remove(key) != null) {
            count.decrementAndGet();
        }
    }

    /**
     * Ends the engine's wait in {@link #poll} at once. Never blocks: when the queue is full the
     * engine has work queued already and will come back for the rest.
     */
    void wake() {
        polled.offer(WAKE);
    }

    Polled poll(long nanos) throws InterruptedException {
        return polled.poll(nanos, TimeUnit.NANOSECONDS);
    }

    Polled pollNow() {
        return polled.poll();
    }

    /**
     * Throws once {@link #close()} ran: a long read that registers nothing (the first read of
     * 100,000 cgroups) asks between its levels, so that a close ends it as a registration would.
     */
    void requireOpen() {
        if (closed) {
            throw new ClosedWatchServiceException();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            service.close();
        } catch (IOException e) {
            // closing an inotify descriptor does not fail in a way anyone could act on
        }
        drainer.interrupt(); // when it waits for room in the queue
        if (Thread.currentThread() != drainer) {
            try {
                drainer.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String maxUserWatches() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/sys/fs/inotify/max_user_watches")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
