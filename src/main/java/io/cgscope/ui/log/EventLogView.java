package io.cgscope.ui.log;

import io.cgscope.model.EscapedText;
import io.cgscope.ui.Visibility;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.skin.VirtualFlow;
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

/**
 * The bottom panel: the live stream's events and the window's writes, a filter to the selected
 * cgroup, the roots' task churn on request, and Clear. It follows the newest event unless the user
 * scrolled up to read; then a button says how many arrived since and goes back to them.
 */
public final class EventLogView extends BorderPane {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final EventLogModel model;
    private final TableView<LogEntry> table;
    private final ToggleButton onlySelected = new ToggleButton("Only the selected cgroup");
    private final Button clear = new Button("Clear");
    private final Label title = new Label("Events");
    private final ToggleButton rootChurn = new ToggleButton();
    private final Button newer = new Button();
    /** True while the view keeps the newest event in view: until the user scrolls up. */
    private boolean following = true;
    /** True from events arriving until the view has scrolled to them: scrolling meanwhile is not the user's. */
    private boolean catchingUp;
    private int unseen;

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
        rootChurn.setId("log-root-churn");
        rootChurn.setTooltip(new javafx.scene.control.Tooltip("The hierarchy roots' \"changed procs,threads\": every"
                + " short-lived process on the machine makes one. Hidden unless this is on."));
        newer.setId("log-new");
        newer.getStyleClass().add("log-new");
        Visibility.set(newer, false);
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
        setTop(new ToolBar(title, onlySelected, rootChurn, clear, newer));
        setCenter(table);
    }

    private void bindFieldsToModel() {
        onlySelected.selectedProperty().bindBidirectional(model.onlySelectedProperty());
        clear.setOnAction(e -> model.clear());
        rootChurn.selectedProperty().bindBidirectional(model.showRootChurnProperty());
        rootChurn.textProperty().bind(Bindings.createStringBinding(() -> "Root task churn ("
                + model.rootChurnCountProperty().get() + ")", model.rootChurnCountProperty()));
        newer.setOnAction(e -> follow());
        // the newest event is the one a person watching the log wants to see, unless they scrolled up to read
        model.shown().addListener((ListChangeListener<LogEntry>) c -> {
            int added = 0;
            while (c.next()) {
                added += c.getAddedSize();
            }
            if (following) {
                catchUp();
            } else if (added > 0) {
                unseen += added;
                showUnseen();
            }
        });
        table.skinProperty().addListener((o, was, skin) -> watchScrolling());
    }

    /**
     * Scrolls to the newest once the table has taken the new rows in: in the list's own change
     * the table still counts the rows it had, and a scroll then stops one batch short.
     */
    private void catchUp() {
        if (catchingUp) {
            return;
        }
        catchingUp = true;
        Platform.runLater(() -> {
            table.layout();
            if (!table.getItems().isEmpty()) {
                table.scrollTo(table.getItems().size() - 1);
            }
            catchingUp = false;
        });
    }

    /** Back to the newest, and following again. */
    private void follow() {
        following = true;
        unseen = 0;
        showUnseen();
        catchUp();
    }

    private void showUnseen() {
        newer.setText(unseen + " new ↓");
        Visibility.set(newer, unseen > 0);
    }

    /** The user's scrolling decides whether the view follows: up stops it, down to the newest resumes it. */
    private void watchScrolling() {
        for (Node n : table.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                bar.valueProperty().addListener((o, was, now) -> {
                    if (catchingUp) {
                        return;
                    }
                    if (atNewest()) {
                        if (!following) {
                            follow();
                        }
                    } else {
                        following = false;
                    }
                });
            }
        }
    }

    private boolean atNewest() {
        if (!(table.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) || flow.getLastVisibleCell() == null) {
            return true;
        }
        return flow.getLastVisibleCell().getIndex() >= table.getItems().size() - 1;
    }

    private static TableColumn<LogEntry, String> column(String title, double width, Function<LogEntry, String> value) {
        TableColumn<LogEntry, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }
}
