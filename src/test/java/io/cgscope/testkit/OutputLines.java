package io.cgscope.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The lines a child process prints, taken one at a time with a deadline: a reader thread collects
 * them, so a child that hangs or dies fails the test with a message instead of blocking it.
 */
public final class OutputLines {
    private static final String END = "\0end of output";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    public OutputLines(Process process) {
        this.process = process;
        Thread reader = new Thread(this::collect, "output-of-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** The next line, waiting at most {@code timeout}. */
    public String next(Duration timeout) {
        String line;
        try {
            line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for process " + process.pid(), e);
        }
        if (line == null) {
            throw new IllegalStateException("process " + process.pid() + " printed nothing within "
                    + timeout.toSeconds() + " s");
        }
        if (line.equals(END)) {
            lines.add(END); // every later call hears it too
            throw new IllegalStateException("process " + process.pid() + " ended its output");
        }
        return line;
    }

    private void collect() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process was stopped: END says so to whoever waits
        }
        lines.add(END);
    }
}
