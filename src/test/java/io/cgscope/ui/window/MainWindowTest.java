package io.cgscope.ui.window;

import io.cgscope.host.CgroupHost;
import io.cgscope.model.Cgroup;
import io.cgscope.model.Snapshot;
import io.cgscope.ui.FixtureTree;
import io.cgscope.ui.ScriptedSource;
import io.cgscope.ui.log.LogEntry;
import io.cgscope.ui.tree.CgroupKey;
import io.cgscope.ui.tree.ManualTimer;
import io.cgscope.ui.tree.Row;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window against a fixture hierarchy and a scripted live source: what the tree shows, what it
 * highlights, and that updates keep the user's place.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private static final PseudoClass RELEASABLE = PseudoClass.getPseudoClass("releasable");
    private static final PseudoClass RELEASED = PseudoClass.getPseudoClass("released");

    @TempDir
    Path dir;
    private FixtureTree fx;
    private ScriptedSource source;
    private CgroupHost host;
    private MainWindow window;
    private final ManualTimer timer = new ManualTimer();
    private final List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        fx = new FixtureTree(dir, "fixture");
        fx.cgroup("/web", false).cgroup("/web/nginx", false, 1).cgroup("/web/php", false)
                .cgroup("/batch", true).cgroup("/batch/job-1", true).cgroup("/batch/job-2", true, 1)
                .cgroup("/batch/job-3", false).cgroup("/idle", true);
        source = new ScriptedSource(List.of(fx.read()));
        host = TestHosts.writableOver(source);
        window = new MainWindow(host, (title, message) -> {
            asked.add(title);
            return false;
        }, Platform::runLater, Runnable::run, timer);
        StagedWindow.show(stage, window, 1200, 800);
        StagedWindow.expandAll(window);
    }

    @Test
    void theTreeShowsTheSourceAndHighlightsExactlyTheReleasableCgroups(FxRobot robot) {
        Snapshot s = fx.read();
        Set<String> expectedNames = s.cgroups().stream().map(c -> c.isRoot() ? "name=fixture (v1) " + fx.dir() : c.name())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expectedNames, new TreeSet<>(shownTexts(robot)));
        Set<String> expectedReleasable = s.cgroups().stream().filter(Cgroup::releasable).map(Cgroup::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("idle", "job-1"), expectedReleasable, "the fixture has releasable cgroups to find");
        assertEquals(expectedReleasable, cellsWith(robot, RELEASABLE));
    }

    @Test
    void liveChangesKeepItemsSelectionAndExpansion(FxRobot robot) {
        TreeItem<Row> job2 = item("/batch/job-2");
        TreeItem<Row> web = item("/web");
        robot.interact(() -> {
            web.setExpanded(false);
            window.tree().getSelectionModel().select(job2);
        });
        fx.cgroup("/batch/job-0", true).cgroup("/batch/job-2", true).cgroup("/aaa", false);
        source.moveTo(List.of(fx.read()));
        WaitForAsyncUtils.waitForFxEvents();

        assertSame(job2, window.tree().getSelectionModel().getSelectedItem(), "the same item stays selected");
        assertSame(job2, item("/batch/job-2"));
        assertFalse(web.isExpanded(), "a collapsed branch stays collapsed");
        assertTrue(item("/batch").isExpanded());
        assertEquals(Set.of("idle", "job-0", "job-1", "job-2"), cellsWith(robot, RELEASABLE),
                "highlights follow the change");
        assertEquals("/batch/job-2", window.detailsModel().rowProperty().get().path());
        // job-2 has notify_on_release 1 and lost its last task: the kernel released it, as the engine reports
        assertEquals("released just now", window.detailsModel().stateProperty().get(), "details follow the new record");
        robot.interact(timer::fireAll);
        assertEquals("releasable", window.detailsModel().stateProperty().get());
    }

    @Test
    void aChangedRecordRepaintsItsOwnRow(FxRobot robot) {
        assertTrue(cellsWith(robot, RELEASABLE).contains("idle"));
        int rows = window.tree().getExpandedItemCount();
        fx.cgroup("/idle", true, 7); // one task joins: only the record of /idle changes
        source.moveTo(List.of(fx.read()));
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(rows, window.tree().getExpandedItemCount(), "no row came or went");
        TreeCell<Row> idle = cells(robot).stream().filter(c -> c.getItem().cgroup().name().equals("idle")).findFirst()
                .orElseThrow();
        assertEquals("1", ((Label) idle.lookup(".task-count")).getText(), "the row shows the new task count");
        assertFalse(cellsWith(robot, RELEASABLE).contains("idle"), "and is no longer highlighted");
    }

    @Test
    void newChildrenOfACollapsedCgroupAppearWhenItIsExpanded(FxRobot robot) {
        TreeItem<Row> web = item("/web");
        robot.interact(() -> web.setExpanded(false));
        int rows = window.tree().getExpandedItemCount();
        fx.cgroup("/web/zz", false).cgroup("/web/zz/deeper", true);
        source.moveTo(List.of(fx.read()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(rows, window.tree().getExpandedItemCount(), "a collapsed cgroup's new children add no row");
        assertFalse(shownTexts(robot).contains("zz"));

        robot.interact(() -> web.setExpanded(true));
        assertEquals(rows + 3, window.tree().getExpandedItemCount(), "nginx, php and zz");
        assertTrue(shownTexts(robot).contains("zz"));
        robot.interact(() -> item("/web/zz").setExpanded(true));
        assertEquals(rows + 4, window.tree().getExpandedItemCount());
        assertTrue(shownTexts(robot).contains("deeper"));
    }

    @Test
    void rowsInsertedAboveTheViewDoNotShiftIt(FxRobot robot) {
        for (int i = 0; i < 60; i++) {
            fx.cgroup(String.format("/many/m%02d", i), false);
        }
        source.moveTo(List.of(fx.read()));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            item("/many").setExpanded(true);
            window.tree().scrollTo(window.tree().getRow(item("/many/m30")));
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("m30", cells(robot).get(0).getItem().cgroup().name(), "the test starts with m30 on top");

        fx.cgroup("/aaa", false).cgroup("/many/a-first", false).cgroup("/many/b-second", false);
        source.moveTo(List.of(fx.read()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("m30", cells(robot).get(0).getItem().cgroup().name());
    }

    @Test
    void whenTheSelectedCgroupIsRemovedItsParentIsSelected(FxRobot robot) {
        robot.interact(() -> window.tree().getSelectionModel().select(item("/batch/job-3")));
        fx.remove("/batch/job-3");
        source.moveTo(List.of(fx.read()));
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(item("/batch"), window.tree().getSelectionModel().getSelectedItem());
        assertEquals("/batch", window.detailsModel().rowProperty().get().path());
    }

    @Test
    void theFilterFieldShowsMatchesWithTheirAncestors(FxRobot robot) throws Exception {
        robot.clickOn("#filter-field").write("ngin");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> shownTexts(robot).size() == 3);
        assertEquals(List.of("name=fixture (v1) " + fx.dir(), "web", "nginx"), shownTexts(robot));
        TextField field = robot.lookup("#filter-field").queryAs(TextField.class);
        robot.interact(field::clear);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(fx.read().size(), shownTexts(robot).size());
    }

    @Test
    void aSelectionHiddenByTheFilterComesBackWhenTheFilterIsCleared(FxRobot robot) throws Exception {
        robot.interact(() -> window.tree().getSelectionModel().select(item("/batch/job-2")));
        robot.clickOn("#filter-field").write("nginx");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> shownTexts(robot).size() == 3);
        assertEquals("/", window.tree().getSelectionModel().getSelectedItem().getValue().path(),
                "the nearest shown ancestor");
        TextField field = robot.lookup("#filter-field").queryAs(TextField.class);
        robot.interact(field::clear);
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(item("/batch/job-2"), window.tree().getSelectionModel().getSelectedItem());
    }

    @Test
    void onlyReleasableShowsReleasableCgroupsWithTheirAncestors(FxRobot robot) {
        robot.clickOn("#only-releasable");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("name=fixture (v1) " + fx.dir(), "batch", "job-1", "idle"), shownTexts(robot));
        robot.clickOn("#only-releasable");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(fx.read().size(), shownTexts(robot).size());
    }

    @Test
    void aReleasedCgroupSaysSoUntilItsTimeIsUp(FxRobot robot) {
        fx.cgroup("/batch/job-2", true);
        source.moveTo(List.of(fx.read()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Set.of("job-2"), cellsWith(robot, RELEASED));
        robot.interact(timer::fireAll);
        assertEquals(Set.of(), cellsWith(robot, RELEASED));
        assertTrue(cellsWith(robot, RELEASABLE).contains("job-2"));
    }

    @Test
    void theEventLogCanShowOnlyTheSelectedCgroup(FxRobot robot) {
        fx.cgroup("/web/nginx", false).cgroup("/batch/job-2", true);
        source.moveTo(List.of(fx.read()));
        WaitForAsyncUtils.waitForFxEvents();
        List<LogEntry> all = new ArrayList<>(window.logModel().shown());
        // nginx lost its only task: the engine names the fields that changed, then says it emptied
        assertTrue(all.stream().anyMatch(e -> e.path().equals("/web/nginx") && e.event().equals("changed populated,procs,threads")),
                all.toString());
        assertTrue(all.stream().anyMatch(e -> e.path().equals("/web/nginx") && e.event().equals("emptied")), all.toString());
        assertTrue(all.stream().anyMatch(e -> e.path().startsWith("/batch")));

        robot.interact(() -> window.tree().getSelectionModel().select(item("/web")));
        robot.clickOn("#log-only-selected");
        WaitForAsyncUtils.waitForFxEvents();
        List<LogEntry> shown = window.logModel().shown();
        assertFalse(shown.isEmpty());
        assertTrue(shown.stream().allMatch(e -> e.path().startsWith("/web")), shown.toString());

        robot.clickOn("#log-clear");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, window.logModel().size());
    }

    @Test
    void pausedUpdatesAreHeldAndAppliedOnResume(FxRobot robot) {
        robot.clickOn("#pause-live");
        fx.cgroup("/late", false);
        source.moveTo(List.of(fx.read()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(null, window.treeModel().shownItem(key("/late")), "held while paused");
        robot.clickOn("#pause-live");
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(window.treeModel().shownItem(key("/late")));
    }

    @Test
    void ctrlFFocusesTheFilterAndF5ReReadsTheSource(FxRobot robot) {
        robot.clickOn("#cgroup-tree");
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("filter-field", robot.lookup("#filter-field").query().getScene().getFocusOwner().getId());

        // the source's state moves on without a batch: only F5 can show it
        fx.cgroup("/silent", true);
        List<Snapshot> next = List.of(fx.read());
        source.changeSilently(next);
        robot.clickOn("#cgroup-tree").type(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(window.treeModel().shownItem(key("/silent")));
    }

    @Test
    void deleteInTheTreeAsksTheEditPanelsToRemoveTheSelectedCgroup(FxRobot robot) {
        robot.interact(() -> window.tree().getSelectionModel().select(item("/idle")));
        robot.clickOn("#cgroup-tree");
        robot.interact(() -> window.tree().getSelectionModel().select(item("/idle")));
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("Remove cgroup /idle?"), asked);
        assertTrue(Files.isDirectory(fx.dir().resolve("idle")), "declined: nothing removed");
    }

    @Test
    void theEditPanelsFollowTheSelection(FxRobot robot) {
        robot.interact(() -> window.tree().getSelectionModel().select(item("/batch/job-1")));
        assertTrue(robot.lookup("#editorsTitle").queryAs(Label.class).getText().contains("/batch/job-1"));
    }

    @Test
    void readWriteWindowShowsNoBannerAndSaysReadWrite(FxRobot robot) {
        assertFalse(robot.lookup("#read-only-banner").query().isVisible());
        assertTrue(robot.lookup(".access-read-write").tryQuery().isPresent());
    }

    // ---- helpers

    private CgroupKey key(String path) {
        return CgroupKey.of(host.id(), fx.hierarchy(), path);
    }

    private TreeItem<Row> item(String path) {
        return StagedWindow.shownItem(window, key(path));
    }

    /** The texts of the shown rows, top to bottom. */
    private static List<String> shownTexts(FxRobot robot) {
        return cells(robot).stream().map(c -> c.getItem().text()).toList();
    }

    private static Set<String> cellsWith(FxRobot robot, PseudoClass state) {
        return cells(robot).stream().filter(c -> c.getPseudoClassStates().contains(state))
                .map(c -> c.getItem().cgroup().name()).collect(Collectors.toCollection(TreeSet::new));
    }

    @SuppressWarnings("unchecked")
    private static List<TreeCell<Row>> cells(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        List<TreeCell<Row>> result = new ArrayList<>();
        for (Node n : robot.lookup(".cgroup-cell").queryAll()) {
            TreeCell<Row> c = (TreeCell<Row>) n;
            if (!c.isEmpty() && c.getItem() != null && c.isVisible()) {
                result.add(c);
            }
        }
        result.sort((a, b) -> Integer.compare(a.getIndex(), b.getIndex()));
        return result;
    }
}
