package io.cgscope.local;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts processes so that they end with this JVM, also when it is killed (SIGKILL runs no
 * shutdown hook). Each runs under {@code setpriv --pdeathsig KILL}, which asks the kernel to kill
 * it when its parent goes; {@code setpriv} then execs the command, so the process keeps the
 * command's own name. The kernel's parent there is the thread that forked the child, not the
 * process: a process started from a thread that ends would be killed with it. So every process is
 * forked by one thread that lives as long as the JVM.
 */
public final class JvmBoundProcesses {
    private static final ExecutorService FORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jvm-bound-process-forker");
        t.setDaemon(true);
        return t;
    });

    private JvmBoundProcesses() {
    }

    /** Starts {@code builder}'s command with the kernel's promise to kill it when this JVM dies. */
    public static Process start(ProcessBuilder builder) throws IOException {
        List<String> tied = new ArrayList<>(List.of("setpriv", "--pdeathsig", "KILL", "--"));
        tied.addAll(builder.command());
        builder.command(tied);
        try {
            // submit, not execute: a failure comes back in the future and the forker thread lives on
            return FORKER.submit(builder::start).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("cannot start " + tied, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + tied, e);
        }
    }

    /** Kills {@code p} and waits until the kernel has reaped it: its task has left its cgroups. */
    public static void stop(Process p) {
        p.destroyForcibly();
        boolean interrupted = false;
        while (true) {
            try {
                p.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // a Ctrl+C clean-up still waits for the process it killed
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
