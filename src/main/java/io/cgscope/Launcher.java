package io.cgscope;

import io.cgscope.cli.Cli;
import io.cgscope.host.CgroupHost;
import io.cgscope.kernel.NotACgroupException;
import io.cgscope.live.LiveEngine;
import io.cgscope.local.HostOpener;
import io.cgscope.model.ReleaseRules;
import io.cgscope.ui.window.DesktopOptions;

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
        // sentence, wherever it is typed. DesktopOptions and HostOpener load no JavaFX class.
        DesktopOptions options;
        try {
            options = DesktopOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("cgscope: " + e.getMessage() + " (see --help)");
            System.exit(Cli.EXIT_USAGE);
            return;
        }
        // So are the directories it names: one that is no cgroupfs is exit 2, as for dump. The
        // screenshot is one consistent picture, read once; the window follows the cgroups live.
        HostOpener.Following following = options.screenshot() != null
                ? HostOpener.Following.READ_ONCE : HostOpener.Following.LIVE_BEHIND_WINDOW;
        CgroupHost host;
        try {
            host = HostOpener.open(new HostOpener.Request(options.roots(), options.fixtures(),
                    LiveEngine.DEFAULT_INTERVAL, following,
                    options.simulated() == null ? null : ReleaseRules.parse(options.simulated())));
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
                host.close();
                System.err.println("cgscope: " + missing);
                System.exit(DesktopCheck.EXIT_NO_DISPLAY);
            }
        }
        io.cgscope.ui.DesktopMain.launch(args, options, host);
    }
}
