package io.cgscope.ui.editors;

import io.cgscope.model.EscapedText;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

import java.util.Optional;
import java.util.function.Supplier;

/** The desktop's confirmer: a modal alert whose safe answer (Cancel) is the default button. */
public final class AlertConfirmer implements Confirmer {
    private final Supplier<Window> owner;

    /** @param owner the window the alert belongs to, looked up when asking (may give null) */
    public AlertConfirmer(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public boolean confirm(String title, String message) {
        ButtonType go = new ButtonType("Continue", ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, EscapedText.ofLines(message), go, ButtonType.CANCEL);
        alert.setTitle(title);
        alert.setHeaderText(title);
        Window w = owner.get();
        if (w != null) {
            alert.initOwner(w);
        }
        // Enter on an unread dialog must not write: the default button is Cancel
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(go)).setDefaultButton(false);
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        Optional<ButtonType> answer = alert.showAndWait();
        return answer.isPresent() && answer.get() == go;
    }
}
