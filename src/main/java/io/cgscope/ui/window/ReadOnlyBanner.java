package io.cgscope.ui.window;

import javafx.scene.control.Label;

/**
 * One line across the window when cgscope may not write: why, and what would allow it. Hidden
 * (and taking no room) when writing is possible.
 */
final class ReadOnlyBanner extends Label {
    private ReadOnlyBanner(String text) {
        setId("read-only-banner");
        getStyleClass().add("read-only-banner");
        setMaxWidth(Double.MAX_VALUE);
        setWrapText(true);
        boolean show = text != null;
        setVisible(show);
        setManaged(show);
        if (show) {
            setText(text);
        }
    }

    /** Read-only for lack of privilege ({@code whyReadOnly}), or hidden when it is null. */
    static ReadOnlyBanner forPrivileges(String whyReadOnly) {
        return new ReadOnlyBanner(whyReadOnly == null ? null : whyReadOnly + " Browsing works; the edit panels stay"
                + " disabled. Writing needs root with CAP_SYS_ADMIN in the initial user namespace (for example,"
                + " start it with sudo).");
    }

    /** Read-only because what is shown is no cgroupfs: no privilege changes that. */
    static ReadOnlyBanner forFixtures(String why) {
        return new ReadOnlyBanner(why);
    }
}
