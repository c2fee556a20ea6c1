package io.cgscope.ui.window;

import io.cgscope.ui.tree.CgroupKey;
import io.cgscope.ui.tree.Row;
import javafx.scene.Scene;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Puts a window on a test's stage as the desktop does: started, styled, with its shortcuts, shown. */
final class StagedWindow {
    private StagedWindow() {
    }

    /** A source that fails to start fails the test, rather than leaving the window reading. */
    static void show(Stage stage, MainWindow window, double width, double height) {
        window.start(e -> {
            throw new IllegalStateException(e);
        });
        Scene scene = new Scene(window, width, height);
        scene.getStylesheets().setAll(Theme.LIGHT.stylesheets());
        window.installShortcuts(scene);
        stage.setScene(scene);
        stage.show();
    }

    /** Every row of the window's tree expanded, so each cgroup has a cell. Call on the FX thread. */
    static void expandAll(MainWindow window) {
        expand(window.tree().getRoot());
    }

    private static void expand(TreeItem<Row> item) {
        item.setExpanded(true);
        item.getChildren().forEach(StagedWindow::expand);
    }

    /** The tree item shown for {@code key}; the test fails when there is none. */
    static TreeItem<Row> shownItem(MainWindow window, CgroupKey key) {
        TreeItem<Row> item = window.treeModel().shownItem(key);
        assertNotNull(item, key.path());
        return item;
    }
}
