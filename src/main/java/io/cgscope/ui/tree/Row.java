package io.cgscope.ui.tree;

import io.cgscope.model.Cgroup;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Hierarchy;

import java.util.Objects;

/**
 * The value of one tree item: immutable, so {@code setValue(newRow)} repaints the row exactly when
 * something shown changed.
 *
 * @param hierarchy    where the cgroup lives
 * @param cgroup       what its files said last
 * @param top          the topmost cgroup read of its hierarchy: shown as the hierarchy's header
 * @param justReleased the kernel released it a moment ago (cleared by a timer of the tree model)
 */
public record Row(Hierarchy hierarchy, Cgroup cgroup, boolean top, boolean justReleased) {
    public Row {
        Objects.requireNonNull(hierarchy, "hierarchy");
        Objects.requireNonNull(cgroup, "cgroup");
    }

    public CgroupKey key() {
        return CgroupKey.of(hierarchy, cgroup.path());
    }

    public String path() {
        return cgroup.path();
    }

    /** What the row says: the hierarchy's label for a header, the cgroup's name below. */
    public String text() {
        if (!top) {
            return cgroup.name();
        }
        return "/".equals(cgroup.path()) ? hierarchy.label() : hierarchy.label() + " " + cgroup.path();
    }

    /** v2's answer to release agents: a non-root cgroup with populated 0. */
    public boolean emptyV2() {
        return hierarchy.version() == CgroupVersion.V2 && !cgroup.isRoot() && !cgroup.populated();
    }

    public Row withCgroup(Cgroup newCgroup) {
        return new Row(hierarchy, newCgroup, top, justReleased);
    }

    public Row withJustReleased(boolean released) {
        return released == justReleased ? this : new Row(hierarchy, cgroup, top, released);
    }
}
