package io.cgscope.ui.window;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The window's Prism settings give way to what the person starting cgscope chose with -D. */
class RenderingSettingsTest {
    private final String before = System.getProperty(RenderingSettings.DISABLE_REGION_CACHING);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(RenderingSettings.DISABLE_REGION_CACHING);
        } else {
            System.setProperty(RenderingSettings.DISABLE_REGION_CACHING, before);
        }
    }

    @Test
    void regionBackgroundsAreDrawnDirectlyUnlessChosenOtherwise() {
        System.clearProperty(RenderingSettings.DISABLE_REGION_CACHING);
        RenderingSettings.apply();
        assertEquals("true", System.getProperty(RenderingSettings.DISABLE_REGION_CACHING));

        System.setProperty(RenderingSettings.DISABLE_REGION_CACHING, "false");
        RenderingSettings.apply();
        assertEquals("false", System.getProperty(RenderingSettings.DISABLE_REGION_CACHING));
    }
}
