package io.cgscope.sim;

import io.cgscope.host.CgroupEdits;
import io.cgscope.model.Bit;
import io.cgscope.model.CgroupFiles;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.CgroupWriteException;
import io.cgscope.model.Check;
import io.cgscope.model.ChildName;
import io.cgscope.model.Errno;
import io.cgscope.model.FreezeState;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.KernelErrors;
import io.cgscope.model.Paths;
import io.cgscope.model.PidText;
import io.cgscope.model.ReadBack;
import io.cgscope.model.ReleaseAgentText;
import io.cgscope.model.WriteKind;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The edit panels' writes on one hierarchy of the simulated kernel, each read back, refused where
 * the kernel's writer refuses and in its words: the same checks before a write, the same errno
 * and sentence from the write.
 */
record SimEdits(SimKernel kernel, Hierarchy hierarchy) implements CgroupEdits {
    @Override
    public ReadBack setNotifyOnRelease(String cgroup, boolean on) throws IOException {
        return writeFlag(WriteKind.NOTIFY_ON_RELEASE, cgroup, "notify_on_release", on, CgroupFiles::notifyOnRelease);
    }

    @Override
    public ReadBack setCloneChildren(String cgroup, boolean on) throws IOException {
        return writeFlag(WriteKind.CLONE_CHILDREN, cgroup, "cgroup.clone_children", on, CgroupFiles::cloneChildren);
    }

    private ReadBack writeFlag(WriteKind kind, String cgroup, String file, boolean on,
                               Function<CgroupFiles, Boolean> flag) throws IOException {
        if (hierarchy.version() != CgroupVersion.V1) {
            throw new IllegalStateException(file + " exists only in cgroup v1");
        }
        kernel.write(hierarchy, cgroup, file, Bit.of(on));
        CgroupFiles back = readBack(kind, cgroup);
        return new ReadBack(file, cgroup, Bit.of(on), Bit.of(flag.apply(back)), back);
    }

    @Override
    public String whyNoReleaseAgent() {
        return hierarchy.whyNoReleaseAgent();
    }

    @Override
    public ReadBack setReleaseAgent(String agent) throws IOException {
        Check syntax = ReleaseAgentText.check(agent);
        if (syntax.refused()) {
            throw new IllegalArgumentException(syntax.refusal());
        }
        return writeReleaseAgent(agent, agent);
    }

    /** As on the kernel, "\n" clears it: cgroupfs strips the white space, and a write of no bytes changes nothing. */
    @Override
    public ReadBack clearReleaseAgent() throws IOException {
        return writeReleaseAgent("", "\n");
    }

    private ReadBack writeReleaseAgent(String asked, String bytes) throws IOException {
        String why = whyNoReleaseAgent();
        if (why != null) {
            throw new IOException(why);
        }
        kernel.write(hierarchy, "/", "release_agent", bytes);
        CgroupFiles back = readBack(WriteKind.RELEASE_AGENT, "/");
        return new ReadBack("release_agent", "/", asked, back.releaseAgent(), back);
    }

    /** The simulated agent is never run, so only its text is checked. */
    @Override
    public Check checkReleaseAgent(String agent) {
        return ReleaseAgentText.check(agent);
    }

    @Override
    public Check recheckReleaseAgent(String agent, String agreed) {
        return ReleaseAgentText.check(agent);
    }

    @Override
    public CgroupFiles createChild(String parent, String name) throws IOException {
        CgroupFiles p = kernel.files(hierarchy, parent).orElseThrow(() -> new CgroupWriteException(WriteKind.MKDIR,
                Errno.ENOENT, KernelErrors.sentence(WriteKind.MKDIR, Errno.ENOENT, parent, name)));
        Check check = ChildName.check(name, p.takenNames());
        if (check.refused()) {
            throw new IllegalArgumentException(check.refusal());
        }
        String path = Paths.child(parent, name);
        kernel.mkdir(hierarchy, path);
        return readBack(WriteKind.MKDIR, path);
    }

    @Override
    public void remove(String cgroup) throws IOException {
        if ("/".equals(cgroup)) {
            throw new IllegalArgumentException("The root of a hierarchy cannot be removed; unmount it instead.");
        }
        kernel.rmdir(hierarchy, cgroup);
    }

    @Override
    public CgroupFiles moveProcess(String cgroup, int pid) throws IOException {
        if (pid <= 0) {
            throw new IllegalArgumentException("A pid is a positive number.");
        }
        kernel.write(hierarchy, cgroup, "cgroup.procs", Integer.toString(pid));
        return readBack(WriteKind.MOVE_PROCESS, cgroup);
    }

    @Override
    public FreezeState setFrozen(String cgroup, boolean frozen) throws IOException {
        if (hierarchy.version() != CgroupVersion.V2) {
            throw new IllegalStateException("cgroup.freeze exists only in cgroup v2");
        }
        kernel.write(hierarchy, cgroup, "cgroup.freeze", Bit.of(frozen));
        CgroupFiles files = readBack(WriteKind.FREEZE, cgroup);
        // every simulated task stops (and resumes) at once
        return new FreezeState(files, frozen, files.frozen());
    }

    /** A pid of the simulator: a thread id moves its whole process, as cgroup.procs does, and is asked about. */
    @Override
    public Check checkPid(String pidText) {
        Check syntax = PidText.check(pidText);
        if (syntax.refused()) {
            return syntax;
        }
        int pid = PidText.parse(pidText);
        Optional<Integer> process = kernel.processOfThread(pid);
        if (process.isEmpty()) {
            return Check.refuse("No process with pid " + pid + " exists in the simulated kernel.");
        }
        if (process.get() != pid) {
            return Check.warn(pid + " is a thread of process " + process.get() + ": cgroup.procs moves the whole process "
                    + process.get() + ", all its threads. Move it?");
        }
        return Check.ok();
    }

    private CgroupFiles readBack(WriteKind kind, String cgroup) throws CgroupWriteException {
        return kernel.files(hierarchy, cgroup).orElseThrow(() -> new CgroupWriteException(kind, Errno.ENOENT,
                KernelErrors.sentence(kind, Errno.ENOENT, cgroup, null)));
    }
}
