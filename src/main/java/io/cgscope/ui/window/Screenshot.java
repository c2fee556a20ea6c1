package io.cgscope.ui.window;

import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Renders a scene to a PNG without a display. The off-screen toolkit (Monocle headless, software
 * rendering) must be chosen before JavaFX starts: {@link #selectHeadlessToolkit()}.
 */
public final class Screenshot {
    private Screenshot() {
    }

    /** Makes the toolkit that starts next render off-screen; call before any JavaFX start-up. */
    public static void selectHeadlessToolkit() {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("java.awt.headless", "true");
        System.setProperty("headless.geometry", "1600x1200-32");
        RenderingSettings.apply();
    }

    /** Snapshots {@code scene} and writes it to {@code file} as PNG. */
    public static void write(Scene scene, Path file) throws IOException {
        // A label that wraps learns its height from the width of the first pass; on screen the
        // next pulse settles it. The picture is taken before any next pulse: one pass here, and
        // the snapshot's own, settle it the same way.
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        WritableImage image = scene.snapshot(null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        if (!ImageIO.write(out, "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }
}
