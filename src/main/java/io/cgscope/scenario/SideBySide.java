package io.cgscope.scenario;

import java.util.ArrayList;
import java.util.List;

/** One scenario run under both rule sets, step beside step. */
public record SideBySide(RunResult today, RunResult y2007) {
    /** A line of both runs; {@code differ} when the outcomes, the agent calls or the messages differ. */
    public record Row(StepOutcome today, StepOutcome y2007, boolean differ) {
    }

    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < today.outcomes().size(); i++) {
            StepOutcome t = today.outcomes().get(i);
            StepOutcome o = y2007.outcomes().get(i);
            boolean differ = t.ok() != o.ok() || !t.agentCalls().equals(o.agentCalls()) || !t.message().equals(o.message());
            rows.add(new Row(t, o, differ));
        }
        return rows;
    }

    public boolean allHeld() {
        return today.allHeld() && y2007.allHeld();
    }
}
