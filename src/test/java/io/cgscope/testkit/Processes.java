package io.cgscope.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Processes a test started itself: the only ones it may stop, by their own handle. Each dies with
 * the test JVM, also when that is killed ({@link TiedToJvm}), so a killed run leaves none behind.
 */
public final class Processes implements AutoCloseable {
    /** Longer than any test needs: a second guard, should the kernel's signal ever miss one. */
    private static final String SLEEP_SECONDS = "3600";

    private final List<Process> started = new ArrayList<>();

    /** A single {@code sleep} process that lives until stopped, or until the test JVM ends. */
    public synchronized Process sleeper() {
        try {
            Process p = track(TiedToJvm.start(new ProcessBuilder("sleep", SLEEP_SECONDS).redirectErrorStream(true)));
            // setpriv execs sleep after start() returns: a test that reads the process's name
            // (the process table, ps) must find sleep, not setpriv
            Path comm = Path.of("/proc", Long.toString(p.pid()), "comm");
            Eventually.await("process " + p.pid() + " to become sleep",
                    () -> !p.isAlive() || "sleep\n".equals(readOrEmpty(comm)));
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start sleep", e);
        }
    }

    /** Any command, tied to the test JVM like the others and stopped by {@link #close()}. */
    public synchronized Process start(ProcessBuilder command) throws IOException {
        return track(TiedToJvm.start(command));
    }

    /** A process with several threads that the test starts and ends one by one. */
    public ThreadedProcess threaded() {
        Process p;
        try {
            p = TiedToJvm.start(ThreadedProcess.command());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a threaded process", e);
        }
        synchronized (this) {
            track(p);
        }
        try {
            return new ThreadedProcess(p);
        } catch (RuntimeException notReady) {
            stop(p);
            throw notReady;
        }
    }

    private Process track(Process p) {
        started.add(p);
        return p;
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

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
