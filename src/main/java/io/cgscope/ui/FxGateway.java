package io.cgscope.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The one way from background threads to the FX thread. Items offered from any thread collect in
 * a queue; the first offer after a drain schedules one drain on the FX executor, later offers only
 * add to the queue. So a burst of a thousand batches costs one pass on the FX thread, not a
 * thousand {@code runLater}s (the idea of {@code javafx.concurrent.Task.updateMessage}).
 *
 * <p>The executor is injected: {@code Platform::runLater} in the window, {@code Runnable::run} in
 * tests that want the drain to happen synchronously.
 *
 * @param <T> what is carried
 */
public final class FxGateway<T> {
    private final Executor fxExecutor;
    private final Consumer<List<T>> drain;
    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    /** True while a drain is scheduled and has not started yet. */
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public FxGateway(Executor fxExecutor, Consumer<List<T>> drain) {
        this.fxExecutor = fxExecutor;
        this.drain = drain;
    }

    /** Queues {@code item}; schedules a drain only when none is pending. Callable from any thread. */
    public void offer(T item) {
        queue.add(item);
        if (scheduled.compareAndSet(false, true)) {
            fxExecutor.execute(this::drainNow);
        }
    }

    private void drainNow() {
        // Cleared before taking: an offer racing with this drain schedules the next one.
        scheduled.set(false);
        List<T> items = new ArrayList<>();
        for (T item = queue.poll(); item != null; item = queue.poll()) {
            items.add(item);
        }
        if (!items.isEmpty()) {
            drain.accept(items);
        }
    }
}
