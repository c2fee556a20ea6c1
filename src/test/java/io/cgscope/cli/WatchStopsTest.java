package io.cgscope.cli;

import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.PrivateHierarchy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code watch} as a real process whose standard output is never read (a pager left open, a full
 * pipe): it says so on stderr and ends with exit 1 once its reader is too far behind, and SIGTERM
 * ends it in every state. The target is 1 s; the deadline asserted here is a few seconds, as
 * other builds share the machine, and each test prints what it measured.
 */
class WatchStopsTest {
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(5);
    /** The engine's thread, which starts once the first read is done ({@code LiveEngine.THREAD_NAME}). */
    private static final String ENGINE_THREAD = "cgscope-live";

    @BeforeAll
    static void needsRoot() {
        Assumptions.assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
    }

    /** A watch process on {@code h}, text lines; stderr is collected, stdout left to fill. */
    private static final class Watch implements AutoCloseable {
        final Process process;
        final List<String> err = new CopyOnWriteArrayList<>();
        final Thread errReader;

        Watch(PrivateHierarchy h) throws IOException {
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.cgscope.Launcher", "watch",
                    "--root", h.dir().toString()).start();
            BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
            errReader = new Thread(() -> {
                try {
                    r.lines().forEach(err::add);
                } catch (UncheckedIOException closed) {
                    // destroy() closes the pipe
                }
            }, "watch-stderr");
            errReader.start();
        }

        /** Names of the process's threads as the kernel has them (at most 15 characters). */
        List<String> threads() {
            return perThread("comm");
        }

        /** True when one of its threads sleeps in a write to a full pipe. */
        boolean writeStuckOnPipe() {
            return perThread("wchan").stream().anyMatch(w -> w.contains("pipe_write"));
        }

        private List<String> perThread(String file) {
            List<String> values = new ArrayList<>();
            try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
                for (Path t : tasks.toList()) {
                    try {
                        values.add(Files.readString(t.resolve(file)).trim());
                    } catch (NoSuchFileException gone) {
                        // a thread that ended meanwhile
                    }
                }
            } catch (NoSuchFileException gone) {
                return values; // the process ended
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return values;
        }

        /** Sends SIGTERM and returns how long the process took to end, or -1 past the deadline. */
        long terminate() throws InterruptedException {
            long t0 = System.nanoTime();
            process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its pipes
            if (!process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                return -1;
            }
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aReaderThatNeverReadsIsToldInOneLineOnStderrAndWatchEndsWithExitOne() throws Exception {
        try (PrivateHierarchy h = PrivateHierarchy.mount(); Watch w = new Watch(h)) {
            Eventually.await("the first read done", Duration.ofSeconds(60), () -> w.threads().contains(ENGINE_THREAD));
            int made = 0;
            // More than the pipe (64 KiB of lines), the batch in the stuck write and the engine's
            // limit for one listener hold: that depends on how the engine batched them, so
            // mkdirs go on, in steps that give the process a moment to end, until it does.
            while (made < 40_000 && !w.process.waitFor(1, TimeUnit.SECONDS)) {
                for (int i = 0; i < 500; i++) {
                    h.mkdir("/d" + made++);
                }
            }
            assertTrue(w.process.waitFor(60, TimeUnit.SECONDS), "watch ended after " + made + " mkdirs; stderr: " + w.err);
            assertEquals(1, w.process.exitValue(), "stderr: " + w.err);
            w.errReader.join(10_000);
            List<String> told = w.err.stream().filter(l -> l.startsWith("cgscope watch: ")).toList();
            assertEquals(1, told.size(), "one line: " + w.err);
            assertTrue(told.get(0).contains("not read fast enough"), told.get(0));
            System.out.println("watch ended on its slow reader after " + made + " mkdirs: " + told.get(0));
        }
    }

    @Test
    void sigtermEndsWatchWhileItsWriteIsStuckOnAFullPipe() throws Exception {
        try (PrivateHierarchy h = PrivateHierarchy.mount(); Watch w = new Watch(h)) {
            Eventually.await("the first read done", Duration.ofSeconds(60), () -> w.threads().contains(ENGINE_THREAD));
            int made = 0;
            while (!w.writeStuckOnPipe() && made < 8_000) {
                h.mkdir("/d" + made++);
            }
            assertTrue(w.writeStuckOnPipe(), "no write stuck after " + made + " mkdirs");
            for (int i = 0; i < 50; i++) {
                h.mkdir("/more" + i); // batches that wait behind the stuck write
            }
            long ms = w.terminate();
            System.out.println("SIGTERM with the write stuck on a full pipe: watch ended in " + ms + " ms");
            assertTrue(ms >= 0, "watch still running " + STOP_DEADLINE.toMillis() + " ms after SIGTERM");
            assertEquals(0, w.process.exitValue(), "stderr: " + w.err);
        }
    }

    @Test
    void sigtermDuringTheFirstReadEndsWatchWithExitZero() throws Exception {
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            for (int i = 0; i < 50; i++) {
                h.mkdir("/s" + i);
                for (int j = 0; j < 100; j++) {
                    h.mkdir("/s" + i + "/c" + j); // 5,050 cgroups: a first read of a second or more
                }
            }
            try (Watch w = new Watch(h)) {
                // The engine makes its threads as its first read starts: the signal comes during it
                Eventually.await("the first read under way", Duration.ofSeconds(60), () -> {
                    List<String> names = w.threads();
                    return names.stream().anyMatch(n -> n.startsWith(ENGINE_THREAD));
                });
                Assumptions.assumeTrue(w.process.getInputStream().available() == 0,
                        "the first read ended before the signal could come");
                long ms = w.terminate();
                System.out.println("SIGTERM during the first read: watch ended in " + ms + " ms");
                assertTrue(ms >= 0, "watch still running " + STOP_DEADLINE.toMillis() + " ms after SIGTERM");
                assertEquals(0, w.process.exitValue(), "stderr: " + w.err);
            }
        }
    }
}
