package io.cgscope.ui.window;

import io.cgscope.host.CgroupHost;
import io.cgscope.testkit.Eventually;
import io.cgscope.ui.editors.Confirmer;
import io.cgscope.ui.tree.CgroupKey;
import io.cgscope.ui.tree.ManualTimer;
import io.cgscope.ui.tree.Row;
import io.cgscope.ui.tree.RowStates;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TreeCell;
import javafx.stage.Stage;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.control.ToggleSwitch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window's tests that hold on every kind of host, run through the one interface the window
 * knows: each subclass opens the same tree on its host (fixture directory, private kernel
 * hierarchy, memory) and declares the {@code @Start} method that calls {@link #open} (TestFX looks
 * for it on the test class itself). The tree: {@code /jobs} (notify_on_release 0) with {@code
 * done} (notify_on_release 1, empty: releasable) and {@code busy} (one task), and {@code /quiet}.
 */
abstract class WindowOnHostContract {
    private static final String RELEASABLE_REASON = "empty, notify_on_release 1: the agent runs when its last task"
            + " leaves or its last child is removed (never for a cgroup that had neither)";

    private final ExecutorService background = Executors.newSingleThreadExecutor();
    protected CgroupHost host;
    protected MainWindow window;

    /** Makes the tree above on the host under test and opens the host. */
    abstract CgroupHost openHost() throws Exception;

    /** The pid of the task in {@code /jobs/busy}. */
    abstract int busyPid();

    /** Makes an empty cgroup at {@code path} on the host, as someone else would (notify_on_release 0). */
    abstract void addOnHost(String path) throws Exception;

    /** Removes the empty cgroup at {@code path} from the host, as someone else would. */
    abstract void removeOnHost(String path) throws Exception;

    /** Unmounts or removes what {@link #openHost} made; the host is closed already. */
    void cleanUp() {
    }

    /** What a question of the edit panels is answered: no, unless a test says otherwise. */
    Confirmer confirmer() {
        return TestHosts.NEVER;
    }

    void open(Stage stage) throws Exception {
        host = openHost();
        window = new MainWindow(host, confirmer(), Platform::runLater, background, new ManualTimer());
        StagedWindow.show(stage, window, 1200, 800);
    }

    @AfterEach
    void closeHost() throws InterruptedException {
        if (host != null) {
            host.close();
        }
        background.shutdownNow();
        background.awaitTermination(10, TimeUnit.SECONDS);
        cleanUp();
    }

    @Test
    void theTreeShowsTheHostsCgroups(FxRobot robot) {
        awaitLoaded(robot);
        assertEquals(Set.of("busy", "done", "jobs", "quiet"), namesOfCells(robot, null));
        assertEquals(5, onFx(() -> window.treeModel().cgroupCountProperty().get()), "the four and the root");
    }

    @Test
    void aReleasableCgroupIsMarkedWithItsReason(FxRobot robot) {
        awaitLoaded(robot);
        assertEquals(Set.of("done"), namesOfCells(robot, RowStates.RELEASABLE));
        select(robot, "/jobs/done");
        assertEquals("releasable", onFx(() -> window.detailsModel().stateProperty().get()));
        assertEquals(RELEASABLE_REASON, onFx(() -> window.detailsModel().reasonProperty().get()));
        String tooltip = onFx(() -> cells(robot).stream().filter(c -> c.getItem().path().equals("/jobs/done"))
                .findFirst().orElseThrow().getTooltip().getText());
        assertTrue(tooltip.contains(RELEASABLE_REASON), tooltip);
    }

    @Test
    void theDetailsShowTheTextOfTheInterfaceFiles(FxRobot robot) {
        awaitLoaded(robot);
        select(robot, "/jobs/done");
        Eventually.awaitEquals("notify_on_release of /jobs/done", "1", () -> fileTexts().get("notify_on_release"));
        select(robot, "/jobs/busy");
        Eventually.awaitEquals("cgroup.procs of /jobs/busy", Integer.toString(busyPid()),
                () -> fileTexts().get("cgroup.procs"));
    }

    @Test
    void aCgroupMadeAndRemovedOnTheHostComesAndGoesInTheTreeAndTheLog(FxRobot robot) throws Exception {
        awaitLoaded(robot);
        addOnHost("/jobs/new");
        Eventually.await("/jobs/new in the tree", () -> onFx(() -> window.treeModel().shownItem(key("/jobs/new")) != null));
        removeOnHost("/jobs/done");
        Eventually.await("/jobs/done gone from the tree",
                () -> onFx(() -> window.treeModel().shownItem(key("/jobs/done")) == null));

        robot.interact(() -> StagedWindow.expandAll(window));
        assertEquals(Set.of("busy", "jobs", "new", "quiet"), namesOfCells(robot, null), "no ghost row");
        assertEquals(Set.of(), namesOfCells(robot, RowStates.RELEASABLE), "the one releasable cgroup went");
        List<String> log = onFx(() -> window.logModel().shown().stream().map(e -> e.path() + " " + e.event()).toList());
        assertTrue(log.contains("/jobs/new added"), log.toString());
        assertTrue(log.contains("/jobs/done removed"), log.toString());
    }

