package io.cgscope.live;

import io.cgscope.host.ChangeListener;
import io.cgscope.host.WatchProgress;
import io.cgscope.model.ChangeBatch;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Hands one listener its batches on a thread of its own, from a queue bounded by the number of
 * changes waiting. The engine only adds to the queue and never waits: a listener blocked in a
 * write to a pipe nobody reads cannot hold the engine's lock or its thread. When the queue is
 * full the batches waiting are dropped and the listener is told at once, on the engine's thread.
 */
final class Delivery {
    private static final System.Logger LOG = System.getLogger(Delivery.class.getName());
    /** How long {@link #close()} waits for a listener that is inside {@code onBatch}. */
    private static final long BUSY_JOIN_MILLIS = 100;

    private final ChangeListener listener;
    private final int limit;
    private final ArrayDeque<ChangeBatch> queue = new ArrayDeque<>();
    private int waiting;
    private Thread thread;
    private volatile boolean closed;
    /** Inside the listener's onBatch: close() does not wait long for it. */
    private volatile boolean busy;

    /** @param limit changes that may wait for the listener; a batch larger than that passes when none waits */
    Delivery(ChangeListener listener, int limit) {
        this.listener = listener;
        this.limit = limit;
    }

    ChangeListener listener() {
        return listener;
    }

    synchronized void start(WorkerThreads threads, String suffix) {
        if (thread == null && !closed) {
            thread = threads.newThread(suffix, this::run);
            thread.start();
        }
    }

    /**
     * Queues the batch, or, when too many changes wait already, drops them and this batch, and
     * tells the listener. Never blocks on the listener.
     */
    void offer(ChangeBatch batch) {
        int dropped;
        synchronized (this) {
            if (closed) {
                return;
            }
            int size = batch.changes().size();
            if (queue.isEmpty() || waiting + size <= limit) {
                queue.add(batch);
                waiting += size;
                notifyAll();
                return;
            }
            dropped = waiting + size;
            queue.clear();
            waiting = 0;
        }
        try {
            listener.onOverflow(dropped);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a change listener failed", e);
        }
    }

    /** Tells the listener of an error, on the caller's thread. */
    void fail(Throwable error, boolean ended) {
        if (closed) {
            return;
        }
        try {
            listener.onFailure(error, ended);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a change listener failed", e);
        }
    }

    /** Tells the listener how far the registration of watches is, on the caller's thread. */
    void progress(WatchProgress progress) {
        if (closed) {
            return;
        }
        try {
            listener.onWatchProgress(progress);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a change listener failed", e);
        }
    }

    private void run() {
        try {
            while (true) {
                ChangeBatch next;
                synchronized (this) {
                    while (queue.isEmpty() && !closed) {
                        wait();
                    }
                    if (closed) {
                        return;
                    }
                    next = queue.poll();
                    waiting -= next.changes().size();
                    busy = true;
                }
                try {
                    listener.onBatch(next);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "a change listener failed", e);
                } finally {
                    busy = false;
                }
            }
        } catch (InterruptedException e) {
            // close(): nothing more is delivered
        }
    }

    /**
     * Nothing is delivered after this. The thread ends at once when it waits for a batch; one
     * inside the listener (a write to a pipe nobody reads, which no interrupt ends) is not waited
     * for beyond {@value #BUSY_JOIN_MILLIS} ms: it is a daemon, and a program that stops must.
     */
    void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            queue.clear();
            waiting = 0;
            notifyAll();
            t = thread;
        }
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        t.interrupt();
        try {
            t.join(busy ? BUSY_JOIN_MILLIS : TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
