package io.cgscope.live;

import io.cgscope.host.WatchMode;
import io.cgscope.host.WatchProgress;
import io.cgscope.kernel.CgroupReader;
import io.cgscope.kernel.Target;
import io.cgscope.model.CgroupFiles;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Change;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Paths;
import io.cgscope.model.Pids;
import io.cgscope.model.Snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;

/**
 * One watched hierarchy (or subtree): what is marked to be read again, the flush that reads it and
 * applies it to the state ({@link CgroupNodes}), and how the hierarchy is watched. Every method runs
 * on the engine's thread, under the engine's write lock; {@link #snapshot()} under its read lock.
 *
 * <p>A flush reads what is marked ({@link LevelReads}), applies it, recomputes {@code populated}
 * and the verdict of each touched cgroup and its ancestors (deepest first), then diffs each
 * touched cgroup's state before the flush with its state after.
 *
 * <p>The first read and a cgroup that a flush finds new are read and reported without a watch
 * ({@link DeferredWatches} says why); {@link #registerSome} registers them afterwards, in the
 * background, and marks each to be read once more: whatever was made or written in it between its
 * first read and its watch is found by that read, as normal changes after its {@code added}.
 * Until then each tick reads a share of them ({@link #UNWATCHED_POLLED_PER_TICK}). Rescans still
 * watch first and read after.
 */
final class HierarchyState implements Watches.Sink {
    private static final System.Logger LOG = System.getLogger(HierarchyState.class.getName());

    private final Hierarchy hierarchy;
    private final String rootPath;
    private final Watches watches;
    private final Path mountPoint;
    private final Object mountDevice;
    private final CgroupNodes nodes;
    private final LevelReads reads;
    private final DeferredWatches deferred = new DeferredWatches();

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
    /**
     * Cgroups still waiting for their watch that each tick reads: while 100,000 of them are
     * registered (seconds), a change in one is seen by the poller or by the read after its watch,
     * whichever comes first, at the cost of about 25 ms of reading a tick (a warm read of 100,000
     * cgroups took 2.6 s on the machine of README).
     */
    static final int UNWATCHED_POLLED_PER_TICK = 1_000;
    /** This flush follows a tick in polling mode: time to see whether every cgroup is watched again. */
    private boolean pollingTick;

    /** For a watched subtree: the watch on its parent's directory, which alone sees it removed. */
    private WatchKey parentKey;
    private WatchMode mode;
    private final TaskSource taskEvents;
    private boolean stopped;
    private int overflowRereads;

