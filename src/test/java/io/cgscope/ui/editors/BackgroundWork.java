package io.cgscope.ui.editors;

import io.cgscope.testkit.Eventually;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pane's background executor in the tests: one thread of its own, as the window's, and a
 * count of the work not yet done, so a test can wait until everything it started has answered
 * on the FX thread.
 */
final class BackgroundWork implements Executor, AutoCloseable {
    static final String THREAD = "editors-test-background";

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, THREAD);
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger unfinished = new AtomicInteger();

    @Override
    public void execute(Runnable work) {
        unfinished.incrementAndGet();
        thread.execute(() -> {
            try {
                work.run();
            } finally {
                unfinished.decrementAndGet();
            }
        });
    }

    /**
     * Waits until the work started so far, and the work its answers started in turn, is done and
     * its answers have run on the FX thread.
     */
    void settle() {
        do {
            Eventually.await("the edit panels' background work", () -> unfinished.get() == 0);
            // an answer is handed to the FX thread before its work counts as done: this runs it
            WaitForAsyncUtils.waitForFxEvents();
        } while (unfinished.get() != 0);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
