package io.cgscope.ui.tree;

import io.cgscope.model.Snapshot;
import io.cgscope.ui.FixtureTree;
import io.cgscope.ui.ScriptedSource;
import javafx.scene.control.TreeItem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tree model against fixture hierarchies: it mirrors the source and updates in place. */
class CgroupTreeModelTest {
    private static final String HOST = "test-host";
    @TempDir
    Path tmp;
    private FixtureTree fx;
    private final ManualTimer timer = new ManualTimer();
    private CgroupTreeModel model;

    @BeforeEach
    void tree() {
        fx = new FixtureTree(tmp, "fixture");
        fx.cgroup("/web", false).cgroup("/web/nginx", false, 101).cgroup("/web/php", false, 102)
                .cgroup("/batch", true).cgroup("/batch/job-1", true).cgroup("/batch/job-2", true, 103)
                .cgroup("/batch/job-3", false);
        model = new CgroupTreeModel(timer);
        model.load(HOST, List.of(fx.read()));
    }

    @Test
    void showsEveryCgroupOfTheSourceWithChildrenSortedByName() {
        TreeItem<Row> root = model.shownRootProperty().get();
        assertEquals(1, root.getChildren().size(), "one header per hierarchy");
        TreeItem<Row> header = root.getChildren().get(0);
        assertTrue(header.getValue().top());
        assertEquals("name=fixture (v1) " + tmp, header.getValue().text());
        assertEquals(List.of("batch", "web"), names(header));
        assertEquals(List.of("job-1", "job-2", "job-3"), names(header.getChildren().get(0)));
        assertEquals(fx.read().size(), model.cgroupCountProperty().get());
        assertEquals(1, model.hierarchyCountProperty().get());
    }

    @Test
    void releasableCountIsTheSourcesAndFollowsChanges() {
        Snapshot s = fx.read();
        assertEquals(s.releasableCount(), model.releasableCountProperty().get());
        assertEquals(Set.of("/batch/job-1"), releasablePaths());
        ScriptedSource source = new ScriptedSource(List.of(s));
        source.addListener(b -> model.apply(HOST, List.of(b)));
        fx.cgroup("/batch/job-2", true); // its task exits
        source.moveTo(List.of(fx.read()));
        assertEquals(Set.of("/batch/job-1", "/batch/job-2"), releasablePaths());
        assertEquals(2, model.releasableCountProperty().get());
        fx.remove("/batch/job-1");
        source.moveTo(List.of(fx.read()));
        assertEquals(1, model.releasableCountProperty().get());
    }

    @Test
    void addedRemovedAndChangedAreAppliedToTheSameItems() {
        ScriptedSource source = new ScriptedSource(List.of(fx.read()));
        source.addListener(b -> model.apply(HOST, List.of(b)));
        TreeItem<Row> batch = item("/batch");
        TreeItem<Row> job2 = item("/batch/job-2");
        TreeItem<Row> web = item("/web");
        batch.setExpanded(true);
        web.setExpanded(false);
        TreeItem<Row> headerBefore = model.shownRootProperty().get().getChildren().get(0);

        fx.cgroup("/batch/job-0", true).cgroup("/batch/job-2", true).remove("/batch/job-3").cgroup("/web/zz", false);
        source.moveTo(List.of(fx.read()));

        assertSame(headerBefore, model.shownRootProperty().get().getChildren().get(0));
        assertSame(batch, item("/batch"), "survivors keep their item");
        assertSame(job2, item("/batch/job-2"));
        assertEquals(0, job2.getValue().cgroup().taskCount(), "with the new record");
        assertTrue(batch.isExpanded(), "expansion survives");
        assertFalse(web.isExpanded());
        assertEquals(List.of("job-0", "job-1", "job-2"), names(batch), "inserted at its sorted place");
        assertEquals(List.of("nginx", "php", "zz"), names(web));
        assertNull(model.shownItem(key("/batch/job-3")));
    }

    @Test
    void removingACgroupRemovesItsSubtreeFromTheIndex() {
        ScriptedSource source = new ScriptedSource(List.of(fx.read()));
        source.addListener(b -> model.apply(HOST, List.of(b)));
        int before = model.cgroupCountProperty().get();
        fx.remove("/batch");
        source.moveTo(List.of(fx.read()));
        assertNull(model.shownItem(key("/batch/job-1")));
        assertNull(model.shownItem(key("/batch")));
        assertEquals(before - 4, model.cgroupCountProperty().get());
        assertEquals(0, model.releasableCountProperty().get());
    }

