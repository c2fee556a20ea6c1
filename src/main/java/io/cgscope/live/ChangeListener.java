package io.cgscope.live;

import io.cgscope.model.ChangeBatch;

/** Receives batches of changes on the source's own thread; must not block for long. */
@FunctionalInterface
public interface ChangeListener {
    void onBatch(ChangeBatch batch);
}
