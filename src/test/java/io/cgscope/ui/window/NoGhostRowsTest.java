package io.cgscope.ui.window;

import io.cgscope.host.CgroupHost;
import io.cgscope.ui.FixtureTree;
import io.cgscope.ui.ScriptedSource;
import io.cgscope.ui.tree.CgroupKey;
import io.cgscope.ui.tree.ManualTimer;
import io.cgscope.ui.tree.Row;
import javafx.application.Platform;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every cell of the tree shows its row or nothing, as live changes and the filter come and go: no
 * empty row with a leftover disclosure triangle below the last cgroup or between matches, and a
 * triangle exactly on the rows that have children. The hierarchy is the one a new user tried.
 */
@ExtendWith(ApplicationExtension.class)
class NoGhostRowsTest {
    @TempDir
    Path dir;
    private FixtureTree fx;
    private ScriptedSource source;
    private CgroupHost host;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        fx = new FixtureTree(dir, "fixture");
        fx.cgroup("/batch", false).cgroup("/batch/job-17", false, 4242).cgroup("/batch/job-18", false)
                .cgroup("/system", false).cgroup("/system/sshd", false).cgroup("/system/cron", false)
                .cgroup("/user", false).cgroup("/user/alice", false).cgroup("/user/alice/session-1", false)
                .cgroup("/user/bob", false);
        source = new ScriptedSource(List.of(fx.read()));
        host = TestHosts.writableOver(source);
        window = new MainWindow(host, TestHosts.NEVER, Platform::runLater,
                Runnable::run, new ManualTimer());
        // tall enough that empty cells fill the view below the last row
        StagedWindow.show(stage, window, 1400, 900);
    }

    @Test
    void afterLiveChangesAndAFilterEveryCellShowsItsRowOrNothing(FxRobot robot) throws Exception {
        assertEquals(List.of(), defects(), "the first load");

        fx.cgroup("/batch/job-17", false); // its task exits
        fx.cgroup("/batch/job-19", false); // mkdir
        source.moveTo(List.of(fx.read()));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onScreenTexts().contains("job-19"));
        assertEquals(List.of(), defects(), "after the live changes");

        robot.clickOn("#filter-field").write("alice");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onScreenTexts().size() == 3);
        assertEquals(List.of(), defects(), "with the filter");

        TextField field = robot.lookup("#filter-field").queryAs(TextField.class);
        robot.interact(field::clear);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onScreenTexts().size() == fx.read().size());
        assertEquals(List.of(), defects(), "with the filter cleared");
    }

    @Test
    void aCollapsedCgroupShowsATriangleExactlyWhileItHasChildren(FxRobot robot) throws Exception {
        TreeItem<Row> bob = StagedWindow.shownItem(window, CgroupKey.of(host.id(), fx.hierarchy(), "/user/bob"));
        TreeItem<Row> alice = StagedWindow.shownItem(window, CgroupKey.of(host.id(), fx.hierarchy(), "/user/alice"));
        robot.interact(() -> alice.setExpanded(false));
        assertFalse(bob.isExpanded(), "a leaf at the first load stays collapsed");

        fx.cgroup("/user/bob/session-2", false).remove("/user/alice/session-1");
        source.moveTo(List.of(fx.read()));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> !bob.isLeaf() && alice.isLeaf()));
        assertEquals(List.of(), defects(), "bob gained a child, alice lost her last one");
    }

    private List<String> defects() {
        WaitForAsyncUtils.waitForFxEvents();
        return onFx(() -> ShownCells.defects(window.tree()));
    }

    private List<String> onScreenTexts() {
        return onFx(() -> ShownCells.onScreen(window.tree()).stream().filter(c -> !c.isEmpty() && c.getItem() != null)
                .map(c -> c.getItem().text()).toList());
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
