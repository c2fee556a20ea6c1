package io.cgscope.ui.editors;

import io.cgscope.host.CgroupEdits;
import io.cgscope.host.CgroupHost;
import io.cgscope.model.Hierarchy;

import java.util.Objects;

/**
 * What the panels show: a cgroup of a hierarchy of a host, and the writes that host allows there.
 * Work that left the FX thread carries the one it started from, so its answer can tell whether
 * the panels still show the same thing when it comes back.
 *
 * @param edits null when the host writes nothing there (read-only)
 */
record Shown(CgroupHost host, Hierarchy hierarchy, String cgroup, CgroupEdits edits) {
    static final Shown NOTHING = new Shown(null, null, null, null);

    boolean isNothing() {
        return hierarchy == null;
    }

    boolean sameHierarchy(CgroupHost otherHost, Hierarchy otherHierarchy) {
        return Objects.equals(host, otherHost) && Objects.equals(hierarchy, otherHierarchy);
    }

    boolean sameHierarchy(Shown other) {
        return sameHierarchy(other.host, other.hierarchy);
    }

    boolean sameCgroup(Shown other) {
        return sameCgroup(other.host, other.hierarchy, other.cgroup);
    }

    boolean sameCgroup(CgroupHost otherHost, Hierarchy otherHierarchy, String otherCgroup) {
        return sameHierarchy(otherHost, otherHierarchy) && Objects.equals(cgroup, otherCgroup);
    }

    /** "name=x on this machine": where a write went, said when the panels have moved on meanwhile. */
    String where() {
        return hierarchy.title() + " on " + host.displayName();
    }
}
