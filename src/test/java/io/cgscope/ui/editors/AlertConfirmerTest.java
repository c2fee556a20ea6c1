package io.cgscope.ui.editors;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The desktop confirmer: Continue agrees, and Enter on a dialog nobody read declines. */
@ExtendWith(ApplicationExtension.class)
class AlertConfirmerTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new Label("owner"), 300, 200));
        stage.show();
    }

    @Test
    void continueAgrees(FxRobot robot) throws Exception {
        CompletableFuture<Boolean> answer = ask();
        robot.clickOn("Continue");
        assertTrue(answer.get(10, TimeUnit.SECONDS));
    }

    @Test
    void enterDeclines(FxRobot robot) throws Exception {
        CompletableFuture<Boolean> answer = ask();
        robot.type(KeyCode.ENTER);
        assertFalse(answer.get(10, TimeUnit.SECONDS));
    }

    private CompletableFuture<Boolean> ask() {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Platform.runLater(() -> answer.complete(new AlertConfirmer(() -> stage).confirm("Remove?", "Remove /a?")));
        WaitForAsyncUtils.waitForFxEvents();
        return answer;
    }
}
