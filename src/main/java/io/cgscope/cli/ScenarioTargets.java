package io.cgscope.cli;

import io.cgscope.model.CgroupVersion;
import io.cgscope.model.ReleaseRules;
import io.cgscope.scenario.ScenarioTarget;

import java.io.IOException;

/** Opens what a scenario runs on: the simulator under some rules, or the real kernel. */
interface ScenarioTargets {
    ScenarioTarget simulator(ReleaseRules rules, CgroupVersion version) throws IOException;

    /** Why the real kernel cannot run a scenario here (not root, no such filesystem), or null. */
    String whyNoKernel(CgroupVersion version);

    ScenarioTarget kernel(CgroupVersion version) throws IOException;
}