    @Test
    void onlyReleasableShowsTheReleasableWithTheirAncestors(FxRobot robot) {
        awaitLoaded(robot);
        robot.clickOn("#only-releasable");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Set.of("done", "jobs"), namesOfCells(robot, null));
        robot.clickOn("#only-releasable");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> StagedWindow.expandAll(window));
        assertEquals(Set.of("busy", "done", "jobs", "quiet"), namesOfCells(robot, null));
    }

    @Test
    void whatMayBeWrittenFollowsTheHostsAccess(FxRobot robot) {
        awaitLoaded(robot);
        boolean readOnly = !host.access().writable();
        Label banner = robot.lookup("#read-only-banner").queryAs(Label.class);
        assertEquals(readOnly, onFx(banner::isVisible), "the banner shows exactly when the host is read-only");
        if (readOnly) {
            assertEquals(host.access().whyReadOnly(), onFx(banner::getText), "in the host's own words");
        }
        assertEquals(readOnly, robot.lookup(".access-read-only").tryQuery().isPresent(), "the status bar");
        assertEquals(!readOnly, robot.lookup(".access-read-write").tryQuery().isPresent(), "the status bar");
        select(robot, "/jobs/done");
        for (String panel : List.of("#editorsFlags", "#editorsActions")) {
            List<Control> controls = onFx(() -> editControls(robot.lookup(panel).queryAs(Node.class)));
            assertTrue(!controls.isEmpty(), panel + " has controls");
            if (readOnly) {
                assertTrue(onFx(() -> controls.stream().allMatch(Node::isDisabled)), panel + ": every control disabled");
            } else {
                assertTrue(onFx(() -> controls.stream().anyMatch(c -> !c.isDisabled())), panel + ": a control to use");
            }
        }
    }

    @Test
    void processesAreStartedHereExactlyWhereTheHostHasNoShellBesideIt(FxRobot robot) {
        awaitLoaded(robot);
        select(robot, "/jobs/busy");
        boolean offered = host.access().writable() && host.processes().isPresent();
        assertEquals(offered, onFx(() -> robot.lookup(".process-controls").query().isVisible()),
                "start, exit and move show for a simulated kernel, never for a machine with its own programs");
    }

    /** The buttons, switches and fields below {@code node}. */
    private static List<Control> editControls(Node node) {
        List<Control> found = new ArrayList<>();
        if (node instanceof ButtonBase || node instanceof ToggleSwitch || node instanceof TextInputControl) {
            found.add((Control) node);
        }
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(child -> found.addAll(editControls(child)));
        }
        return found;
    }

    // ---- helpers

    void awaitLoaded(FxRobot robot) {
        Eventually.await("the host's first state is in the tree", () -> onFx(() -> window.loadedProperty().get()));
        robot.interact(() -> StagedWindow.expandAll(window));
    }

    /** The key of {@code path} in the hierarchy shown first: each host names its hierarchy its own way. */
    CgroupKey key(String path) {
        return onFx(() -> window.tree().getRoot().getChildren().get(0).getValue().key().withPath(path));
    }

    void select(FxRobot robot, String path) {
        CgroupKey key = key(path);
        robot.interact(() -> window.tree().select(key));
        assertEquals(path, onFx(() -> window.detailsModel().rowProperty().get().path()));
    }

    /** The interface files the details show now, by name. */
    Map<String, String> fileTexts() {
        return onFx(() -> {
            Map<String, String> texts = new TreeMap<>();
            for (PropertySheet.Item i : window.detailsModel().files()) {
                texts.put(i.getName(), (String) i.getValue());
            }
            return texts;
        });
    }

    /** The names on the cgroups' cells (headers left out) with {@code state}, or all when null. */
    static Set<String> namesOfCells(FxRobot robot, PseudoClass state) {
        WaitForAsyncUtils.waitForFxEvents();
        return onFx(() -> {
            Set<String> names = new TreeSet<>();
            for (TreeCell<Row> c : cells(robot)) {
                if (!c.getItem().top() && (state == null || c.getPseudoClassStates().contains(state))) {
                    names.add(c.getItem().cgroup().name());
                }
            }
            return names;
        });
    }

    @SuppressWarnings("unchecked")
    private static List<TreeCell<Row>> cells(FxRobot robot) {
        return robot.lookup(".cgroup-cell").queryAll().stream().map(n -> (TreeCell<Row>) n)
                .filter(c -> !c.isEmpty() && c.getItem() != null && c.isVisible()).toList();
    }

    static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
