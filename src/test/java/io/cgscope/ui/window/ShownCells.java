package io.cgscope.ui.window;

import io.cgscope.ui.tree.Row;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;

import java.util.ArrayList;
import java.util.List;

/**
 * What each cell of a tree's virtual flow shows, as a user sees it: every cell on screen, the
 * empty ones that fill the view below the last row included. Call on the FX thread.
 */
final class ShownCells {
    private ShownCells() {
    }

    /**
     * What is wrong with the cells of {@code tree}, one line per cell; empty when each cell with an
     * item shows exactly that item's row (its name, and a disclosure triangle exactly when it has
     * children), and each cell without an item shows nothing: no text, no graphic, no triangle.
     */
    static List<String> defects(TreeView<Row> tree) {
        List<String> defects = new ArrayList<>();
        List<TreeCell<Row>> cells = onScreen(tree);
        int rows = 0;
        for (TreeCell<Row> cell : cells) {
            TreeItem<Row> item = cell.getTreeItem();
            String where = "cell " + cell.getIndex() + " (of " + tree.getExpandedItemCount() + " rows)";
            if (cell.isEmpty() || item == null) {
                if (cell.getText() != null && !cell.getText().isEmpty()) {
                    defects.add(where + " without an item shows the text " + cell.getText());
                }
                if (shown(cell.getGraphic(), cell)) {
                    defects.add(where + " without an item shows a graphic");
                }
                if (shown(cell.getDisclosureNode(), cell)) {
                    defects.add(where + " without an item shows a disclosure triangle");
                }
                continue;
            }
            rows++;
            if (tree.getTreeItem(cell.getIndex()) != item) {
                defects.add(where + " shows " + item.getValue().path() + ", not the row at its index");
            }
            String name = ((Label) cell.lookup(".cgroup-name")).getText();
            if (!item.getValue().text().equals(name) || !shown(cell.lookup(".cgroup-name"), cell)) {
                defects.add(where + " for " + item.getValue().path() + " does not show its name: " + name);
            }
            if (shown(cell.getDisclosureNode(), cell) == item.isLeaf()) {
                defects.add(where + " for " + item.getValue().path() + (item.isLeaf()
                        ? " has no children but shows a disclosure triangle"
                        : " has children but shows no disclosure triangle"));
            }
        }
        int expected = Math.min(tree.getExpandedItemCount(), cells.size());
        if (rows != expected) {
            defects.add(rows + " cells show a row, expected " + expected);
        }
        return defects;
    }

    /** The cells the user sees, top to bottom: visible themselves and inside visible parents. */
    @SuppressWarnings("unchecked")
    static List<TreeCell<Row>> onScreen(TreeView<Row> tree) {
        List<TreeCell<Row>> cells = new ArrayList<>();
        for (Node n : tree.lookupAll(".cgroup-cell")) {
            if (shown(n, tree)) {
                cells.add((TreeCell<Row>) n);
            }
        }
        cells.sort((a, b) -> Double.compare(a.localToScene(0, 0).getY(), b.localToScene(0, 0).getY()));
        return cells;
    }

    /** True when {@code node} is drawn: it and every parent up to {@code within} are visible. */
    private static boolean shown(Node node, Node within) {
        if (node == null) {
            return false;
        }
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
            if (n == within) {
                return true;
            }
        }
        return false; // not attached below the cell: nothing of it is drawn there
    }
}
