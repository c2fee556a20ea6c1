package io.cgscope.scenario;

import java.util.List;

/**
 * What became of one step: whether it did what it said (a command: done without a refusal; an
 * expectation: it held), the agent calls that appeared while it ran, and a sentence when there is
 * something to say. The sentence never names what differs from run to run (pids, mount points), so
 * that the same scenario prints the same outcomes on the simulator and on the real kernel.
 */
public record StepOutcome(ScenarioLine line, boolean ok, List<String> agentCalls, String message) {
    public StepOutcome {
        agentCalls = List.copyOf(agentCalls);
        message = message == null ? "" : message;
    }

    public boolean isNarration() {
        return line.step() instanceof Step.Narration;
    }

    public boolean isExpectation() {
        return line.step() instanceof Step.Expectation;
    }
}
