package io.cgscope.ui.window;

import io.cgscope.host.Access;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.ProcessRow;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.MemoryHost;
import io.cgscope.ui.tree.CgroupKey;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static io.cgscope.ui.window.WindowOnHostContract.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window at its smallest, 700 by 450, opened as the desktop opens it: no smaller is allowed,
 * and everything still holds in it: the reason whole, the details' tabs, the tree's task counts,
 * the status bar's counts and access, the edit panels without sideways scrolling.
 */
@ExtendWith(ApplicationExtension.class)
class MinimumSizeWindowTest {
    private final Hierarchy h = MemoryHost.v1("a-hierarchy-with-quite-a-long-name-to-show");
    private DesktopWindow desktop;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        MemoryHost memory = new MemoryHost("memory", Access.readWrite()).hierarchy(h)
                .cgroup(h, "/jobs", false).cgroup(h, "/jobs/done-with-a-name-longer-than-the-tree-is-wide", true)
                .cgroup(h, "/jobs/busy", false, 310).process(new ProcessRow(310, "make", "alice", 3, "make -j3 all"));
        desktop = new DesktopWindow(DesktopOptions.parse(List.of("--size", "700x450", "--select",
                "/jobs/done-with-a-name-longer-than-the-tree-is-wide")), memory);
        desktop.open(stage);
    }

    @AfterEach
    void close() {
        desktop.close();
    }

    @Test
    void noSmallerWindowIsAllowed() {
        assertEquals(MainWindow.MIN_WIDTH, onFx(stage::getMinWidth));
        assertEquals(MainWindow.MIN_HEIGHT, onFx(stage::getMinHeight));
        assertEquals(700, MainWindow.MIN_WIDTH);
        assertEquals(450, MainWindow.MIN_HEIGHT);
    }

    @Test
    void everythingHoldsAtTheMinimumSize(FxRobot robot) {
        MainWindow window = loaded(robot);
        Bounds scene = onFx(() -> new javafx.geometry.BoundingBox(0, 0, window.getScene().getWidth(),
                window.getScene().getHeight()));

        Labeled reason = robot.lookup(".state-reason").queryAs(Labeled.class);
        assertTrue(onFx(() -> reason.getText().length() > 80), "a reason long enough to need wrapping");
        assertFalse(onFx(() -> cut(reason)), "the reason is whole");
        assertTrue(inside(scene, reason), "the reason is in the window");

        for (Node tab : robot.lookup(".details-tabs .tab").queryAll()) {
            assertTrue(inside(scene, tab), "every tab header is in the window: " + bounds(tab));
        }
        TableView<?> processes = robot.lookup(".process-table").queryAs(TableView.class);
        select(robot, window, "/jobs/busy");
        assertTrue(onFx(() -> processes.getHeight()) >= 3 * 24, "room for a few processes: " + bounds(processes));

        for (Node count : robot.lookup(".cgroup-tree .task-count").queryAll()) {
            if (onFx(count::isVisible) && onFx(() -> !((Labeled) count).getText().isEmpty())) {
                // across: in the tree's width (a row at the bottom may be partly below it, as rows are)
                Bounds tree = bounds(window.tree());
                Bounds b = bounds(count);
                assertTrue(b.getMinX() >= tree.getMinX() && b.getMaxX() <= tree.getMaxX() + 0.5,
                        "a task count within the tree's width: " + b + " in " + tree);
            }
        }

        for (String id : List.of("#status-counts", ".access-read-write")) {
            Labeled l = robot.lookup(id).queryAs(Labeled.class);
            assertFalse(onFx(() -> cut(l)), id + " is whole: " + onFx(l::getText));
            assertTrue(inside(scene, l), id + " is in the window");
        }

        robot.interact(window::showEditPanels);
        WaitForAsyncUtils.waitForFxEvents();
        ScrollPane edits = robot.lookup(".editors-scroll").queryAs(ScrollPane.class);
        double content = onFx(() -> edits.getContent().getLayoutBounds().getWidth());
        double viewport = onFx(() -> edits.getViewportBounds().getWidth());
        assertTrue(content <= viewport + 0.5, "the edit panels fit their width: " + content + " in " + viewport);
        for (Node l : robot.lookup(".editors-pane .label").queryAll()) {
            if (onFx(() -> l.isVisible() && !((Labeled) l).getText().isEmpty())) {
                assertFalse(onFx(() -> cut((Labeled) l)), "whole: " + onFx(((Labeled) l)::getText));
            }
        }
    }

    private MainWindow loaded(FxRobot robot) {
        MainWindow window = robot.lookup(".main-window").queryAs(MainWindow.class);
        Eventually.await("the first state is in the tree", () -> onFx(() -> window.loadedProperty().get()
                && window.detailsModel().rowProperty().get() != null));
        Eventually.await("the reason is shown", () -> onFx(() -> !window.detailsModel().reasonProperty().get().isEmpty()));
        WaitForAsyncUtils.waitForFxEvents();
        return window;
    }

    private static void select(FxRobot robot, MainWindow window, String path) {
        CgroupKey key = onFx(() -> window.tree().getRoot().getChildren().get(0).getValue().key().withPath(path));
        robot.interact(() -> window.tree().select(key));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Whether the label shows less than its text (ends in "…" where it did not fit). */
    private static boolean cut(Labeled l) {
        Text shown = (Text) l.lookup(".text");
        return shown == null || !shown.getText().equals(l.getText());
    }

    private static Bounds bounds(Node n) {
        return onFx(() -> n.localToScene(n.getLayoutBounds()));
    }

    private static boolean inside(Bounds outer, Node n) {
        Bounds b = bounds(n);
        return b.getWidth() > 0 && b.getHeight() > 0 && b.getMinX() >= outer.getMinX() - 0.5
                && b.getMaxX() <= outer.getMaxX() + 0.5 && b.getMinY() >= outer.getMinY() - 0.5
                && b.getMaxY() <= outer.getMaxY() + 0.5;
    }
}
