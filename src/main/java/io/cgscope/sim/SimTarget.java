package io.cgscope.sim;

import io.cgscope.model.ReleaseRules;
import io.cgscope.model.CgroupFiles;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.CgroupWriteException;
import io.cgscope.model.Errno;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.KernelErrors;
import io.cgscope.model.ReleaseRule;
import io.cgscope.model.WriteKind;
import io.cgscope.scenario.ScenarioTarget;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario on one hierarchy of the simulated kernel (v1, or v2 for a scenario that says
 * {@code hierarchy v2}). The agent is called at the end of the step that released a cgroup, as
 * the real kernel calls it within moments; a cleaning agent's rmdir waits for {@link #settle()},
 * so the steps between a release and the settle race it as they would on the kernel, only
 * always the same way.
 */
public final class SimTarget implements ScenarioTarget {
    private final SimKernel kernel;
    private final Hierarchy hierarchy;
    private final Map<String, Integer> pids = new HashMap<>();
    private int callsTaken;

    /** A fresh simulated kernel with {@code rules}, the scenario on its v1 hierarchy. */
    public SimTarget(ReleaseRules rules) {
        this(new SimKernel(rules, false));
    }

    /** A fresh simulated kernel with {@code rules}, the scenario on its hierarchy of {@code version}. */
    public SimTarget(ReleaseRules rules, CgroupVersion version) {
        this(new SimKernel(rules, version == CgroupVersion.V2), version);
    }

    /** A scenario on {@code kernel}'s v1 hierarchy. */
    public SimTarget(SimKernel kernel) {
        this(kernel, CgroupVersion.V1);
    }

    private SimTarget(SimKernel kernel, CgroupVersion version) {
        this.kernel = kernel;
        this.hierarchy = kernel.hierarchies().stream().filter(h -> h.version() == version).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the simulated kernel has no " + version + " hierarchy"));
        kernel.setTiming(SimKernel.Timing.CALLS_AT_ONCE);
    }

    public SimKernel kernel() {
        return kernel;
    }

    @Override
    public String describe() {
        return "the simulator, " + kernel.rules().described() + (hierarchy.version() == CgroupVersion.V2 ? ", cgroup v2" : "");
    }

    @Override
    public void mkdir(String path) throws IOException {
        kernel.mkdir(hierarchy, path);
    }

    @Override
    public void rmdir(String path) throws IOException {
        kernel.rmdir(hierarchy, path);
    }

    @Override
    public void set(String path, String file, String value) throws IOException {
        if (!"notify_on_release".equals(file) && !"cgroup.clone_children".equals(file)) {
            throw new IllegalArgumentException("set writes notify_on_release or cgroup.clone_children, not " + file);
        }
        kernel.write(hierarchy, path, file, value);
    }

    @Override
    public void agent(String agent, boolean removes) throws IOException {
        // "\n" is what echo > release_agent writes: the kernel strips it to none
        kernel.write(hierarchy, "/", "release_agent", agent == null ? "\n" : agent);
        kernel.setAgentRemoves(removes);
    }

    @Override
    public void spawn(String name, String path) throws IOException {
        if (pids.containsKey(name)) {
            throw new IllegalArgumentException("a process named " + name + " runs already");
        }
        pids.put(name, kernel.spawn(name, hierarchy, path, 1));
    }

    @Override
    public void exit(String name) throws IOException {
        kernel.exit(pid(name));
        pids.remove(name);
    }

    @Override
    public void move(String name, String path) throws IOException {
        kernel.write(hierarchy, path, "cgroup.procs", Integer.toString(pid(name)));
    }

    private int pid(String name) {
        Integer pid = pids.get(name);
        if (pid == null) {
            throw new IllegalArgumentException("no process named " + name + " was started");
        }
        return pid;
    }

    @Override
    public void settle() {
        kernel.settle();
    }

    /** Today's rules: cgscope's prediction from the cgroup's files; the 2007 rules: the {@code releasable} file. */
    @Override
    public boolean releasable(String path) throws IOException {
        if (kernel.rules() == ReleaseRules.Y2007 && hierarchy.version() == CgroupVersion.V1) {
            return "1".equals(read(path, "releasable").strip());
        }
        CgroupFiles files = kernel.files(hierarchy, path).orElseThrow(() -> missing(path));
        return ReleaseRule.judge(hierarchy.version(), files, populated(path)).releasable();
    }

    @Override
    public boolean populated(String path) throws IOException {
        return kernel.populated(hierarchy, path).orElseThrow(() -> missing(path));
    }

    @Override
    public boolean exists(String path) {
        return kernel.files(hierarchy, path).isPresent();
    }

    @Override
    public String read(String path, String file) throws IOException {
        try {
            return new String(kernel.read(hierarchy, path, file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CgroupWriteException(WriteKind.MKDIR, Errno.ENOENT,
                    "No such file: " + file + " of " + path + " (ENOENT).");
        }
    }

    @Override
    public List<String> takeAgentCalls() {
        List<AgentCall> all = kernel.agentCalls();
        List<String> paths = new ArrayList<>();
        for (AgentCall call : all.subList(callsTaken, all.size())) {
            if (call.hierarchy().equals(hierarchy)) {
                paths.add(call.path());
            }
        }
        callsTaken = all.size();
        return paths;
    }

    private static CgroupWriteException missing(String path) {
        return new CgroupWriteException(WriteKind.MKDIR, Errno.ENOENT,
                KernelErrors.sentence(WriteKind.MKDIR, Errno.ENOENT, path, null));
    }

    /** Nothing outlives the simulator: processes and cgroups are memory. */
    @Override
    public void close() {
        pids.clear();
    }
}
