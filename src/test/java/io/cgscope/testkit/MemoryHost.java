package io.cgscope.testkit;

import io.cgscope.host.Access;
import io.cgscope.host.AgentRecording;
import io.cgscope.host.CgroupEdits;
import io.cgscope.host.CgroupHost;
import io.cgscope.model.ProcessRow;
import io.cgscope.model.CgroupFiles;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Check;
import io.cgscope.model.ChildName;
import io.cgscope.model.FreezeState;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Paths;
import io.cgscope.model.Pids;
import io.cgscope.model.ReadBack;
import io.cgscope.model.RecorderStatus;
import io.cgscope.model.Snapshot;
import io.cgscope.ui.ScriptedSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A host whose cgroups live in memory: no kernel, no files. Each change, made by a test or
 * through {@link #edits}, is published at once to the live source as the batch the engine would
 * report. What the window can do with it, a simulated kernel or a remote host can do too.
 */
public final class MemoryHost implements CgroupHost {
    private final String id;
    private final Access access;
    private final ScriptedSource live = new ScriptedSource(List.of());
    /** Per hierarchy, its cgroups by path (sorted, so parents before children). */
    private final Map<Hierarchy, TreeMap<String, Node>> trees = new LinkedHashMap<>();
    private final Map<Hierarchy, String> releaseAgents = new ConcurrentHashMap<>();
    /** The agent each installed recorder replaced. */
    private final Map<Hierarchy, String> recorded = new ConcurrentHashMap<>();
    /** The release agent the recorder of a memory host stands for. */
    public static final String RECORDER = "/run/cgscope/agents/memory-recorder";
    private final Map<Integer, ProcessRow> processes = new ConcurrentHashMap<>();

    /** One cgroup's state; the interface files are made from it when read. */
    private static final class Node {
        boolean notify;
        boolean cloneChildren;
        boolean frozen;
        final TreeSet<Integer> pids = new TreeSet<>();
        final Map<String, String> extraFiles = new TreeMap<>();
    }

    public MemoryHost(String id, Access access) {
        this.id = id;
        this.access = access;
    }

    /** A v1 hierarchy named {@code name}, never mounted anywhere. */
    public static Hierarchy v1(String name) {
        return new Hierarchy("memory:" + name, CgroupVersion.V1, List.of(), name, Path.of("/memory", name), "/",
                List.of(), null, false, false);
    }

    /** Adds {@code h} with its root cgroup. */
    public synchronized MemoryHost hierarchy(Hierarchy h) {
        trees.computeIfAbsent(h, k -> new TreeMap<>()).put("/", new Node());
        return publish();
    }

    /** Creates or rewrites the cgroup at {@code path} (its parent exists) with notify_on_release and these tasks. */
    public synchronized MemoryHost cgroup(Hierarchy h, String path, boolean notify, int... pids) {
        Node n = trees.get(h).computeIfAbsent(path, p -> new Node());
        n.notify = notify;
        n.pids.clear();
        for (int pid : pids) {
            n.pids.add(pid);
        }
        return publish();
    }

    /** Removes the cgroup at {@code path} with everything below it, as a test's rmdir would. */
    public synchronized MemoryHost remove(Hierarchy h, String path) {
        trees.get(h).keySet().removeIf(p -> Paths.isWithin(p, path));
        return publish();
    }

    /** An interface file beyond the ones every cgroup has (memory.stat, ...). */
    public synchronized MemoryHost file(Hierarchy h, String path, String name, String text) {
        trees.get(h).get(path).extraFiles.put(name, text);
        return publish();
    }

    public MemoryHost process(ProcessRow row) {
        processes.put(row.pid(), row);
        return this;
    }

    public synchronized List<Snapshot> snapshots() {
        List<Snapshot> result = new ArrayList<>();
        trees.forEach((h, tree) -> {
            Map<String, CgroupFiles> files = new LinkedHashMap<>();
            tree.keySet().forEach(p -> files.put(p, filesOf(h, p)));
            result.add(Snapshot.assemble(h, "/", files, Instant.now()));
        });
        return result;
    }

    private MemoryHost publish() {
        live.moveTo(snapshots());
        return this;
    }

    private CgroupFiles filesOf(Hierarchy h, String path) {
        Node n = trees.get(h).get(path);
        boolean v1 = h.version() == CgroupVersion.V1;
        Pids pids = Pids.of(n.pids.stream().mapToInt(Integer::intValue).toArray());
        return new CgroupFiles(path, v1 ? n.notify : null, v1 ? n.cloneChildren : null,
                v1 && "/".equals(path) ? releaseAgents.getOrDefault(h, "") : null, pids, pids,
                v1 || "/".equals(path) ? null : populated(h, path), v1 ? null : n.frozen, children(h, path),
                List.copyOf(texts(h, path).keySet()));
    }

    private List<String> children(Hierarchy h, String path) {
        return trees.get(h).keySet().stream().filter(p -> path.equals(Paths.parent(p))).toList();
    }

    private boolean populated(Hierarchy h, String path) {
        return trees.get(h).entrySet().stream().anyMatch(e -> Paths.isWithin(e.getKey(), path) && !e.getValue().pids.isEmpty());
    }

    /** Every interface file of a cgroup with its text, as cgroupfs would list them. */
    private Map<String, String> texts(Hierarchy h, String path) {
        Node n = trees.get(h).get(path);
        Map<String, String> t = new TreeMap<>(n.extraFiles);
        String pids = n.pids.stream().map(p -> p + "\n").collect(Collectors.joining());
        t.put("cgroup.procs", pids);
        if (h.version() == CgroupVersion.V1) {
            t.put("tasks", pids);
            t.put("notify_on_release", n.notify ? "1\n" : "0\n");
            t.put("cgroup.clone_children", n.cloneChildren ? "1\n" : "0\n");
            if ("/".equals(path)) {
                t.put("release_agent", releaseAgents.getOrDefault(h, "") + "\n");
            }
        } else {
            t.put("cgroup.threads", pids);
            t.put("cgroup.freeze", n.frozen ? "1\n" : "0\n");
        }
        return t;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String displayName() {
        return "memory host " + id;
    }

    @Override
    public ScriptedSource live() {
        return live;
    }

    @Override
    public Access access() {
        return access;
    }

    @Override
    public String describe(Hierarchy hierarchy, String cgroup) {
        return "memory:" + id + ":" + hierarchy.title() + cgroup;
    }

    @Override
    public synchronized byte[] readFile(Hierarchy hierarchy, String cgroup, String file) throws IOException {
        String text = trees.get(hierarchy).containsKey(cgroup) ? texts(hierarchy, cgroup).get(file) : null;
        if (text == null) {
            throw new NoSuchFileException(describe(hierarchy, cgroup) + "/" + file);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized Optional<CgroupFiles> readCgroup(Hierarchy hierarchy, String cgroup) {
        return trees.get(hierarchy).containsKey(cgroup) ? Optional.of(filesOf(hierarchy, cgroup)) : Optional.empty();
    }

    @Override
    public Optional<String> releaseAgent(Hierarchy hierarchy) {
        return hierarchy.hasReleaseAgent() ? Optional.of(releaseAgents.getOrDefault(hierarchy, "")) : Optional.empty();
    }

    @Override
    public Optional<ProcessRow> process(int pid) {
        return Optional.ofNullable(processes.get(pid));
    }

    @Override
    public Optional<CgroupEdits> edits(Hierarchy hierarchy) {
        return access.writable() ? Optional.of(new Edits(hierarchy)) : Optional.empty();
    }

    @Override
    public void close() {
        live.close();
    }

    /** The writes of one hierarchy, refused with the kernel's sentences where the kernel refuses. */
    private final class Edits implements CgroupEdits {
        private final Hierarchy h;

        Edits(Hierarchy h) {
            this.h = h;
        }

        @Override
        public Hierarchy hierarchy() {
            return h;
        }

        private Node node(String cgroup) throws IOException {
            Node n = trees.get(h).get(cgroup);
            if (n == null) {
                throw new IOException("The cgroup " + cgroup + " vanished: it no longer exists (ENOENT).");
            }
            return n;
        }

        @Override
        public ReadBack setNotifyOnRelease(String cgroup, boolean on) throws IOException {
            synchronized (MemoryHost.this) {
                node(cgroup).notify = on;
                publish();
                return new ReadBack("notify_on_release", cgroup, on ? "1" : "0", on ? "1" : "0", filesOf(h, cgroup));
            }
        }

        @Override
        public ReadBack setCloneChildren(String cgroup, boolean on) throws IOException {
            synchronized (MemoryHost.this) {
                node(cgroup).cloneChildren = on;
                publish();
                return new ReadBack("cgroup.clone_children", cgroup, on ? "1" : "0", on ? "1" : "0", filesOf(h, cgroup));
            }
        }

        @Override
        public ReadBack setReleaseAgent(String agent) {
            synchronized (MemoryHost.this) {
                releaseAgents.put(h, agent);
                publish();
                return new ReadBack("release_agent", "/", agent, agent, filesOf(h, "/"));
            }
        }

        @Override
        public ReadBack clearReleaseAgent() {
            return setReleaseAgent("");
        }

        /** A recorder in name only: release_agent names it while installed, and nothing is logged. */
        @Override
        public Optional<AgentRecording> recording() {
            if (!h.hasReleaseAgent()) {
                return Optional.empty();
            }
            return Optional.of(new AgentRecording() {
                @Override
                public RecorderStatus status() {
                    synchronized (MemoryHost.this) {
                        String now = releaseAgents.getOrDefault(h, "");
                        return new RecorderStatus(now.equals(RECORDER), now, recorded.get(h), 0, null);
                    }
                }

                @Override
                public ReadBack install() throws IOException {
                    synchronized (MemoryHost.this) {
                        String now = releaseAgents.getOrDefault(h, "");
                        if (now.equals(RECORDER)) {
                            throw new IOException(h.title() + ": the recorder is installed already");
                        }
                        recorded.put(h, now);
                        return setReleaseAgent(RECORDER);
                    }
                }

                @Override
                public ReadBack uninstall() throws IOException {
                    synchronized (MemoryHost.this) {
                        if (!RECORDER.equals(releaseAgents.get(h))) {
                            throw new IOException(h.title() + ": the recorder is not installed");
                        }
                        return setReleaseAgent(recorded.remove(h));
                    }
                }
            });
        }

        @Override
        public CgroupFiles createChild(String parent, String name) throws IOException {
            synchronized (MemoryHost.this) {
                Node p = node(parent);
                Check check = ChildName.check(name, filesOf(h, parent).takenNames());
                if (check.refused()) {
                    throw new IllegalArgumentException(check.refusal());
                }
                String path = "/".equals(parent) ? "/" + name : parent + "/" + name;
                Node child = new Node();
                child.notify = p.notify; // as the kernel copies notify_on_release at mkdir
                trees.get(h).put(path, child);
                publish();
                return filesOf(h, path);
            }
        }

        @Override
        public void remove(String cgroup) throws IOException {
            synchronized (MemoryHost.this) {
                if ("/".equals(cgroup)) {
                    throw new IllegalArgumentException("The root of a hierarchy cannot be removed; unmount it instead.");
                }
                if (!node(cgroup).pids.isEmpty() || !children(h, cgroup).isEmpty()) {
                    throw new IOException("The cgroup " + cgroup + " is busy (EBUSY): it still has tasks or child cgroups.");
                }
                trees.get(h).remove(cgroup);
                publish();
            }
        }

        @Override
        public CgroupFiles moveProcess(String cgroup, int pid) throws IOException {
            synchronized (MemoryHost.this) {
                Node to = node(cgroup);
                if (!processes.containsKey(pid)) {
                    throw new IOException("No process with pid " + pid + " (ESRCH): it has exited, or never existed.");
                }
                trees.get(h).values().forEach(n -> n.pids.remove(pid));
                to.pids.add(pid);
                publish();
                return filesOf(h, cgroup);
            }
        }

        @Override
        public FreezeState setFrozen(String cgroup, boolean frozen) throws IOException {
            synchronized (MemoryHost.this) {
                if (h.version() != CgroupVersion.V2) {
                    throw new IllegalStateException("cgroup.freeze exists only in cgroup v2");
                }
                node(cgroup).frozen = frozen;
                publish();
                return new FreezeState(filesOf(h, cgroup), frozen, frozen);
            }
        }
    }
}
