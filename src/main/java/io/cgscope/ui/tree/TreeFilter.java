package io.cgscope.ui.tree;

import java.util.Locale;

/**
 * What the tree shows: cgroups whose name contains {@code text} (ignoring case) and, when
 * {@code onlyReleasable}, only releasable ones; each match keeps its ancestors visible.
 */
public record TreeFilter(String text, boolean onlyReleasable) {
    public static final TreeFilter NONE = new TreeFilter("", false);

    public TreeFilter {
        text = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }

    public boolean active() {
        return onlyReleasable || !text.isEmpty();
    }

    public boolean matches(Row row) {
        if (row.top()) {
            return false; // headers stay only as ancestors of matches
        }
        if (onlyReleasable && !row.cgroup().releasable()) {
            return false;
        }
        return text.isEmpty() || row.cgroup().name().toLowerCase(Locale.ROOT).contains(text);
    }
}
