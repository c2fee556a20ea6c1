package io.cgscope.cli;

import io.cgscope.local.KernelScenarioTarget;
import io.cgscope.model.CgroupVersion;
import io.cgscope.scenario.Rules;
import io.cgscope.scenario.ScenarioTarget;

import java.io.IOException;

/** The targets of the command line: the simulated kernel, and this machine's kernel. */
final class KernelOrSimulator implements ScenarioTargets {
    @Override
    public ScenarioTarget simulator(Rules rules, CgroupVersion version) throws IOException {
        throw new IOException("the simulator is not part of this build yet");
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
