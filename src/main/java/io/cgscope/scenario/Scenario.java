package io.cgscope.scenario;

import io.cgscope.model.ReleaseRules;
import io.cgscope.model.CgroupVersion;

import java.util.List;

/**
 * A parsed scenario: its lines in order, narration included, and what it asks for in its header:
 * the kind of hierarchy ({@code hierarchy v1|v2}, v1 unless it says) and the rules it is written
 * for ({@code rules today|2007}; null when any rules will do, as on the real kernel).
 */
public record Scenario(String name, CgroupVersion version, ReleaseRules rules, List<ScenarioLine> lines) {
    public Scenario {
        lines = List.copyOf(lines);
    }

    /** The first narration line, without its '#': what a list of lessons shows. */
    public String title() {
        return lines.stream().map(ScenarioLine::step).filter(s -> s instanceof Step.Narration)
                .map(s -> ((Step.Narration) s).words().strip()).findFirst().orElse("");
    }
}
