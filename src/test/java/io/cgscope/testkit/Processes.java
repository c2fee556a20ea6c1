package io.cgscope.testkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Processes a test started itself: the only ones it may stop, by their own handle. */
public final class Processes implements AutoCloseable {
    private final List<Process> started = new ArrayList<>();

    /** A {@code sleep} that lives until stopped. */
    public synchronized Process sleeper() {
        try {
            Process p = new ProcessBuilder("sleep", "100000").redirectErrorStream(true).start();
            started.add(p);
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start sleep", e);
        }
    }

    /** Stops {@code p} and waits until the kernel has reaped it. */
    public void stop(Process p) {
        p.destroyForcibly();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            started.remove(p);
        }
    }

    @Override
    public void close() {
        List<Process> all;
        synchronized (this) {
            all = new ArrayList<>(started);
        }
        all.forEach(this::stop);
    }
}
