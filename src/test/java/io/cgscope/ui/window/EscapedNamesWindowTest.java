package io.cgscope.ui.window;

import io.cgscope.host.CgroupHost;
import io.cgscope.ui.FixtureTree;
import io.cgscope.ui.ScriptedSource;
import io.cgscope.ui.tree.CgroupKey;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
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
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cgroup named with a control character (the kernel allows any byte but '/' and NUL) is shown
 * escaped wherever the window names it: in the editors' title, in the breadcrumb and in the event
 * log, as in the tree. Shown raw, its ESC would be one invisible character and the name could not be
 * told from another.
 */
@ExtendWith(ApplicationExtension.class)
class EscapedNamesWindowTest {
    private static final String RAW = "/esc\u001b[31mRED";
    private static final String SHOWN = "/esc\\x1b[31mRED";

    @TempDir
    Path dir;
    private FixtureTree fx;
    private ScriptedSource source;
    private CgroupHost host;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        fx = new FixtureTree(dir, "fixture");
        fx.cgroup("/plain", false).cgroup(RAW, true, 1);
        source = new ScriptedSource(List.of(fx.read()));
        host = TestHosts.writableOver(source);
        window = new MainWindow(host, (title, message) -> false,
                Platform::runLater, Runnable::run, new io.cgscope.ui.tree.ManualTimer());
        StagedWindow.show(stage, window, 1200, 800);
        StagedWindow.expandAll(window);
    }

    @Test
    void theEditorsTitleAndTheBreadcrumbShowTheNameEscaped(FxRobot robot) {
        select(robot, RAW);

        String title = robot.lookup("#editorsTitle").queryAs(Label.class).getText();
        assertTrue(title.contains(SHOWN), title);
        assertFalse(title.contains("\u001b"), title);
        Set<String> crumbs = robot.lookup(".path-crumbs").lookup((Node n) -> n instanceof ButtonBase)
                .queryAllAs(ButtonBase.class).stream().map(ButtonBase::getText).collect(Collectors.toSet());
        assertTrue(crumbs.contains(SHOWN.substring(1)), crumbs.toString());
        assertTrue(crumbs.stream().noneMatch(c -> c != null && c.contains("\u001b")), crumbs.toString());
    }

    @Test
    void theEventLogShowsThePathEscaped(FxRobot robot) {
        fx.cgroup(RAW, true);
        source.moveTo(List.of(fx.read()));
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(window.logModel().shown().stream().anyMatch(e -> e.path().equals(RAW)),
                "the log holds the cgroup's real path");
        Set<String> shownCells = robot.lookup(".event-log").lookup((Node n) -> n instanceof TableCell<?, ?>)
                .queryAllAs(TableCell.class).stream().map(c -> ((TableCell<?, ?>) c).getText())
                .filter(t -> t != null).collect(Collectors.toSet());
        assertTrue(shownCells.contains(SHOWN), shownCells.toString());
        assertTrue(shownCells.stream().noneMatch(t -> t.contains("\u001b")), shownCells.toString());
    }

    private void select(FxRobot robot, String path) {
        robot.interact(() -> window.tree().getSelectionModel()
                .select(StagedWindow.shownItem(window, CgroupKey.of(host.id(), fx.hierarchy(), path))));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(path, window.detailsModel().rowProperty().get().path());
    }
}
