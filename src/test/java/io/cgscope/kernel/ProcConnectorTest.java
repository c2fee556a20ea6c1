package io.cgscope.kernel;

import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.Processes;
import io.cgscope.testkit.ThreadedProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The kernel's process events, read from the proc connector as root: a fork names the child and
 * its parent, an exit names the task, a thread's exit is told from its process's, and a close
 * ends the reading thread.
 */
class ProcConnectorTest {
    private final Processes processes = new Processes();
    private final List<ProcEvent> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private ProcConnector connector;
    private Thread reader;

    @BeforeEach
    void listen() throws IOException {
        assumeTrue(Privileges.current().canWriteReleaseAgent(), "the proc connector takes CAP_NET_ADMIN: run as root");
        connector = ProcConnector.open();
        reader = new Thread(() -> {
            try {
                while (connector.read(events::add)) {
                    // each read hands its events over
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } finally {
                ended.countDown();
            }
        }, "proc-connector-test");
        reader.setDaemon(true);
        reader.start();
    }

    @AfterEach
    void stop() {
        if (connector != null) {
            connector.close();
        }
        processes.close();
    }

    @Test
    void aForkAndAnExitOfAProcessAreSeenWithItsPid() {
        Process p = processes.sleeper();
        int pid = (int) p.pid();
        int me = (int) ProcessHandle.current().pid();

        Eventually.await("the fork of " + pid, () -> events.stream().anyMatch(e -> e.kind() == ProcEvent.Kind.FORK
                && e.pid() == pid && e.tgid() == pid && e.parentTgid() == me));
        processes.stop(p);
        Eventually.await("the exit of " + pid, () -> events.stream().anyMatch(e -> e.kind() == ProcEvent.Kind.EXIT
                && e.pid() == pid && e.processExit()));
    }

    @Test
    void aThreadsExitIsNotItsProcesssExit() {
        ThreadedProcess t = processes.threaded();
        int tid = t.startThread();
        Eventually.await("the thread's creation", () -> events.stream().anyMatch(e -> e.kind() == ProcEvent.Kind.FORK
                && e.pid() == tid && e.tgid() == t.pid()));

        t.endThread(tid);

        Eventually.await("the thread's exit", () -> events.stream().anyMatch(e -> e.kind() == ProcEvent.Kind.EXIT
                && e.pid() == tid));
        ProcEvent exit = events.stream().filter(e -> e.kind() == ProcEvent.Kind.EXIT && e.pid() == tid).findFirst()
                .orElseThrow();
        assertEquals(t.pid(), exit.tgid());
        assertFalse(exit.processExit(), "one thread of a living process");
    }

    @Test
    void aSmallBufferUnderABurstSaysEventsWereLost() throws Exception {
        connector.close();
        assertTrue(ended.await(10, TimeUnit.SECONDS), "the first reader ended");
        events.clear();
        try (ProcConnector small = ProcConnector.open(1024)) {
            // nobody reads while 200 processes start and end: the kernel drops what does not fit
            for (int i = 0; i < 100; i++) {
                processes.stop(processes.sleeper());
            }
            Eventually.await("a LOST event", () -> {
                try {
                    small.read(events::add);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return events.stream().anyMatch(e -> e.kind() == ProcEvent.Kind.LOST);
            });
        }
    }

    @Test
    void closeEndsTheReader() throws InterruptedException {
        connector.close();

        assertTrue(ended.await(10, TimeUnit.SECONDS), "the reading thread returned");
    }
}
