package io.cgscope.cli;

import io.cgscope.model.ReleaseRules;

import java.util.List;

/**
 * The options of {@code scenario run}: {@code --kernel}, {@code --rules today|2007|both},
 * {@code --json} and the one scenario (a file, or a lesson's name).
 *
 * @param rules the rules asked for; null when not given (the scenario's own, else today's)
 */
record ScenarioOptions(boolean kernel, ReleaseRules rules, boolean both, boolean json, String scenario) {

    static ScenarioOptions parse(List<String> args) throws UsageException {
        if (args.isEmpty() || !args.get(0).equals("run")) {
            throw new UsageException("usage: cgscope scenario run [--kernel] [--rules today|2007|both] [--json] FILE|LESSON");
        }
        boolean kernel = false;
        boolean json = false;
        boolean both = false;
        ReleaseRules rules = null;
        String scenario = null;
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--kernel" -> kernel = true;
                case "--json" -> json = true;
                case "--rules" -> {
                    if (++i >= args.size()) {
                        throw new UsageException("--rules needs today, 2007 or both");
                    }
                    both = args.get(i).equals("both");
                    rules = both ? null : ReleaseRules.of(args.get(i));
                    if (!both && rules == null) {
                        throw new UsageException("--rules takes today, 2007 or both, not " + args.get(i));
                    }
                }
                default -> {
                    if (a.startsWith("--")) {
                        throw new UsageException("unknown option " + a + " (see --help)");
                    }
                    if (scenario != null) {
                        throw new UsageException("one scenario at a time: " + scenario + " and " + a);
                    }
                    scenario = a;
                }
            }
        }
        if (scenario == null) {
            throw new UsageException("which scenario? a file, or a lesson's name (cgscope lessons lists them)");
        }
        if (kernel && (both || rules == ReleaseRules.Y2007)) {
            throw new UsageException("--kernel runs today's kernel; --rules 2007 and both are for the simulator");
        }
        return new ScenarioOptions(kernel, rules, both, json, scenario);
    }
}
