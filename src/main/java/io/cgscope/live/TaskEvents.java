package io.cgscope.live;

import io.cgscope.kernel.ProcConnector;
import io.cgscope.kernel.ProcEvent;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The kernel's process events for the engine: a thread of its own reads the proc connector and
 * queues the forks, execs and exits, and wakes the engine's loop once for all that wait. The
 * engine takes them on its own thread ({@link #drain}), where its state lives. A v1 task exit
 * raises no inotify event: without these the engine sees it only at the next poll.
 *
 * <p>A fork storm must not grow the queue without end: beyond {@link #QUEUE_LIMIT} waiting
 * events the rest are dropped and the engine is told that events were lost, as the kernel tells
 * the connector when its socket's buffer overflowed; either way it reads every occupied cgroup
 * again.
 */
final class TaskEvents implements AutoCloseable {
    static final int QUEUE_LIMIT = 100_000;
    private static final System.Logger LOG = System.getLogger(TaskEvents.class.getName());

    private final ProcConnector connector;
    private final Runnable wake;
    private final Queue<ProcEvent> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean woken = new AtomicBoolean();
    private final AtomicBoolean dropped = new AtomicBoolean();
    /** ENOBUFS answers of the socket so far: each says the kernel dropped events. */
    private final AtomicLong kernelDrops = new AtomicLong();

    private TaskEvents(ProcConnector connector, Runnable wake) {
        this.connector = connector;
        this.wake = wake;
    }

    /**
     * Starts listening; the caller falls back to polling when this fails.
     *
     * @param wake          wakes the engine's loop (called from the reading thread)
     * @param receiveBuffer the socket's receive buffer in bytes, 0 for the kernel's default; tests
     *                      make it small, so that a burst overflows it
     * @throws IOException with a sentence that says what is missing (privilege, kernel support)
     */
    static TaskEvents start(Runnable wake, WorkerThreads threads, int receiveBuffer) throws IOException {
        TaskEvents events = new TaskEvents(ProcConnector.open(receiveBuffer), wake);
        threads.newThreadAtFullPriority("-proc-events", events::read).start();
        return events;
    }

    private void read() {
        try {
            while (connector.read(this::offer)) {
                if ((size.get() > 0 || dropped.get()) && !woken.getAndSet(true)) {
                    wake.run();
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "process events stopped; task changes are polled from now on", e);
            dropped.set(true); // what came before the failure is still to be looked at
            wake.run();
        }
    }

    private void offer(ProcEvent e) {
        switch (e.kind()) {
            case FORK, EXEC, EXIT -> {
                if (size.incrementAndGet() > QUEUE_LIMIT) {
                    size.decrementAndGet();
                    dropped.set(true);
                } else {
                    waiting.add(e);
                }
            }
            case LOST -> {
                kernelDrops.incrementAndGet();
                dropped.set(true);
            }
            default -> { } // uid, gid, comm changes: no cgroup changes with them
        }
    }

    /**
     * Hands every waiting event to {@code sink}, on the engine's thread; a lost stretch comes
     * first, as one {@link ProcEvent.Kind#LOST} event.
     */
    void drain(Consumer<ProcEvent> sink) {
        woken.set(false);
        if (dropped.getAndSet(false)) {
            sink.accept(ProcEvent.lost());
        }
        for (ProcEvent e; (e = waiting.poll()) != null; ) {
            size.decrementAndGet();
            sink.accept(e);
        }
    }

    /** How many times the kernel said it dropped events for this socket (ENOBUFS). */
    long kernelDrops() {
        return kernelDrops.get();
    }

    @Override
    public void close() {
        connector.close();
    }
}
