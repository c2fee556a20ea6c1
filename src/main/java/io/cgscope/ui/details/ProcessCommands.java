package io.cgscope.ui.details;

import io.cgscope.host.CgroupEdits;
import io.cgscope.host.CgroupHost;
import io.cgscope.host.ProcessControl;
import io.cgscope.model.Check;
import io.cgscope.model.EscapedText;
import io.cgscope.model.Paths;
import io.cgscope.ui.tree.Row;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Starting, ending and moving the processes of a host that has no shell beside it (the simulated
 * kernel): offered for the selected cgroup when its host has {@link ProcessControl} and may be
 * written. Each command runs on the background executor; its outcome, a sentence, comes back on
 * the FX executor. The tree and the details follow from the host's change stream, as for any
 * other change.
 */
public final class ProcessCommands {
    /** The name a process gets when none is typed. */
    static final String DEFAULT_NAME = "worker";

    private final Function<Row, CgroupHost> hostOf;
    private final Executor background;
    private final Executor fx;
    private final ReadOnlyBooleanWrapper offered = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private Row row;

    ProcessCommands(Function<Row, CgroupHost> hostOf, Executor background, Executor fx) {
        this.hostOf = hostOf;
        this.background = background;
        this.fx = fx;
    }

    /** Whether the selected cgroup's host lets processes be started and ended here. */
    public ReadOnlyBooleanProperty offeredProperty() {
        return offered.getReadOnlyProperty();
    }

    /** What the last command did, or why it did nothing, in one sentence. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    void show(Row newRow) {
        if (newRow == null || row == null || !row.key().equals(newRow.key())) {
            message.set("");
        }
        row = newRow;
        offered.set(newRow != null && control(newRow).isPresent());
    }

    private Optional<ProcessControl> control(Row r) {
        CgroupHost host = hostOf.apply(r);
        return host.access().writable() ? host.processes() : Optional.empty();
    }

    /** Starts a process named {@code name} ({@value #DEFAULT_NAME} when blank) in the selected cgroup. */
    public void start(String name) {
        Row r = row;
        Optional<ProcessControl> c = r == null ? Optional.empty() : control(r);
        if (c.isEmpty()) {
            return;
        }
        String given = name == null || name.isBlank() ? DEFAULT_NAME : name.strip();
        run(() -> {
            int pid = c.get().start(r.hierarchy(), r.path(), given);
            return "Started " + EscapedText.of(given) + " (pid " + pid + ") in " + EscapedText.of(r.path()) + ".";
        });
    }

    /** The process exits, with all its threads. */
    public void exit(int pid) {
        Row r = row;
        Optional<ProcessControl> c = r == null ? Optional.empty() : control(r);
        if (c.isEmpty()) {
            return;
        }
        Check check = c.get().exitCheck(pid);
        if (check.refused()) {
            message.set(check.refusal());
            return;
        }
        run(() -> {
            c.get().exit(pid);
            return "Process " + pid + " exited.";
        });
    }

    /** Moves the whole process into {@code path} of the selected cgroup's hierarchy. */
    public void move(int pid, String path) {
        Row r = row;
        if (r == null) {
            return;
        }
        String target = path == null ? "" : path.strip();
        try {
            Paths.requirePath(target);
        } catch (IllegalArgumentException e) {
            message.set("Type the path of a cgroup of " + r.hierarchy().title() + ", such as /a/b.");
            return;
        }
        Optional<CgroupEdits> edits = hostOf.apply(r).edits(r.hierarchy());
        if (edits.isEmpty()) {
            return;
        }
        run(() -> {
            edits.get().moveProcess(target, pid);
            return "Moved process " + pid + " to " + EscapedText.of(target) + ".";
        });
    }

    private interface Command {
        String run() throws IOException;
    }

    private void run(Command command) {
        background.execute(() -> {
            String said;
            try {
                said = command.run();
            } catch (IOException | IllegalArgumentException e) {
                said = "Nothing done: " + e.getMessage();
            }
            String outcome = said;
            fx.execute(() -> message.set(outcome));
        });
    }
}
