package io.cgscope.ui.window;

import javafx.scene.control.Label;

/**
 * One line across the window when cgscope may not write: why, and what would allow it. Hidden
 * (and taking no room) when writing is possible.
 */
final class ReadOnlyBanner extends Label {
    ReadOnlyBanner(String whyReadOnly) {
        setId("read-only-banner");
        getStyleClass().add("read-only-banner");
        setMaxWidth(Double.MAX_VALUE);
        setWrapText(true);
        boolean show = whyReadOnly != null;
        setVisible(show);
        setManaged(show);
        if (show) {
            setText(whyReadOnly + " Browsing works; the edit panels stay disabled. Writing needs root with"
                    + " CAP_SYS_ADMIN in the initial user namespace (for example, start it with sudo).");
        }
    }
}
