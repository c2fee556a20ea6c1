package io.cgscope.ui.tree;

import io.cgscope.model.Cgroup;
import io.cgscope.model.EscapedText;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * One row of the tree. Its nodes are made once and stay in place; {@link #updateItem} only sets
 * texts, visibility and pseudo-classes, which the style sheet turns into colours and icons. It
 * follows the value of its tree item itself, so a changed record repaints its own row only (the
 * tree's root keeps value changes from rebuilding every cell, see {@link RootItem}).
 */
final class CgroupCell extends TreeCell<Row> {
    private final Region stateIcon = new Region();
    private final Label name = new Label();
    private final Label notifyMarker = new Label("N");
    private final Label releasedMarker = new Label("released");
    private final Label tasks = new Label();
    private final HBox box = new HBox();
    private final Tooltip tooltip = new Tooltip();
    private final ChangeListener<Row> valueListener = (o, was, now) -> {
        if (!isEmpty() && now != null) {
            updateItem(now, false);
        }
    };
    private final WeakChangeListener<Row> weakValueListener = new WeakChangeListener<>(valueListener);
    private final ChangeListener<Boolean> leafListener = (o, was, now) -> {
        if (!isEmpty()) {
            showDisclosure(!now);
        }
    };
    private final WeakChangeListener<Boolean> weakLeafListener = new WeakChangeListener<>(leafListener);

    CgroupCell() {
        getStyleClass().add("cgroup-cell");
        stateIcon.getStyleClass().add("state-icon");
        name.getStyleClass().add("cgroup-name");
        // a long name gives way (its tooltip has the whole path), the task count keeps its place
        name.setMinWidth(0);
        tasks.setMinWidth(Region.USE_PREF_SIZE);
        notifyMarker.getStyleClass().add("notify-marker");
        releasedMarker.getStyleClass().add("released-marker");
        tasks.getStyleClass().add("task-count");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        box.getStyleClass().add("cgroup-row");
        box.getChildren().addAll(stateIcon, name, notifyMarker, releasedMarker, gap, tasks);
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        // the row stays the graphic: taking it out and back on every rebuild re-applies CSS to all its nodes
        box.setVisible(false);
        setGraphic(box);
        treeItemProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.valueProperty().removeListener(weakValueListener);
                was.leafProperty().removeListener(weakLeafListener);
            }
            if (now != null) {
                now.valueProperty().addListener(weakValueListener);
                now.leafProperty().addListener(weakLeafListener);
            }
        });
    }

    @Override
    protected void updateItem(Row row, boolean empty) {
        super.updateItem(row, empty);
        boolean shown = !empty && row != null;
        Cgroup c = shown ? row.cgroup() : null;
        RowStates.show(this, shown ? row : null);
        box.setVisible(shown);
        if (!shown) {
            showDisclosure(false);
            setTooltip(null);
            return;
        }
        name.setText(EscapedText.of(row.text()));
        int n = c.taskCount();
        tasks.setText(n < 0 ? "?" : Integer.toString(n));
        notifyMarker.setVisible(Boolean.TRUE.equals(c.notifyOnRelease()));
        notifyMarker.setManaged(notifyMarker.isVisible());
        releasedMarker.setVisible(row.justReleased());
        releasedMarker.setManaged(row.justReleased());
        tooltip.setText(EscapedText.of(row.path()) + "\n" + EscapedText.of(c.reason()));
        setTooltip(tooltip);
    }

    /**
     * No wider than the tree: the tree's width is the row's, so the task counts stay in one column
     * at its right edge, with no sideways scrolling; a name that does not fit ends in "…".
     */
    @Override
    protected double computePrefWidth(double height) {
        return computeMinWidth(height);
    }

    /**
     * The skin sets the triangle only when the cell gets another tree item, and takes it out of an
     * empty cell only when the cell's text or graphic changes; this cell keeps both (see above), and
     * the tree's root keeps children of collapsed items from rebuilding the cells. So the cell hides
     * the triangle itself when it turns empty or its item loses its last child, and shows it again
     * when its item gains one (the skin's next layout puts it back in place).
     */
    private void showDisclosure(boolean show) {
        if (getDisclosureNode() != null && getDisclosureNode().isVisible() != show) {
            getDisclosureNode().setVisible(show);
            requestLayout();
        }
    }
}
