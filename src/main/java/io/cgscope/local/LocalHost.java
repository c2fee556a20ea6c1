package io.cgscope.local;

import io.cgscope.host.Access;
import io.cgscope.host.CgroupEdits;
import io.cgscope.host.CgroupHost;
import io.cgscope.host.LiveSource;
import io.cgscope.model.ProcessRow;
import io.cgscope.kernel.CgroupReader;
import io.cgscope.kernel.CgroupWriter;
import io.cgscope.kernel.ProcReader;
import io.cgscope.kernel.ServiceManagerCheck;
import io.cgscope.model.CgroupFiles;
import io.cgscope.model.Hierarchy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * This machine: its kernel's hierarchies, or fixture trees (plain directories laid out like
 * cgroupfs, never written). Reads go through {@code kernel}'s descriptor-based reader, writes
 * through its writer, which writes only into a real cgroupfs below the hierarchy's mount.
 */
public final class LocalHost implements CgroupHost {
    private final String id;
    private final String displayName;
    private final LiveSource live;
    private final Access access;
    private final ProcReader processes;
    private final Function<Hierarchy, Optional<CgroupEdits>> editsOf;
    private final Map<Hierarchy, CgroupReader> readers = new ConcurrentHashMap<>();

    private LocalHost(String id, String displayName, LiveSource live, Access access, ProcReader processes,
                      Function<Hierarchy, Optional<CgroupEdits>> editsOf) {
        this.id = id;
        this.displayName = displayName;
        this.live = live;
        this.access = access;
        this.processes = processes;
        this.editsOf = editsOf;
    }

    /**
     * The kernel of this machine, written as far as {@code access} allows.
     *
     * @param writers    makes the writer of a hierarchy (tests hand in writers that pause)
     * @param initCgroup PID 1's cgroup file, which tells the hierarchies a service manager arranged
     */
    public static LocalHost kernel(LiveSource live, Access access, ProcReader processes,
                                   Function<Hierarchy, CgroupWriter> writers, Path initCgroup) {
        return new LocalHost("local", "this machine", live, access, processes, h -> access.writable()
                ? Optional.of(new KernelEdits(writers.apply(h), ServiceManagerCheck.ownerOf(h, initCgroup)))
                : Optional.empty());
    }

    /** The kernel of this machine as this process may write it. */
    public static LocalHost kernel(LiveSource live, Access access) {
        return kernel(live, access, ProcReader.system(), CgroupWriter::new, ServiceManagerCheck.INIT_CGROUP);
    }

    /**
     * Fixture trees: read like cgroupfs, never written whatever the privileges (whoever owns the
     * directory decides where its files lead). Their pids are not this machine's processes.
     *
     * @param whyReadOnly the banner's sentence, naming the directories
     */
    public static LocalHost fixtures(LiveSource live, String whyReadOnly) {
        return new LocalHost("fixture", "fixture trees", live, Access.readOnly(whyReadOnly), null,
                h -> Optional.empty());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public LiveSource live() {
        return live;
    }

    @Override
    public Access access() {
        return access;
    }

    private CgroupReader reader(Hierarchy h) {
        return readers.computeIfAbsent(h, CgroupReader::new);
    }

    @Override
    public String describe(Hierarchy hierarchy, String cgroup) {
        return reader(hierarchy).describe(cgroup);
    }

    @Override
    public byte[] readFile(Hierarchy hierarchy, String cgroup, String file) throws IOException {
        return reader(hierarchy).readInterfaceFile(cgroup, file);
    }

    @Override
    public Optional<CgroupFiles> readCgroup(Hierarchy hierarchy, String cgroup) {
        return reader(hierarchy).readFiles(cgroup);
    }

    @Override
    public Optional<String> releaseAgent(Hierarchy hierarchy) {
        if (!hierarchy.hasReleaseAgent() || !"/".equals(hierarchy.mountRoot())) {
            return Optional.empty(); // only the hierarchy's root has the file
        }
        return Optional.of(reader(hierarchy).releaseAgent().orElse(""));
    }

    @Override
    public Optional<ProcessRow> process(int pid) {
        if (processes == null) {
            // a fixture's pid names no process of this machine: shown by number alone
            return Optional.of(new ProcessRow(pid, "?", "?", 0, "(a fixture tree: no process behind this pid)"));
        }
        return processes.read(pid);
    }

    @Override
    public Optional<CgroupEdits> edits(Hierarchy hierarchy) {
        return editsOf.apply(hierarchy);
    }

    @Override
    public void close() {
        live.close();
    }
}
