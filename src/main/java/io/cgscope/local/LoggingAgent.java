package io.cgscope.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The release agent a scenario on the real kernel installs: a POSIX sh script in a directory only
 * root can enter (mode 0700), which appends the path the kernel hands it to {@code calls.log}
 * there ({@code printf '%s\n' "$1"}: the path is data, never evaluated). An agent that removes
 * also waits until {@link #allowRemoval} lets it (so that its rmdir happens at the scenario's
 * {@code settle}, as on the simulator), then removes the cgroup and logs "removed PATH" or
 * "kept PATH" in {@code done.log}; one that only logs writes "logged PATH" there when done.
 */
final class LoggingAgent {
    /** How long a removing agent waits to be let go before it gives up, in hundredths of a second. */
    private static final int WAIT_TICKS = 3000;

    private final Path dir;
    private final Path mountPoint;
    private final Path calls;
    private final Path done;
    private final Path go;

    /**
     * @param dir        the private directory (0700) the script and its logs live in
     * @param mountPoint where the hierarchy the agent cleans is mounted
     */
    LoggingAgent(Path dir, Path mountPoint) throws IOException {
        requireQuotable(dir);
        requireQuotable(mountPoint);
        this.dir = dir;
        this.mountPoint = mountPoint;
        this.calls = dir.resolve("calls.log");
        this.done = dir.resolve("done.log");
        this.go = dir.resolve("go");
        clear();
    }

    /** Empties both logs. */
    void clear() throws IOException {
        Files.writeString(calls, "");
        Files.writeString(done, "");
    }

    /** Writes the script (a new file each time, so that an agent running now keeps its own) and returns its path. */
    Path install(boolean removes, int serial) throws IOException {
        Path script = dir.resolve("agent-" + serial + ".sh");
        StringBuilder s = new StringBuilder()
                .append("#!/bin/sh\n")
                .append("# release agent of a cgscope scenario: logs the cgroup path it is given, never evaluates it\n")
                .append("dir='").append(dir).append("'\n")
                .append("printf '%s\\n' \"$1\" >> \"$dir/calls.log\"\n");
        if (removes) {
            s.append("mnt='").append(mountPoint).append("'\n")
                    .append("i=0\n")
                    .append("while [ ! -e \"$dir/go\" ]; do\n")
                    .append("  i=$((i + 1)); [ \"$i\" -gt ").append(WAIT_TICKS).append(" ] && exit 1\n")
                    .append("  sleep 0.01\n")
                    .append("done\n")
                    .append("if rmdir -- \"$mnt$1\" 2>/dev/null; then r=removed; else r=kept; fi\n")
                    .append("printf '%s %s\\n' \"$r\" \"$1\" >> \"$dir/done.log\"\n");
        } else {
            s.append("printf 'logged %s\\n' \"$1\" >> \"$dir/done.log\"\n");
        }
        Files.writeString(script, s.toString(), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** Every path the agent was called with so far, in order. */
    List<String> calls() throws IOException {
        return lines(calls);
    }

    /** How many agents have finished: logged, and removed their cgroup or failed to. */
    int finished() throws IOException {
        return lines(done).size();
    }

    /** Lets removing agents go on to their rmdir (true), or makes the next ones wait (false). */
    void allowRemoval(boolean allowed) throws IOException {
        if (allowed) {
            Files.writeString(go, "");
        } else {
            Files.deleteIfExists(go);
        }
    }

    /** The size of both logs: a change means an agent wrote. */
    long written() throws IOException {
        return Files.size(calls) + Files.size(done);
    }

    private static List<String> lines(Path log) throws IOException {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).toList();
        } catch (NoSuchFileException gone) {
            return List.of();
        }
    }

    private static void requireQuotable(Path p) throws IOException {
        if (p.toString().contains("'")) {
            throw new IOException("cannot quote " + p + " in a shell script");
        }
    }
}
