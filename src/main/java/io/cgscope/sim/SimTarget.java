package io.cgscope.sim;

import io.cgscope.model.CgroupFiles;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.ReleaseRule;
import io.cgscope.scenario.ScenarioTarget;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario on the simulated kernel's v1 hierarchy. Release work waits for {@link #settle()},
 * so the steps between a release and the settle race the agent as they would on the kernel,
 * only always the same way.
 */
public final class SimTarget implements ScenarioTarget {
    private final SimKernel kernel;
    private final Hierarchy hierarchy;
    private final Map<String, Integer> pids = new HashMap<>();
    private int callsTaken;

    /** A fresh simulated kernel with {@code rules}. */
    public SimTarget(Rules rules) {
        this(new SimKernel(rules, false));
    }

    /** A scenario on {@code kernel}'s v1 hierarchy; release work then waits for {@link #settle()}. */
    public SimTarget(SimKernel kernel) {
        this.kernel = kernel;
        this.hierarchy = kernel.v1();
        kernel.setTiming(SimKernel.Timing.ON_SETTLE);
    }

    /** The agent removes each cgroup it is called for, after its call (the usual clean-up, with its race). */
    public SimTarget withAgentRemoving(boolean removes) {
        kernel.setAgentRemoves(removes);
        return this;
    }

    public SimKernel kernel() {
        return kernel;
    }

    @Override
    public String describe() {
        return "simulator, " + kernel.rules().described();
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
    public void agent(String agent) throws IOException {
        // "\n" is what echo > release_agent writes: the kernel strips it to none
        kernel.write(hierarchy, "/", "release_agent", agent == null ? "\n" : agent);
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
        if (kernel.rules() == Rules.Y2007) {
            String bit = new String(kernel.read(hierarchy, path, "releasable"), StandardCharsets.US_ASCII);
            return "1".equals(bit.strip());
        }
        CgroupFiles files = kernel.files(hierarchy, path).orElseThrow(() -> missing(path));
        return ReleaseRule.judge(CgroupVersion.V1, files, populated(path)).releasable();
    }

    @Override
    public boolean populated(String path) throws IOException {
        return kernel.populated(hierarchy, path).orElseThrow(() -> missing(path));
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

    private NoSuchFileException missing(String path) {
        return new NoSuchFileException(hierarchy.mountPoint() + ("/".equals(path) ? "" : path),
                null, "no such cgroup");
    }

    /** Nothing outlives the simulator: processes and cgroups are memory. */
    @Override
    public void close() {
        pids.clear();
    }
}
