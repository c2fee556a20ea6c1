package io.cgscope.kernel;

import io.cgscope.model.Check;
import io.cgscope.model.PidText;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What must hold before a pid is written to {@code cgroup.procs}: a positive number of a live task. */
public final class PidCheck {
    public static final Path PROC = Path.of("/proc");

    private PidCheck() {
    }

    public static Check check(String text) {
        return check(text, PROC);
    }

    /** @param proc the proc filesystem to look the pid up in (tests hand in a directory of their own) */
    public static Check check(String text, Path proc) {
        Check syntax = PidText.check(text);
        if (syntax.refused()) {
            return syntax;
        }
        int pid = PidText.parse(text);
        Path dir = proc.resolve(Integer.toString(pid));
        if (!Files.isDirectory(dir)) {
            return Check.refuse("No process with pid " + pid + " exists (nothing in " + dir + ").");
        }
        int tgid = threadGroupOf(dir);
        if (tgid > 0 && tgid != pid) {
            return Check.warn(pid + " is a thread of process " + tgid + ": cgroup.procs moves the whole process "
                    + tgid + ", all its threads. Move it?");
        }
        return Check.ok();
    }

    /** Tgid from {@code status}, -1 when unreadable (the task may have exited meanwhile). */
    private static int threadGroupOf(Path dir) {
        try {
            for (String line : Files.readAllLines(dir.resolve("status"))) {
                if (line.startsWith("Tgid:")) {
                    return Integer.parseInt(line.substring(5).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
