package io.cgscope.ui.details;

import io.cgscope.host.CgroupHost;
import io.cgscope.model.ProcessRow;
import io.cgscope.model.Cgroup;
import io.cgscope.model.EscapedText;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Paths;
import io.cgscope.model.Pids;
import io.cgscope.ui.tree.Row;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.controlsfx.control.PropertySheet;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * What the details panel shows about the selected cgroup, asked of the host of its row.
 * {@link #show(Row)} is called on every selection and whenever the selected record changes; the
 * interface files are read again then (any change of the record may change their text), the
 * processes only when its {@code cgroup.procs} changed. Both are read on a background executor (a host's
 * reads may block) and handed back to the FX executor; an answer for an earlier selection is
 * dropped when it arrives.
 */
public final class DetailsModel {
    private final Function<Row, CgroupHost> hostOf;
    private final ToIntFunction<Row> descendants;
    private final Executor background;
    private final Executor fx;

    private final ReadOnlyObjectWrapper<Row> row = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper reason = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper gone = new ReadOnlyStringWrapper("");
    private final ObservableList<PropertySheet.Item> files = FXCollections.observableArrayList();
    private final ObservableList<ProcessRow> processes = FXCollections.observableArrayList();
    private final ObservableList<ProcessRow> processesView = FXCollections.unmodifiableObservableList(processes);
    private final ProcessCommands processCommands;
    private long processGeneration;
    private long fileGeneration;

    /**
     * @param hostOf      the host a row belongs to
     * @param descendants how many cgroups lie below a row (-1 when it is gone)
     */
    public DetailsModel(Function<Row, CgroupHost> hostOf, ToIntFunction<Row> descendants, Executor background,
                        Executor fx) {
        this.hostOf = hostOf;
        this.descendants = descendants;
        this.background = background;
        this.fx = fx;
        this.processCommands = new ProcessCommands(hostOf, background, fx);
    }

    /** Starting, ending and moving processes, where the selected cgroup's host offers it. */
    public ProcessCommands processCommands() {
        return processCommands;
    }

    public ReadOnlyObjectProperty<Row> rowProperty() {
        return row.getReadOnlyProperty();
    }

    /** "releasable", "busy", "empty (v2)", ... */
    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The releasable rule's reason, in words. */
    public ReadOnlyStringProperty reasonProperty() {
        return reason.getReadOnlyProperty();
    }

    /** "3 tasks · 5 threads · 2 children · 7 descendants". */
    public ReadOnlyStringProperty countsProperty() {
        return counts.getReadOnlyProperty();
    }

    /**
     * Said when the cgroup the user chose was removed and its nearest surviving ancestor is shown
     * instead ("" otherwise): without it the details would change under the user's eyes unexplained.
     */
    public ReadOnlyStringProperty goneProperty() {
        return gone.getReadOnlyProperty();
    }

    public ObservableList<PropertySheet.Item> files() {
        return files;
    }

    public ObservableList<ProcessRow> processes() {
        return processesView;
    }

    /** Shows {@code newRow} (null: nothing selected). */
    public void show(Row newRow) {
        Row old = row.get();
        row.set(newRow);
        processCommands.show(newRow);
        if (newRow == null) {
            gone.set("");
            state.set("");
            reason.set("nothing selected");
            counts.set("");
            setFiles(List.of(), ++fileGeneration);
            setProcesses(List.of(), ++processGeneration);
            return;
        }
        Cgroup c = newRow.cgroup();
        boolean sameCgroup = old != null && old.key().equals(newRow.key());
        if (!sameCgroup) {
            gone.set(old != null && replacesRemoved(old, newRow) ? EscapedText.of(old.path()) + " was removed from "
                    + old.hierarchy().title() + "; its nearest surviving ancestor is shown." : "");
        }
        state.set(stateOf(newRow));
        reason.set(c.reason());
        counts.set(countsOf(newRow));
        if (!sameCgroup || !old.cgroup().equals(c)) {
            // any change of the record may change a file's text: read them again, and keep showing
            // the last texts of the same cgroup meanwhile rather than an empty sheet
            listFiles(newRow, !sameCgroup);
        }
        if (!sameCgroup || !Objects.equals(old.cgroup().procs(), c.procs())) {
            readProcesses(hostOf.apply(newRow), c.procs());
        }
    }

    /** Whether {@code now} is shown because {@code before}, below it, is gone from the host. */
    private boolean replacesRemoved(Row before, Row now) {
        return before.host().equals(now.host()) && before.key().device().equals(now.key().device())
                && Paths.isWithin(before.path(), now.path()) && descendants.applyAsInt(before) < 0;
    }

    /** Reads everything again: F5. */
    public void refresh() {
        Row r = row.get();
        row.set(null);
        show(r);
    }

    static String stateOf(Row r) {
        Cgroup c = r.cgroup();
        if (r.justReleased()) {
            return "released just now";
        }
        if (c.releasable()) {
            return "releasable";
        }
        if (r.emptyV2()) {
            return "empty (v2, populated 0)";
        }
        if (c.taskCount() < 0) {
            return "unknown";
        }
        return c.populated() ? "populated" : "empty, not releasable";
    }

    private String countsOf(Row r) {
        Cgroup c = r.cgroup();
        String tasks = c.procs() == null ? "? processes" : plural(c.procs().size(), "process", "processes");
        String threads = c.threads() == null ? "? threads" : plural(c.threads().size(), "thread", "threads");
        int below = descendants.applyAsInt(r);
        return tasks + " · " + threads + " · " + plural(c.children().size(), "child", "children") + " · "
                + (below < 0 ? "?" : plural(below, "descendant", "descendants"));
    }

    private static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /**
     * The descendants again, once the tree has applied a whole update: a cgroup's record changes
     * before its new children are in the tree, and a grandchild changes no record of it at all.
     */
    public void recount() {
        Row r = row.get();
        if (r != null) {
            counts.set(countsOf(r));
        }
    }

    private void listFiles(Row r, boolean otherCgroup) {
        long generation = ++fileGeneration;
        if (otherCgroup) {
            files.clear(); // not the files of the cgroup shown before, while these are read
        }
        CgroupHost host = hostOf.apply(r);
        Hierarchy h = r.hierarchy();
        String path = r.path();
        List<String> names = r.cgroup().interfaceFiles();
        background.execute(() -> {
            String dir = describe(host, h, path);
            List<PropertySheet.Item> items = new ArrayList<>(names.size());
            for (String name : names) {
                items.add(new InterfaceFileItem(name, dir + "/" + EscapedText.of(name),
                        InterfaceFileItem.textOf(() -> host.readFile(h, path, name))));
            }
            fx.execute(() -> setFiles(items, generation));
        });
    }

    private static String describe(CgroupHost host, Hierarchy h, String path) {
        try {
            return host.describe(h, path);
        } catch (RuntimeException e) {
            return EscapedText.of(path); // a name the host will not spell out still has its path
        }
    }

    private void setFiles(List<PropertySheet.Item> items, long generation) {
        if (generation == fileGeneration) {
            files.setAll(items);
        }
    }

    private void readProcesses(CgroupHost host, Pids pids) {
        long generation = ++processGeneration;
        if (pids == null || pids.isEmpty()) {
            setProcesses(List.of(), generation);
            return;
        }
        int[] ids = pids.toArray();
        background.execute(() -> {
            List<ProcessRow> rows = new ArrayList<>(ids.length);
            for (int pid : ids) {
                host.process(pid).ifPresent(rows::add); // a pid gone mid-read is skipped
            }
            fx.execute(() -> setProcesses(rows, generation));
        });
    }

    private void setProcesses(List<ProcessRow> rows, long generation) {
        if (generation == processGeneration) {
            processes.setAll(rows);
        }
    }
}
