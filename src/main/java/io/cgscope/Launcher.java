package io.cgscope;

import io.cgscope.cli.Cli;

/**
 * The one entry point. Headless commands run before any JavaFX class is loaded, so that
 * {@code dump} works on a machine with no display and no GTK; only the window path touches
 * the {@code ui} package. Not an {@code Application} subclass: that keeps JavaFX on the class path.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (Cli.isCommand(args)) {
            System.exit(Cli.run(args, System.out, System.err));
        }
        String missing = DesktopCheck.whatIsMissing(args);
        if (missing != null) {
            System.err.println("cgscope: " + missing);
            System.exit(DesktopCheck.EXIT_NO_DISPLAY);
        }
        io.cgscope.ui.DesktopMain.launch(args);
    }
}
