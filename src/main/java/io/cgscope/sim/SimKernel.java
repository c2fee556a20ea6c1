package io.cgscope.sim;

import io.cgscope.model.ReleaseRules;
import io.cgscope.model.Cgroup;
import io.cgscope.model.CgroupFiles;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.CgroupWriteException;
import io.cgscope.model.Errno;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.KernelErrors;
import io.cgscope.model.NameBytes;
import io.cgscope.model.Paths;
import io.cgscope.model.ProcessRow;
import io.cgscope.model.ReleaseAgentText;
import io.cgscope.model.WriteKind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A kernel in memory: a v1 hierarchy (and a v2 one), processes with threads, and release
 * notification by today's rules or the 2007 commit's. A write is refused with the errno and the
 * sentence the real kernel's writer gives for the same input ({@link KernelErrors}). Nothing
 * happens on its own: release work waits until {@link #settle()} (or runs at the end of each
 * step, {@link Timing#AT_ONCE}), so a scenario sees a release exactly where it asks for one.
 *
 * <p>Thread-safe: every step holds the kernel's lock, and listeners are told inside it.
 */
public final class SimKernel {
    /** When queued release work runs. */
    public enum Timing {
        /** Only in {@link #settle()}: steps before it can race the agent, as a scenario shows. */
        ON_SETTLE,
        /** At the end of every step, as a person at the window expects to see it. */
        AT_ONCE,
        /**
         * The agent's calls at the end of every step, as the real kernel makes them within
         * moments; a cleaning agent's rmdir only in {@link #settle()}, so that steps before it
         * race it: what a scenario runs on, the same on the simulator and on the kernel.
         */
        CALLS_AT_ONCE
    }

    /** The pid of the simulated init, in the root of every hierarchy, which never exits. */
    public static final int INIT_PID = 1;
    /** Why init is not ended. */
    static final String INIT_STAYS = "The simulated init (pid 1) does not exit: the kernel would panic.";
    private static final int FIRST_PID = 100;

    private final ReleaseRules rules;
    private final ReleaseRuleSet releases;
    private final Map<Hierarchy, SimTree> trees = new LinkedHashMap<>();
    private final Hierarchy v1;
    private final Map<Integer, SimProcess> processes = new LinkedHashMap<>();
    private final Map<Integer, SimThread> threads = new HashMap<>();
    private final ReleaseQueue queue = new ReleaseQueue();
    private final List<AgentCall> agentCalls = new ArrayList<>();
    private final List<SimListener> listeners = new CopyOnWriteArrayList<>();
    private int nextId = FIRST_PID;
    private Timing timing = Timing.ON_SETTLE;
    private boolean agentRemoves;

    /** A kernel with one named v1 hierarchy, and a v2 one when {@code withV2}. */
    public SimKernel(ReleaseRules rules, boolean withV2) {
        this.rules = rules;
        this.releases = ReleaseRuleSet.of(rules);
        this.v1 = new Hierarchy("sim:1", CgroupVersion.V1, List.of(), "sim", Path.of("/sim/v1"), "/", List.of(),
                null, false, false);
        trees.put(v1, new SimTree(v1));
        if (withV2) {
            Hierarchy v2 = new Hierarchy("sim:2", CgroupVersion.V2, List.of(), null, Path.of("/sim/unified"), "/",
                    List.of(), null, false, false);
            trees.put(v2, new SimTree(v2));
        }
        SimProcess init = new SimProcess(INIT_PID, "init");
        addThread(init, INIT_PID, null, "/");
        processes.put(INIT_PID, init);
    }

    public ReleaseRules rules() {
        return rules;
    }

    /** The v1 hierarchy first, then v2 if there is one. */
    public synchronized List<Hierarchy> hierarchies() {
        return List.copyOf(trees.keySet());
    }

    public Hierarchy v1() {
        return v1;
    }

    public synchronized void setTiming(Timing timing) {
        this.timing = timing;
        settleIfAtOnce();
    }

    /** Whether the release agent removes the cgroup it was called for (the usual clean-up), after its call. */
    public synchronized void setAgentRemoves(boolean removes) {
        this.agentRemoves = removes;
    }

    public synchronized boolean agentRemoves() {
        return agentRemoves;
    }

    public void addListener(SimListener listener) {
        listeners.add(listener);
    }

    public void removeListener(SimListener listener) {
        listeners.remove(listener);
    }

    // ---- cgroups

    /** mkdir(2) of {@code path}: its parent must exist; it copies notify_on_release and clone_children. */
    public synchronized void mkdir(Hierarchy h, String path) throws CgroupWriteException {
        SimTree tree = tree(h);
        Paths.requirePath(path);
        String parentPath = Paths.parent(path);
        String name = Paths.name(path);
        if (parentPath == null) {
            throw refused(WriteKind.MKDIR, Errno.EEXIST, "/", "/");
        }
        SimCgroup parent = tree.get(parentPath);
        if (parent == null) {
            throw refused(WriteKind.MKDIR, Errno.ENOENT, parentPath, name);
        }
        if (name.indexOf('\n') >= 0) {
            throw refused(WriteKind.MKDIR, Errno.EINVAL, parentPath, name); // cgroup_mkdir refuses a newline
        }
        if (parent.children.containsKey(name) || SimFiles.names(tree, parent, releases.hasReleasableFile()).contains(name)) {
            throw refused(WriteKind.MKDIR, Errno.EEXIST, parentPath, name);
        }
        SimCgroup c = tree.add(path);
        c.notifyOnRelease = parent.notifyOnRelease;
        c.cloneChildren = parent.cloneChildren;
        changed();
        settleIfAtOnce();
    }

    /** rmdir(2) of {@code path}: EBUSY while it has a task or a child, saying which. */
    public synchronized void rmdir(Hierarchy h, String path) throws CgroupWriteException {
        rmdir(tree(h), path);
        settleIfAtOnce();
    }

    private void rmdir(SimTree tree, String path) throws CgroupWriteException {
        Paths.requirePath(path);
        SimCgroup c = tree.get(path);
        if (c == null) {
            throw refused(WriteKind.RMDIR, Errno.ENOENT, path, null);
        }
        if (c.isRoot()) {
            throw refused(WriteKind.RMDIR, Errno.EBUSY, path, null); // the mount point
        }
        if (!c.tids.isEmpty() || !c.children.isEmpty()) {
            List<Integer> pids = new ArrayList<>(new TreeSet<>(c.tids.stream().map(this::processOf).toList()));
            throw new CgroupWriteException(WriteKind.RMDIR, Errno.EBUSY,
                    KernelErrors.busyRemoving(path, pids, tree.childPaths(c)));
        }
        tree.remove(c);
        if (releases.rmdirDropsQueued()) {
            queue.drop(tree, path);
        }
        if (tree.v1()) {
            releases.childRemoved(tree, tree.get(Paths.parent(path)), queue);
        }
        changed();
    }

    /**
     * write(2) of {@code value} to {@code file} of {@code path}: notify_on_release,
     * cgroup.clone_children, release_agent (root), cgroup.procs, tasks, cgroup.freeze (v2). A
     * write of no bytes changes nothing, as on cgroupfs.
     *
     * @throws IllegalArgumentException for a file the simulator does not write
     */
    public synchronized void write(Hierarchy h, String path, String file, String value) throws CgroupWriteException {
        SimTree tree = tree(h);
        WriteKind kind = kindOf(file);
        Paths.requirePath(path);
        SimCgroup c = tree.get(path);
        String shown = value.strip();
        if (c == null || !SimFiles.names(tree, c, releases.hasReleasableFile()).contains(file)) {
            throw refused(kind, Errno.ENOENT, path, shown);
        }
        if (value.isEmpty()) {
            return;
        }
        tree.touch(c); // release_agent is written in the root, whose files show it
        try {
            switch (kind) {
                case NOTIFY_ON_RELEASE -> {
                    long v = KernelInput.unsigned(value);
                    releases.notifyWritten(c);
                    c.notifyOnRelease = v != 0;
                }
                case CLONE_CHILDREN -> c.cloneChildren = KernelInput.unsigned(value) != 0;
                case RELEASE_AGENT -> {
                    if (NameBytes.length(value) > ReleaseAgentText.MAX_BYTES) {
                        throw new KernelInput.Refused(Errno.E2BIG);
                    }
                    tree.releaseAgent = KernelInput.strip(value);
                }
                case MOVE_PROCESS -> move(tree, c, value, "cgroup.procs".equals(file));
                case FREEZE -> {
                    int v = KernelInput.signed(KernelInput.strip(value));
                    if (v < 0 || v > 1) {
                        throw new KernelInput.Refused(Errno.ERANGE);
                    }
                    c.frozen = v == 1;
                }
                default -> throw new IllegalStateException(kind.toString());
            }
        } catch (KernelInput.Refused e) {
            throw refused(kind, e.errno, path, shown);
        }
        changed();
        settleIfAtOnce();
    }

    private static WriteKind kindOf(String file) {
        return switch (file) {
            case "notify_on_release" -> WriteKind.NOTIFY_ON_RELEASE;
            case "cgroup.clone_children" -> WriteKind.CLONE_CHILDREN;
            case "release_agent" -> WriteKind.RELEASE_AGENT;
            case "cgroup.procs", "tasks" -> WriteKind.MOVE_PROCESS;
            case "cgroup.freeze" -> WriteKind.FREEZE;
            default -> throw new IllegalArgumentException("the simulated kernel does not write " + file);
        };
    }

    /** cgroup.procs moves the whole process of the id written; tasks moves that one thread. */
    private void move(SimTree tree, SimCgroup to, String value, boolean wholeProcess) throws KernelInput.Refused {
        int id = KernelInput.signed(KernelInput.strip(value)); // __cgroup1_procs_write strips, then kstrtoint
        if (id < 0) {
            throw new KernelInput.Refused(Errno.EINVAL);
        }
        SimThread t = threads.get(id);
        if (t == null) {
            throw new KernelInput.Refused(Errno.ESRCH); // pid 0, the writer itself, is no simulated process
        }
        List<SimThread> moving = wholeProcess ? t.process.threads : List.of(t);
        for (SimThread each : moving) {
            moveThread(tree, each, to);
        }
    }

    private void moveThread(SimTree tree, SimThread t, SimCgroup to) {
        SimCgroup from = tree.get(t.cgroups.get(tree.hierarchy));
        if (from == to) {
            return; // attach_task: nothing to do, nothing set
        }
        from.tids.remove(t.tid);
        List<SimCgroup> emptied = tree.leave(from);
        to.tids.add(t.tid);
        tree.join(to);
        emptied.removeIf(SimCgroup::populated);
        t.cgroups.put(tree.hierarchy, to.path);
        if (tree.v1()) {
            releases.taskLeft(tree, from, false, emptied, queue);
        }
    }

    // ---- processes

    /**
     * Starts a process named {@code name} with {@code threadCount} threads in {@code path} of
     * {@code h} (and in the root of any other hierarchy), as a fork in that cgroup would.
     *
     * @return its pid
     */
    public synchronized int spawn(String name, Hierarchy h, String path, int threadCount) throws CgroupWriteException {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A simulated process needs a name.");
        }
        if (threadCount < 1) {
            throw new IllegalArgumentException("A process has at least one thread.");
        }
        SimTree target = tree(h);
        Paths.requirePath(path);
        if (target.get(path) == null) {
            throw refused(WriteKind.MOVE_PROCESS, Errno.ENOENT, path, name);
        }
        SimProcess p = new SimProcess(nextId, name);
        for (int i = 0; i < threadCount; i++) {
            addThread(p, nextId++, h, path);
        }
        processes.put(p.pid, p);
        changed();
        settleIfAtOnce();
        return p.pid;
    }

    private void addThread(SimProcess p, int tid, Hierarchy h, String path) {
        SimThread t = new SimThread(tid, p);
        for (SimTree tree : trees.values()) {
            SimCgroup c = tree.hierarchy.equals(h) ? tree.get(path) : tree.root();
            c.tids.add(tid);
            tree.join(c);
            t.cgroups.put(tree.hierarchy, c.path);
        }
        p.threads.add(t);
        threads.put(tid, t);
    }

    /** The process exits, every thread with it. */
    public synchronized void exit(int pid) throws CgroupWriteException {
        SimProcess p = processes.get(pid);
        if (p == null) {
            throw refused(WriteKind.MOVE_PROCESS, Errno.ESRCH, "/", Integer.toString(pid));
        }
        if (pid == INIT_PID) {
            throw new IllegalArgumentException(INIT_STAYS);
        }
        processes.remove(pid);
        for (SimThread t : p.threads) {
            threads.remove(t.tid);
            for (SimTree tree : trees.values()) {
                SimCgroup from = tree.get(t.cgroups.get(tree.hierarchy));
                from.tids.remove(t.tid);
                List<SimCgroup> emptied = tree.leave(from);
                if (tree.v1()) {
                    releases.taskLeft(tree, from, true, emptied, queue);
                }
            }
        }
        changed();
        settleIfAtOnce();
    }

    /** One process as the process table shows it; empty once it exited. */
    public synchronized Optional<ProcessRow> process(int pid) {
        SimProcess p = processes.get(pid);
        return p == null ? Optional.empty()
                : Optional.of(new ProcessRow(p.pid, p.name, "root", p.threads.size(), p.name));
    }

    /** The pid of the process a thread id belongs to; empty when there is no such thread. */
    public synchronized Optional<Integer> processOfThread(int tid) {
        SimThread t = threads.get(tid);
        return t == null ? Optional.empty() : Optional.of(t.process.pid);
    }

    /** The cgroup {@code pid} (its leader) is in, in {@code h}; empty once it exited. */
    public synchronized Optional<String> cgroupOf(int pid, Hierarchy h) {
        SimProcess p = processes.get(pid);
        return p == null ? Optional.empty() : Optional.of(p.threads.get(0).cgroups.get(tree(h).hierarchy));
    }

    private int processOf(int tid) {
        return threads.get(tid).process.pid;
    }

    // ---- release work

    /**
     * Runs every queued release and every rmdir of a cleaning agent, until nothing waits (an
     * agent's rmdir may release the parent in turn).
     */
    public synchronized void settle() {
        while (true) {
            ReleaseQueue.Entry release = queue.nextRelease();
            if (release != null) {
                callAgent(release);
                continue;
            }
            ReleaseQueue.Entry removal = queue.nextRemoval();
            if (removal == null) {
                return;
            }
            removeForAgent(removal);
        }
    }

    /** Whether release work waits for {@link #settle()}. */
    public synchronized boolean settled() {
        return queue.idle();
    }

    private void settleIfAtOnce() {
        if (timing == Timing.AT_ONCE) {
            settle();
        } else if (timing == Timing.CALLS_AT_ONCE) {
            for (ReleaseQueue.Entry release = queue.nextRelease(); release != null; release = queue.nextRelease()) {
                callAgent(release);
            }
        }
    }

    /**
     * The work item: the agent gets the path relative to the root. With no agent set nothing runs
     * (today's kernel skips it; the 2007 one fails to exec an empty path).
     */
    private void callAgent(ReleaseQueue.Entry e) {
        String agent = e.tree().releaseAgent;
        if (agent.isEmpty()) {
            return;
        }
        AgentCall call = new AgentCall(agentCalls.size() + 1L, e.tree().hierarchy, agent, e.path());
        agentCalls.add(call);
        listeners.forEach(l -> l.agentCalled(call));
        if (agentRemoves) {
            queue.removeLater(e.tree(), e.path());
        }
    }

    private void removeForAgent(ReleaseQueue.Entry e) {
        AgentRemoval removal;
        try {
            rmdir(e.tree(), e.path());
            removal = new AgentRemoval(e.tree().hierarchy, e.path(), null);
        } catch (CgroupWriteException refused) {
            removal = new AgentRemoval(e.tree().hierarchy, e.path(), refused.getMessage());
        }
        AgentRemoval told = removal;
        listeners.forEach(l -> l.agentRemoved(told));
    }

    /** Every call of the release agent so far, in order. */
    public synchronized List<AgentCall> agentCalls() {
        return List.copyOf(agentCalls);
    }

    /** Whether {@code path} waits on the release list for its agent. */
    public synchronized boolean queued(Hierarchy h, String path) {
        return queue.queued(tree(h), path);
    }

    // ---- reads

    /** The cgroup's files; empty when it does not exist. */
    public synchronized Optional<CgroupFiles> files(Hierarchy h, String path) {
        SimTree tree = tree(h);
        SimCgroup c = tree.get(path);
        return c == null ? Optional.empty() : Optional.of(filesOf(tree, c));
    }

    private CgroupFiles filesOf(SimTree tree, SimCgroup c) {
        if (c.files == null) {
            c.files = SimFiles.files(tree, c, releases.hasReleasableFile(), this::processOf);
        }
        return c.files;
    }

    /** Every cgroup's files, parents before children: one consistent read of the hierarchy. */
    public synchronized Map<String, CgroupFiles> allFiles(Hierarchy h) {
        SimTree tree = tree(h);
        Map<String, CgroupFiles> out = new LinkedHashMap<>(tree.size() * 4 / 3 + 1);
        for (SimCgroup c : tree.inOrder()) {
            out.put(c.path, filesOf(tree, c));
        }
        return out;
    }

    /**
     * The cgroups of {@code h} that changed since the last call (or the last {@link #allFiles}),
     * each as the model derives it now, null for one removed: what a batch is made from.
     */
    public synchronized Map<String, Cgroup> takeChanged(Hierarchy h) {
        SimTree tree = tree(h);
        Map<String, Cgroup> out = new LinkedHashMap<>();
        for (String p : tree.takeTouched()) {
            SimCgroup c = tree.get(p);
            out.put(p, c == null ? null
                    : Cgroup.of(h.version(), filesOf(tree, c), c.tasksInSubtree > c.tids.size()));
        }
        return out;
    }

    /** The bytes a read of the file gives. */
    public synchronized byte[] read(Hierarchy h, String path, String file) throws IOException {
        SimTree tree = tree(h);
        SimCgroup c = tree.get(path);
        String text = c == null ? null : SimFiles.texts(tree, c, releases.hasReleasableFile(), this::processOf).get(file);
        if (text == null) {
            throw new NoSuchFileException(h.mountPoint() + ("/".equals(path) ? "" : path) + "/" + file);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether a task is in the cgroup or below it; empty when the cgroup does not exist. */
    public synchronized Optional<Boolean> populated(Hierarchy h, String path) {
        SimCgroup c = tree(h).get(path);
        return c == null ? Optional.empty() : Optional.of(c.populated());
    }

    /** The release agent, "" for none. */
    public synchronized String releaseAgent(Hierarchy h) {
        return tree(h).releaseAgent;
    }

    public synchronized int size(Hierarchy h) {
        return tree(h).size();
    }

    private SimTree tree(Hierarchy h) {
        SimTree t = trees.get(h);
        if (t == null) {
            throw new IllegalArgumentException("not a hierarchy of this simulated kernel: " + h.label());
        }
        return t;
    }

    private void changed() {
        listeners.forEach(SimListener::changed);
    }

    private static CgroupWriteException refused(WriteKind kind, int errno, String cgroup, String value) {
        return new CgroupWriteException(kind, errno, KernelErrors.sentence(kind, errno, cgroup, value));
    }
}
