package io.cgscope.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Child processes run to their end within a deadline. A child's output is read on a thread of its
 * own while the test waits on the deadline: reading it to the end first would block before any
 * timeout is reached, so a child that hangs would stop the build instead of failing the test. A
 * child past its deadline is killed with what it started, and the test fails naming the command
 * and what it printed.
 */
public final class Commands {
    private Commands() {
    }

    /** How a child ended: its exit code and its standard output (with standard error if merged). */
    public record Finished(int exitCode, String output) {
    }

    /** Starts {@code builder} with standard input closed, and waits at most {@code deadline} for its end. */
    public static Finished run(ProcessBuilder builder, Duration deadline) throws IOException, InterruptedException {
        String command = String.join(" ", builder.command());
        Process p = builder.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(p.getInputStream(), output), "output of " + p.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            p.getOutputStream().close();
            if (!p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                fail(command + " did not end within " + deadline + "; it printed: " + output.toString(StandardCharsets.UTF_8));
            }
            // The pipe closes when the child ends, unless a process it started still holds it.
            reader.join(deadline.toMillis());
            if (reader.isAlive()) {
                fail(command + " ended, but a process it started kept its output open");
            }
            return new Finished(p.exitValue(), output.toString(StandardCharsets.UTF_8));
        } finally {
            if (p.isAlive()) {
                kill(p);
            }
        }
    }

    /** Kills the child and what it started, and waits until the kernel has reaped the child. */
    private static void kill(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // the child was killed, or its pipe closed: what was read so far is what it printed
        }
    }
}
