package io.cgscope.ui.window;

import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/** Says what the tree's colours and icons mean; uses the same style classes as the rows. */
final class Legend extends FlowPane {
    Legend() {
        getStyleClass().add("legend");
        setMinWidth(0);
        getChildren().addAll(
                // as the details say it: the kernel runs the agent on a transition to empty, so a flagged
                // cgroup that never held a task or a child waits for one to come and go
                entry("releasable", "releasable: the agent runs when its last task or child leaves"),
                entry("released", "released just now"),
                entry("empty-v2", "v2 empty (populated 0)"),
                entry("busy", "has tasks"),
                notifyEntry());
    }

    private HBox entry(String state, String text) {
        Region icon = new Region();
        icon.getStyleClass().addAll("state-icon", "legend-" + state);
        Label label = new Label(text);
        // never wider than the legend: a long entry wraps in a narrow window instead of widening it
        label.setWrapText(true);
        label.setMinWidth(0);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.maxWidthProperty().bind(widthProperty().subtract(30));
        HBox box = new HBox(4, icon, label);
        box.getStyleClass().addAll("legend-entry", "legend-entry-" + state);
        return box;
    }

    private static HBox notifyEntry() {
        Label marker = new Label("N");
        marker.getStyleClass().add("notify-marker");
        HBox box = new HBox(4, marker, new Label("notify_on_release 1"));
        box.getStyleClass().add("legend-entry");
        return box;
    }
}
