package io.cgscope.kernel;

import io.cgscope.testkit.Niceness;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Niceness is set on this process's own threads, and never on another process's. */
class ThreadPriorityTest {
    @Test
    void aThreadOfThisProcessGetsTheNiceValue() throws Exception {
        int asked = Niceness.above(Niceness.ofThisThread());
        int[] tid = new int[1];
        int[] nice = new int[1];
        boolean[] set = new boolean[1];
        Thread t = new Thread(() -> {
            tid[0] = ThreadPriority.currentThreadId();
            set[0] = ThreadPriority.setNiceness(tid[0], asked);
            nice[0] = niceOf(tid[0]);
        });
        t.start();
        t.join();
        assertTrue(set[0]);
        assertEquals(asked, nice[0]);
    }

    @Test
    void anIdThatIsNotAThreadOfThisProcessIsLeftAlone() throws Exception {
        int inherited = Niceness.ofThisThread();
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            int pid = (int) other.pid();
            assertFalse(ThreadPriority.setNiceness(pid, Niceness.above(inherited)), "another process's thread");
            assertEquals(inherited, niceOf(pid));
        } finally {
            other.destroyForcibly();
            assertTrue(other.waitFor(30, TimeUnit.SECONDS), "sleep ended on SIGKILL");
        }
    }

    private static int niceOf(int tid) {
        try {
            return Niceness.of(Path.of("/proc", Integer.toString(tid)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
