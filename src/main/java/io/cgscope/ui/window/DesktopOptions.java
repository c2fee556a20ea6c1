package io.cgscope.ui.window;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The window's command line: {@code [DIR...] [--root DIR]... [--fixture DIR]... [--select PATH]
 * [--theme light|dark] [--size WIDTHxHEIGHT] [--screenshot FILE]}. Directories (positional or {@code --root}) limit the
 * window to those cgroups; none means every hierarchy of the machine. {@code --fixture} opens
 * fixture trees instead, read-only, and is never mixed with cgroups: a window either may edit
 * what it shows or shows what it may never edit.
 */
public record DesktopOptions(List<Path> roots, List<Path> fixtures, Path screenshot, String select, Theme theme,
                             Size size) {
    /** The window's size at start; never below {@link MainWindow#MIN_WIDTH} by {@link MainWindow#MIN_HEIGHT}. */
    public record Size(double width, double height) {
        public static final Size DEFAULT = new Size(1280, 800);

        static Size parse(String text) {
            String[] wh = text.split("x", -1);
            try {
                if (wh.length == 2) {
                    Size s = new Size(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
                    if (s.width >= MainWindow.MIN_WIDTH && s.height >= MainWindow.MIN_HEIGHT) {
                        return s;
                    }
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new IllegalArgumentException("--size takes WIDTHxHEIGHT, at least " + (int) MainWindow.MIN_WIDTH
                    + "x" + (int) MainWindow.MIN_HEIGHT + ", e.g. 1280x800; not " + text);
        }
    }

    public static DesktopOptions parse(List<String> args) {
        List<Path> roots = new ArrayList<>();
        List<Path> fixtures = new ArrayList<>();
        Path screenshot = null;
        String select = null;
        Theme theme = Theme.LIGHT;
        Size size = Size.DEFAULT;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--screenshot" -> screenshot = Path.of(value(args, ++i, a));
                case "--root" -> roots.add(Path.of(value(args, ++i, a)));
                case "--fixture" -> fixtures.add(Path.of(value(args, ++i, a)));
                case "--select" -> select = value(args, ++i, a);
                case "--theme" -> theme = Theme.parse(value(args, ++i, a));
                case "--size" -> size = Size.parse(value(args, ++i, a));
                default -> {
                    if (a.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    roots.add(Path.of(a));
                }
            }
        }
        if (!roots.isEmpty() && !fixtures.isEmpty()) {
            throw new IllegalArgumentException("--fixture and --root do not mix: a window of fixture trees is"
                    + " read-only, a window of cgroups may edit");
        }
        return new DesktopOptions(List.copyOf(roots), List.copyOf(fixtures), screenshot, select, theme, size);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
