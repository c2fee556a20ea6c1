package io.cgscope.live;

import io.cgscope.host.WatchMode;
import io.cgscope.kernel.CgroupReader;
import io.cgscope.kernel.ParallelReads;
import io.cgscope.kernel.Target;
import io.cgscope.model.CgroupFiles;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Change;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Paths;
import io.cgscope.model.Snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

/**
 * The live state of one watched hierarchy (or subtree): a mutable node per cgroup, what is known
 * to need reading again, and how it is watched. Every method runs on the engine's thread, under
 * the engine's write lock; {@link #snapshot()} under its read lock.
 *
 * <p>A flush reads what is marked, applies it, recomputes {@code populated} and the verdict of
 * each touched cgroup and its ancestors (deepest first), then diffs each touched cgroup's state
 * before the flush with its state after.
 *
 * <p>A cgroup that a flush finds new is read and reported without a watch: registering one with
 * the JDK's WatchService waits for its single poller thread, and in a 10,000-mkdir burst that
 * wait, not the reading, held the {@code added} events back. {@link #watchSome} registers the new
 * cgroups after their batch went out and marks each to be read once more: whatever was made or
 * written in it between its first read and its watch is found by that read, as normal changes
 * after its {@code added}. The initial read and rescans still watch first and read after.
 */
final class HierarchyState {
    private final Hierarchy hierarchy;
    private final String rootPath;
    private final CgroupReader reader;
    private final Watches watches;
    private final Path mountPoint;
    private final Object mountDevice;

    private final Map<String, Node> nodes = new HashMap<>();
    /** Cgroups holding a task: only these can lose one without an inotify event. */
    private final Set<String> occupied = new HashSet<>();

    // What the next flush must read.
    private final Set<String> reread = new HashSet<>();
    private final Set<String> rescan = new HashSet<>();
    /** Child cgroups named by a create or delete event of their parent since the last flush. */
    private final Set<String> entries = new LinkedHashSet<>();
    private boolean membershipDue;
    /**
     * Ticks since the hierarchy root's membership was last read. The root holds every process
     * not placed elsewhere, so its lists change with any process of the machine, and the kernel
     * rebuilds a v1 root's pid list at a cost that grows with the machine's tasks and css_sets
     * once its cached copy has expired (about a second): 20 to 60 ms of CPU for each read seen
     * here, most of the engine's idle cost. The root is never releasable, so its membership is
     * read every {@link #ROOT_MEMBERSHIP_TICKS} ticks only.
     */
    private int ticksSinceRootMembership;
    static final int ROOT_MEMBERSHIP_TICKS = 10;
    /** This flush follows a tick in polling mode: time to see whether every cgroup is watched again. */
    private boolean pollingTick;

    private final Touched touched = new Touched();
    /** Cgroups read and reported without a watch yet, oldest first: {@link #watchSome} registers them. */
    private final Deque<String> unwatched = new ArrayDeque<>();
    /** When {@link #unwatched} last stopped being empty. */
    private long unwatchedSince;
    /** Set by a reader thread when a registration fails, so that the rest of the flush tries no more. */
    private volatile boolean registrationRefused;
    private final ForkJoinPool readers;
    /** For a watched subtree: the watch on its parent's directory, which alone sees it removed. */
    private WatchKey parentKey;

    private WatchMode mode;
    private boolean stopped;
    private int overflowRereads;

    private long version;
    /**
     * One field, written whole: {@link #snapshot()} runs under the read lock, so several threads
     * may fill the cache at once, and none may see a version with another version's snapshot.
     */
    private volatile CachedSnapshot cached;
    private Instant stateAt = Instant.now();

