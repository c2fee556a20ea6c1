package io.cgscope.kernel;

import io.cgscope.model.CgroupFiles;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Paths;
import io.cgscope.model.Pids;
import io.cgscope.model.Snapshot;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;

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

    /** The directory of the cgroup at {@code cgroupPath} ("/a/b", relative to the hierarchy root). */
    public Path directoryOf(String cgroupPath) {
        String root = hierarchy.mountRoot();
        if (!Paths.isWithin(cgroupPath, root)) {
            throw new IllegalArgumentException(cgroupPath + " is not below the mounted " + root);
        }
        String rest = cgroupPath.substring("/".equals(root) ? 0 : root.length());
        return rest.isEmpty() || "/".equals(rest) ? top : top.resolve(rest.substring(1));
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
        try {
            String agent = text.readLine(top, "release_agent");
            return agent == null || agent.isEmpty() ? Optional.empty() : Optional.of(agent);
        } catch (CgroupFileText.Vanished e) {
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
        CgroupFiles top = readFiles(cgroupPath).orElseThrow(
                () -> new NoSuchFileException(directoryOf(cgroupPath).toString(), null, "no such cgroup"));
        Map<String, CgroupFiles> files = new HashMap<>();
        files.put(cgroupPath, top);
        boolean anyVanished = false;
        // Level by level, each level read in parallel: the kernel's open/read of cgroupfs files
        // dominates (about 7 us a file here) and scales across cores. No recursion, so a deep
        // chain of cgroups cannot overflow a stack.
        List<String> level = top.children();
        while (!level.isEmpty()) {
            List<CgroupFiles> read = readAll(level);
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
    private List<CgroupFiles> readAll(List<String> paths) {
        if (paths.size() < PARALLEL_THRESHOLD) {
            List<CgroupFiles> out = new ArrayList<>(paths.size());
            for (String p : paths) {
                out.add(readFiles(p).orElse(null));
            }
            return out;
        }
        CgroupFiles[] out = new CgroupFiles[paths.size()];
        ForkJoinPool pool = ReaderPool.INSTANCE;
        pool.invoke(new RangeRead(paths, out, 0, paths.size()));
        return Arrays.asList(out);
    }

    /** Splits a level into ranges that the pool's threads read side by side. */
    private final class RangeRead extends RecursiveAction {
        private final List<String> paths;
        private final CgroupFiles[] out;
        private final int from;
        private final int to;

        RangeRead(List<String> paths, CgroupFiles[] out, int from, int to) {
            this.paths = paths;
            this.out = out;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute() {
            if (to - from <= PARALLEL_THRESHOLD) {
                for (int i = from; i < to; i++) {
                    out[i] = readFiles(paths.get(i)).orElse(null);
                }
                return;
            }
            int mid = (from + to) >>> 1;
            invokeAll(new RangeRead(paths, out, from, mid), new RangeRead(paths, out, mid, to));
        }
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

    private static final int PARALLEL_THRESHOLD = 32;

    /** The files of one cgroup, or empty when it does not exist (or vanished while being read). */
    public Optional<CgroupFiles> readFiles(String cgroupPath) {
        Path dir = directoryOf(cgroupPath);
        try {
            return Optional.of(readDirectory(cgroupPath, dir));
        } catch (CgroupFileText.Vanished e) {
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
        Path dir = directoryOf(previous.path());
        List<String> files = previous.files();
        try {
            Pids procs = readProcs(dir, files);
            Pids threads = readThreads(dir, files, procs);
            if (procs == null && threads == null && !Files.isDirectory(dir)) {
                return Optional.empty();
            }
            Events events = readEvents(dir, files);
            return Optional.of(new CgroupFiles(previous.path(), previous.notifyOnRelease(), previous.cloneChildren(),
                    previous.releaseAgent(), procs, threads, events.populated(), events.frozen(), previous.children(),
                    files));
        } catch (CgroupFileText.Vanished e) {
            return Optional.empty();
        }
    }

    private CgroupFiles readDirectory(String path, Path dir) throws CgroupFileText.Vanished {
        List<String> names = list(dir);
        int subdirs = subdirectoryCount(dir);
        List<String> children = new ArrayList<>(Math.max(subdirs, 0));
        List<String> fileNames = new ArrayList<>(names.size());
        // kernfs keeps a directory's link count at 2 + its subdirectories: when that says
        // none, no entry needs a stat of its own (the common case, leaves).
        int found = 0;
        for (String name : names) {
            if (subdirs != 0 && (subdirs < 0 || found < subdirs)
                    && Files.isDirectory(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                children.add(Paths.child(path, name));
                found++;
            } else {
                fileNames.add(name);
            }
        }
        Collections.sort(children);
        Collections.sort(fileNames);
        List<String> files = sharedFileLists.computeIfAbsent(List.copyOf(fileNames), l -> l);

        boolean v1 = hierarchy.version() == CgroupVersion.V1;
        Boolean notify = v1 && files.contains("notify_on_release") ? text.readFlag(dir, "notify_on_release") : null;
        Boolean clone = v1 && files.contains("cgroup.clone_children")
                ? text.readFlag(dir, "cgroup.clone_children") : null;
        String agent = v1 && files.contains("release_agent") ? text.readLine(dir, "release_agent") : null;
        Pids procs = readProcs(dir, files);
        Pids threads = readThreads(dir, files, procs);
        Events events = readEvents(dir, files);
        return new CgroupFiles(path, notify, clone, agent, procs, threads, events.populated(), events.frozen(),
                children, files);
    }

    private Pids readProcs(Path dir, List<String> files) throws CgroupFileText.Vanished {
        return files.contains("cgroup.procs") ? text.readIds(dir, "cgroup.procs") : null;
    }

    /** With no process in the cgroup there is no thread either: the second read is skipped. */
    private Pids readThreads(Path dir, List<String> files, Pids procs) throws CgroupFileText.Vanished {
        String threadsFile = hierarchy.version() == CgroupVersion.V1 ? "tasks" : "cgroup.threads";
        if (procs != null && procs.isEmpty()) {
            return Pids.EMPTY;
        }
        return files.contains(threadsFile) ? text.readIds(dir, threadsFile) : null;
    }

    /** v2 {@code cgroup.events}, read by key; both unknown where there is no such file. */
    private record Events(Boolean populated, Boolean frozen) {
    }

    private Events readEvents(Path dir, List<String> files) throws CgroupFileText.Vanished {
        Map<String, String> events = files.contains("cgroup.events") ? text.readKeyValues(dir, "cgroup.events") : null;
        return events == null ? new Events(null, null)
                : new Events(flag(events.get("populated")), flag(events.get("frozen")));
    }

    private static Boolean flag(String value) {
        return value == null ? null : !"0".equals(value.trim());
    }

    /** File.list is one native call per directory; a DirectoryStream makes a Path per entry. */
    private static List<String> list(Path dir) throws CgroupFileText.Vanished {
        String[] names = dir.toFile().list();
        if (names == null) {
            throw new CgroupFileText.Vanished();
        }
        return java.util.Arrays.asList(names);
    }

    /** Subdirectories by link count, or -1 when the count is not to be trusted. */
    private static int subdirectoryCount(Path dir) throws CgroupFileText.Vanished {
        try {
            Object nlink = Files.getAttribute(dir, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            int n = ((Number) nlink).intValue();
            return n >= 2 ? n - 2 : -1;
        } catch (NoSuchFileException e) {
            throw new CgroupFileText.Vanished();
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }
}
