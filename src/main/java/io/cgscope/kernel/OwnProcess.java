package io.cgscope.kernel;

import io.cgscope.model.Check;
import io.cgscope.model.Paths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The process that runs cgscope (in tests, a process standing in for it) and what an edit would
 * do to it: freezing a v2 cgroup freezes every task in its subtree, and writing a pid to
 * {@code cgroup.procs} moves that whole process.
 *
 * @param pid the process id; {@code /proc/PID/cgroup} and {@code /proc/PID/task} are read live
 */
public record OwnProcess(long pid) {
    private static final Path PROC = Path.of("/proc");

    public static OwnProcess current() {
        return new OwnProcess(ProcessHandle.current().pid());
    }

    /**
     * Refused when {@code cgroup} holds this process or one of the cgroups above it: once frozen,
     * the app could not thaw itself, nor redraw or close its window.
     */
    public Check freezing(String cgroup) {
        Optional<String> own = v2Cgroup();
        if (own.isPresent() && Paths.isWithin(own.get(), cgroup)) {
            String where = own.get().equals(cgroup) ? "it runs in " + cgroup : "it runs in " + own.get() + ", below it";
            return Check.refuse("Freezing " + cgroup + " would freeze cgscope itself (pid " + pid + "; " + where
                    + "): frozen, it could not thaw it again. Freeze it from a shell if you mean it.");
        }
        return Check.ok();
    }

    /** A question when {@code target} is this process or one of its threads, else fine. */
    public Check moving(int target, String cgroup) {
        if (target != pid && !Files.isDirectory(PROC.resolve(Long.toString(pid)).resolve("task")
                .resolve(Integer.toString(target)))) {
            return Check.ok();
        }
        return Check.warn("Process " + pid + " is cgscope itself: moving it moves this app into " + cgroup
                + ", under that cgroup's limits (a frozen cgroup would freeze this window). Move it?");
    }

    /** This process's cgroup in the v2 hierarchy ({@code 0::/path}), or empty when unknown or gone. */
    Optional<String> v2Cgroup() {
        try {
            for (String line : Files.readAllLines(PROC.resolve(Long.toString(pid)).resolve("cgroup"))) {
                if (line.startsWith("0::")) {
                    return Optional.of(line.substring(3));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
