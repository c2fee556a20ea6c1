package io.cgscope.live;

import io.cgscope.kernel.ThreadPriority;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the engine's threads: daemons, named after the engine, handing what they do not catch to
 * the engine (which logs it and ends the stream visibly, where a thread dying in silence would
 * leave the stream stopped with nobody told), and, once {@link #lowerPriority()} is called, at a
 * higher nice value, so that in a window a burst of kernel changes leaves the cores to the
 * threads that paint it.
 */
final class WorkerThreads {
    private final String prefix;
    private final int niceness;
    private final Thread.UncaughtExceptionHandler uncaught;
    /** Kernel ids of the threads started so far, which setpriority takes. */
    private final List<Integer> started = new ArrayList<>();
    private boolean lowered;

    WorkerThreads(String prefix, int niceness, Thread.UncaughtExceptionHandler uncaught) {
        this.prefix = prefix;
        this.niceness = niceness;
        this.uncaught = uncaught;
    }

    Thread newThread(String suffix, Runnable body) {
        Thread t = new Thread(() -> {
            starting();
            body.run();
        }, prefix + suffix);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler(uncaught);
        return t;
    }

    /**
     * A thread that keeps the priority it was born with, for work that must keep up with the
     * kernel rather than with the window: the process events' reader only drains its socket into
     * a queue, a few microseconds a message, but a reader that waits for a core behind the rest
     * lets the socket's buffer fill and the kernel drop events (6 drops in a fork storm at nice 10,
     * none at nice 0: README, "Benchmark").
     */
    Thread newThreadAtFullPriority(String suffix, Runnable body) {
        Thread t = new Thread(body, prefix + suffix);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler(uncaught);
        return t;
    }

    /** A pool whose threads are named {@code prefix + suffix + n}. */
    ForkJoinPool newPool(String suffix, int parallelism) {
        AtomicInteger number = new AtomicInteger();
        return new ForkJoinPool(parallelism, pool -> {
            ForkJoinWorkerThread t = new ForkJoinWorkerThread(pool) {
                @Override
                protected void onStart() {
                    super.onStart();
                    starting();
                }
            };
            // numbered here: on this JDK the pool index is not yet assigned in the factory
            t.setName(prefix + suffix + number.getAndIncrement());
            t.setDaemon(true);
            return t;
        }, uncaught, false);
    }

    /**
     * Puts every thread made so far, and every one made from now on, at the nice value. The engine
     * calls it once it has started: while it reads and watches the first time, a window waits for
     * that, and it runs at full priority.
     */
    synchronized void lowerPriority() {
        if (niceness == 0 || lowered) {
            return;
        }
        lowered = true;
        for (int tid : started) {
            ThreadPriority.setNiceness(tid, niceness);
        }
    }

    private synchronized void starting() {
        if (niceness == 0) {
            return;
        }
        int tid = ThreadPriority.currentThreadId();
        if (lowered) {
            ThreadPriority.setNiceness(tid, niceness);
        } else if (tid > 0) {
            started.add(tid);
        }
    }
}
