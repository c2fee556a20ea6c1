package io.cgscope.cli;

import io.cgscope.model.EscapedText;
import io.cgscope.scenario.RunResult;
import io.cgscope.scenario.SideBySide;
import io.cgscope.scenario.Step;
import io.cgscope.scenario.StepOutcome;

import java.io.PrintStream;

/**
 * The text of {@code scenario run}: narration as written, then each step with its line number and
 * outcome ("ok", or "FAILED" and why) and the agent calls it brought; a last line counts.
 */
final class ScenarioText {
    private static final String STEP = "%4d  %-36s %s";

    private ScenarioText() {
    }

    static void header(String scenario, String target, PrintStream out) {
        out.println("scenario " + EscapedText.of(scenario) + " on " + target);
    }

    static void line(StepOutcome o, PrintStream out) {
        if (o.line().step() instanceof Step.Narration n) {
            out.println("#" + EscapedText.of(n.words()));
            return;
        }
        out.println(String.format(STEP, o.line().number(), EscapedText.of(o.line().step().text()), outcome(o)));
    }

    /** "ok", "ok (why)", "FAILED: why", and the agent's new calls. */
    static String outcome(StepOutcome o) {
        StringBuilder s = new StringBuilder(o.ok() ? "ok" : "FAILED");
        if (!o.message().isEmpty()) {
            s.append(o.ok() ? " (" + o.message() + ")" : ": " + o.message());
        }
        if (!o.agentCalls().isEmpty()) {
            s.append("  [agent called: ").append(String.join(" ", o.agentCalls())).append(']');
        }
        return EscapedText.of(s.toString());
    }

    static void summary(RunResult r, PrintStream out) {
        out.println(r.allHeld() ? "all " + r.expectations() + " expectations held"
                : r.failures() + " step" + (r.failures() == 1 ? "" : "s") + " failed");
    }

    /** Both rule sets beside each other; '*' marks a step where they differ. */
    static void sideBySide(String scenario, SideBySide both, PrintStream out) {
        out.println("scenario " + EscapedText.of(scenario) + " on the simulator, today's rules | the 2007 rules"
                + " ('*': the two differ)");
        for (SideBySide.Row row : both.rows()) {
            StepOutcome t = row.today();
            if (t.line().step() instanceof Step.Narration) {
                line(t, out);
                continue;
            }
            out.println((row.differ() ? "*" : " ") + String.format("%3d  %-36s %-40s | %s", t.line().number(),
                    EscapedText.of(t.line().step().text()), outcome(t), outcome(row.y2007())));
        }
        out.print("today's rules: ");
        summary(both.today(), out);
        out.print("the 2007 rules: ");
        summary(both.y2007(), out);
    }
}
