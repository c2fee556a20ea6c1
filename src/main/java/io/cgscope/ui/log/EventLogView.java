package io.cgscope.ui.log;

import io.cgscope.model.EscapedText;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/** The bottom panel: the live stream's events, a filter to the selected cgroup, and Clear. */
public final class EventLogView extends BorderPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final EventLogModel model;
    private final TableView<LogEntry> table;
    private final ToggleButton onlySelected = new ToggleButton("Only the selected cgroup");
    private final Button clear = new Button("Clear");
    private final Label title = new Label("Events");

    public EventLogView(EventLogModel model) {
        this.model = model;
        this.table = new TableView<>(model.shown());
        initializeParts();
        layoutParts();
        bindFieldsToModel();
    }

    private void initializeParts() {
        getStyleClass().add("event-log");
        title.getStyleClass().add("panel-title");
        onlySelected.setId("log-only-selected");
        clear.setId("log-clear");
        table.setId("event-table");
        table.setPlaceholder(new Label("no events yet: changes of the cgroups appear here as they happen"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(22);
        table.getColumns().add(column("time", 100, e -> TIME.format(e.time())));
        table.getColumns().add(column("hierarchy", 160, e -> e.hierarchy().title()));
        table.getColumns().add(column("path", 320, e -> EscapedText.of(e.path())));
        table.getColumns().add(column("event", 200, e -> EscapedText.ofLines(e.event())));
    }

    private void layoutParts() {
        setTop(new ToolBar(title, onlySelected, clear));
        setCenter(table);
    }

    private void bindFieldsToModel() {
        onlySelected.selectedProperty().bindBidirectional(model.onlySelectedProperty());
        clear.setOnAction(e -> model.clear());
        // the newest event is the one a person watching the log wants to see
        model.shown().addListener((ListChangeListener<LogEntry>) c -> {
            if (!table.getItems().isEmpty()) {
                table.scrollTo(table.getItems().size() - 1);
            }
        });
    }

    private static TableColumn<LogEntry, String> column(String title, double width, Function<LogEntry, String> value) {
        TableColumn<LogEntry, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }
}
