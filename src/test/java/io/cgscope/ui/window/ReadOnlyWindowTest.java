package io.cgscope.ui.window;

import io.cgscope.ui.FixtureTree;
import io.cgscope.ui.ScriptedSource;
import io.cgscope.ui.tree.ManualTimer;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without privilege the window says why, once, and what would allow writing. */
@ExtendWith(ApplicationExtension.class)
class ReadOnlyWindowTest {
    private static final String WHY = "Read-only: cgscope runs as user 1000; cgroup files belong to root, start it as root to edit.";

    @TempDir
    Path dir;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        FixtureTree fx = new FixtureTree(dir, "fixture");
        window = new MainWindow(new ScriptedSource(List.of(fx.read())), TestPrivileges.USER_1000, TestPrivileges.NEVER, Platform::runLater,
                Runnable::run, new ManualTimer());
        StagedWindow.show(stage, window, 1000, 700);
    }

    @Test
    void theEditPanelsAreDisabledNotHidden(FxRobot robot) {
        assertTrue(robot.lookup("#editorsFlags").tryQuery().isPresent());
        assertTrue(window.editors().isReadOnly());
    }

    @Test
    void oneBannerSaysWhyAndWhatWouldAllowWriting(FxRobot robot) {
        Label banner = robot.lookup("#read-only-banner").queryAs(Label.class);
        assertTrue(banner.isVisible());
        assertTrue(banner.getText().startsWith(WHY), banner.getText());
        assertTrue(banner.getText().contains("CAP_SYS_ADMIN"), banner.getText());
        assertTrue(robot.lookup(".access-read-only").tryQuery().isPresent(), "the status bar says read-only too");
        long saidWhy = robot.lookup(".label").queryAllAs(Label.class).stream()
                .filter(l -> l.getText() != null && l.getText().contains("runs as user 1000")).count();
        assertEquals(1, saidWhy, "why it is read-only is said once, in the banner");
    }
}
