package io.cgscope.ui.tree;

import io.cgscope.model.Cgroup;
import javafx.css.PseudoClass;
import javafx.scene.Node;

/**
 * The states of a row as pseudo-classes, one set for every node that shows a row (a tree cell,
 * the details' state badge): the style sheet turns them into colours and icons.
 */
public final class RowStates {
    public static final PseudoClass RELEASABLE = PseudoClass.getPseudoClass("releasable");
    public static final PseudoClass RELEASED = PseudoClass.getPseudoClass("released");
    /** The kernel's own call of the release agent, as the recorder logged it: the observation beside the prediction. */
    public static final PseudoClass AGENT_CALLED = PseudoClass.getPseudoClass("agent-called");
    public static final PseudoClass EMPTY_V2 = PseudoClass.getPseudoClass("empty-v2");
    public static final PseudoClass BUSY = PseudoClass.getPseudoClass("busy");
    public static final PseudoClass HEADER = PseudoClass.getPseudoClass("header");
    public static final PseudoClass NOTIFY = PseudoClass.getPseudoClass("notify");
    public static final PseudoClass UNKNOWN = PseudoClass.getPseudoClass("unknown");

    private RowStates() {
    }

    /** Sets every state of {@code row} on {@code node}, and clears them all for null. */
    public static void show(Node node, Row row) {
        Cgroup c = row == null ? null : row.cgroup();
        node.pseudoClassStateChanged(RELEASABLE, c != null && c.releasable());
        node.pseudoClassStateChanged(RELEASED, c != null && row.justReleased());
        node.pseudoClassStateChanged(AGENT_CALLED, c != null && row.agentCalled());
        node.pseudoClassStateChanged(EMPTY_V2, c != null && row.emptyV2());
        node.pseudoClassStateChanged(BUSY, c != null && c.taskCount() > 0);
        node.pseudoClassStateChanged(HEADER, c != null && row.top());
        node.pseudoClassStateChanged(NOTIFY, c != null && Boolean.TRUE.equals(c.notifyOnRelease()));
        node.pseudoClassStateChanged(UNKNOWN, c != null && c.taskCount() < 0);
    }
}
