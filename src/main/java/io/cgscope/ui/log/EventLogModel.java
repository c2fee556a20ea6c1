package io.cgscope.ui.log;

import io.cgscope.model.Change;
import io.cgscope.model.ChangeBatch;
import io.cgscope.model.Paths;
import io.cgscope.ui.tree.CgroupKey;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.ArrayList;
import java.util.List;

/**
 * The event log: the last {@link #capacity} changes of the live stream, newest last, optionally
 * only those at or below the selected cgroup.
 */
public final class EventLogModel {
    public static final int DEFAULT_CAPACITY = 5_000;

    private final int capacity;
    private final ObservableList<LogEntry> entries = FXCollections.observableArrayList();
    private final FilteredList<LogEntry> shown = new FilteredList<>(entries);
    private final BooleanProperty onlySelected = new SimpleBooleanProperty();
    private final ObjectProperty<CgroupKey> selected = new SimpleObjectProperty<>();

    public EventLogModel(int capacity) {
        this.capacity = capacity;
        onlySelected.addListener((o, was, now) -> updatePredicate());
        selected.addListener((o, was, now) -> updatePredicate());
    }

    /** The entries the log shows. */
    public ObservableList<LogEntry> shown() {
        return shown;
    }

    public int size() {
        return entries.size();
    }

    /** Show only the events of the selected cgroup and the cgroups below it. */
    public BooleanProperty onlySelectedProperty() {
        return onlySelected;
    }

    /** The selected cgroup, set by the window as the tree's selection moves. */
    public ObjectProperty<CgroupKey> selectedProperty() {
        return selected;
    }

    /** Adds what {@code host}'s source reported, newest last. */
    public void append(String host, List<ChangeBatch> batches) {
        List<LogEntry> fresh = new ArrayList<>();
        for (ChangeBatch b : batches) {
            for (Change c : b.changes()) {
                fresh.add(LogEntry.of(host, c));
            }
        }
        if (fresh.size() > capacity) {
            fresh = fresh.subList(fresh.size() - capacity, fresh.size());
        }
        int overflow = entries.size() + fresh.size() - capacity;
        if (overflow > 0) {
            entries.remove(0, overflow);
        }
        entries.addAll(fresh);
    }

    /** Adds one line of the window's own, newest last. */
    public void add(LogEntry entry) {
        if (entries.size() >= capacity) {
            entries.remove(0);
        }
        entries.add(entry);
    }

    public void clear() {
        entries.clear();
    }

    private void updatePredicate() {
        CgroupKey key = selected.get();
        if (!onlySelected.get() || key == null) {
            shown.setPredicate(null);
            return;
        }
        shown.setPredicate(e -> e.host().equals(key.host()) && e.hierarchy().device().equals(key.device())
                && Paths.isWithin(e.path(), key.path()));
    }
}
