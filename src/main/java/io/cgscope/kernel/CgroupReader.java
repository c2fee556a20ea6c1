package io.cgscope.kernel;

import io.cgscope.model.Errno;
import io.cgscope.model.CgroupFiles;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.EscapedText;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.NameBytes;
import io.cgscope.model.Paths;
import io.cgscope.model.Pids;
import io.cgscope.model.Snapshot;

import com.sun.jna.LastErrorException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Reads the live cgroupfs of one hierarchy into immutable records. Never writes. A cgroup that
 * vanishes while it is read is left out (and out of its parent's children); a file that cannot be
 * read for lack of permission is reported as unknown (null).
 */
public final class CgroupReader {
    private final Hierarchy hierarchy;
    private final Path top;
    private final CgroupFileText text = new CgroupFileText();
    /** Most cgroups of a hierarchy have the same interface files: one shared list for them all. */
    private final Map<List<String>, List<String>> sharedFileLists = new ConcurrentHashMap<>();

    public CgroupReader(Hierarchy hierarchy) {
        this.hierarchy = hierarchy;
        this.top = hierarchy.mountPoint();
    }

    public Hierarchy hierarchy() {
        return hierarchy;
    }

    /** The cgroup's directory as shown to a person: the mount point and the escaped path below it. */
    public String describe(String cgroupPath) {
        StringBuilder out = new StringBuilder(top.toString());
        for (String name : namesBelowTop(cgroupPath)) {
            out.append('/').append(EscapedText.of(name));
        }
        return out.toString();
    }

    /** The names from the mount point down to {@code cgroupPath}, checked at this boundary. */
    private List<String> namesBelowTop(String cgroupPath) {
        List<String> names = Paths.components(cgroupPath);
        List<String> root = Paths.components(hierarchy.mountRoot());
        if (names.size() < root.size() || !names.subList(0, root.size()).equals(root)) {
            throw new IllegalArgumentException(EscapedText.of(cgroupPath) + " is not below the mounted "
                    + EscapedText.of(hierarchy.mountRoot()));
        }
        return names.subList(root.size(), names.size());
    }

    /** The mount point's descriptor; each read and write starts from it. */
    CgroupDir openTop() {
        return CgroupDir.open(top);
    }

    /**
     * The descriptor of the cgroup at {@code cgroupPath}, opened beneath {@code mount} without
     * following a link.
     *
     * @throws LastErrorException with the errno of the open (ENOENT: no such cgroup)
     */
    CgroupDir open(CgroupDir mount, String cgroupPath) {
        return mount.below(namesBelowTop(cgroupPath));
    }

    /**
     * Runs {@code use} with a path to the cgroup's own directory, {@code /proc/self/fd/N} of a
     * descriptor held meanwhile: the path reaches the directory whatever its name's bytes and the
     * locale (what a WatchService registration needs).
     *
     * @return what {@code use} returned, or null when the cgroup does not exist
     */
    public <T, E extends Exception> T withDirectory(String cgroupPath, DirectoryUse<T, E> use) throws E {
        CgroupDir mount;
        try {
            mount = openTop();
        } catch (LastErrorException e) {
            return null;
        }
        try (mount; CgroupDir dir = open(mount, cgroupPath)) {
            return use.apply(dir.procPath());
        } catch (LastErrorException e) {
            return null;
        }
    }

    /**
     * The cgroup's directory as a plain path below the mount point, when every name on the way is
     * ASCII (whose bytes are the same in any locale the JDK may encode a path in); null otherwise.
     * For a watch only, which reads and writes nothing: registering the plain path spares the
     * three system calls and the descriptor of {@link #withDirectory}, and the JDK's poller
     * resolves it faster than a {@code /proc/self/fd} link (35 against 47 to 62 us a cgroup with
     * 8 threads registering, on the machine of README).
     */
    public Path asciiPath(String cgroupPath) {
        List<String> names = namesBelowTop(cgroupPath);
        for (String name : names) {
            for (int i = 0; i < name.length(); i++) {
                if (name.charAt(i) >= 0x80) {
                    return null;
                }
            }
        }
        return names.isEmpty() ? top : top.resolve(String.join("/", names));
    }

    /** What {@link #withDirectory} runs. */
    public interface DirectoryUse<T, E extends Exception> {
        T apply(Path directory) throws E;
    }

    /**
     * The bytes of one interface file of the cgroup, opened as every file is (O_NOFOLLOW, on the
     * cgroup's descriptor), for the window's list of files.
     *
     * @throws NoSuchFileException   when the cgroup or the file is gone
     * @throws AccessDeniedException when it cannot be read (a write-only file, or permissions)
     */
    public byte[] readInterfaceFile(String cgroupPath, String file) throws IOException {
        if (!Paths.isName(file)) {
            throw new IllegalArgumentException("not a file name: " + EscapedText.of(file));
        }
        try (CgroupDir mount = openTop(); CgroupDir dir = open(mount, cgroupPath)) {
            return dir.read(CgroupDir.terminated(NameBytes.encode(file)), true);
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            String where = describe(cgroupPath) + "/" + EscapedText.of(file);
            if (errno == Errno.ENOENT || errno == Errno.ENODEV || errno == Errno.ENOTDIR) {
                throw new NoSuchFileException(where);
            }
            if (errno == Errno.EACCES || errno == Errno.EPERM) {
                throw new AccessDeniedException(where);
            }
            throw new IOException(where + ": " + Syscalls.strerror(errno) + " (" + Errno.name(errno) + ")");
        }
    }

    /** True when the cgroup at {@code cgroupPath} exists now (as a directory, not through a link). */
    public boolean exists(String cgroupPath) {
        return Boolean.TRUE.equals(withDirectory(cgroupPath, dir -> Boolean.TRUE));
    }

    /** The path of the topmost cgroup visible through the mount point. */
    public String rootPath() {
        return hierarchy.mountRoot();
    }

    /**
     * The hierarchy's {@code release_agent}: empty for v2, for none set, for an unreadable file,
     * and where the hierarchy root is not visible through the mount.
     */
    public Optional<String> releaseAgent() {
        if (hierarchy.version() != CgroupVersion.V1 || !"/".equals(hierarchy.mountRoot())) {
            return Optional.empty();
        }
        try (CgroupDir mount = openTop()) {
            String agent = text.readLine(mount, RELEASE_AGENT);
            return agent == null || agent.isEmpty() ? Optional.empty() : Optional.of(agent);
        } catch (CgroupFileText.Vanished | LastErrorException e) {
            return Optional.empty();
        }
    }

    /** The whole hierarchy as visible at its mount point. */
    public Snapshot read() throws IOException {
        return read(rootPath());
    }

    /**
     * The subtree at {@code cgroupPath}.
     *
     * @throws NoSuchFileException when that cgroup does not exist
     */
    public Snapshot read(String cgroupPath) throws IOException {
        Instant at = Instant.now();
        Paths.requirePath(cgroupPath);
        CgroupDir mount;
        try {
            mount = openTop();
        } catch (LastErrorException e) {
            throw new NoSuchFileException(top.toString(), null, "cannot open: " + Syscalls.strerror(e.getErrorCode()));
        }
        try (mount) {
            return read(mount, cgroupPath, at);
        }
    }

    private Snapshot read(CgroupDir mount, String cgroupPath, Instant at) throws IOException {
        CgroupFiles top = readFiles(mount, cgroupPath).orElseThrow(
                () -> new NoSuchFileException(describe(cgroupPath), null, "no such cgroup"));
        Map<String, CgroupFiles> files = new HashMap<>();
        files.put(cgroupPath, top);
        boolean anyVanished = false;
        // Level by level, each level read side by side (ParallelReads). No recursion, so a deep
        // chain of cgroups cannot overflow a stack.
        List<String> level = top.children();
        while (!level.isEmpty()) {
            List<CgroupFiles> read = readAll(mount, level);
            List<String> next = new ArrayList<>();
            for (int i = 0; i < read.size(); i++) {
                CgroupFiles f = read.get(i);
                if (f == null) {
                    anyVanished = true;
                    continue;
                }
                files.put(f.path(), f);
                next.addAll(f.children());
            }
            level = next;
        }
        if (anyVanished) {
            files.replaceAll((p, f) -> f.children().stream().allMatch(files::containsKey) ? f
                    : f.withChildren(f.children().stream().filter(files::containsKey).toList()));
        }
        return Snapshot.assemble(hierarchy, cgroupPath, files, at);
    }

    /** Reads the cgroups at {@code paths}; null in the result where one vanished. */
    private List<CgroupFiles> readAll(CgroupDir mount, List<String> paths) {
        return ParallelReads.each(ReaderPool.INSTANCE, paths, p -> readFiles(mount, p).orElse(null));
    }

    /** One pool of reader threads for the process, as many as there are cores; daemons. */
    private static final class ReaderPool {
        static final ForkJoinPool INSTANCE = new ForkJoinPool(Runtime.getRuntime().availableProcessors(), pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("cgroup-reader-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, false);
    }

    /**
     * Runs {@code use} with the mount point held open, so that its many reads ({@link
     * Mount#readFiles}, from several threads at once) start from one descriptor instead of
     * opening and closing the mount point for each cgroup: what the live engine does for a level
     * of thousands of cgroups.
     */
    public <T> T withMount(java.util.function.Function<Mount, T> use) {
        CgroupDir mount;
        try {
            mount = openTop();
        } catch (LastErrorException e) {
            return use.apply(new Mount(null)); // unmounted: every cgroup reads as gone
        }
        try (mount) {
            return use.apply(new Mount(mount));
        }
    }

    /** The mount point held open by {@link #withMount}; valid only while {@code use} runs. */
    public final class Mount {
        private final CgroupDir dir;

        private Mount(CgroupDir dir) {
            this.dir = dir;
        }

        /** As {@link CgroupReader#readFiles(String)}. */
        public Optional<CgroupFiles> readFiles(String cgroupPath) {
            Paths.requirePath(cgroupPath);
            return dir == null ? Optional.empty() : CgroupReader.this.readFiles(dir, cgroupPath);
        }
    }

    /** The files of one cgroup, or empty when it does not exist (or vanished while being read). */
    public Optional<CgroupFiles> readFiles(String cgroupPath) {
        Paths.requirePath(cgroupPath);
        try (CgroupDir mount = openTop()) {
            return readFiles(mount, cgroupPath);
        } catch (LastErrorException e) {
            return Optional.empty();
        }
    }

    private Optional<CgroupFiles> readFiles(CgroupDir mount, String cgroupPath) {
        try (CgroupDir dir = open(mount, cgroupPath)) {
            return Optional.of(readDirectory(cgroupPath, dir));
        } catch (CgroupFileText.Vanished | LastErrorException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code previous} with only its membership read again ({@code cgroup.procs}, then the thread
     * list when a process is there, and v2 {@code cgroup.events}): what the live poller reads each
     * tick, since inotify does not report a v1 task leaving, and reports a v2 {@code cgroup.events}
     * change only while the kernel still caches that file's inode (kernfs_notify skips a file
     * whose inode was evicted; seen here after the inode cache was dropped). Empty when the
     * cgroup is gone.
     */
    public Optional<CgroupFiles> rereadMembership(CgroupFiles previous) {
        List<String> files = previous.files();
        try (CgroupDir mount = openTop(); CgroupDir dir = open(mount, previous.path())) {
            Pids procs = readProcs(dir, files);
            Pids threads = readThreads(dir, files, procs);
            if (procs == null && threads == null && !dir.stillThere()) {
                return Optional.empty();
            }
            Events events = readEvents(dir, files);
            return Optional.of(new CgroupFiles(previous.path(), previous.notifyOnRelease(), previous.cloneChildren(),
                    previous.releaseAgent(), procs, threads, events.populated(), events.frozen(), previous.children(),
                    files));
        } catch (CgroupFileText.Vanished | LastErrorException e) {
            return Optional.empty();
        }
    }

    private CgroupFiles readDirectory(String path, CgroupDir dir) throws CgroupFileText.Vanished {
        List<String> children = new ArrayList<>();
        List<String> fileNames = new ArrayList<>();
        dir.list((name, directory) -> {
            if (directory) {
                children.add(Paths.child(path, name));
            } else {
                fileNames.add(name);
            }
        });
        Collections.sort(children);
        Collections.sort(fileNames);
        List<String> files = sharedFileLists.computeIfAbsent(List.copyOf(fileNames), l -> l);

        boolean v1 = hierarchy.version() == CgroupVersion.V1;
        Boolean notify = v1 && files.contains("notify_on_release") ? text.readFlag(dir, NOTIFY_ON_RELEASE) : null;
        Boolean clone = v1 && files.contains("cgroup.clone_children") ? text.readFlag(dir, CLONE_CHILDREN) : null;
        String agent = v1 && files.contains("release_agent") ? text.readLine(dir, RELEASE_AGENT) : null;
        Pids procs = readProcs(dir, files);
        Pids threads = readThreads(dir, files, procs);
        Events events = readEvents(dir, files);
        return new CgroupFiles(path, notify, clone, agent, procs, threads, events.populated(), events.frozen(),
                children, files);
    }

    private static final byte[] NOTIFY_ON_RELEASE = CgroupDir.fileName("notify_on_release");
    private static final byte[] CLONE_CHILDREN = CgroupDir.fileName("cgroup.clone_children");
    private static final byte[] RELEASE_AGENT = CgroupDir.fileName("release_agent");
    private static final byte[] PROCS = CgroupDir.fileName("cgroup.procs");
    private static final byte[] TASKS = CgroupDir.fileName("tasks");
    private static final byte[] THREADS = CgroupDir.fileName("cgroup.threads");
    private static final byte[] EVENTS = CgroupDir.fileName("cgroup.events");

    private Pids readProcs(CgroupDir dir, List<String> files) throws CgroupFileText.Vanished {
        return files.contains("cgroup.procs") ? text.readIds(dir, PROCS) : null;
    }

    /** With no process in the cgroup there is no thread either: the second read is skipped. */
    private Pids readThreads(CgroupDir dir, List<String> files, Pids procs) throws CgroupFileText.Vanished {
        boolean v1 = hierarchy.version() == CgroupVersion.V1;
        if (procs != null && procs.isEmpty()) {
            return Pids.EMPTY;
        }
        return files.contains(v1 ? "tasks" : "cgroup.threads") ? text.readIds(dir, v1 ? TASKS : THREADS) : null;
    }

    /** v2 {@code cgroup.events}, read by key; both unknown where there is no such file. */
    private record Events(Boolean populated, Boolean frozen) {
    }

    private Events readEvents(CgroupDir dir, List<String> files) throws CgroupFileText.Vanished {
        Map<String, String> events = files.contains("cgroup.events") ? text.readKeyValues(dir, EVENTS) : null;
        return events == null ? new Events(null, null)
                : new Events(flag(events.get("populated")), flag(events.get("frozen")));
    }

    private static Boolean flag(String value) {
        return value == null ? null : !"0".equals(value.trim());
    }
}
