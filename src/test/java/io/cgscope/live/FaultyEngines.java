package io.cgscope.live;

import io.cgscope.kernel.Target;

import java.time.Duration;
import java.util.List;

/** Engines with a defect put in on purpose, for the tests of other packages that must see one fail. */
public final class FaultyEngines {
    private FaultyEngines() {
    }

    /** An engine whose every tick throws an IllegalStateException with {@code message}. */
    public static LiveEngine whoseTickThrows(List<Target> targets, Duration interval, String message) {
        LiveEngine engine = new LiveEngine(targets, interval);
        engine.tickHook = () -> {
            throw new IllegalStateException(message);
        };
        return engine;
    }
}