    HierarchyState(Target target, Watches watches, ForkJoinPool readers) throws IOException {
        this.readers = readers;
        this.hierarchy = target.hierarchy();
        this.rootPath = target.cgroupPath();
        this.reader = new CgroupReader(hierarchy);
        this.watches = watches;
        this.mountPoint = hierarchy.mountPoint();
        this.mountDevice = Files.getAttribute(mountPoint, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        this.mode = inotifyMode();
    }

    private WatchMode inotifyMode() {
        return new WatchMode(WatchMode.Kind.INOTIFY, hierarchy.version() == CgroupVersion.V1
                ? "inotify for cgroups and files; task membership of occupied cgroups polled"
                : "inotify for cgroups, files and cgroup.events; process lists of occupied cgroups polled");
    }

    /** For a watched subtree, its parent's directory must be watched too (or polling must go on). */
    private boolean watchParentOfSubtree() {
        if (rootPath.equals(hierarchy.mountRoot()) || parentKey != null) {
            return true;
        }
        try {
            parentKey = watches.register(reader, Paths.parent(rootPath), this, rootPath);
            return parentKey != null;
        } catch (Watches.LimitReached e) {
            return false;
        }
    }

    Hierarchy hierarchy() {
        return hierarchy;
    }

    WatchMode mode() {
        return mode;
    }

    /** Directories read again because their events overflowed. */
    int overflowRereads() {
        return overflowRereads;
    }

    /** The first read: the whole subtree, every directory watched. */
    void initialRead() throws IOException {
        if (reader.readFiles(rootPath).isEmpty()) {
            throw new NoSuchFileException(reader.describe(rootPath), null, "no such cgroup");
        }
        registrationRefused = false;
        // cgroupfs keeps a removed directory's link count, so the kernel sends no IN_DELETE_SELF:
        // only the parent's IN_DELETE tells that a watched subtree went. Without that watch,
        // polling mode reads the subtree's top every tick, and so sees it go.
        if (!watchParentOfSubtree()) {
            mode = new WatchMode(WatchMode.Kind.POLLING,
                    "inotify watch limit reached: the cgroups without a watch are read every tick");
            registrationRefused = true;
        }
        refresh(rootPath, true);
        finishFlush(Instant.now(), null);
        // Read while being watched: nothing to read again.
        unwatched.clear();
    }

    // ---- marks, from the engine loop ----

    void markReread(String path) {
        if (!stopped) {
            reread.add(path);
        }
    }

    /**
     * The directory of {@code path} gained or lost the entry {@code name}: almost always a child
     * cgroup made or removed. Applied by itself, without listing the parent again, so a mkdir
     * under a parent of 10,000 children costs one read, not 10,000 stats.
     */
    void markEntry(WatchKey key, String path, String name) {
        if (stopped) {
            return;
        }
        if (key == parentKey) {
            // a sibling of the watched subtree, or the subtree itself: read its top again
            reread.add(rootPath);
        } else {
            entries.add(Paths.child(path, name));
        }
    }

    /**
     * Events of {@code path}'s directory were lost. The JDK signals OVERFLOW on the one key that
     * held more than 512 events, and on every key when the kernel's inotify queue overflowed:
     * reading each overflowed directory again (its files and its list of children) is a rescan of
     * exactly what may have been missed, and of the whole hierarchy in the second case.
     */
    void markOverflow(String path) {
        if (!stopped) {
            reread.add(path);
            overflowRereads++;
        }
    }

    /**
     * A poll tick: occupied cgroups' membership; in polling mode also every cgroup the watch table
     * had no room for (the watched ones still report their own changes), and the top of a watched
     * subtree whose parent could not be watched.
     */
    void tick() {
        if (stopped) {
            return;
        }
        if (!occupied.isEmpty()) {
            membershipDue = true;
            ticksSinceRootMembership++;
        }
        if (mode.kind() == WatchMode.Kind.POLLING) {
            pollingTick = true;
            for (Map.Entry<String, Node> e : nodes.entrySet()) {
                WatchKey key = e.getValue().key;
                if (key == null || !key.isValid()) {
                    reread.add(e.getKey());
                }
            }
            if (!rootPath.equals(hierarchy.mountRoot()) && parentKey == null) {
                reread.add(rootPath);
            }
        }
    }

    void requestFullRescan() {
        if (!stopped) {
            rescan.add(rootPath);
        }
    }

    boolean dirty() {
        return !stopped && (membershipDue || !reread.isEmpty() || !rescan.isEmpty() || !entries.isEmpty());
    }

    // ---- the flush ----

    /** Reads what is marked, applies it, and appends the resulting changes to {@code out}. */
    void flush(Instant time, List<Change> out) {
        registrationRefused = false;
        if (membershipDue) {
            membershipDue = false;
            boolean rootDue = ticksSinceRootMembership >= ROOT_MEMBERSHIP_TICKS;
            if (rootDue) {
                ticksSinceRootMembership = 0;
            }
            for (String p : new ArrayList<>(occupied)) {
                if (!rootDue && p.equals(hierarchy.mountRoot()) && "/".equals(p)) {
                    continue;
                }
                Node n = nodes.get(p);
                if (n == null) {
                    continue;
                }
                Optional<CgroupFiles> f = reader.rereadMembership(n.files);
                if (f.isEmpty()) {
                    reread.add(p);
                } else if (!f.get().equals(n.files)) {
                    setFiles(p, f.get(), null);
                }
            }
        }
        List<String> deep = new ArrayList<>(rescan);
        rescan.clear();
        deep.sort(Comparator.comparingInt(Paths::depth));
        List<String> doneDeep = new ArrayList<>();
        for (String p : deep) {
            if (!stopped && doneDeep.stream().noneMatch(d -> Paths.isWithin(p, d)) && nodes.containsKey(p)) {
                refresh(p, true);
                doneDeep.add(p);
            }
        }
        applyEntries(doneDeep);
        List<String> shallow = new ArrayList<>(reread);
        reread.clear();
        if (shallow.remove(rootPath) && !doneDeep.contains(rootPath)) {
            refresh(rootPath, false); // first: it alone checks that the hierarchy is still mounted
        }
        shallow.removeIf(p -> !nodes.containsKey(p) || doneDeep.stream().anyMatch(d -> Paths.isWithin(p, d)));
        shallow.sort(Comparator.comparingInt(Paths::depth));
        // One level for all, read side by side: after a burst thousands of new cgroups are read again.
        readLevels(shallow, false, false, true);
        if (pollingTick && mode.kind() == WatchMode.Kind.POLLING && !stopped && allWatched()
                && watchParentOfSubtree()) {
            mode = inotifyMode();
        }
        pollingTick = false;
        finishFlush(time, out);
    }

    /**
     * Reads {@code start} again and reconciles its children: new ones are read with their whole
     * subtree (watched first, so a child made after the read is reported, one made before is read),
     * vanished ones removed. {@code deep} reads every descendant again too. Level by level; a
     * large level is registered and read on the engine's reader threads, then applied here.
     */
    private void refresh(String start, boolean deep) {
        if (start.equals(rootPath) && !mounted()) {
            stop("hierarchy unmounted from " + mountPoint);
            return;
        }
        readLevels(List.of(start), deep, deep, false);
    }

    /** Children made and removed, from their parents' create and delete events. */
    private void applyEntries(List<String> doneDeep) {
        if (entries.isEmpty()) {
            return;
        }
        Map<String, Set<String>> gained = new LinkedHashMap<>();
        Map<String, Set<String>> lost = new LinkedHashMap<>();
        List<String> fresh = new ArrayList<>();
        List<String> named = new ArrayList<>(entries);
        List<Boolean> dirs = areDirectories(named);
        for (int i = 0; i < named.size(); i++) {
            String c = named.get(i);
            String parent = Paths.parent(c);
            if (!nodes.containsKey(parent) || reread.contains(parent) || stopped
                    || doneDeep.stream().anyMatch(d -> Paths.isWithin(c, d))) {
                continue; // gone, or read whole anyway
            }
            boolean isDir = dirs.get(i);
            boolean known = nodes.containsKey(c);
            if (!isDir && !known) {
                reread.add(parent); // an interface file came or went (controllers enabled)
            } else if (!isDir) {
                removeSubtree(c);
                lost.computeIfAbsent(parent, k -> new HashSet<>()).add(c);
            } else if (known) {
                // Removed and made again within one window, or a stray event: read it afresh.
                removeSubtree(c);
                fresh.add(c);
            } else {
                gained.computeIfAbsent(parent, k -> new HashSet<>()).add(c);
                fresh.add(c);
            }
        }
        entries.clear();
        Set<String> parents = new LinkedHashSet<>(gained.keySet());
        parents.addAll(lost.keySet());
        for (String parent : parents) {
            Node pn = nodes.get(parent);
            if (pn == null) {
                continue; // removed itself by a later entry of this flush
            }
            Set<String> children = new HashSet<>(pn.files.children());
            children.removeAll(lost.getOrDefault(parent, Set.of()));
            children.addAll(gained.getOrDefault(parent, Set.of()));
            List<String> sorted = new ArrayList<>(children);
            java.util.Collections.sort(sorted);
            setFiles(parent, pn.files.withChildren(sorted), null);
        }
        // A parent removed by a later entry takes its new children with it.
        fresh.removeIf(c -> !nodes.containsKey(Paths.parent(c)));
        readLevels(fresh, false, false, false);
    }

    /** Which of {@code paths} are directories now; side by side on the readers for many (a burst). */
    private List<Boolean> areDirectories(List<String> paths) {
        return ParallelReads.each(readers, paths, reader::exists);
    }

    /**
     * Reads {@code first} and, level by level, the children it finds new ({@code deep}: all of
     * them). {@code watchFirst}: new cgroups are registered before they are read (the initial read
     * and rescans); otherwise they are read and reported at once and {@link #watchSome} registers
     * them later. {@code known}: {@code first} holds known cgroups, parents before children;
     * one that the read of its parent in the same level found gone is left out.
     */
    private void readLevels(List<String> first, boolean deep, boolean watchFirst, boolean known) {
        List<String> level = first;
        boolean firstLevel = true;
        while (!level.isEmpty() && !stopped) {
            List<Read> reads = readLevel(level, watchFirst);
            List<String> next = new ArrayList<>();
            for (Read r : reads) {
                if (firstLevel && known && !nodes.containsKey(r.path())) {
                    watches.cancel(r.key());
                    continue;
                }
                if (r.refused() != null && mode.kind() != WatchMode.Kind.POLLING) {
                    mode = new WatchMode(WatchMode.Kind.POLLING, r.refused()
                        + ": the cgroups without a watch are read every tick");
                    System.getLogger(LiveEngine.class.getName()).log(System.Logger.Level.INFO,
                            "{0}: {1}", hierarchy.label(), mode.why());
                }
                if (r.files() == null) {
                    watches.cancel(r.key());
                    vanished(r.path());
                    if (stopped) {
                        return;
                    }
                    continue;
                }
                Node n = nodes.get(r.path());
                if (n == null && r.key() == null) {
                    if (unwatched.isEmpty()) {
                        unwatchedSince = System.nanoTime();
                    }
                    unwatched.add(r.path());
                }
                if (n != null && !n.files.children().isEmpty()) {
                    Set<String> now = new HashSet<>(r.files().children());
                    for (String c : n.files.children()) {
                        if (!now.contains(c)) {
                            removeSubtree(c);
                        }
                    }
                }
                setFiles(r.path(), r.files(), r.key());
                for (String c : r.files().children()) {
                    if (deep || !nodes.containsKey(c)) {
                        next.add(c);
                    }
                }
            }
            level = next;
            firstLevel = false;
        }
    }

    /** One cgroup registered (when it has no watch) and read; files null when it vanished. */
    private record Read(String path, WatchKey key, CgroupFiles files, String refused) {
    }

    /** Nothing writes the node map while a level is read: the readers only look. */
    private List<Read> readLevel(List<String> level, boolean watchFirst) {
        return ParallelReads.each(readers, level, p -> readOne(p, watchFirst));
    }

    /**
     * Runs on a reader thread for a large level: touches only what is safe to share. A known
     * cgroup without a watch (polling mode) is registered before it is read; a new one only when
     * {@code watchFirst}.
     */
    private Read readOne(String p, boolean watchFirst) {
        Node n = nodes.get(p);
        WatchKey key = null;
        String refused = null;
        boolean register = n == null ? watchFirst : n.key == null || !n.key.isValid();
        if (register && !registrationRefused) {
            try {
                key = watches.register(reader, p, this, p);
            } catch (Watches.LimitReached e) {
                registrationRefused = true;
                refused = e.getMessage();
            }
        }
        Optional<CgroupFiles> f = reader.readFiles(p);
        return new Read(p, key, f.orElse(null), refused);
    }

    boolean hasUnwatched() {
        return !unwatched.isEmpty();
    }

    /**
     * Time to register some of the new cgroups: when nothing else waits to be read (in a burst,
     * the registrations and the reads after them would hold back the later mkdirs' events), or
     * when they have waited {@link #WATCH_DEFER_NANOS}, so a steady stream cannot leave them
     * unwatched.
     */
    boolean watchDue(long now) {
        return !unwatched.isEmpty() && (!dirty() || now - unwatchedSince >= WATCH_DEFER_NANOS);
    }

    /** How long new cgroups may wait for their watch while create and delete events keep coming. */
    static final long WATCH_DEFER_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(500);

    /**
     * Registers up to {@code max} of the cgroups read without a watch, oldest first, on
     * {@code registrars} side by side (the JDK's poller takes the requests queued while it was
     * busy in one go), and marks each to be read once more: its first read came before its watch.
     * On the engine's thread, after the batch that reported them was delivered.
     */
    void watchSome(int max, java.util.concurrent.ExecutorService registrars) throws InterruptedException {
        List<String> paths = new ArrayList<>(Math.min(max, unwatched.size()));
        while (paths.size() < max && !unwatched.isEmpty()) {
            String p = unwatched.poll();
            Node n = nodes.get(p);
            if (n != null && (n.key == null || !n.key.isValid())) {
                paths.add(p);
            }
        }
        if (paths.isEmpty() || stopped) {
            return;
        }
        WatchKey[] keys = new WatchKey[paths.size()];
        java.util.concurrent.atomic.AtomicReference<String> refused = new java.util.concurrent.atomic.AtomicReference<>();
        int parts = Math.min(REGISTRARS, (paths.size() + 15) / 16);
        List<java.util.concurrent.Callable<Void>> work = new ArrayList<>(parts);
        for (int part = 0; part < parts; part++) {
            int from = part * paths.size() / parts;
            int to = (part + 1) * paths.size() / parts;
            work.add(() -> {
                for (int i = from; i < to && refused.get() == null; i++) {
                    try {
                        keys[i] = watches.register(reader, paths.get(i), this, paths.get(i));
                    } catch (Watches.LimitReached e) {
                        refused.compareAndSet(null, e.getMessage());
                    }
                }
                return null;
            });
        }
        try {
            if (parts == 1) {
                work.get(0).call();
            } else {
                for (java.util.concurrent.Future<Void> f : registrars.invokeAll(work)) {
                    f.get();
                }
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < keys.length; i++) {
            String p = paths.get(i);
            Node n = nodes.get(p);
            if (keys[i] != null) {
                if (n.key != null && n.key != keys[i]) {
                    watches.forget(n.key);
                }
                n.key = keys[i];
            }
            // Registered, vanished (the parent's delete event tells) or refused (polling reads it):
            // in each case one more read shows what its first read could not.
            reread.add(p);
        }
        if (refused.get() != null) {
            unwatched.clear(); // polling mode reads the rest every tick, and watches them when there is room
            if (mode.kind() != WatchMode.Kind.POLLING) {
                mode = new WatchMode(WatchMode.Kind.POLLING, refused.get()
                        + ": the cgroups without a watch are read every tick");
                System.getLogger(LiveEngine.class.getName()).log(System.Logger.Level.INFO,
                        "{0}: {1}", hierarchy.label(), mode.why());
            }
        }
    }

    /** Threads that register new cgroups side by side. */
    static final int REGISTRARS = 8;

    private boolean allWatched() {
        for (Node n : nodes.values()) {
            if (n.key == null || !n.key.isValid()) {
                return false;
            }
        }
        return true;
    }

    private boolean mounted() {
        try {
            return mountDevice.equals(Files.getAttribute(mountPoint, "unix:dev", LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            return false;
        }
    }

    /** A cgroup that was marked or listed is gone: drop it and take it out of its parent's list. */
    private void vanished(String p) {
        if (p.equals(rootPath)) {
            stop(mounted() ? "the watched cgroup " + rootPath + " was removed"
                    : "hierarchy unmounted from " + mountPoint);
            return;
        }
        removeSubtree(p);
        String parent = Paths.parent(p);
        Node pn = nodes.get(parent);
        if (pn != null && pn.files.children().contains(p)) {
            List<String> rest = new ArrayList<>(pn.files.children());
            rest.remove(p);
            setFiles(parent, pn.files.withChildren(rest), null);
        }
    }

    private void stop(String why) {
        removeSubtree(rootPath);
        watches.cancel(parentKey);
        stopped = true;
        reread.clear();
        rescan.clear();
        unwatched.clear();
        membershipDue = false;
        mode = new WatchMode(WatchMode.Kind.STOPPED, why);
        System.getLogger(LiveEngine.class.getName()).log(System.Logger.Level.INFO, "{0}: {1}",
                hierarchy.label(), why);
    }

    /** Called when the engine closes, or ends on an error: {@code why} says which. The last state stays readable. */
    void closed(String why) {
        stopped = true;
        mode = new WatchMode(WatchMode.Kind.STOPPED, why);
    }

    private void setFiles(String p, CgroupFiles f, WatchKey key) {
        Node n = nodes.get(p);
        if (n == null) {
            touched.before(p, null);
            n = new Node(f);
            nodes.put(p, n);
            queue(p);
            String parent = Paths.parent(p);
            if (parent != null && nodes.containsKey(parent)) {
                queue(parent);
            }
        } else if (!n.files.equals(f)) {
            touched.before(p, n.cgroup);
            if (f.populatedFile() != null && !f.populatedFile().equals(n.files.populatedFile())) {
                rereadAncestors(p);
            }
            n.files = f;
            queue(p);
        }
        if (key != null) {
            if (n.key != null && n.key != key) {
                watches.forget(n.key);
            }
            n.key = key;
        }
        if (f.hasOwnTasks()) {
            occupied.add(p);
        } else {
            occupied.remove(p);
        }
    }

    /**
     * A v2 cgroup's populated flipped: its ancestors' cgroup.events may have flipped too, and the
     * kernel notifies those only while their inodes are cached (kernfs_notify skips the others),
     * so they are read again rather than trusted to report it.
     */
    private void rereadAncestors(String p) {
        for (String a = Paths.parent(p); a != null && Paths.isWithin(a, rootPath); a = Paths.parent(a)) {
            reread.add(a);
        }
    }

    private void removeSubtree(String top) {
        if (!nodes.containsKey(top)) {
            return;
        }
        Deque<String> todo = new ArrayDeque<>();
        todo.push(top);
        while (!todo.isEmpty()) {
            String p = todo.pop();
            Node n = nodes.remove(p);
            if (n == null) {
                continue;
            }
            touched.before(p, n.cgroup);
            watches.cancel(n.key);
            occupied.remove(p);
            for (String c : n.files.children()) {
                todo.push(c);
            }
        }
        String parent = Paths.parent(top);
        if (parent != null && nodes.containsKey(parent)) {
            queue(parent);
        }
    }

    private void queue(String p) {
        touched.recompute(p);
    }

    /** populated and the verdict of what was touched; then its changes. */
    private void finishFlush(Instant time, List<Change> out) {
        touched.settle(nodes, hierarchy.version());
        if (touched.isEmpty()) {
            return;
        }
        version++;
        stateAt = time;
        if (out != null) {
            touched.diff(time, hierarchy, nodes, out);
        }
        touched.clear();
    }

    /** The state as of the last flush; null once stopped with nothing left. Cached until the next change. */
    Snapshot snapshot() {
        if (nodes.isEmpty()) {
            return null;
        }
        CachedSnapshot c = cached;
        if (c == null || c.version() != version) {
            Map<String, CgroupFiles> files = new LinkedHashMap<>(nodes.size() * 4 / 3 + 1);
            for (Map.Entry<String, Node> e : nodes.entrySet()) {
                files.put(e.getKey(), e.getValue().files);
            }
            c = new CachedSnapshot(version, Snapshot.assemble(hierarchy, rootPath, files, stateAt));
            cached = c;
        }
        return c.snapshot();
    }

    private record CachedSnapshot(long version, Snapshot snapshot) {
    }
}
