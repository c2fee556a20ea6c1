package io.cgscope.live;

import io.cgscope.kernel.ThreadPriority;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the engine's threads: daemons, named after the engine, and, when a consumer asks for it,
 * at a higher nice value, so that in a window a burst of kernel changes leaves the cores to the
 * threads that paint it.
 */
final class WorkerThreads {
    private final String prefix;
    private final int niceness;

    WorkerThreads(String prefix, int niceness) {
        this.prefix = prefix;
        this.niceness = niceness;
    }

    Thread newThread(String suffix, Runnable body) {
        Thread t = new Thread(() -> {
            lowerPriority();
            body.run();
        }, prefix + suffix);
        t.setDaemon(true);
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
                    lowerPriority();
                }
            };
            // numbered here: on this JDK the pool index is not yet assigned in the factory
            t.setName(prefix + suffix + number.getAndIncrement());
            t.setDaemon(true);
            return t;
        }, null, false);
    }

    private void lowerPriority() {
        if (niceness > 0) {
            ThreadPriority.setCurrentThreadNiceness(niceness);
        }
    }
}
