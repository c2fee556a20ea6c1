package io.cgscope;

import io.cgscope.cli.Cli;
import io.cgscope.kernel.NotACgroupException;
import io.cgscope.ui.window.DesktopOptions;
import io.cgscope.ui.window.SourceTargets;

import java.io.IOException;
import java.util.List;

/**
 * The one entry point. Headless commands run before any JavaFX class is loaded, so that
 * {@code dump} works on a machine with no display and no GTK; only the window path touches
 * JavaFX. Not an {@code Application} subclass: that keeps JavaFX on the class path.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (Cli.isCommand(args)) {
            System.exit(Cli.run(args, System.out, System.err));
        }
        // The window's options are checked before the display: a typo is exit 2 with its own
        // sentence, wherever it is typed. DesktopOptions and SourceTargets load no JavaFX class.
        DesktopOptions options;
        try {
            options = DesktopOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("cgscope: " + e.getMessage() + " (see --help)");
            System.exit(Cli.EXIT_USAGE);
            return;
        }
        // So are the directories it names: one that is no cgroupfs is exit 2, as for dump.
        SourceTargets sources;
        try {
            sources = SourceTargets.resolve(options);
        } catch (NotACgroupException e) {
            System.err.println("cgscope: " + e.getMessage());
            System.exit(Cli.EXIT_USAGE);
            return;
        } catch (IOException e) {
            System.err.println("cgscope: cannot read the mount table: " + e.getMessage());
            System.exit(Cli.EXIT_FAILURE);
            return;
        }
        if (options.screenshot() == null) {
            String missing = DesktopCheck.whatIsMissing();
            if (missing != null) {
                System.err.println("cgscope: " + missing);
                System.exit(DesktopCheck.EXIT_NO_DISPLAY);
            }
        }
        io.cgscope.ui.DesktopMain.launch(args, options, sources);
    }
}
