package io.cgscope.ui.tree;

import javafx.event.Event;
import javafx.event.EventDispatchChain;
import javafx.event.EventDispatcher;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeItem.TreeModificationEvent;

/**
 * The invisible root of an item tree. Every event of a tree item travels up to its root, where
 * the tree view's skin listens; and that skin answers a changed value anywhere, or any change of
 * children anywhere, by rebuilding every visible cell (and re-applying CSS to all of them) in the
 * next layout pass, even when the row is far out of sight or its parent is collapsed. During a
 * burst that is every pulse. So this root lets two kinds of events stop before they reach the view:
 * <ul>
 * <li>a changed value: each {@link CgroupCell} follows the value of its own item, so exactly the
 *     rows whose record changed repaint;</li>
 * <li>children added to or removed from a collapsed item: they change no visible row and no count
 *     of any ancestor (a collapsed item counts as one row however many children it has); the item
 *     itself recounts when it is expanded, and its {@link CgroupCell} shows or hides the disclosure
 *     triangle as the item gains its first child or loses its last (no rebuild tells it).</li>
 * </ul>
 * Every other event (expanding, collapsing, children of an expanded item) passes unchanged.
 */
final class RootItem extends TreeItem<Row> {
    private final EventDispatcher unseenChanges = (event, tail) -> isUnseen(event) ? null : tail.dispatchEvent(event);

    RootItem() {
        setExpanded(true);
    }

    @Override
    public EventDispatchChain buildEventDispatchChain(EventDispatchChain tail) {
        // the root is the first link of every item's chain: dropping here spares the whole chain
        return super.buildEventDispatchChain(tail.append(unseenChanges));
    }

    private static boolean isUnseen(Event event) {
        if (!(event instanceof TreeModificationEvent<?> e)) {
            return false;
        }
        if (e.getEventType() == TreeItem.valueChangedEvent()) {
            return true;
        }
        return e.getEventType() == TreeItem.childrenModificationEvent() && e.getTreeItem() != null
                && !e.getTreeItem().isExpanded();
    }
}
