package io.cgscope.ui.window;

import io.cgscope.host.Access;
import io.cgscope.host.CgroupHost;
import io.cgscope.model.CgroupFiles;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.ProcessRow;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.MemoryHost;
import io.cgscope.ui.editors.Confirmer;
import io.cgscope.ui.log.LogEntry;
import io.cgscope.ui.tree.RowStates;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window's tests on every host, here on a host held in memory (no kernel, no file), and what
 * such a host does: a change it makes shows in the tree and the event log, the details show its
 * files and its process table, and every edit panel writes to it, reads back from it and shows
 * its refusals in its own words. This is what a simulated kernel or a remote machine gets from
 * the window.
 */
@ExtendWith(ApplicationExtension.class)
class MemoryHostWindowTest extends WindowOnHostContract {
    private static final int BUSY_PID = 310;
    private static final int OTHER_PID = 311;
    private final Hierarchy h = MemoryHost.v1("teaching");
    private MemoryHost memory;

    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    @Override
    CgroupHost openHost() {
        memory = new MemoryHost("memory", Access.readWrite()).hierarchy(h)
                .cgroup(h, "/jobs", false).cgroup(h, "/jobs/done", true).cgroup(h, "/jobs/busy", false, BUSY_PID)
                .cgroup(h, "/quiet", false, OTHER_PID)
                .file(h, "/jobs/busy", "memory.stat", "rss 8192\nswap 0\n")
                .process(new ProcessRow(BUSY_PID, "make", "alice", 3, "make -j3 all"))
                .process(new ProcessRow(OTHER_PID, "sleep", "bob", 1, "sleep 60"));
        return memory;
    }

    @Override
    void addOnHost(String path) {
        memory.cgroup(h, path, false);
    }

    @Override
    void removeOnHost(String path) {
        memory.remove(h, path);
    }

    /** Every question of the edit panels is answered yes: the host, not a "no", is what refuses here. */
    @Override
    Confirmer confirmer() {
        return (title, message) -> true;
    }

    @Override
    int busyPid() {
        return BUSY_PID;
    }

    @Test
    void aChangeOnTheHostShowsInTheTreeAndTheEventLog(FxRobot robot) {
        awaitLoaded(robot);
        memory.cgroup(h, "/jobs/busy", false); // its task leaves
        memory.cgroup(h, "/jobs/new", true);

        Eventually.await("the new cgroup is in the tree", () -> onFx(() -> window.treeModel().shownItem(key("/jobs/new")) != null));
        robot.interact(() -> StagedWindow.expandAll(window));
        assertEquals(Set.of("done", "new"), namesOfCells(robot, RowStates.RELEASABLE));
        List<LogEntry> log = onFx(() -> List.copyOf(window.logModel().shown()));
        // a new empty cgroup with notify_on_release 1 is added and, in the same batch, releasable
        assertEquals(List.of("added", "releasable"), log.stream().filter(e -> e.path().equals("/jobs/new"))
                .map(LogEntry::event).toList());
        assertEquals(List.of("memory"), log.stream().map(LogEntry::host).distinct().toList(), "each event names its host");
        assertEquals(1, log.stream().filter(e -> e.path().equals("/jobs/busy") && e.event().equals("emptied")).count(),
                log.toString());
    }

    @Test
    void theDetailsShowTheHostsFilesAndProcessTable(FxRobot robot) {
        awaitLoaded(robot);
        select(robot, "/jobs/busy");
        Eventually.awaitEquals("memory.stat as the host has it", "rss 8192 · swap 0", () -> fileTexts().get("memory.stat"));
        @SuppressWarnings("unchecked")
        TableView<ProcessRow> table = robot.lookup(".process-table").queryAs(TableView.class);
        Eventually.awaitEquals("the process table", List.of(new ProcessRow(BUSY_PID, "make", "alice", 3, "make -j3 all")),
                () -> onFx(() -> List.copyOf(table.getItems())));
    }

    /**
     * Scrolls the edit panels so that {@code id} is in view, as a person would before using it:
     * at the window's size the panels are taller than their place.
     */
    private String shown(FxRobot robot, String id) {
        robot.interact(() -> {
            window.showEditPanels();
            Node n = robot.lookup(id).query();
            ScrollPane scroll = (ScrollPane) robot.lookup(".editors-scroll").query();
            Node content = scroll.getContent();
            Bounds b = content.sceneToLocal(n.localToScene(n.getBoundsInLocal()));
            double room = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
            scroll.setVvalue(room <= 0 ? 0 : Math.min(1, Math.max(0, (b.getMinY() - 20) / room)));
        });
        return id;
    }

    /** What the panels' answer lines say now (each panel answers under its own controls). */
    private String message(FxRobot robot) {
        return onFx(() -> robot.lookup(".editors-message").queryAllAs(Label.class).stream().map(Label::getText)
                .filter(t -> !t.isEmpty()).collect(java.util.stream.Collectors.joining(" | ")));
    }

    private void awaitMessage(FxRobot robot, String containing) {
        Eventually.await("the panel says \"" + containing + "\"; it says \"" + message(robot) + "\"",
                () -> message(robot).contains(containing));
    }

    private CgroupFiles now(String path) {
        return memory.readCgroup(h, path).orElseThrow();
    }

