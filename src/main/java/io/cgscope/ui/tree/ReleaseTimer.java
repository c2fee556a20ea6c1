package io.cgscope.ui.tree;

import javafx.animation.PauseTransition;

import java.time.Duration;

/**
 * Runs an action on the FX thread after a delay: how the tree model takes the "released" mark off a
 * row again. Injected so tests can fire it when they choose instead of waiting.
 */
@FunctionalInterface
public interface ReleaseTimer {
    void after(Duration delay, Runnable action);

    /** The window's timer: a pause transition, driven by the FX pulse, no thread sleeps. */
    static ReleaseTimer fx() {
        return (delay, action) -> {
            PauseTransition pause = new PauseTransition(javafx.util.Duration.millis(delay.toMillis()));
            pause.setOnFinished(e -> action.run());
            pause.play();
        };
    }
}