    /**
     * @param taskEvents whether the kernel's process events tell task exits and births, or why
     *                   not: said in the watch mode, for the status bar and {@code watch}
     */
    HierarchyState(Target target, Watches watches, ForkJoinPool readers, TaskSource taskEvents) throws IOException {
        this.taskEvents = taskEvents;
        this.hierarchy = target.hierarchy();
        this.rootPath = target.cgroupPath();
        this.watches = watches;
        this.mountPoint = hierarchy.mountPoint();
        this.mountDevice = Files.getAttribute(mountPoint, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        this.nodes = new CgroupNodes(hierarchy, rootPath, watches);
        this.reads = new LevelReads(new CgroupReader(hierarchy), watches, this, readers);
        this.mode = inotifyMode();
    }

    private WatchMode inotifyMode() {
        String tasks = taskEvents.kernel()
                ? "tasks followed by the kernel's process events, occupied cgroups polled as well"
                : (hierarchy.version() == CgroupVersion.V1 ? "task membership" : "process lists")
                + " of occupied cgroups polled (" + taskEvents.whyNot() + ")";
        return new WatchMode(WatchMode.Kind.INOTIFY, hierarchy.version() == CgroupVersion.V1
                ? "inotify for cgroups and files; " + tasks
                : "inotify for cgroups, files and cgroup.events; " + tasks);
    }

    /** The watch table took no more: the cgroups without a watch are polled from now on. */
    private void pollFromNow(String refused) {
        if (mode.kind() != WatchMode.Kind.POLLING) {
            mode = new WatchMode(WatchMode.Kind.POLLING, refused + ": the cgroups without a watch are read every tick");
            reads.registerUnwatched(true);
            LOG.log(System.Logger.Level.INFO, "{0}: {1}", hierarchy.label(), mode.why());
        }
    }

    /** For a watched subtree, its parent's directory must be watched too (or polling must go on). */
    private boolean watchParentOfSubtree() {
        if (rootPath.equals(hierarchy.mountRoot()) || parentKey != null) {
            return true;
        }
        try {
            parentKey = reads.register(Paths.parent(rootPath), rootPath);
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

    /**
     * The first read: the whole subtree, each cgroup read before it is watched. Every cgroup waits
     * for its watch in {@link DeferredWatches}, so that the tree can be shown as soon as it is
     * read (the registrations of 100,000 cgroups take seconds).
     */
    void initialRead() throws IOException {
        CgroupReader reader = reads.reader();
        if (reader.readFiles(rootPath).isEmpty()) {
            throw new NoSuchFileException(reader.describe(rootPath), null, "no such cgroup");
        }
        reads.allowRegistrations();
        // cgroupfs keeps a removed directory's link count, so the kernel sends no IN_DELETE_SELF:
        // only the parent's IN_DELETE tells that a watched subtree went. Without that watch,
        // polling mode reads the subtree's top every tick, and so sees it go.
        if (!watchParentOfSubtree()) {
            mode = new WatchMode(WatchMode.Kind.POLLING,
                    "inotify watch limit reached: the cgroups without a watch are read every tick");
            reads.refuseRegistrations();
            reads.registerUnwatched(true);
        }
        readLevels(List.of(rootPath), true, false, false);
        nodes.settle(Instant.now(), null);
    }

    // ---- marks, from the engine loop ----

    @Override
    public void markReread(String path) {
        if (!stopped) {
            reread.add(path);
        }
    }

    /**
     * The directory of {@code path} gained or lost the entry {@code name}: almost always a child
     * cgroup made or removed. Applied by itself, without listing the parent again, so a mkdir
     * under a parent of 10,000 children costs one read, not 10,000 stats.
     */
    @Override
    public void markEntry(WatchKey key, String path, String name) {
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
    @Override
    public void markOverflow(String path) {
        if (!stopped) {
            reread.add(path);
            overflowRereads++;
        }
    }

    /**
     * The kernel said the task {@code tid} of process {@code tgid} exited: the cgroups whose last
     * read listed it are read again (it is gone from their lists by the time the event is read).
     */
    void taskGone(int tid, int tgid) {
        if (!stopped) {
            reread.addAll(nodes.holding(tid, tgid));
        }
    }

    /**
     * The kernel said a task was born whose creator is a thread of process {@code creator}: it is
     * in its creator's cgroup, one of those that list that process; read them again. The root is
     * left out (see {@link CgroupNodes#holding}).
     */
    void taskForked(int creator) {
        if (!stopped) {
            reread.addAll(nodes.holdingProcess(creator));
        }
    }

    /**
     * The kernel said a task ran a new program, and it is in {@code path} now (it may have moved
     * itself there since its birth): read it again, so a task that joins and leaves between two
     * polls is seen. Not the root, which is never releasable.
     */
    void taskIn(String path) {
        if (!stopped && !"/".equals(path) && nodes.contains(path)) {
            reread.add(path);
        }
    }

    /** Process events were lost: read every occupied cgroup's membership now, as a poll tick does. */
    void taskEventsLost() {
        if (!stopped && nodes.anyOccupied()) {
            membershipDue = true;
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
        if (nodes.anyOccupied()) {
            membershipDue = true;
            ticksSinceRootMembership++;
        }
        if (mode.kind() == WatchMode.Kind.INOTIFY && !deferred.isEmpty()) {
            reread.addAll(deferred.pollShare(UNWATCHED_POLLED_PER_TICK));
        }
        if (mode.kind() == WatchMode.Kind.POLLING) {
            pollingTick = true;
            reread.addAll(nodes.unwatched());
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
        // A polling tick flushes even with nothing to read: the cgroups that had no watch may all
        // have gone by inotify's own events, and only the flush sees that every one now fits.
        return !stopped && (membershipDue || pollingTick || !reread.isEmpty() || !rescan.isEmpty()
                || !entries.isEmpty());
    }

    // ---- the flush ----

    /** Reads what is marked, applies it, and appends the resulting changes to {@code out}. */
    void flush(Instant time, List<Change> out) {
        reads.allowRegistrations();
        if (membershipDue) {
            membershipDue = false;
            readMembership();
        }
        List<String> deep = new ArrayList<>(rescan);
        rescan.clear();
        deep.sort(Comparator.comparingInt(Paths::depth));
        List<String> doneDeep = new ArrayList<>();
        for (String p : deep) {
            if (!stopped && doneDeep.stream().noneMatch(d -> Paths.isWithin(p, d)) && nodes.contains(p)) {
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
        shallow.removeIf(p -> !nodes.contains(p) || doneDeep.stream().anyMatch(d -> Paths.isWithin(p, d)));
        shallow.sort(Comparator.comparingInt(Paths::depth));
        // One level for all, read side by side: after a burst thousands of new cgroups are read again.
        readLevels(shallow, false, false, true);
        if (pollingTick && mode.kind() == WatchMode.Kind.POLLING && !stopped && nodes.allWatched()
                && watchParentOfSubtree()) {
            mode = inotifyMode();
            reads.registerUnwatched(false);
        }
        pollingTick = false;
        nodes.settle(time, out);
    }

    /** The membership files of the occupied cgroups: a task leaving one tells inotify nothing. */
    private void readMembership() {
        boolean rootDue = ticksSinceRootMembership >= ROOT_MEMBERSHIP_TICKS;
        if (rootDue) {
            ticksSinceRootMembership = 0;
        }
        for (String p : nodes.occupied()) {
            if (!rootDue && p.equals(hierarchy.mountRoot()) && "/".equals(p)) {
                continue;
            }
            Node n = nodes.get(p);
            if (n == null) {
                continue;
            }
            Optional<CgroupFiles> f = reads.reader().rereadMembership(n.files);
            if (f.isEmpty()) {
                reread.add(p);
            } else if (!f.get().equals(n.files)) {
                setFiles(p, f.get(), null);
            }
        }
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
        List<Boolean> dirs = reads.areDirectories(named);
        for (int i = 0; i < named.size(); i++) {
            String c = named.get(i);
            String parent = Paths.parent(c);
            if (!nodes.contains(parent) || reread.contains(parent) || stopped
                    || doneDeep.stream().anyMatch(d -> Paths.isWithin(c, d))) {
                continue; // gone, or read whole anyway
            }
            boolean isDir = dirs.get(i);
            boolean known = nodes.contains(c);
            if (!isDir && !known) {
                reread.add(parent); // an interface file came or went (controllers enabled)
            } else if (!isDir) {
                nodes.removeSubtree(c);
                lost.computeIfAbsent(parent, k -> new HashSet<>()).add(c);
            } else if (known) {
                // Removed and made again within one window, or a stray event: read it afresh.
                nodes.removeSubtree(c);
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
            Collections.sort(sorted);
            setFiles(parent, pn.files.withChildren(sorted), null);
        }
        // A parent removed by a later entry takes its new children with it.
        fresh.removeIf(c -> !nodes.contains(Paths.parent(c)));
        readLevels(fresh, false, false, false);
    }

    /**
     * Reads {@code first} and, level by level, the children it finds new ({@code deep}: all of
     * them). {@code watchFirst}: new cgroups are registered before they are read (rescans);
     * otherwise they are read and reported at once and {@link #registerSome} registers them later. {@code known}: {@code first} holds known cgroups, parents before children;
     * one that the read of its parent in the same level found gone is left out.
     */
    private void readLevels(List<String> first, boolean deep, boolean watchFirst, boolean known) {
        List<String> level = first;
        boolean firstLevel = true;
        while (!level.isEmpty() && !stopped) {
            watches.requireOpen();
            List<String> next = new ArrayList<>();
            for (LevelReads.Read r : reads.level(level, watchFirst, nodes)) {
                if (firstLevel && known && !nodes.contains(r.path())) {
                    watches.cancel(r.key());
                    continue;
                }
                if (r.refused() != null) {
                    pollFromNow(r.refused());
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
                    deferred.add(r.path());
                } else if (n != null && r.key() == null && nodes.dropInvalidKey(r.path())) {
                    deferred.add(r.path()); // the kernel dropped its watch, and it is still there
                }
                if (n != null && !n.files.children().isEmpty()) {
                    Set<String> now = new HashSet<>(r.files().children());
                    for (String c : n.files.children()) {
                        if (!now.contains(c)) {
                            nodes.removeSubtree(c);
                        }
                    }
                }
                setFiles(r.path(), r.files(), r.key());
                for (String c : r.files().children()) {
                    if (deep || !nodes.contains(c)) {
                        next.add(c);
                    }
                }
            }
            level = next;
            firstLevel = false;
        }
    }

    /** Time to take a finished round of registrations, or to start one ({@link DeferredWatches#due}). */
    boolean registrationDue(long now) {
        return deferred.roundEnded() || deferred.due(now, dirty());
    }

    /**
     * Takes the keys of the round of registrations that ended and marks each of its cgroups to be
     * read once more (its first read came before its watch), then starts the next round of up to
     * {@code max} when one is due. On the engine's thread; the registrations themselves run on
     * {@code registrars}, and {@code ended} runs when a round is done (the engine's wake-up).
     */
    void registerSome(long now, int max, ExecutorService registrars, Runnable ended) {
        DeferredWatches.Outcome o = deferred.collect(nodes);
        if (stopped) {
            deferred.clear();
            return;
        }
        if (o != null) {
            // Registered, vanished (the parent's delete event tells) or refused (polling reads it):
            // in each case one more read shows what its first read could not.
            reread.addAll(o.tried());
            if (o.refused() != null) {
                pollFromNow(o.refused());
            }
        }
        if (deferred.due(now, dirty())) {
            deferred.start(max, registrars, nodes, reads, ended);
        }
    }

    /** How many cgroups are watched, of those that will be once the registration is done. */
    WatchProgress watchProgress() {
        if (stopped) {
            return WatchProgress.NONE;
        }
        int watched = nodes.watchedCount();
        return new WatchProgress(watched, watched + deferred.pending());
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
        nodes.vanished(p);
    }

    private void stop(String why) {
        nodes.removeSubtree(rootPath);
        watches.cancel(parentKey);
        stopped = true;
        reread.clear();
        rescan.clear();
        deferred.clear();
        membershipDue = false;
        mode = new WatchMode(WatchMode.Kind.STOPPED, why);
        LOG.log(System.Logger.Level.INFO, "{0}: {1}", hierarchy.label(), why);
    }

    /** Called when the engine closes, or ends on an error: {@code why} says which. The last state stays readable. */
    void closed(String why) {
        stopped = true;
        mode = new WatchMode(WatchMode.Kind.STOPPED, why);
    }

    private void setFiles(String p, CgroupFiles f, WatchKey key) {
        Node was = nodes.get(p);
        Pids before = was == null ? null : tasksOf(was.files);
        if (nodes.set(p, f, key)) {
            rereadAncestors(p);
        }
        if (before != null) {
            rereadWhereTheyCameFrom(p, before, tasksOf(f));
        }
    }

    private static Pids tasksOf(CgroupFiles f) {
        return f == null ? null : f.threads() != null ? f.threads() : f.procs();
    }

    /**
     * Tasks that appeared in {@code p} were moved there (a fork is read where its creator is): a
     * task is in one cgroup of a hierarchy, so the cgroups that listed it have lost it, which no
     * inotify event says. They are read again, so that one emptied by the move is seen at once,
     * not at the next tick. Beyond a few hundred new tasks (the root's lists, read every tenth
     * tick) the next tick reads them all anyway.
     */
    private void rereadWhereTheyCameFrom(String p, Pids before, Pids after) {
        if (after == null || after.isEmpty()) {
            return;
        }
        int[] now = after.toArray();
        int gained = 0;
        for (int tid : now) {
            if (!before.contains(tid) && ++gained > MOVES_FOLLOWED) {
                membershipDue = true;
                return;
            }
        }
        for (int tid : now) {
            if (!before.contains(tid)) {
                for (String from : nodes.holding(tid, tid)) {
                    if (!from.equals(p)) {
                        reread.add(from);
                    }
                }
            }
        }
    }

    /** New tasks of one cgroup followed back to where they were, at most. */
    static final int MOVES_FOLLOWED = 256;

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

    /** The state as of the last flush; null once stopped with nothing left. Cached until the next change. */
    Snapshot snapshot() {
        return nodes.snapshot();
    }
}