    @Test
    void theFlagSwitchesWriteToTheHostAndShowWhatItReadsBack(FxRobot robot) {
        awaitLoaded(robot);
        select(robot, "/jobs");

        robot.clickOn(robot.lookup(shown(robot, "#notifyToggle") + " .thumb-area").queryAs(Node.class));
        awaitMessage(robot, "notify_on_release of /jobs is now 1 (read back)");
        assertEquals(Boolean.TRUE, now("/jobs").notifyOnRelease());

        robot.clickOn(robot.lookup(shown(robot, "#cloneToggle") + " .thumb-area").queryAs(Node.class));
        awaitMessage(robot, "cgroup.clone_children of /jobs is now 1 (read back)");
        assertEquals(Boolean.TRUE, now("/jobs").cloneChildren());
    }

    @Test
    void theReleaseAgentIsSetAndCleared(FxRobot robot) {
        awaitLoaded(robot);
        select(robot, "/jobs");

        robot.clickOn(shown(robot, "#agentField")).write("/usr/local/sbin/reap");
        robot.clickOn(shown(robot, "#agentApply"));
        awaitMessage(robot, "release_agent is now /usr/local/sbin/reap (read back)");
        assertEquals(Optional.of("/usr/local/sbin/reap"), memory.releaseAgent(h));
        assertEquals("The kernel has: /usr/local/sbin/reap", onFx(() -> robot.lookup("#agentCurrent").queryLabeled().getText()));

        robot.clickOn(shown(robot, "#agentClear"));
        awaitMessage(robot, "release_agent is now none (read back)");
        assertEquals(Optional.of(""), memory.releaseAgent(h));
    }

    @Test
    void theRecorderOfTheKernelsCallsIsInstalledAndTheAgentSetBeforePutBack(FxRobot robot) throws Exception {
        awaitLoaded(robot);
        memory.edits(h).orElseThrow().setReleaseAgent("/usr/local/sbin/reap");
        select(robot, "/jobs");
        Eventually.await("the panel offers to record", () -> onFx(() -> {
            Button b = robot.lookup("#recordCalls").queryButton();
            return b.isVisible() && !b.isDisabled() && b.getText().equals("Record the kernel's calls");
        }));
        robot.clickOn(shown(robot, "#recordCalls"));
        awaitMessage(robot, "release_agent is now " + MemoryHost.RECORDER + " (read back)");
        assertEquals(Optional.of(MemoryHost.RECORDER), memory.releaseAgent(h));
        Eventually.await("the panel offers to stop, and says what the recorder runs", () -> onFx(() ->
                robot.lookup("#recordCalls").queryButton().getText().equals("Stop recording the kernel's calls")
                        && robot.lookup("#recordStatus").queryAs(Label.class).getText()
                        .contains("recorder installed, chains to /usr/local/sbin/reap")));

        robot.clickOn(shown(robot, "#recordCalls"));
        awaitMessage(robot, "release_agent is now /usr/local/sbin/reap (read back)");
        assertEquals(Optional.of("/usr/local/sbin/reap"), memory.releaseAgent(h));
    }

    @Test
    void aChildIsCreatedAndANameTakenIsRefusedInWords(FxRobot robot) {
        awaitLoaded(robot);
        select(robot, "/jobs");

        robot.clickOn(shown(robot, "#childName")).write("kid").type(KeyCode.ENTER);
        awaitMessage(robot, "Created /jobs/kid");
        Eventually.await("/jobs/kid in the tree", () -> onFx(() -> window.treeModel().shownItem(key("/jobs/kid")) != null));

        robot.clickOn(shown(robot, "#childName")).eraseText(10).write("done").type(KeyCode.ENTER);
        awaitMessage(robot, "Nothing written");
        assertTrue(message(robot).contains("done"), message(robot));
        assertEquals(3, now("/jobs").children().size(), "done, busy, kid: no second done");
    }

    @Test
    void removingABusyCgroupIsRefusedAndAnEmptyOneGoes(FxRobot robot) {
        awaitLoaded(robot);
        select(robot, "/jobs/busy");
        // refused up front: nothing to press, and the note beside the button names the process
        assertTrue(onFx(() -> robot.lookup(shown(robot, "#removeCgroup")).query().isDisabled()));
        String note = onFx(() -> robot.lookup("#removeNote").queryAs(Label.class).getText());
        assertTrue(note.contains("process " + BUSY_PID), note);
        assertTrue(memory.readCgroup(h, "/jobs/busy").isPresent(), "still there");

        select(robot, "/jobs/done");
        robot.clickOn(shown(robot, "#removeCgroup"));
        Eventually.await("/jobs/done removed from the host", () -> memory.readCgroup(h, "/jobs/done").isEmpty());
        Eventually.await("and from the tree", () -> onFx(() -> window.treeModel().shownItem(key("/jobs/done")) == null));
    }

    @Test
    void aProcessIsMovedAndAPidThatIsNoneIsRefusedInWords(FxRobot robot) {
        awaitLoaded(robot);
        select(robot, "/jobs/done");

        robot.clickOn(shown(robot, "#pidField")).write("abc").type(KeyCode.ENTER);
        awaitMessage(robot, "\"abc\" is not a pid");

        robot.clickOn(shown(robot, "#pidField")).eraseText(3).write("4242").type(KeyCode.ENTER);
        awaitMessage(robot, "No process with pid 4242");

        robot.clickOn(shown(robot, "#pidField")).eraseText(4).write(Integer.toString(OTHER_PID)).type(KeyCode.ENTER);
        Eventually.await("pid " + OTHER_PID + " in /jobs/done", () -> now("/jobs/done").procs().contains(OTHER_PID));
        assertTrue(now("/quiet").procs().isEmpty(), "moved, not copied");
    }
}
