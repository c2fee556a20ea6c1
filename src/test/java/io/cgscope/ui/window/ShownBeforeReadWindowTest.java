package io.cgscope.ui.window;

import io.cgscope.host.CgroupHost;
import io.cgscope.host.WatchProgress;
import io.cgscope.ui.FixtureTree;
import io.cgscope.ui.ScriptedSource;
import io.cgscope.ui.tree.CgroupKey;
import io.cgscope.ui.tree.ManualTimer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The window shows at once and its tree fills when the source's first read is done: it says that
 * it is reading, and then shows each cgroup once, with no row left over from the empty tree.
 */
@ExtendWith(ApplicationExtension.class)
class ShownBeforeReadWindowTest {
    @TempDir
    Path dir;
    private final ArrayDeque<Runnable> background = new ArrayDeque<>();
    private MainWindow window;
    private FixtureTree fx;
    private ScriptedSource source;

    @Start
    void start(Stage stage) throws Exception {
        fx = new FixtureTree(dir, "fixture");
        fx.cgroup("/web", false).cgroup("/web/nginx", false, 1).cgroup("/batch", true).cgroup("/batch/job-1", true);
        source = new ScriptedSource(List.of(fx.read()));
        CgroupHost host = TestHosts.writableOver(source);
        window = new MainWindow(host, TestHosts.NEVER, Platform::runLater, background::add, new ManualTimer());
        window.start(e -> {
            throw new IllegalStateException(e);
        });
        stage.setScene(new Scene(window, 1000, 700));
        window.tree().select(CgroupKey.of(host.id(), fx.hierarchy(), "/web/nginx"));
        stage.show();
    }

    @Test
    void theTreeFillsWhenTheReadIsDoneAndShowsEachCgroupOnce(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("reading the cgroups…", robot.lookup("#status-counts").queryAs(javafx.scene.control.Label.class)
                .getText());
        assertEquals(List.of(), shownNames(robot), "nothing read yet, no row");

        Runnable read = background.poll();
        Objects.requireNonNull(read, "the source starts in the background").run();
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(List.of("batch", "job-1", "nginx", "web"), shownNames(robot).stream()
                .filter(n -> !n.startsWith("name=")).sorted().toList(), "each cgroup once");
        assertEquals("/web/nginx", window.tree().selectedRowProperty().get().path(), "chosen before the read, selected after");
    }

    /**
     * The tree is in use while the source still registers its watches: the status bar says how
     * far it is, in the source's own count, and says nothing more once it is done.
     */
    @Test
    void theStatusBarSaysHowManyCgroupsAreWatchedUntilAllAre(FxRobot robot) {
        source.tellWatchProgress(new WatchProgress(0, 100_000));
        Objects.requireNonNull(background.poll(), "the source starts in the background").run();
        WaitForAsyncUtils.waitForFxEvents();
        Label watching = robot.lookup("#status-watching").queryAs(Label.class);
        assertEquals(String.format("watching %,d of %,d cgroups", 0, 100_000), watching.getText());

        source.tellWatchProgress(new WatchProgress(41_000, 100_000));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(String.format("watching %,d of %,d cgroups", 41_000, 100_000), watching.getText());
        assertEquals(4, window.treeModel().cgroupCountProperty().get() - 1, "the tree is there meanwhile");

        source.tellWatchProgress(new WatchProgress(100_000, 100_000));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", watching.getText());
    }

    /** The names on the rows a person sees: cells that are visible and show a cgroup. */
    private static List<String> shownNames(FxRobot robot) {
        return robot.lookup(".cgroup-cell").queryAllAs(TreeCell.class).stream()
                .filter(Node::isVisible)
                .flatMap(cell -> cell.lookupAll(".cgroup-name").stream())
                .filter(ShownBeforeReadWindowTest::reallyVisible)
                .map(n -> ((Label) n).getText())
                .toList();
    }

    private static boolean reallyVisible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
