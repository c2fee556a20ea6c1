package io.cgscope.cli;

import io.cgscope.kernel.MountInfo;
import io.cgscope.kernel.Target;
import io.cgscope.live.LiveEngine;
import io.cgscope.live.WatchMode;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code watch [--json] [--root DIR]... [--interval MS] [--until-eof]}: a {@code ready} line after
 * the first read, then a line per change until SIGINT or SIGTERM, stdin closing (with
 * {@code --until-eof}), every watched hierarchy gone, or the reader of stdout gone. Ends with exit
 * 0 and the engine closed in each case but the last (1).
 */
final class WatchCommand {
    private WatchCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        return run(args, out, err, System.in, true);
    }

    /**
     * @param in      read to its end when {@code --until-eof} is given
     * @param signals take over SIGINT and SIGTERM (a real process); tests running in-process do not
     */
    static int run(List<String> args, PrintStream out, PrintStream err, InputStream in, boolean signals)
            throws UsageException {
        Options o = Options.parse(args, true);
        List<Target> targets;
        try {
            targets = o.targets(MountInfo.SELF);
        } catch (IOException e) {
            err.println("cgscope watch: cannot read the mount table: " + e.getMessage());
            return Cli.EXIT_FAILURE;
        }
        EventLines lines = EventLines.of(o.json(), out);
        CountDownLatch end = new CountDownLatch(1);
        boolean[] outputGone = {false};
        try (LiveEngine engine = new LiveEngine(targets, Duration.ofMillis(o.intervalMillis()))) {
            Map<Hierarchy, WatchMode.Kind> told = new HashMap<>();
            engine.addListener(batch -> {
                lines.batch(batch);
                if (lines.failed()) {
                    outputGone[0] = true;
                    end.countDown();
                }
                if (tellStopped(engine.modes(), told, err)) {
                    end.countDown();
                }
            });
            List<Snapshot> snapshots;
            try {
                snapshots = engine.start();
            } catch (IOException e) {
                err.println("cgscope watch: cannot read " + e.getMessage());
                return Cli.EXIT_FAILURE;
            }
            lines.ready(Instant.now(), snapshots, engine.modes());
            Runnable restore = signals ? Signals.onInterruptOrTerminate(end::countDown) : () -> { };
            try {
                if (o.untilEof()) {
                    startEofWatch(in, end);
                }
                end.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                restore.run();
            }
        }
        out.flush();
        return outputGone[0] ? Cli.EXIT_FAILURE : Cli.EXIT_OK;
    }

    /** Says on stderr why a hierarchy stopped; true when none is left to watch. */
    private static boolean tellStopped(Map<Hierarchy, WatchMode> modes, Map<Hierarchy, WatchMode.Kind> told,
                                       PrintStream err) {
        boolean allStopped = true;
        for (Map.Entry<Hierarchy, WatchMode> e : modes.entrySet()) {
            WatchMode m = e.getValue();
            if (told.put(e.getKey(), m.kind()) != m.kind() && m.kind() != WatchMode.Kind.INOTIFY) {
                err.println("cgscope watch: " + e.getKey().label() + ": " + m.kind().name().toLowerCase()
                        + ": " + m.why());
                err.flush();
            }
            allStopped &= m.kind() == WatchMode.Kind.STOPPED;
        }
        return allStopped;
    }

    /** A daemon: a read blocked on a terminal cannot be interrupted, and must not hold the JVM. */
    private static void startEofWatch(InputStream in, CountDownLatch end) {
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
