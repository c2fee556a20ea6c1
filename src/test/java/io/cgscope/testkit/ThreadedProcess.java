package io.cgscope.testkit;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A process with several threads that a test steers: {@link ThreadHost} run by this JVM's own
 * {@code java} ({@code java.home}, never one found on the PATH) with the test class path, so it
 * is built with the tests and needs nothing installed. Its threads are real kernel threads, each
 * with its own id, that can be moved alone through v1 {@code tasks}.
 *
 * <p>It lives at most as long as this JVM: it exits when its standard input, a pipe from this
 * JVM, closes, and the kernel kills it when this JVM dies ({@link TiedToJvm}).
 */
public final class ThreadedProcess {
    /** A JVM starts in well under a second here; a loaded machine gets many times that. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Writer commands;
    private final OutputLines answers;
    private final int readerThread;

    /** Takes over a process started with {@link #command()}; waits until it is ready. */
    ThreadedProcess(Process process) {
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.answers = new OutputLines(process);
        this.readerThread = Integer.parseInt(answer("ready"));
    }

    /** The command line of {@link ThreadHost}; {@link Processes#threaded()} starts it. */
    static ProcessBuilder command() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // A small heap, one collector thread and only C1: fewer threads of the JVM's own, which
        // it also starts and ends as it likes, and a quicker start.
        return new ProcessBuilder(java, "-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:-UseDynamicNumberOfCompilerThreads", "-cp", System.getProperty("java.class.path"),
                ThreadHost.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT);
    }

    public Process process() {
        return process;
    }

    public int pid() {
        return (int) process.pid();
    }

    /** The thread that reads the commands and starts the new threads (not the process's first one). */
    public int commandThread() {
        return readerThread;
    }

    /** Starts a thread in the process and returns its kernel thread id. */
    public synchronized int startThread() {
        send("start");
        return Integer.parseInt(answer("started"));
    }

    /** Ends a thread {@link #startThread()} made; returns once the kernel no longer lists it. */
    public synchronized void endThread(int tid) {
        send("end " + tid);
        String ended = answer("ended");
        if (Integer.parseInt(ended) != tid) {
            throw new IllegalStateException("asked to end thread " + tid + ", ended " + ended);
        }
    }

    /** Every thread of the process as the kernel lists it now: {@code /proc/PID/task}. */
    public Set<Integer> threads() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            return tasks.map(t -> Integer.valueOf(t.getFileName().toString())).collect(
                    TreeSet::new, Set::add, Set::addAll);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the threads of " + process.pid(), e);
        }
    }

    private void send(String command) {
        try {
            commands.write(command + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("process " + process.pid() + " does not take commands", e);
        }
    }

    /** The rest of the next answer, which must start with {@code word}. */
    private String answer(String word) {
        String line = answers.next(ANSWER_TIMEOUT);
        List<String> words = List.of(line.split(" ", 2));
        if (!words.get(0).equals(word) || words.size() < 2) {
            throw new IllegalStateException("process " + process.pid() + " answered '"
                    + line + "', not '" + word + "'");
        }
        return words.get(1);
    }
}
