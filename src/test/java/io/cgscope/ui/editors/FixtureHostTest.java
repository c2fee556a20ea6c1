package io.cgscope.ui.editors;

import io.cgscope.host.CgroupHost;
import io.cgscope.kernel.MountInfo;
import io.cgscope.kernel.Privileges;
import io.cgscope.local.HostOpener;
import io.cgscope.model.Hierarchy;
import io.cgscope.ui.FixtureTree;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edit panels over a fixture host, opened as {@code --fixture} opens it: a plain directory,
 * whose owner decides where its "interface files" lead, here a {@code notify_on_release} that links
 * to a file of root's. The host writes nothing, so every control is disabled, and even a write
 * the panels are made to ask for reaches no file.
 */
@ExtendWith(ApplicationExtension.class)
class FixtureHostTest {
    @TempDir
    Path tmp;

    private Stage stage;
    private EditorsStage editors;
    private CgroupHost host;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @BeforeEach
    void open() throws IOException {
        editors = EditorsStage.unmounted(stage);
    }

    @AfterEach
    void close() {
        if (host != null) {
            host.close();
        }
        editors.close();
    }

    @Test
    void aFixtureHostDisablesEveryEditAndNothingReachesItsFiles(FxRobot robot) throws Exception {
        FixtureTree fx = new FixtureTree(Files.createDirectory(tmp.resolve("tree")), "fixture").cgroup("/a", false);
        Path victim = Files.writeString(tmp.resolve("root-only"), "secret\n");
        Path notify = fx.dir().resolve("a/notify_on_release");
        Files.delete(notify);
        Files.createSymbolicLink(notify, victim);
        host = HostOpener.open(new HostOpener.Request(List.of(), List.of(fx.dir()), HostOpener.Following.READ_ONCE),
                MountInfo.SELF, new Privileges(0, true, true));
        Hierarchy hierarchy = host.live().start().get(0).hierarchy();
        EditorsPane pane = editors.open(robot);
        editors.show(robot, host, hierarchy, "/a");

        assertTrue(pane.isReadOnly());
        for (String id : List.of("#notifyToggle", "#cloneToggle", "#agentField", "#agentApply", "#agentClear",
                "#childName", "#createChild", "#pidField", "#movePid", "#removeCgroup")) {
            Node n = robot.lookup(id).query();
            assertTrue(n.isDisabled(), id + " disabled");
            assertTrue(n.isVisible(), id + " visible");
        }
        assertEquals("Read-only: these panels are disabled (the banner at the top says why).",
                robot.lookup("#editorsReadOnly").queryLabeled().getText());
        assertEquals("The kernel has: none (empty)", robot.lookup("#agentCurrent").queryLabeled().getText(),
                "the fixture's release_agent is read through its host");

        // what a disabled switch cannot be clicked into, set from code
        robot.interact(() -> robot.lookup("#notifyToggle").queryAs(ToggleSwitch.class).setSelected(true));
        editors.settle();
        assertEquals("secret\n", Files.readString(victim), "the linked file is untouched");
        assertEquals("Nothing written: editing is off (read-only).", pane.message());
        assertFalse(robot.lookup("#notifyToggle").queryAs(ToggleSwitch.class).isSelected(), "the switch shows the file's 0");
        robot.interact(pane::requestRemove);
        editors.settle();
        assertTrue(Files.isDirectory(fx.dir().resolve("a")));
        assertEquals(List.of(), editors.written);
        assertEquals(List.of(), editors.confirmer.asked());
    }
}
