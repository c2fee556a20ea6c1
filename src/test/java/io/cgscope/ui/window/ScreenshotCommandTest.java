package io.cgscope.ui.window;

import io.cgscope.testkit.Commands;
import io.cgscope.testkit.ThisJava;
import io.cgscope.ui.FixtureTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cgscope --screenshot FILE --fixture DIR} in a JVM of its own, without a display: it writes
 * a PNG of the whole window, in which the tree is drawn, and exits 0.
 */
class ScreenshotCommandTest {
    /** A row of the tree is wider than this; no other strip of one colour in its half is. */
    private static final int ROW_WIDTH = 100;
    /** Rows are taller than this many pixels. */
    private static final int ROW_HEIGHT = 12;

    @TempDir
    Path tmp;

    @Test
    void writesAPngOfTheWindowWithoutADisplay() throws Exception {
        FixtureTree fx = new FixtureTree(Files.createDirectories(tmp.resolve("tree")), "fixture");
        fx.cgroup("/jobs", true).cgroup("/jobs/busy", true, 1).cgroup("/jobs/done", true).cgroup("/jobs/idle", true);
        Path png = tmp.resolve("shot.png");
        ProcessBuilder pb = new ProcessBuilder(ThisJava.command(), "-cp", System.getProperty("java.class.path"),
                "io.cgscope.Launcher", "--screenshot", png.toString(), "--fixture", fx.dir().toString(),
                "--select", "/jobs/done", "--theme", "dark");
        pb.environment().remove("DISPLAY");
        pb.redirectErrorStream(true);

        Commands.Finished p = Commands.run(pb, Duration.ofSeconds(120));

        assertEquals(0, p.exitCode(), p.output());
        assertTrue(p.output().contains("wrote " + png), p.output());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(List.of(1280, 800), List.of(image.getWidth(), image.getHeight()));
        assertTheTreeIsDrawn(image);
    }

    /**
     * The rows busy, done (selected) and idle follow each other in the tree, in the left half of
     * the window: the selected row in the selection colour with the releasable border at its left,
     * directly below it idle's row tinted as releasable, with its name written in it.
     */
    private static void assertTheTreeIsDrawn(BufferedImage image) throws IOException {
        int selection = darkThemeColour("-cg-selection");
        int releasableBg = darkThemeColour("-cg-releasable-bg");
        int releasable = darkThemeColour("-cg-releasable");
        int releasableText = darkThemeColour("-cg-releasable-text");

        Band selected = onlyBand(image, selection, "the selected row, /jobs/done");
        Band idle = onlyBand(image, releasableBg, "the releasable row, /jobs/idle");
        assertTrue(Math.abs(idle.top - selected.bottom) <= 2,
                "idle's row directly below done's: " + selected + ", " + idle);
        assertTrue(selected.left > 0 && count(image, releasable, 0, selected.left, selected.top, selected.bottom)
                        >= 3 * (selected.bottom - selected.top),
                "the releasable border left of the selected row " + selected);
        assertTrue(countNear(image, releasableText, 0, idle.right, idle.top, idle.bottom) >= 10,
                "the name \"idle\" written in the releasable row " + idle);
    }

    /** The rows of the image's left half that hold a strip of {@code rgb} at least a row wide. */
    private record Band(int top, int bottom, int left, int right) {
    }

    private static Band onlyBand(BufferedImage image, int rgb, String what) {
        List<Band> bands = new ArrayList<>();
        Band current = null;
        for (int y = 0; y < image.getHeight(); y++) {
            int[] strip = longestStrip(image, rgb, y);
            if (strip[1] - strip[0] >= ROW_WIDTH) {
                current = current == null ? new Band(y, y + 1, strip[0], strip[1])
                        : new Band(current.top, y + 1, Math.max(current.left, strip[0]), Math.min(current.right, strip[1]));
            } else if (current != null) {
                bands.add(current);
                current = null;
            }
        }
        if (current != null) {
            bands.add(current);
        }
        assertEquals(1, bands.size(), what + ": one band of #" + Integer.toHexString(rgb) + ", found " + bands);
        Band band = bands.get(0);
        assertTrue(band.bottom - band.top >= ROW_HEIGHT, what + " is a row high: " + band);
        return band;
    }

    /** {start, end} of the longest run of {@code rgb} in row {@code y} of the left half. */
    private static int[] longestStrip(BufferedImage image, int rgb, int y) {
        int[] best = {0, 0};
        int start = -1;
        for (int x = 0; x <= image.getWidth() / 2; x++) {
            boolean match = x < image.getWidth() / 2 && (image.getRGB(x, y) & 0xffffff) == rgb;
            if (match && start < 0) {
                start = x;
            } else if (!match && start >= 0) {
                if (x - start > best[1] - best[0]) {
                    best = new int[]{start, x};
                }
                start = -1;
            }
        }
        return best;
    }

    private static int count(BufferedImage image, int rgb, int left, int right, int top, int bottom) {
        int n = 0;
        for (int y = top; y < bottom; y++) {
            for (int x = left; x < right; x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Pixels near {@code rgb}: text is smoothed, so its strokes are the colour give or take a few steps. */
    private static int countNear(BufferedImage image, int rgb, int left, int right, int top, int bottom) {
        int n = 0;
        for (int y = top; y < bottom; y++) {
            for (int x = left; x < right; x++) {
                int pixel = image.getRGB(x, y);
                boolean near = true;
                for (int shift = 0; shift <= 16; shift += 8) {
                    near &= Math.abs((pixel >> shift & 0xff) - (rgb >> shift & 0xff)) <= 16;
                }
                if (near) {
                    n++;
                }
            }
        }
        return n;
    }

    /** A colour as the dark theme names it: the picture must show what the theme says. */
    private static int darkThemeColour(String name) throws IOException {
        try (InputStream in = ScreenshotCommandTest.class.getResourceAsStream("/io/cgscope/ui/theme-dark.css")) {
            String css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile(Pattern.quote(name) + ":\\s*#([0-9a-fA-F]{6});").matcher(css);
            assertTrue(m.find(), name + " in theme-dark.css");
            return Integer.parseInt(m.group(1), 16);
        }
    }
}
