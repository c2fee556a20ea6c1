package io.cgscope.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The desktop window. */
public final class DesktopMain extends Application {
    public static void launch(String[] args) {
        Application.launch(DesktopMain.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("cgscope");
        stage.setScene(new Scene(new Label("cgscope"), 640, 400));
        stage.show();
    }
}
