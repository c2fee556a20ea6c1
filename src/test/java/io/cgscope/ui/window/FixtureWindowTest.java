package io.cgscope.ui.window;

import io.cgscope.local.HostOpener;
import io.cgscope.testkit.Eventually;
import io.cgscope.ui.FixtureTree;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window opened as root with {@code --fixture DIR}: the tree is shown, read-only, and the
 * banner says why; no privilege makes a fixture tree writable.
 */
@ExtendWith(ApplicationExtension.class)
class FixtureWindowTest {
    @TempDir
    Path tmp;
    private FixtureTree fx;
    private DesktopWindow window;

    @Start
    void start(Stage stage) throws Exception {
        fx = new FixtureTree(Files.createDirectory(tmp.resolve("tree")), "fixture");
        fx.cgroup("/jobs", true).cgroup("/jobs/done", true);
        DesktopOptions options = DesktopOptions.parse(List.of("--fixture", fx.dir().toString(), "--select", "/jobs/done"));
        window = new DesktopWindow(options, TestHosts.fixture(fx.dir(), HostOpener.Following.LIVE_BEHIND_WINDOW));
        window.open(stage);
    }

    @AfterEach
    void close() {
        window.close();
    }

    @Test
    void aFixtureTreeIsShownReadOnlyWithABannerThatSaysWhy(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        Label banner = robot.lookup("#read-only-banner").queryAs(Label.class);
        assertTrue(banner.isVisible());
        assertTrue(banner.getText().contains(fx.dir() + " is a fixture tree"), banner.getText());
        assertTrue(banner.getText().contains("never writes"), banner.getText());
        assertTrue(robot.lookup(".access-read-only").tryQuery().isPresent(), "the status bar says read-only");
        for (String panel : List.of("#editorsFlags", "#editorsReleaseAgent", "#editorsActions")) {
            assertTrue(robot.lookup(panel).queryAs(Node.class).isDisabled(), panel + " is disabled");
        }
        Label title = robot.lookup("#editorsTitle").queryAs(Label.class);
        Eventually.awaitEquals("the fixture's cgroup selected as asked", "Edit /jobs/done in name=fixture (v1)",
                title::getText);
    }
}
