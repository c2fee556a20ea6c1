package io.cgscope.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options the headless commands share: {@code --json}, {@code --root DIR} (repeatable),
 * {@code --interval MS}, {@code --until-eof}, {@code --mountinfo FILE} (for tests).
 */
record Options(boolean json, List<Path> roots, long intervalMillis, boolean untilEof, Path mountinfo) {
    static final long DEFAULT_INTERVAL_MS = 1000;

    static Options parse(String command, List<String> args, boolean allowLive) throws UsageException {
        boolean json = false;
        boolean untilEof = false;
        long interval = DEFAULT_INTERVAL_MS;
        Path mountinfo = io.cgscope.kernel.MountInfo.SELF;
        List<Path> roots = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--json" -> json = true;
                case "--root" -> roots.add(Path.of(value(args, ++i, a)));
                case "--mountinfo" -> mountinfo = Path.of(value(args, ++i, a));
                case "--interval" -> {
                    if (!allowLive) {
                        throw new UsageException(command + ": unknown option --interval");
                    }
                    interval = interval(value(args, ++i, a));
                }
                case "--until-eof" -> {
                    if (!allowLive) {
                        throw new UsageException(command + ": unknown option --until-eof");
                    }
                    untilEof = true;
                }
                default -> throw new UsageException(command + ": unknown argument " + a + " (see --help)");
            }
        }
        return new Options(json, List.copyOf(roots), interval, untilEof, mountinfo);
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
