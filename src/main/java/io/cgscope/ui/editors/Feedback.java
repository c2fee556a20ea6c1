package io.cgscope.ui.editors;

import io.cgscope.model.EscapedText;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

import java.util.function.Consumer;

/**
 * A panel's message line, next to its controls: what the host now says, or why nothing was
 * written. The line keeps its place while empty (one line high), so that a message appearing
 * moves nothing under the mouse.
 */
final class Feedback {
    private static final PseudoClass OK = PseudoClass.getPseudoClass("ok");
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final PseudoClass DIFFERS = PseudoClass.getPseudoClass("differs");

    private final Label line;
    private final Consumer<Feedback> onSet;

    /** @param onSet hears each message set (the pane keeps the latest) */
    Feedback(Label line, Consumer<Feedback> onSet) {
        this.line = line;
        this.onSet = onSet;
        line.getStyleClass().add("editors-message");
        line.setWrapText(true);
        line.setMinHeight(Region.USE_PREF_SIZE);
        line.setMaxWidth(Double.MAX_VALUE);
        set("", null);
    }

    Label line() {
        return line;
    }

    /** A write happened; {@code sentence} says what the kernel reads back. */
    void ok(String sentence) {
        set(sentence, OK);
    }

    /** A write happened and the kernel reads back something else than was asked: {@code sentence} says both. */
    void differs(String sentence) {
        set(sentence, DIFFERS);
    }

    /** Nothing was written (refused input, a declined question or a kernel refusal). */
    void error(String sentence) {
        set(sentence, ERROR);
    }

    void clear() {
        set("", null);
    }

    String text() {
        return line.getText();
    }

    private void set(String text, PseudoClass state) {
        line.setText(EscapedText.ofLines(text));
        for (PseudoClass p : new PseudoClass[] {OK, ERROR, DIFFERS}) {
            line.pseudoClassStateChanged(p, p == state);
        }
        line.setVisible(!text.isEmpty());
        if (!text.isEmpty()) {
            onSet.accept(this);
        }
    }
}
