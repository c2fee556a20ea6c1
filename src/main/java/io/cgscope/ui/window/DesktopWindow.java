package io.cgscope.ui.window;

import io.cgscope.local.OneReadSource;
import io.cgscope.kernel.Privileges;
import io.cgscope.kernel.Target;
import io.cgscope.host.LiveSource;
import io.cgscope.ui.tree.CgroupKey;
import io.cgscope.ui.editors.AlertConfirmer;
import io.cgscope.ui.tree.ReleaseTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Opens the main window for the given options (or renders it to a PNG and exits) and closes the
 * live source when the window goes.
 */
public final class DesktopWindow {
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    private final DesktopOptions options;
    private final SourceTargets sources;
    private final Privileges privileges;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cgscope-proc-reader");
        t.setDaemon(true);
        return t;
    });
    private LiveSource source;

    /** @param sources what {@code options} name, resolved before JavaFX started */
    public DesktopWindow(DesktopOptions options, SourceTargets sources, Privileges privileges) {
        this.options = options;
        this.sources = sources;
        this.privileges = privileges;
    }

    public void open(Stage stage) {
        List<Target> targets = sources.targets();
        source = createSource(targets);
        Window[] owner = new Window[1];
        MainWindow main = new MainWindow(source, privileges, sources.whyFixtureReadOnly(),
                new AlertConfirmer(() -> owner[0]), Platform::runLater, background, ReleaseTimer.fx());
        owner[0] = stage;
        main.start(e -> fail("could not read the cgroups: " + e.getMessage(), 1));
        Scene scene = new Scene(main, WIDTH, HEIGHT);
        scene.getStylesheets().setAll(options.theme().stylesheets());
        main.installShortcuts(scene);
        stage.setTitle("cgscope");
        stage.setScene(scene);
        if (!targets.isEmpty()) {
            // something is selected from the start, so the details never open empty
            Target first = targets.get(0);
            String path = options.select() != null ? options.select() : first.cgroupPath();
            main.tree().select(new CgroupKey(first.hierarchy().device(), path));
        }
        stage.show();
        main.tree().requestFocus();
        if (options.screenshot() != null) {
            // The tree fills once the source has been read, and the selected cgroup's process
            // table is then read in the background: shoot once that read has been handed back.
            main.loadedProperty().addListener((o, was, now) -> {
                if (now) {
                    background.execute(() -> Platform.runLater(() -> shoot(scene)));
                }
            });
        }
    }

    /** The screenshot is one consistent picture, read once; the window follows the kernel live. */
    private LiveSource createSource(List<Target> targets) {
        return options.screenshot() != null ? new OneReadSource(targets) : WindowSource.forWindow(targets);
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
        if (source != null) {
            source.close();
        }
        background.shutdownNow();
    }
}
