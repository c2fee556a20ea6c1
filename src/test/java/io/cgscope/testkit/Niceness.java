package io.cgscope.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Nice values as the kernel shows them: field 19 of a thread's stat file. The tests may run at any
 * nice value (a build started with {@code nice}, a CI runner that lowers its jobs), so they compare
 * with the value this JVM was started with, never with 0.
 */
public final class Niceness {
    private Niceness() {
    }

    /** @param task a thread's /proc directory: /proc/TID or /proc/self/task/TID */
    public static int of(Path task) throws IOException {
        String stat = Files.readString(task.resolve("stat"));
        // the fields after "pid (comm) " start with the state, field 3
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19 - 3]);
    }

    /** The calling thread's nice value, which the children it starts inherit. */
    public static int ofThisThread() throws IOException {
        return of(Path.of("/proc/thread-self"));
    }

    /** The nice value this JVM was started with: its first thread's, which no test changes. */
    public static int ofThisJvm() throws IOException {
        return of(Path.of("/proc/self"));
    }

    /**
     * A nice value above {@code nice}, which any thread may take without privilege; a test that
     * needs one is skipped when {@code nice} is already 19, the highest.
     */
    public static int above(int nice) {
        assumeTrue(nice < 19, "this JVM runs at nice 19: there is no higher value to set");
        return Math.min(19, nice + 5);
    }
}
