package io.cgscope.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The headless commands. Nothing reachable from here loads a JavaFX class. */
public final class Cli {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    private static final Set<String> COMMANDS = Set.of("dump", "watch", "scenario", "lessons", "agent", "help", "--help", "-h");

    private Cli() {
    }

    /** True when {@code args} name a headless command rather than the window. */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "dump" -> DumpCommand.run(rest, out, err);
                case "watch" -> WatchCommand.run(rest, out, err);
                case "scenario" -> ScenarioCommand.run(rest, out, err, new KernelOrSimulator());
                case "lessons" -> ScenarioCommand.lessons(rest, out);
                case "agent" -> AgentCommand.run(rest, out, err);
                default -> {
                    out.print(Usage.TEXT);
                    yield EXIT_OK;
                }
            };
        } catch (UsageException e) {
            err.println("cgscope " + args[0] + ": " + e.getMessage());
            return EXIT_USAGE;
        }
    }
}
