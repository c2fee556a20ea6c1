package io.cgscope.kernel;

import java.io.IOException;

/** The recorder was not installed or removed, for a reason a person can act on; nothing was changed. */
public final class RecorderRefusal extends IOException {
    public RecorderRefusal(String sentence) {
        super(sentence);
    }
}
