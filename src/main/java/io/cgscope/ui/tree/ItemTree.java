package io.cgscope.ui.tree;

import javafx.collections.ObservableList;
import javafx.scene.control.TreeItem;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tree items under an invisible root, with an index from key to item. Children stay sorted by
 * name: a new item goes to its binary-search position, a vanished one is removed where it is, a
 * survivor keeps its item and only gets a new value. Nothing is ever re-sorted or replaced
 * wholesale, so the tree view keeps expansion, selection and scroll position.
 */
final class ItemTree {
    private final TreeItem<Row> root = new RootItem();
    private final Map<CgroupKey, TreeItem<Row>> index;
    /** How many of the items are releasable: kept by every method that adds, changes or removes one. */
    private int releasable;

    ItemTree(int expectedSize) {
        index = new HashMap<>(Math.max(16, expectedSize * 4 / 3 + 1));
    }

    TreeItem<Row> root() {
        return root;
    }

    TreeItem<Row> get(CgroupKey key) {
        return index.get(key);
    }

    boolean contains(CgroupKey key) {
        return index.containsKey(key);
    }

    int size() {
        return index.size();
    }

    /** The number of releasable cgroups among the items. */
    int releasable() {
        return releasable;
    }

    private static int releasable(Row row) {
        return row.cgroup().releasable() ? 1 : 0;
    }

    Iterable<TreeItem<Row>> items() {
        return index.values();
    }

    /**
     * Updates the item of {@code row}'s key, or inserts a new one under its parent. Headers go
     * after the existing headers. Returns null when the parent is not in the tree.
     */
    TreeItem<Row> put(Row row) {
        CgroupKey key = row.key();
        TreeItem<Row> item = index.get(key);
        if (item != null) {
            if (!item.getValue().equals(row)) {
                releasable += releasable(row) - releasable(item.getValue());
                item.setValue(row);
            }
            return item;
        }
        TreeItem<Row> parent = row.top() ? root : index.get(key.parent());
        if (parent == null) {
            return null;
        }
        item = new TreeItem<>(row);
        index.put(key, item);
        releasable += releasable(row);
        ObservableList<TreeItem<Row>> siblings = parent.getChildren();
        if (row.top()) {
            siblings.add(item);
        } else {
            int at = search(siblings, row.path());
            siblings.add(at < 0 ? -at - 1 : at, item);
        }
        return item;
    }

    /**
     * The first load into an empty tree: rows in preorder (a parent before its children). Each
     * parent receives all its children in one list change, not one change (and one tree event up
     * to the root) per cgroup. Rows whose parent is missing, or whose key is taken, are left out.
     */
    void putAll(List<Row> preorder) {
        Map<TreeItem<Row>, List<TreeItem<Row>>> children = new java.util.IdentityHashMap<>();
        List<TreeItem<Row>> parents = new ArrayList<>();
        for (Row row : preorder) {
            CgroupKey key = row.key();
            if (index.containsKey(key)) {
                continue;
            }
            TreeItem<Row> parent = row.top() ? root : index.get(key.parent());
            if (parent == null) {
                continue;
            }
            TreeItem<Row> item = new TreeItem<>(row);
            index.put(key, item);
            releasable += releasable(row);
            List<TreeItem<Row>> siblings = children.get(parent);
            if (siblings == null) {
                siblings = new ArrayList<>();
                children.put(parent, siblings);
                parents.add(parent);
            }
            siblings.add(item);
        }
        for (TreeItem<Row> parent : parents) {
            List<TreeItem<Row>> siblings = children.get(parent);
            if (parent != root) {
                siblings.sort(java.util.Comparator.comparing(i -> i.getValue().path())); // as put() orders them
            }
            parent.getChildren().addAll(siblings);
        }
    }

    /**
     * Inserts new sibling rows, sorted by name and none of them in the tree yet, in one list
     * change, when they all fall into the same gap between existing siblings (always so for the
     * children of a new parent). Returns false, inserting nothing, otherwise.
     */
    boolean putSiblings(List<Row> rows) {
        TreeItem<Row> parent = index.get(rows.get(0).key().parent());
        if (parent == null) {
            return false;
        }
        ObservableList<TreeItem<Row>> siblings = parent.getChildren();
        int first = search(siblings, rows.get(0).path());
        int last = search(siblings, rows.get(rows.size() - 1).path());
        if (first >= 0 || first != last) {
            return false;
        }
        List<TreeItem<Row>> items = new ArrayList<>(rows.size());
        for (Row r : rows) {
            TreeItem<Row> item = new TreeItem<>(r);
            index.put(r.key(), item);
            releasable += releasable(r);
            items.add(item);
        }
        siblings.addAll(-first - 1, items);
        return true;
    }

    /** Removes the item of {@code key} with its subtree; returns its former parent, or null. */
    TreeItem<Row> remove(CgroupKey key) {
        TreeItem<Row> item = index.remove(key);
        if (item == null) {
            return null;
        }
        releasable -= releasable(item.getValue());
        Deque<TreeItem<Row>> todo = new ArrayDeque<>(item.getChildren());
        while (!todo.isEmpty()) {
            TreeItem<Row> t = todo.pop();
            index.remove(t.getValue().key());
            releasable -= releasable(t.getValue());
            todo.addAll(t.getChildren());
        }
        TreeItem<Row> parent = item.getParent();
        if (parent != null) {
            ObservableList<TreeItem<Row>> siblings = parent.getChildren();
            int at = item.getValue().top() ? siblings.indexOf(item) : search(siblings, item.getValue().path());
            if (at >= 0 && siblings.get(at) == item) {
                siblings.remove(at);
            } else {
                siblings.remove(item);
            }
        }
        return parent;
    }

    /** The number of items below {@code item}. */
    static int descendants(TreeItem<Row> item) {
        int n = 0;
        Deque<TreeItem<Row>> todo = new ArrayDeque<>(item.getChildren());
        while (!todo.isEmpty()) {
            TreeItem<Row> t = todo.pop();
            n++;
            todo.addAll(t.getChildren());
        }
        return n;
    }

    /**
     * Binary search among siblings sorted by name (as the reader lists children). Siblings share
     * their parent's path as prefix, so comparing whole paths orders them by name, without
     * cutting a name out of each path on every comparison.
     */
    private static int search(ObservableList<TreeItem<Row>> siblings, String path) {
        int lo = 0;
        int hi = siblings.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = siblings.get(mid).getValue().path().compareTo(path);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }
}
