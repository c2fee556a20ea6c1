package io.cgscope.cli;

import io.cgscope.local.KernelScenarioTarget;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.ReleaseRules;
import io.cgscope.scenario.ScenarioTarget;
import io.cgscope.sim.SimTarget;

import java.io.IOException;

/** The targets of the command line: the simulated kernel, and this machine's kernel. */
final class KernelOrSimulator implements ScenarioTargets {
    @Override
    public ScenarioTarget simulator(ReleaseRules rules, CgroupVersion version) throws IOException {
        return new SimTarget(rules, version);
    }

    @Override
    public String whyNoKernel(CgroupVersion version) {
        return KernelScenarioTarget.whyUnavailable(version);
    }

    @Override
    public ScenarioTarget kernel(CgroupVersion version) throws IOException {
        return KernelScenarioTarget.open(version);
    }
}
