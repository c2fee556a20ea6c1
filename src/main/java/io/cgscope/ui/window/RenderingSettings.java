package io.cgscope.ui.window;

/**
 * Prism settings the window starts JavaFX with. Set before the toolkit starts, each only where
 * the person starting cgscope did not choose otherwise ({@code -Dprism...}).
 */
public final class RenderingSettings {
    static final String DISABLE_REGION_CACHING = "prism.disableRegionCaching";

    private RenderingSettings() {
    }

    /**
     * Region backgrounds are drawn directly rather than from cached images. JavaFX keeps a
     * background of several fills (most of modena's: a border colour under an inset fill) as an
     * image and stretches its nine slices over the region at every paint. The software renderer,
     * which is what a VM, Xvfb, a remote desktop and the off-screen screenshot get, scales those
     * slices pixel by pixel: during a burst of kernel changes that was most of the renderer's
     * time, and the FX thread waited for it. Plain fills are cheap on every pipeline.
     */
    public static void apply() {
        if (System.getProperty(DISABLE_REGION_CACHING) == null) {
            System.setProperty(DISABLE_REGION_CACHING, "true");
        }
    }
}
