package io.cgscope.ui;

import javafx.scene.Node;

/** Shows or hides a node together with the room it takes in its layout. */
public final class Visibility {
    private Visibility() {
    }

    public static void set(Node n, boolean shown) {
        n.setVisible(shown);
        n.setManaged(shown);
    }
}
