package io.cgscope.ui.tree;

import javafx.scene.control.TreeItem;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What the tree shows while a filter is active: a second, smaller item tree holding the matches
 * and their ancestors (and every hierarchy's header). Built from the full tree when the filter is
 * set, then kept in step with it cgroup by cgroup, like the full one.
 */
final class FilteredTree {
    private final ItemTree all;
    private final TreeFilter filter;
    private final ItemTree shown = new ItemTree(0);

    FilteredTree(ItemTree all, TreeFilter filter) {
        this.all = all;
        this.filter = filter;
        build();
    }

    TreeItem<Row> root() {
        return shown.root();
    }

    TreeItem<Row> get(CgroupKey key) {
        return shown.get(key);
    }

    private void build() {
        for (TreeItem<Row> header : all.root().getChildren()) {
            shown.put(header.getValue()).setExpanded(true);
        }
        Deque<TreeItem<Row>> todo = new ArrayDeque<>(all.root().getChildren());
        while (!todo.isEmpty()) {
            TreeItem<Row> t = todo.pop();
            if (filter.matches(t.getValue())) {
                putWithAncestors(t.getValue().key());
            }
            todo.addAll(t.getChildren());
        }
    }

    /** After {@code key} changed in the full tree, makes this tree agree about it. */
    void sync(CgroupKey key) {
        TreeItem<Row> source = all.get(key);
        if (source == null) {
            if (shown.contains(key)) {
                shown.remove(key);
                prune(key.parent());
            }
            return;
        }
        Row row = source.getValue();
        if (row.top()) {
            TreeItem<Row> header = shown.put(row);
            if (header != null) {
                header.setExpanded(true);
            }
        } else if (filter.matches(row)) {
            putWithAncestors(key);
        } else if (shown.contains(key)) {
            shown.put(row);
            prune(key);
        }
    }

    private void putWithAncestors(CgroupKey key) {
        Deque<CgroupKey> chain = new ArrayDeque<>();
        for (CgroupKey k = key; k != null && !shown.contains(k); k = k.parent()) {
            if (all.get(k) == null) {
                return;
            }
            chain.push(k);
            if (all.get(k).getValue().top()) {
                break;
            }
        }
        if (chain.isEmpty()) {
            shown.put(all.get(key).getValue());
            return;
        }
        while (!chain.isEmpty()) {
            TreeItem<Row> item = shown.put(all.get(chain.pop()).getValue());
            if (item == null) {
                return;
            }
            item.setExpanded(true);
        }
    }

    /** Removes items that neither match nor lead to a match, from {@code key} upwards. */
    private void prune(CgroupKey key) {
        for (CgroupKey k = key; k != null; k = k.parent()) {
            TreeItem<Row> item = shown.get(k);
            if (item == null) {
                continue;
            }
            Row row = item.getValue();
            if (row.top() || !item.getChildren().isEmpty() || filter.matches(row)) {
                return;
            }
            shown.remove(k);
        }
    }
}
