package io.cgscope.ui.details;

import io.cgscope.model.ProcessRow;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.function.Function;

/** The processes of the selected cgroup: pid, command, user, threads, full command line. */
final class ProcessTable extends TableView<ProcessRow> {
    ProcessTable(ObservableList<ProcessRow> rows) {
        super(rows);
        getStyleClass().add("process-table");
        setPlaceholder(new Label("no process in this cgroup itself"));
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // a pid and a thread count stay whole when the window is narrow; the names give way
        TableColumn<ProcessRow, Integer> pid = column("pid", 70, ProcessRow::pid);
        pid.setMinWidth(64);
        getColumns().add(pid);
        getColumns().add(column("command", 110, ProcessRow::command));
        getColumns().add(column("user", 80, ProcessRow::user));
        TableColumn<ProcessRow, Integer> threads = column("threads", 60, ProcessRow::threads);
        threads.setMinWidth(56);
        getColumns().add(threads);
        getColumns().add(column("command line", 260, ProcessRow::commandLine));
    }

    private static <V> TableColumn<ProcessRow, V> column(String title, double width, Function<ProcessRow, V> value) {
        TableColumn<ProcessRow, V> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }
}
