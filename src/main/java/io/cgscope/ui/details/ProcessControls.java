package io.cgscope.ui.details;

import io.cgscope.model.ProcessRow;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Above the process table, where the host has no shell beside it: a name and "Start a process
 * here", and for the process selected in the table "Exit" and "Move to" a path. Hidden for every
 * other host.
 */
final class ProcessControls extends VBox {
    private final ProcessCommands commands;
    private final TableView<ProcessRow> table;
    private final TextField name = new TextField();
    private final Button start = new Button("Start a process here");
    private final Button exit = new Button("Exit");
    private final TextField moveTo = new TextField();
    private final Button move = new Button("Move to");
    private final Label message = new Label();

    ProcessControls(ProcessCommands commands, TableView<ProcessRow> table) {
        this.commands = commands;
        this.table = table;
        initializeParts();
        layoutParts();
        bindFieldsToModel();
    }

    private void initializeParts() {
        getStyleClass().add("process-controls");
        name.setId("processName");
        name.setPromptText("name, e.g. web");
        name.setPrefColumnCount(10);
        start.setId("processStart");
        start.setDefaultButton(false);
        exit.setId("processExit");
        moveTo.setId("processMoveTo");
        moveTo.setPromptText("/path of a cgroup");
        moveTo.setPrefColumnCount(12);
        move.setId("processMove");
        message.setId("processMessage");
        message.getStyleClass().add("process-message");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
    }

    private void layoutParts() {
        FlowPane startLine = new FlowPane(6, 4, name, start);
        Label selected = new Label("Selected process:");
        FlowPane selectedLine = new FlowPane(6, 4, selected, exit, move, moveTo);
        setSpacing(4);
        getChildren().setAll(startLine, selectedLine, message);
    }

    private void bindFieldsToModel() {
        visibleProperty().bind(commands.offeredProperty());
        managedProperty().bind(visibleProperty());
        message.textProperty().bind(commands.messageProperty());
        message.visibleProperty().bind(commands.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        var none = table.getSelectionModel().selectedItemProperty().isNull();
        exit.disableProperty().bind(none);
        move.disableProperty().bind(none.or(moveTo.textProperty().isEmpty()));
        start.setOnAction(e -> commands.start(name.getText()));
        name.setOnAction(e -> commands.start(name.getText()));
        exit.setOnAction(e -> selectedPid(pid -> commands.exit(pid)));
        move.setOnAction(e -> selectedPid(pid -> commands.move(pid, moveTo.getText())));
        moveTo.setOnAction(e -> {
            if (!move.isDisabled()) {
                move.fire();
            }
        });
    }

    private void selectedPid(java.util.function.IntConsumer action) {
        ProcessRow r = table.getSelectionModel().getSelectedItem();
        if (r != null) {
            action.accept(r.pid());
        }
    }
}
