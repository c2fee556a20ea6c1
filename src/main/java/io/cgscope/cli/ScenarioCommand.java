package io.cgscope.cli;

import io.cgscope.model.CgroupVersion;
import io.cgscope.scenario.Lessons;
import io.cgscope.model.ReleaseRules;
import io.cgscope.scenario.RunResult;
import io.cgscope.scenario.Scenario;
import io.cgscope.scenario.ScenarioParser;
import io.cgscope.scenario.ScenarioRunner;
import io.cgscope.scenario.ScenarioSyntaxException;
import io.cgscope.scenario.ScenarioTarget;
import io.cgscope.scenario.SideBySide;
import io.cgscope.scenario.StepOutcome;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code cgscope scenario run [--kernel] [--rules today|2007|both] [--json] FILE|LESSON}: exit 0
 * when every step did what it said, 1 when one did not, 2 for a syntax error or bad arguments.
 */
final class ScenarioCommand {
    private ScenarioCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err, ScenarioTargets targets) throws UsageException {
        ScenarioOptions options = ScenarioOptions.parse(args);
        Scenario scenario;
        try {
            scenario = load(options.scenario());
        } catch (ScenarioSyntaxException e) {
            err.println("cgscope scenario: " + e.getMessage());
            return Cli.EXIT_USAGE;
        }
        try {
            if (options.both()) {
                return both(scenario, options, out, targets);
            }
            try (ScenarioTarget target = open(scenario, options, targets)) {
                if (!options.json()) {
                    ScenarioText.header(scenario.name(), target.describe(), out);
                }
                RunResult result = ScenarioRunner.run(scenario, target, printer(options, out));
                if (!options.json()) {
                    ScenarioText.summary(result, out);
                }
                return result.allHeld() ? Cli.EXIT_OK : Cli.EXIT_FAILURE;
            }
        } catch (IOException | UncheckedIOException e) {
            err.println("cgscope scenario: " + e.getMessage());
            return Cli.EXIT_FAILURE;
        }
    }

    private static int both(Scenario scenario, ScenarioOptions options, PrintStream out, ScenarioTargets targets)
            throws IOException {
        RunResult today;
        RunResult y2007;
        try (ScenarioTarget t = targets.simulator(ReleaseRules.TODAY, scenario.version())) {
            today = ScenarioRunner.run(scenario, t);
        }
        try (ScenarioTarget t = targets.simulator(ReleaseRules.Y2007, scenario.version())) {
            y2007 = ScenarioRunner.run(scenario, t);
        }
        SideBySide side = new SideBySide(today, y2007);
        if (options.json()) {
            ScenarioJson.sideBySide(side, out);
        } else {
            ScenarioText.sideBySide(scenario.name(), side, out);
        }
        return side.allHeld() ? Cli.EXIT_OK : Cli.EXIT_FAILURE;
    }

    private static ScenarioTarget open(Scenario scenario, ScenarioOptions options, ScenarioTargets targets)
            throws UsageException, IOException {
        if (!options.kernel()) {
            ReleaseRules rules = options.rules() != null ? options.rules()
                    : scenario.rules() != null ? scenario.rules() : ReleaseRules.TODAY;
            return targets.simulator(rules, scenario.version());
        }
        if (scenario.rules() == ReleaseRules.Y2007) {
            throw new UsageException(scenario.name() + " is written for the 2007 rules, which no kernel of today"
                    + " follows: run it on the simulator (without --kernel)");
        }
        String why = targets.whyNoKernel(scenario.version());
        if (why != null) {
            throw new UsageException(why);
        }
        return targets.kernel(scenario.version());
    }

    private static Consumer<StepOutcome> printer(ScenarioOptions options, PrintStream out) {
        return o -> {
            if (options.json()) {
                try {
                    ScenarioJson.line(o, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                ScenarioText.line(o, out);
            }
            out.flush();
        };
    }

    /** A file when there is one by that name, else a lesson. */
    static Scenario load(String name) throws UsageException, ScenarioSyntaxException {
        Path file = Path.of(name);
        if (Files.isRegularFile(file)) {
            try {
                return ScenarioParser.parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UsageException("cannot read " + name + ": " + e.getMessage());
            }
        }
        if (Lessons.exists(name)) {
            return Lessons.load(name);
        }
        throw new UsageException("no scenario file or lesson named " + name + " (cgscope lessons lists the lessons)");
    }

    /** {@code cgscope lessons}: each lesson's name and title, and what it needs. */
    static int lessons(List<String> args, PrintStream out) throws UsageException {
        if (!args.isEmpty()) {
            throw new UsageException("lessons takes no arguments");
        }
        for (String name : Lessons.names()) {
            Scenario s;
            try {
                s = Lessons.load(name);
            } catch (ScenarioSyntaxException e) {
                throw new IllegalStateException("a shipped lesson does not parse: " + e.getMessage(), e);
            }
            String needs = s.rules() == ReleaseRules.Y2007 ? "  (the 2007 rules: simulator only)"
                    : s.version() == CgroupVersion.V2 ? "  (cgroup v2)" : "";
            out.println(String.format("%-26s %s%s", name, s.title(), needs));
        }
        return Cli.EXIT_OK;
    }
}
