package io.cgscope.cli;

import io.cgscope.host.CgroupHost;
import io.cgscope.kernel.NotACgroupException;
import io.cgscope.kernel.Privileges;
import io.cgscope.live.LiveEngine;
import io.cgscope.local.HostOpener;
import io.cgscope.model.ReleaseRules;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The options the headless commands share: {@code --json}, {@code --root DIR} or
 * {@code --fixture DIR} (repeatable, as in the window) or {@code --sim today|2007}, {@code --interval MS}, {@code --until-eof}. The mount table is not an option: it decides what
 * is taken for a cgroup hierarchy, in a process that may run as root, so only the kernel's own
 * (or, for tests, the package's entry points) supplies it.
 */
record Options(boolean json, List<Path> roots, List<Path> fixtures, ReleaseRules simulated, long intervalMillis,
               boolean untilEof) {

    static Options parse(List<String> args, boolean allowLive) throws UsageException {
        boolean json = false;
        boolean untilEof = false;
        long interval = LiveEngine.DEFAULT_INTERVAL.toMillis();
        List<Path> roots = new ArrayList<>();
        List<Path> fixtures = new ArrayList<>();
        ReleaseRules simulated = null;
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
                case "--fixture" -> fixtures.add(Path.of(value(args, ++i, a)));
                case "--sim" -> {
                    if (simulated != null) {
                        throw new UsageException("--sim is given once: one simulated kernel at a time");
                    }
                    simulated = rules(value(args, ++i, a));
                }
                default -> throw new UsageException("unknown argument " + a + " (see --help)");
            }
        }
        if (!roots.isEmpty() && !fixtures.isEmpty()) {
            throw new UsageException("--fixture and --root do not mix: fixture trees are read, cgroup hierarchies watched");
        }
        if (simulated != null && (!roots.isEmpty() || !fixtures.isEmpty())) {
            throw new UsageException(HostOpener.SIM_ALONE);
        }
        return new Options(json, List.copyOf(roots), List.copyOf(fixtures), simulated, interval, untilEof);
    }

    /**
     * The host the options name, opened the way the window opens it.
     *
     * @param mountinfo the mount table that decides what is a cgroup hierarchy (the kernel's own
     *                  outside tests)
     */
    CgroupHost host(HostOpener.Following following, Path mountinfo) throws UsageException, IOException {
        try {
            return HostOpener.open(new HostOpener.Request(roots, fixtures, Duration.ofMillis(intervalMillis), following,
                            simulated),
                    mountinfo, Privileges.current());
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

    private static ReleaseRules rules(String s) throws UsageException {
        try {
            return ReleaseRules.parse(s);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--sim takes today or 2007 (the release rules), not " + s);
        }
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
