package io.cgscope.ui.window;

import io.cgscope.kernel.Target;
import io.cgscope.live.LiveSource;

import java.time.Duration;
import java.util.List;

/**
 * The source behind the window: the live engine when it is on the class path, else a source that
 * reads once (F5 reads again). The engine is found by name, as the benchmark finds its sections,
 * so that the window and the engine land on their own; once both are merged this is a plain
 * constructor call.
 */
final class WindowSource {
    static final String ENGINE = "io.cgscope.live.LiveEngine";
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    private WindowSource() {
    }

    /** A live source over {@code targets}, or a read-once one when no engine is built. */
    static LiveSource forWindow(List<Target> targets) {
        try {
            Class<?> engine = Class.forName(ENGINE);
            return (LiveSource) engine.getConstructor(List.class, Duration.class).newInstance(targets, POLL_INTERVAL);
        } catch (ClassNotFoundException notBuilt) {
            return new OneReadSource(targets);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start the live engine: " + e, e);
        }
    }

    static boolean live(LiveSource source) {
        return !(source instanceof OneReadSource);
    }
}
