package io.cgscope.ui.window;

import io.cgscope.host.Access;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.ProcessRow;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.MemoryHost;
import io.cgscope.ui.log.LogEntry;
import io.cgscope.ui.tree.CgroupKey;
import io.cgscope.ui.tree.ManualTimer;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.controlsfx.control.PropertySheet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.cgscope.ui.window.WindowOnHostContract.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window as a person uses it, on a writable host held in memory: where the answer to an edit
 * appears and how long it stays, and that everything shown for the selected cgroup follows the
 * host's changes. The tree: {@code /jobs} with {@code done} (notify_on_release 1, empty) and
 * {@code busy} (one process), and {@code /quiet}.
 */
@ExtendWith(ApplicationExtension.class)
class WindowAsUsedTest {
    private static final int BUSY_PID = 310;
    private final Hierarchy h = MemoryHost.v1("teaching");
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private MemoryHost memory;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        memory = new MemoryHost("memory", Access.readWrite()).hierarchy(h)
                .cgroup(h, "/jobs", false).cgroup(h, "/jobs/done", true).cgroup(h, "/jobs/busy", false, BUSY_PID)
                .cgroup(h, "/quiet", false)
                .process(new ProcessRow(BUSY_PID, "make", "alice", 3, "make -j3 all"));
        window = new MainWindow(memory, (title, message) -> {
            asked.add(title);
            return true;
        }, Platform::runLater, background, new ManualTimer());
        StagedWindow.show(stage, window, 1200, 800);
    }

    @AfterEach
    void closeHost() throws InterruptedException {
        memory.close();
        background.shutdownNow();
        background.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void aMessageIsShownOnlyWithTheCgroupItWasAbout(FxRobot robot) {
        select(robot, "/jobs/done");
        robot.interact(() -> robot.lookup("#pidField").queryAs(TextField.class).setText("abc"));
        robot.interact(() -> robot.lookup("#movePid").queryAs(Button.class).fire());
        Eventually.await("the refusal is shown", () -> shownMessages(robot).stream().anyMatch(m -> m.contains("abc")));

        select(robot, "/quiet");
        assertEquals(List.of(), shownMessages(robot), "a message about /jobs/done is not shown with /quiet");
    }

    @Test
    void theAnswerToAnEditAppearsNextToItsControlWithoutMovingIt(FxRobot robot) {
        select(robot, "/jobs/done");
        ScrollPane scroll = robot.lookup(".editors-scroll").queryAs(ScrollPane.class);
        Button move = robot.lookup("#movePid").queryAs(Button.class);
        robot.interact(() -> {
            scroll.setVvalue(scroll.getVmax()); // the actions in view, the top of the panel out of it
            robot.lookup("#pidField").queryAs(TextField.class).setText("abc");
        });
        WaitForAsyncUtils.waitForFxEvents();
        double before = onFx(() -> move.localToScene(move.getBoundsInLocal()).getMinY());

        robot.interact(move::fire);
        Eventually.await("the refusal is shown", () -> !shownMessages(robot).isEmpty());
        Label message = onFx(() -> robot.lookup(".editors-message").queryAllAs(Label.class).stream()
                .filter(l -> l.getText().contains("abc")).findFirst().orElseThrow());
        Bounds viewport = onFx(() -> scroll.localToScene(scroll.getBoundsInLocal()));
        Bounds shown = onFx(() -> message.localToScene(message.getBoundsInLocal()));
        assertTrue(viewport.contains(shown.getMinX(), shown.getMinY()) && viewport.contains(shown.getMaxX() - 1,
                shown.getMaxY() - 1), "the message is in view: " + shown + " in " + viewport);
        assertEquals(before, onFx(() -> move.localToScene(move.getBoundsInLocal()).getMinY()), 0.5,
                "the button stays under the mouse");
    }

    @Test
    void theEventLogKeepsWhatWasWrittenAndReadBack(FxRobot robot) {
        select(robot, "/quiet");
        robot.clickOn(robot.lookup("#notifyToggle .thumb-area").queryAs(Node.class));
        Eventually.await("the write is in the event log", () -> onFx(() -> window.logModel().shown().stream()
                .anyMatch(e -> e.path().equals("/quiet") && e.event().equals("you set notify_on_release 1, read back 1"))));
        robot.interact(() -> robot.lookup("#childName").queryAs(TextField.class).setText("kid"));
        robot.interact(() -> robot.lookup("#createChild").queryAs(Button.class).fire());
        Eventually.await("the new child is in the event log", () -> onFx(() -> window.logModel().shown().stream()
                .anyMatch(e -> e.path().equals("/quiet") && e.event().startsWith("you created /quiet/kid"))));
    }

    @Test
    void theInterfaceFilesFollowTheHostsChanges(FxRobot robot) {
        select(robot, "/jobs/done");
        Eventually.awaitEquals("notify_on_release as first read", "1", () -> fileTexts().get("notify_on_release"));
        memory.cgroup(h, "/jobs/done", false);
        Eventually.awaitEquals("notify_on_release after it changed", "0", () -> fileTexts().get("notify_on_release"));

        select(robot, "/jobs/busy");
        Eventually.awaitEquals("cgroup.procs as first read", Integer.toString(BUSY_PID), () -> fileTexts().get("cgroup.procs"));
        memory.cgroup(h, "/jobs/busy", false); // its process leaves
        Eventually.awaitEquals("cgroup.procs once it left", "", () -> fileTexts().get("cgroup.procs"));
    }

    @Test
    void theDescendantCountFollowsANewChild(FxRobot robot) {
        select(robot, "/jobs");
        assertTrue(onFx(() -> window.detailsModel().countsProperty().get()).endsWith("2 children · 2 descendants"));
        memory.cgroup(h, "/jobs/new", false);
        Eventually.await("the counts say 3", () -> onFx(() -> window.detailsModel().countsProperty().get())
                .endsWith("3 children · 3 descendants"));
        memory.cgroup(h, "/jobs/new/deeper", false);
        Eventually.await("the counts say 4 below", () -> onFx(() -> window.detailsModel().countsProperty().get())
                .endsWith("3 children · 4 descendants"));
    }

    @Test
    void aSelectedCgroupRemovedElsewhereLeavesItsNearestAncestorSelectedAndSaysSo(FxRobot robot) {
        memory.cgroup(h, "/jobs/done/inner", false);
        select(robot, "/jobs/done/inner");
        memory.remove(h, "/jobs/done");
        Eventually.awaitEquals("the nearest surviving ancestor is selected", "/jobs",
                () -> onFx(() -> window.detailsModel().rowProperty().get().path()));
        WaitForAsyncUtils.waitForFxEvents();
        Label gone = robot.lookup(".details-gone").queryAs(Label.class);
        assertTrue(onFx(() -> reallyVisible(gone)), "the details say what happened");
        String said = onFx(gone::getText);
        assertTrue(said.contains("/jobs/done/inner") && said.contains("removed"), said);

        select(robot, "/quiet");
        assertTrue(onFx(() -> !reallyVisible(gone)), "a cgroup the user chose needs no such note");
    }

    @Test
    void theEventLogFollowsTheNewestUnlessScrolledUpThenSaysHowManyAreNew(FxRobot robot) {
        select(robot, "/quiet");
        @SuppressWarnings("unchecked")
        TableView<LogEntry> table = robot.lookup("#event-table").queryAs(TableView.class);
        for (int i = 0; i < 40; i++) {
            memory.cgroup(h, "/quiet/c" + i, false);
        }
        Eventually.await("the newest event is in view", () -> onFx(() -> lastVisibleRow(table) == table.getItems().size() - 1
                && table.getItems().get(table.getItems().size() - 1).path().equals("/quiet/c39")));

        robot.interact(() -> table.scrollTo(0)); // the user scrolls up to read
        int before = onFx(() -> table.getItems().size());
        memory.cgroup(h, "/quiet/d1", false).cgroup(h, "/quiet/d2", false).cgroup(h, "/quiet/d3", false);
        Eventually.await("the log has them", () -> onFx(() -> table.getItems().stream()
                .anyMatch(e -> e.path().equals("/quiet/d3"))));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, onFx(() -> firstVisibleRow(table)), "the rows being read stay in view");
        Button fresh = robot.lookup("#log-new").queryAs(Button.class);
        assertTrue(onFx(() -> reallyVisible(fresh)), "the log says there is more below");
        int arrived = onFx(() -> table.getItems().size()) - before;
        assertTrue(arrived >= 3, "each new cgroup is at least one line");
        assertEquals(arrived + " new ↓", onFx(fresh::getText));

        robot.interact(fresh::fire);
        Eventually.await("back at the newest", () -> onFx(() -> lastVisibleRow(table) == table.getItems().size() - 1));
        assertTrue(onFx(() -> !reallyVisible(fresh)));
    }

    @Test
    void theRootsTaskChurnIsMutedUntilAskedFor(FxRobot robot) {
        select(robot, "/quiet");
        memory.cgroup(h, "/", false, 4242); // a task starts in the root, as they do all the time
        memory.cgroup(h, "/quiet/shown", false);
        Eventually.await("the new cgroup is in the log", () -> onFx(() -> window.logModel().shown().stream()
                .anyMatch(e -> e.path().equals("/quiet/shown"))));
        assertEquals(List.of(), onFx(() -> window.logModel().shown().stream().filter(e -> e.path().equals("/")).toList()),
                "the root's task churn is not shown by default");
        ToggleButton churn = robot.lookup("#log-root-churn").queryAs(ToggleButton.class);
        assertTrue(onFx(churn::getText).contains("1"), "the toggle says how many are hidden: " + onFx(churn::getText));
        robot.interact(churn::fire);
        assertEquals(List.of("changed procs,threads"), onFx(() -> window.logModel().shown().stream()
                .filter(e -> e.path().equals("/")).map(LogEntry::event).toList()));
    }

    @Test
    void removingACgroupWithProcessesSaysSoUpFrontAndAsksNothing(FxRobot robot) {
        select(robot, "/jobs/busy");
        Button remove = robot.lookup("#removeCgroup").queryAs(Button.class);
        Label note = robot.lookup("#removeNote").queryAs(Label.class);
        assertTrue(onFx(remove::isDisabled), "nothing to press that the kernel would refuse");
        assertTrue(onFx(() -> reallyVisible(note) && note.getText().contains(Integer.toString(BUSY_PID))),
                "the note next to the button names the process: " + onFx(note::getText));

        robot.interact(() -> window.tree().requestFocus());
        robot.type(KeyCode.DELETE);
        Eventually.await("the refusal is shown", () -> !shownMessages(robot).isEmpty());
        assertEquals(List.of(), asked, "no question whose answer could only be refused");
        String said = shownMessages(robot).get(0);
        assertTrue(said.startsWith("Nothing written") && said.contains(Integer.toString(BUSY_PID)), said);
        assertTrue(memory.readCgroup(h, "/jobs/busy").isPresent());

        select(robot, "/jobs/done");
        assertTrue(onFx(() -> !remove.isDisabled() && !reallyVisible(note)), "an empty cgroup may be removed");
    }

    @Test
    void f5SaysWhenItReadTheHostAgain(FxRobot robot) {
        select(robot, "/quiet");
        Label reread = robot.lookup("#status-reread").queryAs(Label.class);
        robot.interact(() -> window.tree().requestFocus());
        robot.type(KeyCode.F5);
        Eventually.await("the status bar says it re-read", () -> onFx(() -> reallyVisible(reread)
                && reread.getText().startsWith("re-read ")));
    }

    @Test
    void theLegendSaysWhenTheAgentRunsAsTheDetailsDo(FxRobot robot) {
        select(robot, "/jobs/done"); // flagged and never used: it waits for a task or a child to come and go
        String legend = onFx(() -> robot.lookup(".legend-entry-releasable .label").queryAs(Label.class).getText());
        String reason = onFx(() -> window.detailsModel().reasonProperty().get());
        assertTrue(reason.contains("last task leaves or its last child is removed"), reason);
        assertTrue(legend.contains("when its last task or child leaves"), legend);
    }

    @Test
    void theArrowKeysMoveThroughTheTreeAsSoonAsTheWindowOpens(FxRobot robot) {
        Eventually.await("the host's first state is in the tree", () -> onFx(() -> window.loadedProperty().get()));
        assertTrue(onFx(() -> window.getScene().getFocusOwner() == window.tree()),
                "the tree has the keyboard, not " + onFx(() -> window.getScene().getFocusOwner()));
        robot.interact(() -> window.tree().getSelectionModel().select(0));
        String before = onFx(() -> window.tree().getSelectionModel().getSelectedItem().getValue().path());
        robot.type(KeyCode.DOWN);
        Eventually.await("the next row is selected", () -> onFx(() -> {
            var item = window.tree().getSelectionModel().getSelectedItem();
            return item != null && !item.getValue().path().equals(before);
        }));
    }

    // ---- helpers

    private static int lastVisibleRow(TableView<?> table) {
        VirtualFlow<?> flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
        return flow.getLastVisibleCell() == null ? -1 : flow.getLastVisibleCell().getIndex();
    }

    private static int firstVisibleRow(TableView<?> table) {
        VirtualFlow<?> flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
        return flow.getFirstVisibleCell() == null ? -1 : flow.getFirstVisibleCell().getIndex();
    }

    /** The interface files the details show now, by name. */
    private Map<String, String> fileTexts() {
        return onFx(() -> {
            Map<String, String> texts = new TreeMap<>();
            for (PropertySheet.Item i : window.detailsModel().files()) {
                texts.put(i.getName(), (String) i.getValue());
            }
            return texts;
        });
    }

    private void select(FxRobot robot, String path) {
        Eventually.await("the host's first state is in the tree", () -> onFx(() -> window.loadedProperty().get()));
        CgroupKey key = onFx(() -> window.tree().getRoot().getChildren().get(0).getValue().key().withPath(path));
        robot.interact(() -> {
            window.tree().select(key);
            window.showEditPanels();
        });
        assertEquals(path, onFx(() -> window.detailsModel().rowProperty().get().path()));
    }

    /** The texts of the edit panels' messages a person can see now. */
    private static List<String> shownMessages(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        return onFx(() -> robot.lookup(".editors-message").queryAllAs(Label.class).stream()
                .filter(WindowAsUsedTest::reallyVisible).map(Label::getText).filter(t -> !t.isEmpty()).toList());
    }

    static boolean reallyVisible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null;
    }
}
