package io.cgscope.ui.editors;

import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * Gives the focus back to the control that had it before its panel was disabled for a while. A
 * disabled node cannot hold the focus: the scene moves it on by itself (out of the pane, to the
 * tree). Without this, Tab and Enter would lose their place after every write. The focus goes
 * back only when nobody moved it since the scene did.
 */
final class FocusKeeper {
    private final Parent pane;
    private Node had;
    private Node movedTo;
    private boolean moved;
    private Scene watched;
    private final ChangeListener<Node> onMove = (o, was, now) -> {
        if (!moved) {
            moved = true; // the scene's own move, away from the disabled control
            movedTo = now;
        } else {
            had = null; // someone chose another place meanwhile: leave it there
        }
    };

    FocusKeeper(Parent pane) {
        this.pane = pane;
    }

    /** Call before the panels are disabled. */
    void remember() {
        forget();
        Scene scene = pane.getScene();
        Node owner = scene == null ? null : scene.getFocusOwner();
        if (owner != null && inPane(owner)) {
            had = owner;
            moved = false;
            watched = scene;
            scene.focusOwnerProperty().addListener(onMove);
        }
    }

    /** Call after the panels are enabled again. */
    void restore() {
        Node back = had;
        // nothing remembered (the focus was outside the pane): nothing to give back, nothing watched
        boolean untouched = back != null && (!moved || watched.getFocusOwner() == movedTo);
        forget();
        if (untouched && back.getScene() != null && !back.isDisabled() && back.isVisible()) {
            back.requestFocus();
        }
    }

    private void forget() {
        if (watched != null) {
            watched.focusOwnerProperty().removeListener(onMove);
        }
        watched = null;
        had = null;
        movedTo = null;
        moved = false;
    }

    private boolean inPane(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p == pane) {
                return true;
            }
        }
        return false;
    }
}
