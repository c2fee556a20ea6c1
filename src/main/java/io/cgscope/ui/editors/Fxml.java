package io.cgscope.ui.editors;

import javafx.fxml.FXMLLoader;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Loads an {@code fx:root} form of this package into the node that is both its root and controller. */
final class Fxml {
    private Fxml() {
    }

    static void load(Object rootAndController, String name) {
        FXMLLoader loader = new FXMLLoader(Fxml.class.getResource(name));
        loader.setRoot(rootAndController);
        loader.setController(rootAndController);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + name, e);
        }
    }
}
