package io.cgscope.ui.editors;

import io.cgscope.host.CgroupHost;
import io.cgscope.kernel.CgroupReader;
import io.cgscope.kernel.CgroupWriter;
import io.cgscope.kernel.MountInfo;
import io.cgscope.kernel.OwnProcess;
import io.cgscope.kernel.Privileges;
import io.cgscope.local.HostOpener;
import io.cgscope.model.Hierarchy;
import io.cgscope.ui.FixtureTree;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.controlsfx.control.ToggleSwitch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A write that takes its time, on the real kernel: it runs off the FX thread, the window stays
 * responsive and starts no second write meanwhile, and an answer that comes back after another
 * host is shown says where it was written and leaves the new cgroup's fields alone.
 */
@ExtendWith(ApplicationExtension.class)
class EditsOffTheFxThreadTest {
    @TempDir
    Path tmp;

    private Stage stage;
    private EditorsStage editors;
    private EditorsPane pane;
    private CgroupHost fixtures;
    /** What happens between each write and its read-back; nothing unless a test says. */
    private volatile Runnable meanwhile = () -> { };

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @BeforeEach
    void mount(FxRobot robot) throws IOException {
        editors = EditorsStage.mount(stage);
        pane = editors.open(robot, EditorsStage.READ_WRITE, editors.initAtRoot(tmp),
                hier -> new CgroupWriter(new CgroupReader(hier), OwnProcess.current(), () -> meanwhile.run()));
    }

    @AfterEach
    void unmount() {
        if (fixtures != null) {
            fixtures.close();
        }
        if (editors != null) {
            editors.close();
        }
    }

    @Test
    void aSlowWriteLeavesTheWindowResponsiveAndStartsNoSecond(FxRobot robot) throws Exception {
        editors.h.mkdir("/a");
        editors.show(robot, editors.hierarchy, "/a");
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        boolean[] onFxThread = new boolean[1];
        meanwhile = () -> {
            onFxThread[0] = Platform.isFxApplicationThread();
            writing.countDown();
            await(release);
        };

        robot.clickOn(robot.lookup("#notifyToggle .thumb-area").queryAs(Node.class));
        assertTrue(writing.await(10, TimeUnit.SECONDS), "the write started");
        assertFalse(onFxThread[0], "the write runs off the FX thread");
        assertTrue(fxAnswers(), "the FX thread answers while the write is on its way");
        assertEquals("1", editors.h.read("/a", "notify_on_release").strip(), "written, not yet read back");
        for (String id : List.of("#notifyToggle", "#cloneToggle", "#agentApply", "#createChild", "#movePid",
                "#removeCgroup")) {
            assertTrue(robot.lookup(id).query().isDisabled(), id + " disabled while the write is on its way");
        }
        robot.interact(pane::requestRemove);
        assertEquals("Nothing written: the last write has not answered yet; try again once its result is shown.",
                pane.message());
        assertTrue(Files.isDirectory(editors.h.pathOf("/a")));
        assertEquals(List.of(), editors.confirmer.asked());

        release.countDown();
        editors.settle();
        assertEquals("notify_on_release of /a is now 1 (read back).", pane.message());
        assertEquals(1, editors.written.size());
        assertTrue(robot.lookup("#notifyToggle").queryAs(ToggleSwitch.class).isSelected());
        assertFalse(robot.lookup("#createChild").query().isDisabled(), "usable again once the write answered");
    }

    @Test
    void aSlowWriteThatAnswersAfterAnotherHostIsShownLeavesItsFieldsAlone(FxRobot robot) throws Exception {
        FixtureTree other = new FixtureTree(Files.createDirectory(tmp.resolve("tree")), "fixture").cgroup("/a", false);
        fixtures = HostOpener.open(new HostOpener.Request(List.of(), List.of(other.dir()),
                HostOpener.Following.READ_ONCE), MountInfo.SELF, new Privileges(0, true, true));
        Hierarchy elsewhere = fixtures.live().start().get(0).hierarchy();
        Path agent = EditorsStage.script(tmp, "agent.sh", "rwxr-xr-x");
        editors.h.mkdir("/a");
        // the selection moves to the other host while the write is on its way
        meanwhile = () -> editors.showFromAnyThread(fixtures, elsewhere, "/");

        editors.show(robot, editors.hierarchy, "/");
        robot.interact(() -> editors.field("#agentField").setText(agent.toString()));
        editors.click(robot, "#agentApply");
        assertEquals(agent.toString(), editors.h.read("/", "release_agent").strip());
        assertEquals("Release agent of " + elsewhere.title(), robot.lookup("#agentTitle").queryLabeled().getText());
        assertEquals("The kernel has: none (empty)", robot.lookup("#agentCurrent").queryLabeled().getText(),
                "the other host's agent, not the one just written elsewhere");
        assertEquals("", editors.field("#agentField").getText());
        assertEquals(editors.hierarchy.title() + " on this machine: release_agent is now " + agent + " (read back).",
                pane.message());

        meanwhile = () -> editors.showFromAnyThread(fixtures, elsewhere, "/a");
        editors.show(robot, editors.hierarchy, "/a");
        robot.clickOn(robot.lookup("#notifyToggle .thumb-area").queryAs(Node.class));
        editors.settle();
        assertEquals("1", editors.h.read("/a", "notify_on_release").strip());
        assertEquals("Edit /a in " + elsewhere.title() + " (v1)", robot.lookup("#editorsTitle").queryLabeled().getText());
        assertFalse(robot.lookup("#notifyToggle").queryAs(ToggleSwitch.class).isSelected(),
                "the other host's /a has notify_on_release 0");
        assertEquals(editors.hierarchy.title() + " on this machine: notify_on_release of /a is now 1 (read back).",
                pane.message());
        assertEquals(2, editors.written.size());
    }

    /** True when the FX thread runs a task within a few seconds. */
    private static boolean fxAnswers() throws Exception {
        CompletableFuture<Boolean> answered = new CompletableFuture<>();
        Platform.runLater(() -> answered.complete(true));
        try {
            return answered.get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    /** Waits for the test to let a held write go on; a bounded wait, so a blocked FX thread fails the test, not the run. */
    private static void await(CountDownLatch release) {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
