package io.cgscope.ui.tree;

import io.cgscope.model.Cgroup;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Hierarchy;

import java.util.Objects;

/**
 * The value of one tree item: immutable, so {@code setValue(newRow)} repaints the row exactly when
 * something shown changed.
 *
 * @param host         the id of the host the cgroup lives on: the window asks it for files and processes
 * @param hierarchy    where the cgroup lives on that host
 * @param cgroup       what its files said last
 * @param top          the topmost cgroup read of its hierarchy: shown as the hierarchy's header
 * @param justReleased the live source predicts the kernel released it a moment ago ({@code released};
 *                     cleared by a timer of the tree model)
 * @param agentCalled  the kernel called the release agent for it a moment ago, as the recorder
 *                     logged it ({@code agent-called}; cleared by the same timer)
 */
public record Row(String host, Hierarchy hierarchy, Cgroup cgroup, boolean top, boolean justReleased,
                  boolean agentCalled) {
    public Row {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(hierarchy, "hierarchy");
        Objects.requireNonNull(cgroup, "cgroup");
    }

    public Row(String host, Hierarchy hierarchy, Cgroup cgroup, boolean top, boolean justReleased) {
        this(host, hierarchy, cgroup, top, justReleased, false);
    }

    public CgroupKey key() {
        return CgroupKey.of(host, hierarchy, cgroup.path());
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
        return new Row(host, hierarchy, newCgroup, top, justReleased, agentCalled);
    }

    public Row withJustReleased(boolean released) {
        return released == justReleased ? this : new Row(host, hierarchy, cgroup, top, released, agentCalled);
    }

    public Row withAgentCalled(boolean called) {
        return called == agentCalled ? this : new Row(host, hierarchy, cgroup, top, justReleased, called);
    }
}
