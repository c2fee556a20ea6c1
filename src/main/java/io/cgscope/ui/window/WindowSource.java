package io.cgscope.ui.window;

import io.cgscope.kernel.Target;
import io.cgscope.live.LiveEngine;
import io.cgscope.live.LiveSource;

import java.time.Duration;
import java.util.List;

/**
 * The source behind the window: the live engine over the targets, polling v1 membership every
 * second (the toolbar changes that).
 */
final class WindowSource {
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    private WindowSource() {
    }

    static LiveSource forWindow(List<Target> targets) {
        return new LiveEngine(targets, POLL_INTERVAL);
    }
}
