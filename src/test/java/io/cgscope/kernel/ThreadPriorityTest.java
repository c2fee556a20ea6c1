package io.cgscope.kernel;

import io.cgscope.testkit.Niceness;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Niceness is set on this process's own threads, and never on another process's. */
class ThreadPriorityTest {
    @Test
    void aThreadOfThisProcessGetsTheNiceValue() throws Exception {
        int[] tid = new int[1];
        int[] nice = new int[1];
        boolean[] set = new boolean[1];
        Thread t = new Thread(() -> {
            tid[0] = ThreadPriority.currentThreadId();
            set[0] = ThreadPriority.setNiceness(tid[0], 5);
            nice[0] = niceOf(tid[0]);
        });
        t.start();
        t.join();
        assertTrue(set[0]);
        assertEquals(5, nice[0]);
    }

    @Test
    void anIdThatIsNotAThreadOfThisProcessIsLeftAlone() throws Exception {
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            int pid = (int) other.pid();
            assertFalse(ThreadPriority.setNiceness(pid, 7), "another process's thread");
            assertEquals(0, niceOf(pid));
        } finally {
            other.destroy();
            other.waitFor();
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