    @Test
    void aReleasedRowIsMarkedUntilItsTimerFires() {
        ScriptedSource source = new ScriptedSource(List.of(fx.read()));
        source.addListener(b -> model.apply(HOST, List.of(b)));
        fx.cgroup("/batch/job-2", true);
        source.moveTo(List.of(fx.read()));
        TreeItem<Row> job2 = item("/batch/job-2");
        assertTrue(job2.getValue().justReleased());
        assertEquals(1, timer.pending());
        fx.cgroup("/web/nginx", false, 101, 104); // an unrelated change keeps the mark
        source.moveTo(List.of(fx.read()));
        assertTrue(item("/batch/job-2").getValue().justReleased());
        timer.fireAll();
        assertSame(job2, item("/batch/job-2"));
        assertFalse(job2.getValue().justReleased());
    }

    @Test
    void theKernelsCallOfTheAgentMarksItsRowApartFromThePredictionUntilItsTimerFires() {
        io.cgscope.model.Change called = new io.cgscope.model.Change(java.time.Instant.now(),
                io.cgscope.model.ChangeKind.AGENT_CALLED, fx.hierarchy(), "/batch/job-1", Set.of(), null, null);
        TreeItem<Row> job1 = item("/batch/job-1");
        model.apply(HOST, List.of(new io.cgscope.model.ChangeBatch(List.of(called))));
        assertSame(job1, item("/batch/job-1"), "the same row, marked");
        assertTrue(job1.getValue().agentCalled());
        assertFalse(job1.getValue().justReleased(), "observed, not predicted");
        assertEquals(fx.read().size(), model.cgroupCountProperty().get(), "no row made or removed");
        timer.fireAll();
        assertFalse(job1.getValue().agentCalled());
        // a call for a cgroup the agent removed already: nothing to mark, and no ghost row
        io.cgscope.model.Change gone = new io.cgscope.model.Change(java.time.Instant.now(),
                io.cgscope.model.ChangeKind.AGENT_CALLED, fx.hierarchy(), "/batch/removed", Set.of(), null, null);
        model.apply(HOST, List.of(new io.cgscope.model.ChangeBatch(List.of(gone))));
        assertNull(model.shownItem(key("/batch/removed")));
    }

    @Test
    void aFilterKeepsTheAncestorsOfMatchesAndFollowsChanges() {
        model.setFilter(new TreeFilter("JOB-", false));
        TreeItem<Row> root = model.shownRootProperty().get();
        TreeItem<Row> header = root.getChildren().get(0);
        assertEquals(List.of("batch"), names(header), "web has no match");
        assertEquals(List.of("job-1", "job-2", "job-3"), names(header.getChildren().get(0)));

        ScriptedSource source = new ScriptedSource(List.of(fx.read()));
        source.addListener(b -> model.apply(HOST, List.of(b)));
        TreeItem<Row> batchItem = model.shownItem(key("/batch"));
        fx.cgroup("/web/job-9", false).remove("/batch/job-1");
        source.moveTo(List.of(fx.read()));
        assertSame(root, model.shownRootProperty().get(), "the filtered tree is updated, not rebuilt");
        assertSame(batchItem, model.shownItem(key("/batch")));
        assertEquals(List.of("batch", "web"), names(header));
        assertEquals(List.of("job-9"), names(model.shownItem(key("/web"))));
        assertEquals(List.of("job-2", "job-3"), names(batchItem));

        fx.remove("/web/job-9");
        source.moveTo(List.of(fx.read()));
        assertEquals(List.of("batch"), names(header), "an ancestor without matches goes");

        model.setFilter(TreeFilter.NONE);
        assertEquals(List.of("batch", "web"), names(model.shownRootProperty().get().getChildren().get(0)));
    }

    @Test
    void onlyReleasableShowsReleasableCgroupsWithTheirAncestors() {
        model.setFilter(new TreeFilter("", true));
        TreeItem<Row> header = model.shownRootProperty().get().getChildren().get(0);
        assertEquals(List.of("batch"), names(header));
        assertEquals(List.of("job-1"), names(header.getChildren().get(0)));

        ScriptedSource source = new ScriptedSource(List.of(fx.read()));
        source.addListener(b -> model.apply(HOST, List.of(b)));
        fx.cgroup("/batch/job-2", true).cgroup("/batch/job-1", true, 200);
        source.moveTo(List.of(fx.read()));
        assertEquals(List.of("job-2"), names(model.shownItem(key("/batch"))), "follows the rule as it changes");
    }

