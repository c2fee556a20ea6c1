package io.cgscope.ui.window;

import javafx.scene.Scene;
import javafx.stage.Stage;

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
}
