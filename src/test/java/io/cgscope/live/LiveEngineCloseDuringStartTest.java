package io.cgscope.live;

import io.cgscope.kernel.Target;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Hierarchy;
import io.cgscope.testkit.Commands;
import io.cgscope.testkit.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Closing an engine whose start is still reading (a window closed during its first read of
 * 100,000 cgroups) returns at once, and the start then ends, cancelled, with every thread it
 * started stopped. The read is held up without root: in a fixture tree whose {@code cgroup.procs}
 * is a named pipe, opening it waits for a writer.
 */
class LiveEngineCloseDuringStartTest {
    @TempDir
    Path root;

    @Test
    void closeDoesNotWaitForAStartThatIsReading() throws Exception {
        Files.writeString(root.resolve("notify_on_release"), "0\n");
        Files.writeString(root.resolve("cgroup.clone_children"), "0\n");
        Files.writeString(root.resolve("tasks"), "");
        Path procs = root.resolve("cgroup.procs");
        Commands.Finished mkfifo = Commands.run(new ProcessBuilder("mkfifo", procs.toString())
                .redirectErrorStream(true), Duration.ofSeconds(30));
        assertEquals(0, mkfifo.exitCode(), "mkfifo: " + mkfifo.output());
        Hierarchy fixture = new Hierarchy("0:97", CgroupVersion.V1, List.of(), "fixture", root, "/", List.of(), null,
                false, false);
        LiveEngine engine = new LiveEngine(List.of(new Target(fixture, "/")));

        AtomicReference<Throwable> startEnded = new AtomicReference<>();
        CountDownLatch startReturned = new CountDownLatch(1);
        Thread starter = new Thread(() -> {
            try {
                engine.start();
                startEnded.set(new AssertionError("start returned a state after close"));
            } catch (Throwable e) {
                startEnded.set(e);
            }
            startReturned.countDown();
        }, "test-starter");
        starter.start();
        try {
            Eventually.await("the start is reading cgroup.procs", () -> Arrays.stream(starter.getStackTrace())
                    .anyMatch(f -> f.getClassName().endsWith("CgroupFileText")));

            CountDownLatch closeReturned = new CountDownLatch(1);
            Thread closer = new Thread(() -> {
                engine.close();
                closeReturned.countDown();
            }, "test-closer");
            closer.start();
            assertTrue(closeReturned.await(10, TimeUnit.SECONDS), "close() waited for the start's read");
            assertEquals(1, startReturned.getCount(), "the start is still held by the pipe");
        } finally {
            // A writer lets the read go on: it meets the end of the file at once.
            try (FileChannel writer = FileChannel.open(procs, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                assertTrue(writer.isOpen());
            }
        }

        assertTrue(startReturned.await(10, TimeUnit.SECONDS), "the start did not end after close");
        assertInstanceOf(CancellationException.class, startEnded.get());
        Eventually.await("the engine's threads end", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith(LiveEngine.THREAD_NAME)));
        assertTrue(engine.current().isEmpty(), "a cancelled start leaves no state behind");
    }
}
