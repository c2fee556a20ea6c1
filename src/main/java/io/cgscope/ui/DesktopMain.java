package io.cgscope.ui;

import io.cgscope.host.CgroupHost;
import io.cgscope.ui.window.DesktopWindow;
import io.cgscope.ui.window.DesktopOptions;
import io.cgscope.ui.window.RenderingSettings;
import io.cgscope.ui.window.Screenshot;
import javafx.application.Application;
import javafx.stage.Stage;

/** The desktop application: the window, or with {@code --screenshot} a PNG of it, off-screen. */
public final class DesktopMain extends Application {
    /**
     * What the launcher parsed and opened, handed to the instance JavaFX creates: it is set
     * before {@link Application#launch} starts the FX thread, which reads it.
     */
    private static volatile DesktopOptions launchOptions;
    private static volatile CgroupHost launchHost;
    private DesktopWindow window;

    /** {@code options} are the parsed {@code args} and {@code host} what they name, opened already. */
    public static void launch(String[] args, DesktopOptions options, CgroupHost host) {
        launchOptions = options;
        launchHost = host;
        RenderingSettings.apply();
        if (options.screenshot() != null) {
            Screenshot.selectHeadlessToolkit();
        }
        Application.launch(DesktopMain.class, args);
    }

    @Override
    public void start(Stage stage) {
        window = new DesktopWindow(launchOptions, launchHost);
        window.open(stage);
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }
}
