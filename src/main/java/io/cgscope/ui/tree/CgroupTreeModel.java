package io.cgscope.ui.tree;

import io.cgscope.model.Cgroup;
import io.cgscope.model.Change;
import io.cgscope.model.ChangeBatch;
import io.cgscope.model.ChangeKind;
import io.cgscope.model.Paths;
import io.cgscope.model.Snapshot;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TreeItem;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The tree's state, on the FX thread: every cgroup of every hierarchy of every host as a tree item
 * in a keyed index, kept equal to each host's live source by applying its batches in place. While
 * a filter is active a {@link FilteredTree} is what the view shows.
 */
public final class CgroupTreeModel {
    /** How long a row says "released" after the kernel released its cgroup. */
    public static final Duration RELEASED_SHOWN = Duration.ofSeconds(5);
    /** Hierarchies of at most this many cgroups open fully on the first load. */
    static final int EXPAND_ALL_UP_TO = 200;

    private final ReleaseTimer releaseTimer;
    private ItemTree all = new ItemTree(0);
    private FilteredTree filtered;
    private TreeFilter filter = TreeFilter.NONE;
    /** Bumped per release of a cgroup, so that only the newest timer clears its mark. */
    private final Map<CgroupKey, Integer> releaseGeneration = new HashMap<>();
    /** The same for the kernel's calls of the release agent. */
    private final Map<CgroupKey, Integer> callGeneration = new HashMap<>();

    private final ReadOnlyObjectWrapper<TreeItem<Row>> shownRoot = new ReadOnlyObjectWrapper<>(all.root());
    private final ReadOnlyIntegerWrapper cgroupCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper releasableCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper hierarchyCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyBooleanWrapper updating = new ReadOnlyBooleanWrapper();
    private final List<Row> orphans = new ArrayList<>();
    private final List<Row> siblingRun = new ArrayList<>();

    public CgroupTreeModel(ReleaseTimer releaseTimer) {
        this.releaseTimer = releaseTimer;
    }

    // ---- properties

