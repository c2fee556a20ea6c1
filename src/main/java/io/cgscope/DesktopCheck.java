package io.cgscope;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Tells, before JavaFX is loaded, whether a window can open: JavaFX 21 needs a display and GTK 3
 * (GTK 2 support was removed), and without them it fails with a stack trace no user should see.
 */
final class DesktopCheck {
    static final int EXIT_NO_DISPLAY = 3;
    private static final List<String> LIBRARY_DIRS = List.of("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu",
            "/usr/lib64", "/lib64", "/usr/lib", "/lib");

    private DesktopCheck() {
    }

    /** One sentence naming what is missing, or null when the window can open. */
    static String whatIsMissing() {
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            return "no display to open the window on (DISPLAY is not set); run it in a desktop session,"
                    + " or use 'java -jar cgscope.jar dump' (or watch) for a text view";
        }
        if (!gtk3Present()) {
            return "the window needs GTK 3, which is not installed (apt-get install libgtk-3-0);"
                    + " or use 'java -jar cgscope.jar dump' (or watch) for a text view";
        }
        return null;
    }

    private static boolean gtk3Present() {
        return LIBRARY_DIRS.stream().anyMatch(d -> Files.exists(Path.of(d, "libgtk-3.so.0")));
    }
}
