package io.cgscope.host;

import io.cgscope.model.ChangeBatch;

/**
 * Receives batches of changes, in order, on a thread the source keeps for this listener alone: a
 * listener that is slow (a write to a full pipe) holds up nobody else and never the source.
 *
 * <p>{@link #onOverflow}, {@link #onFailure} and {@link #onWatchProgress} come on the source's
 * own thread as the thing happens, not after the batches still waiting: a listener stuck in
 * {@link #onBatch} hears them all the same. They must return at once (set a flag, post to another thread).
 */
@FunctionalInterface
public interface ChangeListener {
    void onBatch(ChangeBatch batch);

    /**
     * Batches waiting for this listener were dropped: it had not taken the earlier ones and more
     * than the source keeps for one listener were waiting. The source's {@code current()} holds
     * the state they led to; the batches after them keep coming.
     */
    default void onOverflow(int droppedChanges) {
    }

    /**
     * The source met an unexpected error (its stack trace is logged). {@code ended}: no batch
     * follows and every hierarchy is stopped; otherwise the source reads every cgroup again and
     * the batches go on from there.
     */
    default void onFailure(Throwable error, boolean ended) {
    }

    /**
     * The registration of watches went on ({@link LiveSource#watchProgress()}): told a few times a
     * second while it runs, and once when it is done. On the source's own thread, like
     * {@link #onFailure}: it must return at once.
     */
    default void onWatchProgress(WatchProgress progress) {
    }
}
