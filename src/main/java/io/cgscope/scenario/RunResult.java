package io.cgscope.scenario;

import java.util.List;

/** The outcomes of a whole run, narration included, in the scenario's order. */
public record RunResult(String target, List<StepOutcome> outcomes) {
    public RunResult {
        outcomes = List.copyOf(outcomes);
    }

    /** Whether every step did what it said: each expectation held and no command was refused. */
    public boolean allHeld() {
        return outcomes.stream().allMatch(StepOutcome::ok);
    }

    public long failures() {
        return outcomes.stream().filter(o -> !o.ok()).count();
    }

    public long expectations() {
        return outcomes.stream().filter(StepOutcome::isExpectation).count();
    }
}
