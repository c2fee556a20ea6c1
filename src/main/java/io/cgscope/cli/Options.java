package io.cgscope.cli;

import io.cgscope.kernel.NotACgroupException;
import io.cgscope.kernel.Target;
import io.cgscope.kernel.Targets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options the headless commands share: {@code --json}, {@code --root DIR} (repeatable),
 * {@code --interval MS}, {@code --until-eof}. The mount table is not an option: it decides what
 * is taken for a cgroup hierarchy, in a process that may run as root, so only the kernel's own
 * (or, for tests, the package's entry points) supplies it.
 */
record Options(boolean json, List<Path> roots, long intervalMillis, boolean untilEof) {
    static final long DEFAULT_INTERVAL_MS = 1000;

    static Options parse(List<String> args, boolean allowLive) throws UsageException {
        boolean json = false;
        boolean untilEof = false;
        long interval = DEFAULT_INTERVAL_MS;
        List<Path> roots = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--json" -> json = true;
                case "--root" -> roots.add(Path.of(value(args, ++i, a)));
                case "--interval" -> {
                    if (!allowLive) {
                        throw new UsageException("unknown option --interval (only watch polls)");
                    }
                    interval = interval(value(args, ++i, a));
                }
                case "--until-eof" -> {
                    if (!allowLive) {
                        throw new UsageException("unknown option --until-eof (only watch waits)");
                    }
                    untilEof = true;
                }
                case "--fixture" -> throw new UsageException("--fixture is for the window and --screenshot;"
                        + " the headless commands read only cgroup filesystems");
                default -> throw new UsageException("unknown argument " + a + " (see --help)");
            }
        }
        return new Options(json, List.copyOf(roots), interval, untilEof);
    }

    /** What to read: the {@code --root} directories, or every hierarchy in {@code mountinfo}. */
    List<Target> targets(Path mountinfo) throws UsageException, IOException {
        try {
            return Targets.resolve(roots, mountinfo);
        } catch (NotACgroupException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    private static long interval(String s) throws UsageException {
        try {
            long ms = Long.parseLong(s);
            if (ms < 10 || ms > 3_600_000) {
                throw new UsageException("--interval must be between 10 and 3600000 milliseconds, not " + s);
            }
            return ms;
        } catch (NumberFormatException e) {
            throw new UsageException("--interval takes milliseconds as a whole number, not " + s);
        }
    }
}
