package io.cgscope.ui.window;

import io.cgscope.model.Cgroup;
import io.cgscope.model.Hierarchy;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;

/** Holds the place of the edit panels below the details until they are built. */
final class EditorsPlaceholder extends StackPane {
    private final Label label = new Label("Edit panels");

    EditorsPlaceholder() {
        getStyleClass().add("editors-placeholder");
        getChildren().add(label);
    }

    void show(Hierarchy hierarchy, Cgroup cgroup) {
        label.setText(cgroup == null ? "Edit panels" : "Edit panels for " + cgroup.path());
    }

    void requestRemove() {
        // removal arrives with the edit panels
    }
}
