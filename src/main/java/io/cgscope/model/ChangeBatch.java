package io.cgscope.model;

import java.util.List;

/**
 * Changes delivered together, in order. A consumer applies a batch whole: after it, its state
 * equals the source's state at the end of the batch, never a half-applied one.
 */
public record ChangeBatch(List<Change> changes) {
    public ChangeBatch {
        changes = List.copyOf(changes);
    }
}
