package io.cgscope.ui.log;

import io.cgscope.model.Change;
import io.cgscope.model.ChangeBatch;
import io.cgscope.model.Paths;
import io.cgscope.ui.tree.CgroupKey;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The event log: the last {@link #capacity} changes of the live stream and writes of the window,
 * newest last, optionally only those at or below the selected cgroup; the roots' task churn only
 * when asked for.
 */
public final class EventLogModel {
    public static final int DEFAULT_CAPACITY = 5_000;

    private final int capacity;
    private final ObservableList<LogEntry> entries = FXCollections.observableArrayList();
    private final FilteredList<LogEntry> shown = new FilteredList<>(entries);
    private final BooleanProperty onlySelected = new SimpleBooleanProperty();
    private final ObjectProperty<CgroupKey> selected = new SimpleObjectProperty<>();
    private final BooleanProperty showRootChurn = new SimpleBooleanProperty();
    private final ReadOnlyIntegerWrapper rootChurn = new ReadOnlyIntegerWrapper();
    /** Hears every batch appended, shown or not (the check of predictions against the kernel's calls). */
    private BiConsumer<String, List<ChangeBatch>> onAppend = (host, batches) -> { };

    public EventLogModel(int capacity) {
        this.capacity = capacity;
        onlySelected.addListener((o, was, now) -> updatePredicate());
        selected.addListener((o, was, now) -> updatePredicate());
        showRootChurn.addListener((o, was, now) -> updatePredicate());
        entries.addListener((ListChangeListener<LogEntry>) c -> {
            int delta = 0;
            while (c.next()) {
                delta += countChurn(c.getAddedSubList()) - countChurn(c.getRemoved());
            }
            rootChurn.set(rootChurn.get() + delta);
        });
        updatePredicate();
    }

    /** Show the hierarchy roots' task churn ({@link LogEntry#rootChurn()}); off by default. */
    public BooleanProperty showRootChurnProperty() {
        return showRootChurn;
    }

    /** How many lines of the roots' task churn the log holds, shown or not. */
    public ReadOnlyIntegerProperty rootChurnCountProperty() {
        return rootChurn.getReadOnlyProperty();
    }

    private static int countChurn(List<? extends LogEntry> list) {
        int n = 0;
        for (LogEntry e : list) {
            if (e.rootChurn()) {
                n++;
            }
        }
        return n;
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
        onAppend.accept(host, batches);
    }

    public void setOnAppend(BiConsumer<String, List<ChangeBatch>> listener) {
        this.onAppend = listener;
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
        boolean churn = showRootChurn.get();
        boolean all = !onlySelected.get() || key == null;
        if (all && churn) {
            shown.setPredicate(null);
            return;
        }
        shown.setPredicate(e -> (churn || !e.rootChurn()) && (all || e.host().equals(key.host())
                && e.hierarchy().device().equals(key.device()) && Paths.isWithin(e.path(), key.path())));
    }
}
