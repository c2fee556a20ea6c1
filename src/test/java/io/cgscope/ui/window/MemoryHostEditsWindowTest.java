package io.cgscope.ui.window;

import io.cgscope.host.Access;
import io.cgscope.host.CgroupHost;
import io.cgscope.model.CgroupFiles;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.ProcessRow;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.MemoryHost;
import io.cgscope.ui.editors.Confirmer;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every edit panel of the window on a host held in memory: each write reaches the host, is read
 * back from it, shows in the tree, and each refusal is the host's own sentence. Nothing here is a
 * kernel: this is what a simulated kernel or a remote machine gets from the window.
 */
@ExtendWith(ApplicationExtension.class)
class MemoryHostEditsWindowTest extends WindowOnHostContract {
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
                .process(new ProcessRow(BUSY_PID, "make", "alice", 3, "make -j3 all"))
                .process(new ProcessRow(OTHER_PID, "sleep", "bob", 1, "sleep 60"));
        return memory;
    }

    /** Every question is answered yes: the host, not a "no", is what refuses here. */
    @Override
    Confirmer confirmer() {
        return (title, message) -> true;
    }

    @Override
    void addOnHost(String path) {
        memory.cgroup(h, path, false);
    }

    @Override
    void removeOnHost(String path) {
        memory.remove(h, path);
    }

    @Override
    int busyPid() {
        return BUSY_PID;
    }

    /**
     * Scrolls the edit panels so that {@code id} is in view, as a person would before using it:
     * at the window's size the panels are taller than their place.
     */
    private String shown(FxRobot robot, String id) {
        robot.interact(() -> {
            Node n = robot.lookup(id).query();
            ScrollPane scroll = (ScrollPane) robot.lookup(".editors-scroll").query();
            Node content = scroll.getContent();
            Bounds b = content.sceneToLocal(n.localToScene(n.getBoundsInLocal()));
            double room = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
            scroll.setVvalue(room <= 0 ? 0 : Math.min(1, Math.max(0, (b.getMinY() - 20) / room)));
        });
        return id;
    }

    private String message(FxRobot robot) {
        return onFx(() -> robot.lookup("#editorsMessage").queryAs(Label.class).getText());
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
        robot.clickOn(shown(robot, "#removeCgroup"));
        Eventually.await("a refusal that names the tasks; it says \"" + message(robot) + "\"",
                () -> message(robot).contains("busy") || message(robot).contains("process"));
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
