package io.cgscope.local;

import io.cgscope.host.AgentRecording;
import io.cgscope.host.CgroupEdits;
import io.cgscope.kernel.CgroupWriter;
import io.cgscope.kernel.PidCheck;
import io.cgscope.kernel.RecorderFiles;
import io.cgscope.kernel.ReleaseAgentCheck;
import io.cgscope.kernel.ReleaseAgentRecorder;
import io.cgscope.model.CgroupFiles;
import io.cgscope.model.Check;
import io.cgscope.model.FreezeState;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.ReadBack;
import io.cgscope.model.RecorderStatus;

import java.io.IOException;
import java.util.Optional;

/**
 * The writes of one hierarchy of this machine's kernel: the checked, read-back writer of
 * {@code kernel}, and the checks that look at this machine (the release agent's path, /proc for a
 * pid, PID 1's cgroups for a service manager).
 *
 * @param serviceManager why writes are confirmed first, worked out when the hierarchy was shown
 */
record KernelEdits(CgroupWriter writer, String serviceManager) implements CgroupEdits {
    @Override
    public Hierarchy hierarchy() {
        return writer.hierarchy();
    }

    @Override
    public ReadBack setNotifyOnRelease(String cgroup, boolean on) throws IOException {
        return writer.setNotifyOnRelease(cgroup, on);
    }

    @Override
    public ReadBack setCloneChildren(String cgroup, boolean on) throws IOException {
        return writer.setCloneChildren(cgroup, on);
    }

    @Override
    public ReadBack setReleaseAgent(String agent) throws IOException {
        return writer.setReleaseAgent(agent);
    }

    @Override
    public ReadBack clearReleaseAgent() throws IOException {
        return writer.clearReleaseAgent();
    }

    @Override
    public CgroupFiles createChild(String parent, String name) throws IOException {
        return writer.createChild(parent, name);
    }

    @Override
    public void remove(String cgroup) throws IOException {
        writer.remove(cgroup);
    }

    @Override
    public CgroupFiles moveProcess(String cgroup, int pid) throws IOException {
        return writer.moveProcess(cgroup, pid);
    }

    @Override
    public FreezeState setFrozen(String cgroup, boolean frozen) throws IOException {
        return writer.setFrozen(cgroup, frozen);
    }

    @Override
    public String whyNoReleaseAgent() {
        return writer.whyNoReleaseAgent();
    }

    @Override
    public Check checkReleaseAgent(String agent) {
        return ReleaseAgentCheck.check(agent);
    }

    @Override
    public Check recheckReleaseAgent(String agent, String agreed) {
        return ReleaseAgentCheck.recheck(agent, agreed);
    }

    @Override
    public Optional<AgentRecording> recording() {
        if (writer.whyNoReleaseAgent() != null) {
            return Optional.empty();
        }
        ReleaseAgentRecorder recorder = new ReleaseAgentRecorder(RecorderFiles.configured());
        return Optional.of(new AgentRecording() {
            @Override
            public RecorderStatus status() {
                return recorder.status(writer.reader());
            }

            @Override
            public ReadBack install() throws IOException {
                return recorder.install(writer);
            }

            @Override
            public ReadBack uninstall() throws IOException {
                return recorder.uninstall(writer);
            }
        });
    }

    @Override
    public Check checkPid(String pidText) {
        return PidCheck.check(pidText);
    }

    @Override
    public Check moveCheck(int pid, String cgroup) {
        return writer.moveCheck(pid, cgroup);
    }

    @Override
    public Check freezeCheck(String cgroup) {
        return writer.freezeCheck(cgroup);
    }
}
