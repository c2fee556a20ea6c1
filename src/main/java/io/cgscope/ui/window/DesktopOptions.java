package io.cgscope.ui.window;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The window's command line: {@code [DIR...] [--root DIR] [--select PATH] [--theme light|dark]
 * [--screenshot FILE]}. Directories (positional or {@code --root}) limit the window to those
 * cgroups; none means every hierarchy of the machine.
 */
public record DesktopOptions(List<Path> dirs, Path screenshot, String select, Theme theme) {
    public static DesktopOptions parse(List<String> args) {
        List<Path> dirs = new ArrayList<>();
        Path screenshot = null;
        String select = null;
        Theme theme = Theme.LIGHT;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--screenshot" -> screenshot = Path.of(value(args, ++i, a));
                case "--root" -> dirs.add(Path.of(value(args, ++i, a)));
                case "--select" -> select = value(args, ++i, a);
                case "--theme" -> theme = Theme.parse(value(args, ++i, a));
                default -> {
                    if (a.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    dirs.add(Path.of(a));
                }
            }
        }
        return new DesktopOptions(List.copyOf(dirs), screenshot, select, theme);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
