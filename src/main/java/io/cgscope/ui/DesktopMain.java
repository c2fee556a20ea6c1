package io.cgscope.ui;

import io.cgscope.kernel.Privileges;
import io.cgscope.ui.window.DesktopWindow;
import io.cgscope.ui.window.DesktopOptions;
import io.cgscope.ui.window.Screenshot;
import javafx.application.Application;
import javafx.stage.Stage;

import java.util.Arrays;

/** The desktop application: the window, or with {@code --screenshot} a PNG of it, off-screen. */
public final class DesktopMain extends Application {
    private DesktopWindow window;

    public static void launch(String[] args) {
        if (Arrays.asList(args).contains("--screenshot")) {
            Screenshot.selectHeadlessToolkit();
        }
        Application.launch(DesktopMain.class, args);
    }

    @Override
    public void start(Stage stage) {
        DesktopOptions options;
        try {
            options = DesktopOptions.parse(getParameters().getRaw());
        } catch (IllegalArgumentException e) {
            System.err.println("cgscope: " + e.getMessage());
            System.exit(2);
            return;
        }
        window = new DesktopWindow(options, Privileges.current());
        window.open(stage);
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }
}
