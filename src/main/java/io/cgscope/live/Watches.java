package io.cgscope.live;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The engine's one WatchService (one inotify instance) and the cgroup each key stands for. Used
 * only on the engine's thread, apart from {@link #close()}.
 */
final class Watches implements AutoCloseable {
    /** Where a key's events belong. */
    record Watched(HierarchyState state, String path) {
    }

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

    /** @param limit at most this many registrations at once; below the kernel's own limit only in tests */
    Watches(WatchService service, int limit) {
        this.service = service;
        this.limit = limit;
    }

    /**
     * Watches {@code dir} for child cgroups made and removed and for writes to its files.
     *
     * @return the key, or null when the directory vanished before it could be watched
     */
    WatchKey register(Path dir, HierarchyState state, String path) throws LimitReached {
        if (count.incrementAndGet() > limit) {
            count.decrementAndGet();
            throw new LimitReached("inotify watch limit reached (" + limit + " watches allowed to cgscope)");
        }
        boolean kept = false;
        try {
            WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
            if (keys.putIfAbsent(key, new Watched(state, path)) != null) {
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

    int size() {
        return count.get();
    }

    WatchKey poll(long nanos) throws InterruptedException {
        return service.poll(nanos, TimeUnit.NANOSECONDS);
    }

    WatchKey pollNow() {
        return service.poll();
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // closing an inotify descriptor does not fail in a way anyone could act on
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
