package io.cgscope.ui.window;

import io.cgscope.kernel.Target;
import io.cgscope.live.LiveEngine;
import io.cgscope.host.LiveSource;

import java.time.Duration;
import java.util.List;

/**
 * The source behind the window: the live engine over the targets, polling v1 membership every
 * second (the toolbar changes that), its threads behind the ones that paint.
 */
public final class WindowSource {
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    /**
     * The engine's nice value in a window. A burst of kernel changes (10,000 mkdirs) keeps the
     * engine's threads busy for most of a second, and on a two-core machine they compete with
     * the FX and render threads for the cores. Behind them, the engine still has every cycle
     * the window leaves idle.
     */
    static final int ENGINE_NICENESS = 10;

    private WindowSource() {
    }

    public static LiveSource forWindow(List<Target> targets) {
        return new LiveEngine(targets, POLL_INTERVAL).withNiceness(ENGINE_NICENESS);
    }
}
