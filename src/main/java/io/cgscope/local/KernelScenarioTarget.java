package io.cgscope.local;

import io.cgscope.kernel.CgroupReader;
import io.cgscope.kernel.CgroupWriter;
import io.cgscope.model.CgroupFiles;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.CgroupWriteException;
import io.cgscope.model.Errno;
import io.cgscope.model.KernelErrors;
import io.cgscope.model.ReleaseRule;
import io.cgscope.model.WriteKind;
import io.cgscope.scenario.ScenarioTarget;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario on the real kernel: a private hierarchy ({@link ScenarioPlace}), real {@code sleep}
 * processes moved into their cgroup before they run anything but {@code setpriv}, and a real
 * release agent that logs ({@link LoggingAgent}); each step waits for what the kernel does after
 * it ({@link KernelWaits}).
 */
public final class KernelScenarioTarget implements ScenarioTarget {
    private final ScenarioPlace place;
    private final CgroupReader reader;
    private final CgroupWriter writer;
    private final LoggingAgent logging;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final KernelWaits waits;
    private final Thread cleanupOnExit;
    private int callsTaken;
    private int agentSerial;
    private boolean agentSet;
    private String agentName;
    private boolean closed;

    private KernelScenarioTarget(ScenarioPlace place) throws IOException {
        this.place = place;
        this.reader = new CgroupReader(place.hierarchy());
        this.writer = new CgroupWriter(reader);
        this.logging = new LoggingAgent(place.scratch(), place.mountPoint());
        this.waits = new KernelWaits(logging, this::states);
        this.cleanupOnExit = new Thread(this::cleanUp, "scenario-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
    }

    /** Why a scenario cannot run on this machine's kernel, or null when it can. */
    public static String whyUnavailable(CgroupVersion version) {
        return ScenarioPlace.whyUnavailable(version);
    }

    /** Mounts (v1) or creates (v2) a private hierarchy for one scenario; {@link #close()} removes it. */
    public static KernelScenarioTarget open(CgroupVersion version) throws IOException {
        ScenarioPlace place = ScenarioPlace.make(version);
        try {
            return new KernelScenarioTarget(place);
        } catch (IOException | RuntimeException e) {
            place.remove();
            throw e;
        }
    }

    @Override
    public String describe() {
        return "the kernel, " + place.describe();
    }

    @Override
    public synchronized void mkdir(String path) throws IOException {
        requireOpen();
        step(() -> {
            try {
                writer.createChild(parent(path), name(path));
            } catch (IllegalArgumentException taken) {
                if (reader.exists(path)) {
                    throw new CgroupWriteException(WriteKind.MKDIR, Errno.EEXIST,
                            KernelErrors.sentence(WriteKind.MKDIR, Errno.EEXIST, parent(path), name(path)));
                }
                throw new IOException(taken.getMessage(), taken);
            }
        });
    }

    @Override
    public synchronized void rmdir(String path) throws IOException {
        requireOpen();
        step(() -> writer.remove(path));
    }

    @Override
    public synchronized void set(String path, String file, String value) throws IOException {
        requireOpen();
        WriteKind kind = file.equals("notify_on_release") ? WriteKind.NOTIFY_ON_RELEASE : WriteKind.CLONE_CHILDREN;
        step(() -> writer.write(kind, path, file, value));
    }

    @Override
    public synchronized void agent(String agent, boolean removes) throws IOException {
        requireOpen();
        if (place.hierarchy().version() != CgroupVersion.V1) {
            throw new CgroupWriteException(WriteKind.RELEASE_AGENT, Errno.ENOENT,
                    "cgroup v2 has no release_agent (ENOENT): it reports an emptied cgroup as populated 0 in cgroup.events.");
        }
        if (agent == null) {
            writer.clearReleaseAgent();
            agentSet = false;
            agentName = null;
            return;
        }
        // the scenario's agent is not written where it names: the logging script stands in for it
        writer.setReleaseAgent(logging.install(removes, ++agentSerial).toString());
        agentSet = true;
        agentName = agent;
    }

    @Override
    public synchronized void spawn(String name, String path) throws IOException {
        requireOpen();
        if (processes.containsKey(name)) {
            throw new IOException("a process named " + name + " is running already");
        }
        Process p = JvmBoundProcesses.start(new ProcessBuilder("sleep", "100000").redirectErrorStream(true));
        try {
            step(() -> writer.moveProcess(path, (int) p.pid()));
        } catch (IOException | RuntimeException e) {
            JvmBoundProcesses.stop(p);
            throw e;
        }
        processes.put(name, p);
    }

    @Override
    public synchronized void exit(String name) throws IOException {
        requireOpen();
        Process p = process(name);
        step(() -> JvmBoundProcesses.stop(p));
        processes.remove(name);
    }

    @Override
    public synchronized void move(String name, String path) throws IOException {
        requireOpen();
        Process p = process(name);
        step(() -> writer.moveProcess(path, (int) p.pid()));
    }

    @Override
    public synchronized void settle() throws IOException {
        requireOpen();
        waits.settle(agentSet);
    }

    @Override
    public boolean releasable(String path) throws IOException {
        CgroupFiles files = reader.readFiles(path).orElseThrow(() -> missing(path));
        return ReleaseRule.judge(place.hierarchy().version(), files, populated(path)).releasable();
    }

    @Override
    public boolean populated(String path) throws IOException {
        if (!reader.exists(path)) {
            throw missing(path);
        }
        return states().populated(path);
    }

    @Override
    public boolean exists(String path) {
        return reader.exists(path);
    }

    @Override
    public String read(String path, String file) throws IOException {
        try {
            return new String(reader.readInterfaceFile(path, file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CgroupWriteException(WriteKind.MKDIR, Errno.ENOENT,
                    "No such file: " + file + " of " + path + " (ENOENT).");
        }
    }

    @Override
    public List<String> takeAgentCalls() throws IOException {
        List<String> all = logging.calls();
        List<String> fresh = new ArrayList<>(all.subList(Math.min(callsTaken, all.size()), all.size()));
        callsTaken = all.size();
        return fresh;
    }

    /**
     * Makes the hierarchy as it was when mounted, for the next scenario: every process ended,
     * every cgroup removed, the root's flags 0, the agent cleared and its logs emptied. Mounting
     * afresh for each scenario costs more than the scenario: the kernel frees an unmounted
     * hierarchy only after its removed cgroups are released.
     *
     * <p>The kernel reads release_agent when the work item runs, not when a release queues it:
     * a release caused here with the agent cleared could run after the next scenario has set its
     * own agent, and be logged there. So the removals are made with a logging agent in place,
     * one step at a time, each awaiting the calls it causes, and the agent is cleared last.
     */
    public synchronized void reset() throws IOException {
        requireOpen();
        if (place.hierarchy().version() == CgroupVersion.V1) {
            writer.setReleaseAgent(logging.install(false, ++agentSerial).toString());
            agentSet = true;
        }
        waits.finishAgents(); // removing agents called before still do their rmdir
        for (Process p : processes.values()) {
            step(() -> JvmBoundProcesses.stop(p));
        }
        processes.clear();
        List<String> paths = new ArrayList<>(waits.last().byPath().keySet());
        paths.remove("/");
        paths.sort(Comparator.comparingInt((String p) -> p.split("/").length).reversed());
        for (String path : paths) {
            step(() -> writer.remove(path));
        }
        if (place.hierarchy().version() == CgroupVersion.V1) {
            writer.clearReleaseAgent();
            writer.write(WriteKind.NOTIFY_ON_RELEASE, "/", "notify_on_release", "0");
            writer.write(WriteKind.CLONE_CHILDREN, "/", "cgroup.clone_children", "0");
        }
        agentSet = false;
        agentName = null;
        waits.settle(false);
        logging.clear();
        logging.allowRemoval(false);
        callsTaken = 0;
        waits.forget();
    }

    /** Where the hierarchy is mounted (v1) or the scenario's root cgroup is (v2). */
    Path mountPoint() {
        return place.mountPoint();
    }

    /** The private directory of the agent's script and logs. */
    Path scratch() {
        return place.scratch();
    }

    /** The name of the v1 hierarchy, or of the v2 child cgroup. */
    String name() {
        return place.name();
    }

    /** The agent the scenario named (the logging script runs in its place), or null. */
    public String agentName() {
        return agentName;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            cleanUp();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
            } catch (IllegalStateException alreadyExiting) {
                // the hook is running or has run
            }
        }
    }

    private synchronized void cleanUp() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (agentSet) {
                writer.clearReleaseAgent();
            }
            logging.allowRemoval(true); // agents still waiting finish now, before their cgroups go
        } catch (IOException | RuntimeException e) {
            System.err.println("cgscope: clearing the scenario's release agent: " + e.getMessage());
        }
        processes.values().forEach(JvmBoundProcesses::stop);
        processes.clear();
        place.remove();
    }

    // ---- steps and the agent calls they cause ----

    private interface Action {
        void run() throws IOException;
    }

    /** Runs a step, then waits for the agent calls today's rule says it caused. */
    private void step(Action action) throws IOException {
        try {
            action.run();
        } finally {
            waits.afterStep(agentSet);
        }
    }

    /**
     * Steps and the clean-up exclude each other: a Ctrl+C's clean-up runs while the scenario's
     * thread goes on, and waits for the step under way; the steps after it are refused.
     */
    private void requireOpen() throws IOException {
        if (closed) {
            throw new IOException("the scenario was stopped, and its hierarchy removed");
        }
    }

    private CgroupStates states() throws IOException {
        return CgroupStates.read(place.mountPoint(), place.hierarchy().version() == CgroupVersion.V1);
    }

    private Process process(String name) throws IOException {
        Process p = processes.get(name);
        if (p == null) {
            throw new IOException("no process named " + name + " is running");
        }
        return p;
    }

    private static CgroupWriteException missing(String path) {
        return new CgroupWriteException(WriteKind.MKDIR, Errno.ENOENT, "The cgroup " + path + " does not exist (ENOENT).");
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
