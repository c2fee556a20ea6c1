package io.cgscope.ui.editors;

import javafx.scene.Node;

/** Shows or hides a node together with the room it takes in its layout. */
final class Visibility {
    private Visibility() {
    }

    static void set(Node n, boolean shown) {
        n.setVisible(shown);
        n.setManaged(shown);
    }
}
