package io.cgscope.ui.window;

import io.cgscope.host.Access;
import javafx.scene.control.Label;

/**
 * One line across the window when its host may not be written: the host's own sentence, why and
 * what would allow it. Hidden (and taking no room) when writing is possible.
 */
final class ReadOnlyBanner extends Label {
    ReadOnlyBanner(Access access) {
        setId("read-only-banner");
        getStyleClass().add("read-only-banner");
        setMaxWidth(Double.MAX_VALUE);
        setWrapText(true);
        boolean show = !access.writable();
        setVisible(show);
        setManaged(show);
        if (show) {
            setText(access.whyReadOnly());
        }
    }
}
