package io.cgscope.sim;

import io.cgscope.model.ReleaseRules;
import io.cgscope.host.Access;
import io.cgscope.host.CgroupEdits;
import io.cgscope.host.CgroupHost;
import io.cgscope.host.LiveSource;
import io.cgscope.host.ProcessControl;
import io.cgscope.model.CgroupFiles;
import io.cgscope.model.Check;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.ProcessRow;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The simulated kernel behind the host seam: the tree, the details, every edit panel, the event
 * log, {@code dump} and {@code watch} work on it as on this machine's kernel, and a person can
 * start and end its processes, since no shell stands beside it. Release work runs at the end of
 * each step, so a release shows the moment it happens.
 */
public final class SimHost implements CgroupHost {
    private final SimKernel kernel;
    private final SimSource live;
    private final ProcessControl processes = new Processes();

    /** A fresh simulated kernel with a v1 and a v2 hierarchy, following {@code rules}. */
    public static SimHost open(ReleaseRules rules) {
        SimKernel kernel = new SimKernel(rules, true);
        kernel.setTiming(SimKernel.Timing.AT_ONCE);
        return new SimHost(kernel, Clock.systemUTC());
    }

    public SimHost(SimKernel kernel, Clock clock) {
        this.kernel = kernel;
        this.live = new SimSource(kernel, clock);
    }

    public SimKernel kernel() {
        return kernel;
    }

    /** Every call of the simulated release agent so far (the event log shows them once the change stream has a kind for them). */
    public List<AgentCall> agentCalls() {
        return kernel.agentCalls();
    }

    @Override
    public String id() {
        return "sim";
    }

    @Override
    public String displayName() {
        return "simulated kernel, " + kernel.rules().described();
    }

    @Override
    public LiveSource live() {
        return live;
    }

    @Override
    public Access access() {
        return Access.readWrite();
    }

    @Override
    public String describe(Hierarchy hierarchy, String cgroup) {
        // a mount point under /sim, which is none of this machine's: the path alone says simulated
        return hierarchy.mountPoint() + ("/".equals(cgroup) ? "" : cgroup);
    }

    @Override
    public byte[] readFile(Hierarchy hierarchy, String cgroup, String file) throws IOException {
        return kernel.read(hierarchy, cgroup, file);
    }

    @Override
    public Optional<CgroupFiles> readCgroup(Hierarchy hierarchy, String cgroup) {
        return kernel.files(hierarchy, cgroup);
    }

    @Override
    public Optional<String> releaseAgent(Hierarchy hierarchy) {
        return hierarchy.hasReleaseAgent() ? Optional.of(kernel.releaseAgent(hierarchy)) : Optional.empty();
    }

    @Override
    public Optional<ProcessRow> process(int pid) {
        return kernel.process(pid);
    }

    @Override
    public Optional<CgroupEdits> edits(Hierarchy hierarchy) {
        return Optional.of(new SimEdits(kernel, hierarchy));
    }

    @Override
    public Optional<ProcessControl> processes() {
        return Optional.of(processes);
    }

    @Override
    public void close() {
        live.close();
    }

    private final class Processes implements ProcessControl {
        @Override
        public int start(Hierarchy hierarchy, String cgroup, String name) throws IOException {
            return kernel.spawn(name, hierarchy, cgroup, 1);
        }

        @Override
        public void exit(int pid) throws IOException {
            kernel.exit(pid);
        }

        @Override
        public Check exitCheck(int pid) {
            return pid == SimKernel.INIT_PID
                    ? Check.refuse(SimKernel.INIT_STAYS)
                    : Check.ok();
        }
    }
}
