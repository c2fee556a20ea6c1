package io.cgscope.ui.window;

import io.cgscope.host.CgroupHost;
import io.cgscope.ui.editors.AlertConfirmer;
import io.cgscope.ui.tree.ReleaseTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Opens the main window on a host for the given options (or renders it to a PNG and exits) and
 * closes the host when the window goes.
 */
public final class DesktopWindow {
    private final DesktopOptions options;
    private final CgroupHost host;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cgscope-host-reader");
        t.setDaemon(true);
        return t;
    });

    /** @param host what {@code options} name, opened before JavaFX started; closed with the window */
    public DesktopWindow(DesktopOptions options, CgroupHost host) {
        this.options = options;
        this.host = host;
    }

    public void open(Stage stage) {
        Window[] owner = new Window[1];
        MainWindow main = new MainWindow(host, new AlertConfirmer(() -> owner[0]), Platform::runLater, background,
                ReleaseTimer.fx());
        owner[0] = stage;
        // something is selected from the start, so the details never open empty
        main.selectInFirstHierarchy(options.select());
        main.start(e -> fail("could not read the cgroups: " + e.getMessage(), 1));
        Scene scene = new Scene(main, options.size().width(), options.size().height());
        scene.getStylesheets().setAll(options.theme().stylesheets());
        main.installShortcuts(scene);
        stage.setTitle("cgscope");
        stage.setScene(scene);
        stage.setMinWidth(MainWindow.MIN_WIDTH);
        stage.setMinHeight(MainWindow.MIN_HEIGHT);
        stage.show();
        if (options.screenshot() != null) {
            // The tree fills once the source has been read; the selection made then has the
            // selected cgroup's files and processes read in the background: shoot once those
            // reads have been handed back (the executor runs its tasks in order).
            main.loadedProperty().addListener((o, was, now) -> {
                if (now) {
                    background.execute(() -> Platform.runLater(() -> shoot(scene)));
                }
            });
        }
    }

    private void shoot(Scene scene) {
        try {
            Screenshot.write(scene, options.screenshot());
            System.out.println("cgscope: wrote " + options.screenshot());
            close();
            Platform.exit();
        } catch (IOException e) {
            fail("could not write " + options.screenshot() + ": " + e.getMessage(), 1);
        }
    }

    private void fail(String message, int exitCode) {
        System.err.println("cgscope: " + message);
        close();
        Platform.exit();
        System.exit(exitCode);
    }

    public void close() {
        host.close();
        background.shutdownNow();
    }
}
