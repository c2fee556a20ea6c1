package io.cgscope.live;

import io.cgscope.kernel.CgroupReader;
import io.cgscope.kernel.ParallelReads;
import io.cgscope.model.CgroupFiles;

import java.nio.file.WatchKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;

/**
 * Reads cgroups of one hierarchy for the engine, a level at a time, side by side on the engine's
 * reader threads, each registered with the watch table first where it must be. It reads and
 * registers only: what it found is applied to the state by the engine's thread.
 */
final class LevelReads {
    /** One cgroup registered (when it had to be) and read; files null when it vanished. */
    record Read(String path, WatchKey key, CgroupFiles files, String refused) {
    }

    private final CgroupReader reader;
    private final Watches watches;
    private final Watches.Sink sink;
    /** Null: read every level on the engine's own thread. */
    private final ForkJoinPool readers;
    /** Set by a reader thread when a registration fails, so that the rest of the flush tries no more. */
    private volatile boolean registrationRefused;
    /**
     * Polling mode: a known cgroup without a watch is registered when it is read. Otherwise such
     * a cgroup waits for its turn in the registration ({@link DeferredWatches}), and a read of it
     * (the poller's, say) leaves it to that.
     */
    private volatile boolean registerUnwatched;

    LevelReads(CgroupReader reader, Watches watches, Watches.Sink sink, ForkJoinPool readers) {
        this.reader = reader;
        this.watches = watches;
        this.sink = sink;
        this.readers = readers;
    }

    CgroupReader reader() {
        return reader;
    }

    /** At the start of a flush: registrations may be tried again. */
    void allowRegistrations() {
        registrationRefused = false;
    }

    /** Whether a read of a known cgroup without a watch registers it first (polling mode). */
    void registerUnwatched(boolean yes) {
        registerUnwatched = yes;
    }

    /** The watch table is full: no registration is tried until the next flush. */
    void refuseRegistrations() {
        registrationRefused = true;
    }

    /**
     * Reads each cgroup of {@code level}. A known cgroup without a working watch is registered
     * before it is read in polling mode; a new one only when {@code watchFirst}.
     */
    List<Read> level(List<String> level, boolean watchFirst, CgroupNodes nodes) {
        return reader.withMount(mount -> ParallelReads.each(readers, level,
                p -> readOne(mount, p, watchFirst, nodes.get(p))));
    }

    /** Which of {@code paths} are directories now; side by side for many (a burst). */
    List<Boolean> areDirectories(List<String> paths) {
        return ParallelReads.each(readers, paths, reader::exists);
    }

    /**
     * Watches the directory {@code directory} for the events of the cgroup at {@code path}.
     *
     * @return the key, or null when the directory vanished first
     */
    WatchKey register(String directory, String path) throws Watches.LimitReached {
        return watches.register(reader, directory, sink, path);
    }

    /** Runs on a reader thread for a large level: touches only what is safe to share. */
    private Read readOne(CgroupReader.Mount mount, String p, boolean watchFirst, Node n) {
        WatchKey key = null;
        String refused = null;
        boolean register = n == null ? watchFirst : registerUnwatched && !CgroupNodes.watching(n);
        if (register && !registrationRefused) {
            try {
                key = register(p, p);
            } catch (Watches.LimitReached e) {
                registrationRefused = true;
                refused = e.getMessage();
            }
        }
        Optional<CgroupFiles> f = mount.readFiles(p);
        return new Read(p, key, f.orElse(null), refused);
    }
}
