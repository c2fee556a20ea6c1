package io.cgscope.scenario;

import io.cgscope.model.CgroupWriteException;
import io.cgscope.model.Errno;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a scenario on a target, one line after the other, and checks each expectation. A step that
 * goes wrong is reported and the run goes on: the later lines show what followed from it. After
 * every step the agent's new calls are collected; {@code expect agent} compares those gathered
 * since the previous {@code expect agent}.
 */
public final class ScenarioRunner {
    private final ScenarioTarget target;
    private final List<String> callsSinceExpect = new ArrayList<>();

    private ScenarioRunner(ScenarioTarget target) {
        this.target = target;
    }

    /** Runs every line; {@code each} sees each outcome as soon as it is known. */
    public static RunResult run(Scenario scenario, ScenarioTarget target, Consumer<StepOutcome> each) {
        ScenarioRunner runner = new ScenarioRunner(target);
        List<StepOutcome> outcomes = new ArrayList<>();
        for (ScenarioLine line : scenario.lines()) {
            StepOutcome o = runner.line(line);
            outcomes.add(o);
            each.accept(o);
        }
        return new RunResult(target.describe(), outcomes);
    }

    public static RunResult run(Scenario scenario, ScenarioTarget target) {
        return run(scenario, target, o -> { });
    }

    private StepOutcome line(ScenarioLine line) {
        Step step = line.step();
        if (step instanceof Step.Narration) {
            return new StepOutcome(line, true, List.of(), "");
        }
        Verdict v;
        try {
            v = step instanceof Step.Command c ? act(c) : check(step);
        } catch (CgroupWriteException e) {
            v = new Verdict(false, "refused with " + Errno.name(e.errno()) + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            v = new Verdict(false, "could not be done: " + e.getMessage());
        }
        List<String> calls;
        try {
            calls = target.takeAgentCalls();
        } catch (IOException e) {
            return new StepOutcome(line, false, List.of(), "the agent's calls could not be read: " + e.getMessage());
        }
        callsSinceExpect.addAll(calls);
        return new StepOutcome(line, v.ok, calls, v.message);
    }

    private record Verdict(boolean ok, String message) {
    }

    private Verdict act(Step.Command c) throws IOException {
        perform(target, c);
        return new Verdict(true, "");
    }

    /** Does what the command says on {@code target}; a refusal is thrown as the target threw it. */
    public static void perform(ScenarioTarget target, Step.Command c) throws IOException {
        if (c instanceof Step.Mkdir s) {
            target.mkdir(s.path());
        } else if (c instanceof Step.Rmdir s) {
            target.rmdir(s.path());
        } else if (c instanceof Step.Set s) {
            target.set(s.path(), s.file(), s.value());
        } else if (c instanceof Step.Agent s) {
            target.agent(s.agent(), s.removes());
        } else if (c instanceof Step.Spawn s) {
            target.spawn(s.name(), s.path());
        } else if (c instanceof Step.Exit s) {
            target.exit(s.name());
        } else if (c instanceof Step.Move s) {
            target.move(s.name(), s.path());
        } else if (c instanceof Step.Settle) {
            target.settle();
        }
    }

    private Verdict check(Step step) throws IOException {
        if (step instanceof Step.ExpectError e) {
            return expectError(e);
        }
        if (step instanceof Step.ExpectAgent e) {
            return expectAgent(e);
        }
        if (step instanceof Step.ExpectReleasable e) {
            boolean is = target.releasable(e.path());
            return held(is == e.releasable(), e.path() + (is ? " is releasable" : " is not releasable"));
        }
        if (step instanceof Step.ExpectPopulated e) {
            boolean is = target.populated(e.path());
            return held(is == e.populated(), e.path() + (is ? " is populated" : " is empty"));
        }
        if (step instanceof Step.ExpectExists e) {
            boolean is = target.exists(e.path());
            return held(is == e.exists(), e.path() + (is ? " exists" : " does not exist"));
        }
        Step.ExpectFile e = (Step.ExpectFile) step;
        String value = FileValue.of(target.read(e.path(), e.file()), e.key());
        String what = e.file() + (e.key() == null ? "" : " " + e.key());
        return held(e.value().equals(value), value == null ? what + " is not there" : what + " reads " + value);
    }

    private Verdict expectError(Step.ExpectError e) throws IOException {
        try {
            act(e.command());
        } catch (CgroupWriteException refused) {
            String got = Errno.name(refused.errno());
            if (got.equals(e.errno())) {
                return new Verdict(true, "refused with " + got + ", as expected");
            }
            return new Verdict(false, "refused with " + got + ", not " + e.errno() + ": " + refused.getMessage());
        }
        return new Verdict(false, "it was done; expected a refusal with " + e.errno());
    }

    private Verdict expectAgent(Step.ExpectAgent e) {
        List<String> seen = new ArrayList<>(callsSinceExpect);
        callsSinceExpect.clear();
        List<String> wanted = new ArrayList<>(e.paths());
        seen.sort(null);
        wanted.sort(null);
        String said = seen.isEmpty() ? "the agent was not called" : "the agent was called with " + String.join(" ", seen);
        return held(seen.equals(wanted), said);
    }

    /** An expectation's verdict: when it holds nothing more needs saying; else what was found. */
    private static Verdict held(boolean ok, String found) {
        return ok ? new Verdict(true, "") : new Verdict(false, "but " + found);
    }
}
