package io.cgscope.cli;

import io.cgscope.host.ChangeListener;
import io.cgscope.host.LiveSource;
import io.cgscope.host.WatchMode;
import io.cgscope.model.ChangeBatch;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The streaming half of {@code watch}: starts the source, prints the {@code ready} line, then the
 * lines of each batch, until it is asked to end. Exit 0 on SIGINT or SIGTERM (during the first
 * read, while a write to standard output is stuck, or idle), on standard input's end with
 * {@code --until-eof}, or when every hierarchy is gone. Exit 1 when the reader of standard output
 * went away, or fell more than {@link io.cgscope.live.LiveEngine#DELIVERY_LIMIT} changes behind
 * (one line on stderr), or the live updates failed (one line on stderr).
 *
 * <p>The event lines are written on the source's delivery thread, never on the thread that
 * waits for the end: that one never touches standard output, so a write stuck on a full pipe
 * cannot keep it, or the process, from ending.
 */
final class WatchStream implements ChangeListener {
    private final LiveSource source;
    private final EventLines lines;
    private final PrintStream err;
    private final CountDownLatch end = new CountDownLatch(1);
    /** What each hierarchy was last said to be; on the delivery thread only. */
    private final Map<Hierarchy, WatchMode.Kind> told = new HashMap<>();
    /** Why the stream ends with exit 1, for one line on stderr; null while it may end well. */
    private final AtomicReference<String> failure = new AtomicReference<>();
    private volatile boolean outputGone;

    WatchStream(LiveSource source, EventLines lines, PrintStream err) {
        this.source = source;
        this.lines = lines;
        this.err = err;
    }

    /**
     * @param untilEof read to its end, which ends the stream; null to ignore standard input
     * @param signals  take over SIGINT and SIGTERM (a real process); tests running in-process do not
     */
    int run(InputStream untilEof, boolean signals) {
        source.addListener(this);
        // Before the first read, which takes seconds on a large tree: a signal then ends it too.
        Runnable restore = signals ? Signals.onInterruptOrTerminate(this::stopRequested) : () -> { };
        try {
            List<Snapshot> snapshots;
            try {
                snapshots = source.start();
            } catch (IllegalStateException e) { // CancellationException too: closed while it read
                if (end.getCount() > 0) {
                    throw e;
                }
                return Cli.EXIT_OK; // a signal closed the source before or while it read
            } catch (IOException e) {
                err.println("cgscope watch: cannot read " + e.getMessage());
                return Cli.EXIT_FAILURE;
            }
            lines.ready(Instant.now(), snapshots, source.modes());
            if (untilEof != null) {
                startEofWatch(untilEof);
            }
            end.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            restore.run();
            source.close();
        }
        String why = failure.get();
        if (why != null) {
            err.println("cgscope watch: " + why);
            err.flush();
            return Cli.EXIT_FAILURE;
        }
        return outputGone ? Cli.EXIT_FAILURE : Cli.EXIT_OK;
    }

    /** SIGINT or SIGTERM: closing the source here ends a first read still under way. */
    private void stopRequested() {
        end.countDown();
        source.close();
    }

    @Override
    public void onBatch(ChangeBatch batch) {
        lines.batch(batch);
        if (lines.failed() && end.getCount() > 0) {
            // a reader that went away after a signal asked to stop is no failure
            outputGone = true;
            end.countDown();
        }
        if (tellStopped(source.modes())) {
            end.countDown();
        }
    }

    /**
     * Ends rather than goes on with a hole in the stream: a program reading the lines could not
     * tell what it missed, and a re-sync would need a kind of line no reader knows, written to a
     * reader already behind. Watching again starts from a {@code ready} line with the state.
     */
    @Override
    public void onOverflow(int droppedChanges) {
        failure.compareAndSet(null, "standard output is not read fast enough: " + droppedChanges
                + " changes waited for it and were dropped; stopping (watch again for a fresh start)");
        end.countDown();
    }

    @Override
    public void onFailure(Throwable error, boolean ended) {
        if (ended) {
            failure.compareAndSet(null, "live updates stopped on an error: " + error);
            end.countDown();
        } else {
            err.println("cgscope watch: an error in the live updates, so every cgroup is read again: " + error);
            err.flush();
        }
    }

    /** Says on stderr why a hierarchy stopped; true when none is left to watch. */
    private boolean tellStopped(Map<Hierarchy, WatchMode> modes) {
        boolean allStopped = true;
        for (Map.Entry<Hierarchy, WatchMode> e : modes.entrySet()) {
            WatchMode m = e.getValue();
            if (told.put(e.getKey(), m.kind()) != m.kind() && !m.kind().followsEveryChange()) {
                err.println("cgscope watch: " + e.getKey().label() + ": " + m.label()
                        + ": " + m.why());
                err.flush();
            }
            allStopped &= m.kind() == WatchMode.Kind.STOPPED;
        }
        return allStopped;
    }

    /** A daemon: a read blocked on a terminal cannot be interrupted, and must not hold the JVM. */
    private void startEofWatch(InputStream in) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                while (in.read(buf) >= 0) {
                    // what is typed is of no interest; only the end of it
                }
            } catch (IOException e) {
                // a broken stdin ends the watch as its end does
            }
            end.countDown();
        }, "cgscope-watch-stdin");
        t.setDaemon(true);
        t.start();
    }
}