    @Test
    void aChildDeliveredBeforeItsParentInOneBatchIsPlacedUnderIt() {
        fx.cgroup("/new", false).cgroup("/new/child", true);
        Snapshot s = fx.read();
        java.util.List<io.cgscope.model.Change> changes = new ArrayList<>();
        java.time.Instant now = java.time.Instant.now();
        changes.add(new io.cgscope.model.Change(now, io.cgscope.model.ChangeKind.ADDED, fx.hierarchy(), "/new/child",
                Set.of(), null, s.get("/new/child")));
        changes.add(new io.cgscope.model.Change(now, io.cgscope.model.ChangeKind.ADDED, fx.hierarchy(), "/new",
                Set.of(), null, s.get("/new")));
        model.apply(HOST, List.of(new io.cgscope.model.ChangeBatch(changes)));
        assertEquals(List.of("child"), names(item("/new")));
        assertEquals(s.releasableCount(), model.releasableCountProperty().get());
    }

    @Test
    void aBurstOfNewSiblingsEntersInOrderWithItsReleasableOnesCounted() {
        ScriptedSource source = new ScriptedSource(List.of(fx.read()));
        source.addListener(b -> model.apply(HOST, List.of(b)));
        fx.cgroup("/burst", true);
        for (int i = 0; i < 30; i++) {
            fx.cgroup(String.format("/burst/c%02d", i), true, i % 3 == 0 ? new int[]{500 + i} : new int[0]);
        }
        fx.cgroup("/batch/job-0", true).cgroup("/batch/job-4", true).cgroup("/batch/job-5", true);
        source.moveTo(List.of(fx.read()));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            expected.add(String.format("c%02d", i));
        }
        assertEquals(expected, names(item("/burst")));
        assertEquals(List.of("job-0", "job-1", "job-2", "job-3", "job-4", "job-5"), names(item("/batch")),
                "new siblings in two gaps among existing ones");
        assertEquals(fx.read().releasableCount(), model.releasableCountProperty().get());
        assertEquals(fx.read().size(), model.cgroupCountProperty().get());
        assertSame(item("/burst/c07"), model.shownItem(key("/burst/c07")), "indexed");
        assertEquals(releasablePaths(), fx.read().cgroups().stream().filter(c -> c.releasable())
                .map(c -> c.path()).collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void reloadingUpdatesInPlaceAndDropsWhatVanished() {
        TreeItem<Row> web = item("/web");
        fx.remove("/web/php").cgroup("/web/apache", false);
        model.load(HOST, List.of(fx.read()));
        assertSame(web, item("/web"));
        assertEquals(List.of("apache", "nginx"), names(web));
        assertNull(model.shownItem(key("/web/php")));
        assertEquals(fx.read().size(), model.cgroupCountProperty().get());
    }

    @Test
    void twoHostsWithTheSameHierarchyKeepTheirOwnRows() {
        // another machine may have a hierarchy on the same device number, with the same paths
        String other = "other-host";
        model.load(other, List.of(fx.read()));
        assertEquals(2, model.hierarchyCountProperty().get(), "one header per host's hierarchy");
        assertEquals(2 * fx.read().size(), model.cgroupCountProperty().get());
        assertEquals(2 * fx.read().releasableCount(), model.releasableCountProperty().get());
        TreeItem<Row> ours = item("/web/php");
        TreeItem<Row> theirs = model.shownItem(CgroupKey.of(other, fx.hierarchy(), "/web/php"));
        assertNotNull(theirs);
        assertFalse(ours == theirs, "one item each");
        assertEquals(other, theirs.getValue().host());

        fx.remove("/web/php");
        model.load(other, List.of(fx.read()));
        assertNull(model.shownItem(CgroupKey.of(other, fx.hierarchy(), "/web/php")), "gone from the host that lost it");
        assertSame(ours, item("/web/php"), "and only from that host");
    }

    // ---- helpers

    private CgroupKey key(String path) {
        return CgroupKey.of(HOST, fx.hierarchy(), path);
    }

    private TreeItem<Row> item(String path) {
        TreeItem<Row> item = model.shownItem(key(path));
        assertNotNull(item, path);
        return item;
    }

    private Set<String> releasablePaths() {
        Set<String> result = new TreeSet<>();
        List<TreeItem<Row>> todo = new ArrayList<>(model.shownRootProperty().get().getChildren());
        while (!todo.isEmpty()) {
            TreeItem<Row> t = todo.remove(todo.size() - 1);
            if (t.getValue().cgroup().releasable()) {
                result.add(t.getValue().path());
            }
            todo.addAll(t.getChildren());
        }
        return result;
    }

    private static List<String> names(TreeItem<Row> parent) {
        return parent.getChildren().stream().map(i -> i.getValue().cgroup().name()).toList();
    }
}
