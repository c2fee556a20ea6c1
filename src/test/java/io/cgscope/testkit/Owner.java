package io.cgscope.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test JVM that made a hierarchy or a sandbox, written into its name as {@code PID-STARTTIME}.
 * A pid alone names a process only while it lives: pids are reused, so the start time (field 22
 * of {@code /proc/PID/stat}, in clock ticks since boot) tells the owner from a later process with
 * the same pid. Several test suites run on one machine at once: what a living owner made is never
 * touched by another's sweep.
 */
record Owner(long pid, long startTime) {
    /** The tag's shape inside a name: two numbers, then a random part of 8 hex digits. */
    static final String TAG = "(\\d+)-(\\d+)-[0-9a-f]{8}";

    private static final Owner SELF = of(ProcessHandle.current().pid()).orElseThrow(
            () -> new IllegalStateException("cannot read this JVM's own /proc/self/stat"));

    static Owner self() {
        return SELF;
    }

    /** The process with this pid now, if there is one that has not exited. */
    static Optional<Owner> of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (comm) state ...": comm may hold spaces and parentheses, so count from the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            if ("Z".equals(fields[0]) || "X".equals(fields[0])) {
                return Optional.empty(); // exited; only its parent has not collected it yet
            }
            return Optional.of(new Owner(pid, Long.parseLong(fields[22 - 3])));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The owner named by the first two groups of a match of {@link #TAG}. */
    static Owner from(Matcher m) {
        return new Owner(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }

    /** A name that is {@code prefix}, this owner's tag and a random part; {@link #TAG} matches it. */
    String name(String prefix, String random) {
        return prefix + pid + "-" + startTime + "-" + random;
    }

    /** Whether the process that made the thing still runs: same pid, same start. */
    boolean alive() {
        return of(pid).filter(this::equals).isPresent();
    }

    static Pattern named(String prefix, String suffix) {
        return Pattern.compile(Pattern.quote(prefix) + TAG + suffix);
    }
}
