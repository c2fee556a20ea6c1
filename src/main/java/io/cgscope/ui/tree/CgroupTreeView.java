package io.cgscope.ui.tree;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The tree of all hierarchies. It shows the model's root and never rebuilds it; after each update
 * it puts the selection back on the cgroup the user chose, or on its nearest surviving ancestor
 * when that cgroup vanished.
 */
public final class CgroupTreeView extends TreeView<Row> {
    /** One row's height; fixed so the virtual flow need not measure 100,000 rows. */
    public static final double ROW_HEIGHT = 24;

    private final CgroupTreeModel model;
    private final ReadOnlyObjectWrapper<Row> selectedRow = new ReadOnlyObjectWrapper<>();
    private final ChangeListener<Row> selectedValueListener = (o, was, now) -> selectedRow.set(now);
    /** The cgroup the user chose; kept while a filter hides it, so it comes back with it. */
    private CgroupKey chosen;
    private boolean restoring;
    private TreeItem<Row> topItem;
    private int topIndex;
    private TreeItem<Row> watchedItem;
    private Runnable onDelete = () -> { };
    private Runnable onEnterLeaf = () -> { };

    public CgroupTreeView(CgroupTreeModel model) {
        this.model = model;
        initializeParts();
        layoutParts();
        bindFieldsToModel();
    }

    private void initializeParts() {
        getStyleClass().add("cgroup-tree");
        setShowRoot(false);
        setFixedCellSize(ROW_HEIGHT);
        setCellFactory(tree -> new CgroupCell());
    }

    private void layoutParts() {
        setRoot(model.shownRootProperty().get());
    }

    private void bindFieldsToModel() {
        model.shownRootProperty().addListener((o, was, now) -> {
            setRoot(now);
            restoreSelection();
        });
        getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (model.updatingProperty().get()) {
                return; // the selection is put back by key when the update ends
            }
            if (now != null && !restoring) {
                chosen = now.getValue().key();
            }
            watch(now);
        });
        model.updatingProperty().addListener((o, was, now) -> {
            if (now) {
                setAsideSelection();
            } else {
                restoreSelection();
            }
        });
        addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
    }

    /** The row of the selected cgroup, following its record as it changes; null when none. */
    public ReadOnlyObjectProperty<Row> selectedRowProperty() {
        return selectedRow.getReadOnlyProperty();
    }

    /** Selects the cgroup of {@code key} (or its nearest shown ancestor), expanding its ancestors. */
    public void select(CgroupKey key) {
        chosen = key;
        restoreSelection();
        int row = getSelectionModel().getSelectedIndex();
        if (row >= 0) {
            scrollTo(Math.max(0, row - 3));
        }
    }

    public void setOnDelete(Runnable action) {
        onDelete = action;
    }

    /** What Enter does on a cgroup without children (one with children expands or collapses). */
    public void setOnEnterLeaf(Runnable action) {
        onEnterLeaf = action;
    }

    private void onKey(KeyEvent e) {
        TreeItem<Row> item = getSelectionModel().getSelectedItem();
        if (e.getCode() == KeyCode.DELETE && item != null) {
            onDelete.run();
            e.consume();
        } else if (e.getCode() == KeyCode.ENTER && item != null) {
            if (item.isLeaf()) {
                onEnterLeaf.run();
            } else {
                item.setExpanded(!item.isExpanded());
            }
            e.consume();
        }
    }

    private void watch(TreeItem<Row> item) {
        if (watchedItem != null) {
            watchedItem.valueProperty().removeListener(selectedValueListener);
        }
        watchedItem = item;
        if (item != null) {
            item.valueProperty().addListener(selectedValueListener);
        }
        selectedRow.set(item == null ? null : item.getValue());
    }

    /**
     * While items come and go the tree's selection and focus models shift their row indices on
     * every insertion and removal, each time looking up the row of the changed item: with 100,000
     * rows that cost more than the update itself. So the selection is cleared for the update and
     * put back by key afterwards (the same item when it survives), all before the next pulse.
     */
    private void setAsideSelection() {
        rememberTopRow();
        if (!getSelectionModel().isEmpty()) {
            getSelectionModel().clearSelection();
        }
        if (getFocusModel().getFocusedIndex() >= 0) {
            getFocusModel().focus(-1);
        }
    }

    /**
     * The row at the top of the view. Rows inserted or removed above it would otherwise shift the
     * view under the user's eyes; after the update the view scrolls back to put it on top.
     */
    private void rememberTopRow() {
        topItem = null;
        if (lookup(".virtual-flow") instanceof VirtualFlow<?> flow && flow.getFirstVisibleCell() != null) {
            topIndex = flow.getFirstVisibleCell().getIndex();
            topItem = getTreeItem(topIndex);
        }
    }

    private void restoreTopRow() {
        TreeItem<Row> item = topItem;
        topItem = null;
        if (item == null || topIndex <= 0) {
            return; // at the very top the view stays at the top, showing what was inserted there
        }
        int row = getRow(item);
        if (row >= 0 && row != topIndex) {
            scrollTo(row);
        }
    }

    private void restoreSelection() {
        restoreTopRow();
        if (chosen == null) {
            return;
        }
        TreeItem<Row> target = null;
        for (CgroupKey k = chosen; k != null && target == null; k = k.parent()) {
            target = model.shownItem(k);
        }
        if (target == null) {
            getSelectionModel().clearSelection();
            watch(null);
            return;
        }
        for (TreeItem<Row> p = target.getParent(); p != null; p = p.getParent()) {
            p.setExpanded(true);
        }
        if (getSelectionModel().getSelectedItem() != target) {
            restoring = true;
            try {
                getSelectionModel().select(target);
            } finally {
                restoring = false;
            }
        }
        if (watchedItem != target) {
            watch(target);
        } else if (selectedRow.get() != target.getValue()) {
            selectedRow.set(target.getValue());
        }
        if (target.getValue() != null && !target.getValue().key().equals(chosen) && model.row(chosen) == null) {
            chosen = target.getValue().key(); // the chosen cgroup is gone for good: its parent is the choice now
        }
    }
}
