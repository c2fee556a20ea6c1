package io.cgscope.ui.window;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The window's command line: {@code [DIR...] [--root DIR]... [--fixture DIR]... [--sim today|2007]
 * [--select PATH] [--theme light|dark] [--size WIDTHxHEIGHT] [--screenshot FILE]}. Directories (positional or {@code --root}) limit the
 * window to those cgroups; none means every hierarchy of the machine. {@code --fixture} opens
 * fixture trees instead, read-only, and is never mixed with cgroups: a window either may edit
 * what it shows or shows what it may never edit. {@code --sim} opens a simulated kernel with
 * those release rules, alone.
 *
 * @param simulated "today" or "2007", checked here; null for this machine's cgroups
 */
public record DesktopOptions(List<Path> roots, List<Path> fixtures, String simulated, Path screenshot, String select,
                             Theme theme, Size size) {
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
        String simulated = null;
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
                case "--sim" -> simulated = simulated(value(args, ++i, a), simulated);
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
        if (simulated != null && (!roots.isEmpty() || !fixtures.isEmpty())) {
            throw new IllegalArgumentException("--sim opens a simulated kernel of its own: it does not mix with --root"
                    + " or --fixture");
        }
        return new DesktopOptions(List.copyOf(roots), List.copyOf(fixtures), simulated, screenshot, select, theme, size);
    }

    /** The rules named, "today" or "2007" (the launcher opens the simulator with them); given once. */
    private static String simulated(String rules, String before) {
        if (before != null) {
            throw new IllegalArgumentException("--sim is given once: one simulated kernel at a time");
        }
        if (!rules.equals("today") && !rules.equals("2007")) {
            throw new IllegalArgumentException("--sim takes today or 2007 (the release rules), not " + rules);
        }
        return rules;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
