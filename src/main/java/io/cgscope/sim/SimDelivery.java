package io.cgscope.sim;

import io.cgscope.host.ChangeListener;
import io.cgscope.model.ChangeBatch;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Hands one listener its batches on a thread of its own, as the host seam promises: the kernel
 * only queues and never waits for a listener (a {@code watch} writing to a full pipe holds up no
 * step of the simulation). When more than {@code limit} changes wait, those waiting and the new
 * batch are dropped and the listener is told at once.
 */
final class SimDelivery {
    private static final System.Logger LOG = System.getLogger(SimDelivery.class.getName());

    private final ChangeListener listener;
    private final int limit;
    private final ExecutorService thread;
    private int waiting;
    /** Bumped by an overflow: batches queued before it are skipped. */
    private long generation;
    private boolean closed;

    SimDelivery(ChangeListener listener, int limit) {
        this.listener = listener;
        this.limit = limit;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cgscope-sim-listener");
            t.setDaemon(true);
            return t;
        });
    }

    ChangeListener listener() {
        return listener;
    }

    void offer(ChangeBatch batch) {
        int size = batch.changes().size();
        long queuedIn;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (waiting > 0 && waiting + size > limit) {
                int dropped = waiting + size;
                waiting = 0;
                generation++;
                tell(() -> listener.onOverflow(dropped));
                return;
            }
            waiting += size;
            queuedIn = generation;
        }
        thread.execute(() -> deliver(batch, queuedIn, size));
    }

    private void deliver(ChangeBatch batch, long queuedIn, int size) {
        synchronized (this) {
            if (closed || queuedIn != generation) {
                return;
            }
            waiting -= size;
        }
        tell(() -> listener.onBatch(batch));
    }

    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a change listener failed", e);
        }
    }

    void close() {
        synchronized (this) {
            closed = true;
        }
        thread.shutdownNow();
    }
}
