package io.cgscope.ui;

import io.cgscope.kernel.Privileges;
import io.cgscope.ui.window.DesktopWindow;
import io.cgscope.ui.window.DesktopOptions;
import io.cgscope.ui.window.RenderingSettings;
import io.cgscope.ui.window.Screenshot;
import javafx.application.Application;
import javafx.stage.Stage;

/** The desktop application: the window, or with {@code --screenshot} a PNG of it, off-screen. */
public final class DesktopMain extends Application {
    private DesktopWindow window;

    /** {@code options} are the parsed {@code args}, already checked by the launcher. */
    public static void launch(String[] args, DesktopOptions options) {
        RenderingSettings.apply();
        if (options.screenshot() != null) {
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
