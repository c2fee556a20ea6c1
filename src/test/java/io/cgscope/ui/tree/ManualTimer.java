package io.cgscope.ui.tree;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A release timer the test fires itself. */
public final class ManualTimer implements ReleaseTimer {
    private final List<Runnable> pending = new ArrayList<>();

    @Override
    public synchronized void after(Duration delay, Runnable action) {
        pending.add(action);
    }

    public synchronized int pending() {
        return pending.size();
    }

    /** Runs every scheduled action (call on the thread the model lives on). */
    public void fireAll() {
        List<Runnable> now;
        synchronized (this) {
            now = new ArrayList<>(pending);
            pending.clear();
        }
        now.forEach(Runnable::run);
    }
}
