package io.cgscope.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A thread's nice value as the kernel shows it: field 19 of its stat file. */
public final class Niceness {
    private Niceness() {
    }

    /** @param task a thread's /proc directory: /proc/TID or /proc/self/task/TID */
    public static int of(Path task) throws IOException {
        String stat = Files.readString(task.resolve("stat"));
        // the fields after "pid (comm) " start with the state, field 3
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19 - 3]);
    }
}
