package io.cgscope.ui.editors;

import io.cgscope.model.EscapedText;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;

/** The panel's one message line: what the host now says, or why nothing was written. */
final class Feedback {
    private static final PseudoClass OK = PseudoClass.getPseudoClass("ok");
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final PseudoClass DIFFERS = PseudoClass.getPseudoClass("differs");

    private final Label line;

    Feedback(Label line) {
        this.line = line;
        line.getStyleClass().add("editors-message");
        line.setWrapText(true);
        clear();
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
        line.setManaged(!text.isEmpty());
    }
}
