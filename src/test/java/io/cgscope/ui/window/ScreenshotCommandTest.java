package io.cgscope.ui.window;

import io.cgscope.ui.FixtureTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cgscope --screenshot FILE --fixture DIR} in a JVM of its own, without a display: it writes
 * a PNG of the whole window and exits 0.
 */
class ScreenshotCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesAPngOfTheWindowWithoutADisplay() throws Exception {
        FixtureTree fx = new FixtureTree(Files.createDirectories(tmp.resolve("tree")), "fixture");
        fx.cgroup("/jobs", true).cgroup("/jobs/done", true).cgroup("/jobs/busy", true, 1);
        Path png = tmp.resolve("shot.png");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.cgscope.Launcher", "--screenshot", png.toString(), "--fixture", fx.dir().toString(),
                "--select", "/jobs/done", "--theme", "dark");
        pb.environment().remove("DISPLAY");
        pb.redirectErrorStream(true);
        File log = tmp.resolve("out.txt").toFile();
        pb.redirectOutput(log);
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the screenshot finishes");
        String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(List.of(1280, 800), List.of(image.getWidth(), image.getHeight()));
        assertTrue(output.contains("wrote " + png), output);
    }
}