    /** The root the tree view shows: all cgroups, or the filtered tree while a filter is active. */
    public ReadOnlyObjectProperty<TreeItem<Row>> shownRootProperty() {
        return shownRoot.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty cgroupCountProperty() {
        return cgroupCount.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty releasableCountProperty() {
        return releasableCount.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty hierarchyCountProperty() {
        return hierarchyCount.getReadOnlyProperty();
    }

    /** True while a load, a batch or a filter is being applied: items come and go. */
    public ReadOnlyBooleanProperty updatingProperty() {
        return updating.getReadOnlyProperty();
    }

    // ---- queries

    /** The item of {@code key} in the shown tree, or null. */
    public TreeItem<Row> shownItem(CgroupKey key) {
        return filtered != null ? filtered.get(key) : all.get(key);
    }

    /** The current row of {@code key}, or null when it is gone. */
    public Row row(CgroupKey key) {
        TreeItem<Row> item = all.get(key);
        return item == null ? null : item.getValue();
    }

    /** How many cgroups lie below {@code key}, or -1 when it is gone. */
    public int descendants(CgroupKey key) {
        TreeItem<Row> item = all.get(key);
        return item == null ? -1 : ItemTree.descendants(item);
    }

    // ---- commands

    /**
     * Makes the rows of {@code host} equal to {@code snapshots}: the first load, F5, or a resume
     * that re-syncs. Items that exist already are updated in place, vanished ones removed; the
     * rows of other hosts stay as they are.
     */
    public void load(String host, List<Snapshot> snapshots) {
        updating.set(true);
        try {
            boolean first = all.size() == 0;
            int total = snapshots.stream().mapToInt(Snapshot::size).sum();
            ItemTree target = first ? new ItemTree(total) : all;
            Set<CgroupKey> present = first ? null : new HashSet<>(total * 4 / 3 + 1);
            if (first) {
                loadInto(host, target, snapshots, total);
            }
            for (Snapshot s : first ? List.<Snapshot>of() : snapshots) {
                for (Cgroup c : s.cgroups()) {
                    CgroupKey key = CgroupKey.of(host, s.hierarchy(), c.path());
                    TreeItem<Row> old = target.get(key);
                    boolean released = old != null && old.getValue().justReleased();
                    boolean called = old != null && old.getValue().agentCalled();
                    target.put(new Row(host, s.hierarchy(), c, c.path().equals(s.rootPath()), released, called));
                    if (present != null) {
                        present.add(key);
                    }
                }
            }
            if (present != null) {
                List<CgroupKey> gone = new ArrayList<>();
                for (TreeItem<Row> item : all.items()) {
                    CgroupKey key = item.getValue().key();
                    if (key.host().equals(host) && !present.contains(key)) {
                        gone.add(key);
                    }
                }
                gone.forEach(this::removeFromAll);
            }
            if (first) {
                all = target;
                for (Snapshot s : snapshots) {
                    expandInitially(all.get(CgroupKey.of(host, s.hierarchy(), s.rootPath())), s.size());
                }
            }
            if (filter.active()) {
                filtered = new FilteredTree(all, filter);
            }
            publish();
        } finally {
            updating.set(false);
        }
    }

    /** The first load: every cgroup's item at once, each parent's children in one insertion. */
    private static void loadInto(String host, ItemTree target, List<Snapshot> snapshots, int total) {
        List<Row> rows = new ArrayList<>(total);
        for (Snapshot s : snapshots) {
            for (Cgroup c : s.cgroups()) {
                rows.add(new Row(host, s.hierarchy(), c, c.path().equals(s.rootPath()), false));
            }
        }
        target.putAll(rows);
    }

    /**
     * A small hierarchy opens fully, so its releasable cgroups are in sight at once; a large one
     * opens at its header, since expanding thousands of rows helps nobody.
     */
    private static void expandInitially(TreeItem<Row> header, int size) {
        if (header == null) {
            return;
        }
        header.setExpanded(true);
        if (size > EXPAND_ALL_UP_TO) {
            return;
        }
        Deque<TreeItem<Row>> todo = new ArrayDeque<>(header.getChildren());
        while (!todo.isEmpty()) {
            TreeItem<Row> t = todo.pop();
            if (!t.isLeaf()) {
                t.setExpanded(true);
                todo.addAll(t.getChildren());
            }
        }
    }

    /** Applies batches of {@code host}'s source in order, each whole. */
    public void apply(String host, List<ChangeBatch> batches) {
        updating.set(true);
        try {
            for (ChangeBatch batch : batches) {
                for (Change change : batch.changes()) {
                    if (!joinSiblings(host, change)) {
                        addSiblings();
                        apply(host, change);
                    }
                }
                addSiblings();
                placeOrphans();
            }
            publish();
        } finally {
            updating.set(false);
        }
    }

    /** Shows only what {@code newFilter} lets through (with ancestors), or everything again. */
    public void setFilter(TreeFilter newFilter) {
        if (newFilter.equals(filter)) {
            return;
        }
        updating.set(true);
        try {
            filter = newFilter;
            filtered = filter.active() ? new FilteredTree(all, filter) : null;
            publish();
        } finally {
            updating.set(false);
        }
    }

    // ---- applying

    private void apply(String host, Change change) {
        CgroupKey key = CgroupKey.of(host, change.hierarchy(), change.path());
        if (change.kind() == ChangeKind.AGENT_CALLED) {
            markAgentCalled(key);
            return;
        }
        if (change.kind() == ChangeKind.REMOVED || change.after() == null) {
            if (change.kind() == ChangeKind.REMOVED) {
                removeFromAll(key);
                syncFiltered(key);
            }
            return;
        }
        TreeItem<Row> old = all.get(key);
        boolean released = change.kind() == ChangeKind.RELEASED;
        Row row;
        if (old != null) {
            row = old.getValue().withCgroup(change.after());
            row = released ? row.withJustReleased(true) : row;
        } else {
            boolean top = key.parent() == null || change.path().equals(change.hierarchy().mountRoot());
            row = new Row(host, change.hierarchy(), change.after(), top, released);
        }
        put(row);
        if (released) {
            scheduleReleasedEnd(key);
        }
        syncFiltered(key);
    }

    private void put(Row row) {
        if (all.put(row) == null) {
            orphans.add(row); // its parent comes later in the batch
        }
    }

    /**
     * Collects consecutive new siblings (a burst of mkdirs under one parent arrives as a run of
     * {@code added}, sorted by name) so that they enter the tree in one insertion: one list change
     * and one tree event instead of one per cgroup. A later change of the last one of them (its
     * {@code releasable}, say) updates it in the run. Returns false when the change is not for the run.
     */
    private boolean joinSiblings(String host, Change change) {
        Cgroup after = change.after();
        if (after == null || change.kind() == ChangeKind.REMOVED || change.kind() == ChangeKind.RELEASED) {
            return false;
        }
        CgroupKey key = CgroupKey.of(host, change.hierarchy(), change.path());
        if (!siblingRun.isEmpty() && change.kind() != ChangeKind.ADDED) {
            Row last = siblingRun.get(siblingRun.size() - 1);
            if (last.key().equals(key)) {
                siblingRun.set(siblingRun.size() - 1, last.withCgroup(after));
                return true;
            }
            return false;
        }
        if (change.kind() != ChangeKind.ADDED || key.parent() == null || change.path().equals(change.hierarchy().mountRoot())
                || all.contains(key)) {
            return false;
        }
        if (!siblingRun.isEmpty()) {
            Row last = siblingRun.get(siblingRun.size() - 1);
            if (!last.key().parent().equals(key.parent()) || last.path().compareTo(change.path()) >= 0) {
                addSiblings();
            }
        }
        siblingRun.add(new Row(host, change.hierarchy(), after, false, false));
        return true;
    }

    private void addSiblings() {
        if (siblingRun.isEmpty()) {
            return;
        }
        List<Row> run = new ArrayList<>(siblingRun);
        siblingRun.clear();
        if (!all.putSiblings(run)) {
            run.forEach(this::put); // not one gap among the existing siblings: one by one
        }
        for (Row r : run) {
            syncFiltered(r.key());
        }
    }

    /** Places rows whose parent arrived later in the same batch, parents first; drops the rest. */
    private void placeOrphans() {
        if (orphans.isEmpty()) {
            return;
        }
        List<Row> rows = new ArrayList<>(orphans);
        orphans.clear();
        rows.sort(java.util.Comparator.comparingInt(r -> Paths.depth(r.path())));
        for (Row r : rows) {
            if (all.put(r) != null) {
                syncFiltered(r.key());
            }
        }
        orphans.clear(); // a parent that never came: the next re-sync shows the truth
    }

    private void removeFromAll(CgroupKey key) {
        TreeItem<Row> item = all.get(key);
        if (item == null) {
            return;
        }
        Deque<TreeItem<Row>> todo = new ArrayDeque<>();
        todo.push(item);
        while (!todo.isEmpty()) {
            TreeItem<Row> t = todo.pop();
            releaseGeneration.remove(t.getValue().key());
            callGeneration.remove(t.getValue().key());
            todo.addAll(t.getChildren());
        }
        all.remove(key);
    }

    private void scheduleReleasedEnd(CgroupKey key) {
        scheduleMarkEnd(key, releaseGeneration, r -> r.withJustReleased(false));
    }

    /**
     * Marks the row the kernel just called the release agent for, for as long as a predicted
     * release is shown; a row already gone (the agent removed it) has nothing to mark.
     */
    private void markAgentCalled(CgroupKey key) {
        TreeItem<Row> item = all.get(key);
        if (item == null) {
            return;
        }
        item.setValue(item.getValue().withAgentCalled(true));
        syncFiltered(key);
        scheduleMarkEnd(key, callGeneration, r -> r.withAgentCalled(false));
    }

    /** Takes a mark off the row after {@link #RELEASED_SHOWN}, unless it was marked again since. */
    private void scheduleMarkEnd(CgroupKey key, Map<CgroupKey, Integer> generations, UnaryOperator<Row> unmarked) {
        int generation = generations.merge(key, 1, Integer::sum);
        releaseTimer.after(RELEASED_SHOWN, () -> {
            Integer now = generations.get(key);
            if (now == null || now != generation) {
                return; // marked again since, or gone
            }
            generations.remove(key);
            TreeItem<Row> item = all.get(key);
            if (item != null) {
                updating.set(true);
                try {
                    item.setValue(unmarked.apply(item.getValue()));
                    syncFiltered(key);
                } finally {
                    updating.set(false);
                }
            }
        });
    }

    /** After {@code key} changed in the full tree, makes the filtered tree agree about it. */
    private void syncFiltered(CgroupKey key) {
        if (filtered != null) {
            filtered.sync(key);
        }
    }

    private void publish() {
        shownRoot.set(filtered != null ? filtered.root() : all.root());
        cgroupCount.set(all.size());
        releasableCount.set(all.releasable());
        hierarchyCount.set(all.root().getChildren().size());
    }
}
