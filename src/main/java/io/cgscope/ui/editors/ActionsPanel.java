package io.cgscope.ui.editors;

import io.cgscope.ui.Visibility;
import io.cgscope.host.CgroupEdits;
import io.cgscope.model.Bit;
import io.cgscope.model.Cgroup;
import io.cgscope.model.CgroupFiles;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Check;
import io.cgscope.model.PidText;
import io.cgscope.model.ChildName;
import io.cgscope.model.Hierarchy;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * New child, move a process in, remove, and (v2) freeze/thaw, for the shown cgroup. The checks
 * that read the host run off the FX thread and their questions are asked on it, before the write
 * (see {@link EditGate}).
 */
final class ActionsPanel extends VBox {
    @FXML
    private TextField childName;
    @FXML
    private Button createChild;
    @FXML
    private TextField pidField;
    @FXML
    private Button movePid;
    @FXML
    private HBox freezeRow;
    @FXML
    private Button freeze;
    @FXML
    private Button thaw;
    @FXML
    private Label freezeState;
    @FXML
    private Button removeCgroup;
    @FXML
    private Label removeNote;

    @FXML
    private Label actionsMessage;

    private final EditGate gate;
    private final Feedback feedback;
    private Cgroup cgroup;
    private boolean editable;

    /** @param onMessage hears each message this panel shows */
    ActionsPanel(EditGate shared, Consumer<Feedback> onMessage) {
        Fxml.load(this, "actions.fxml");
        feedback = new Feedback(actionsMessage, onMessage);
        gate = shared.answeringIn(feedback);
        childName.setOnAction(e -> create());
        createChild.setOnAction(e -> create());
        pidField.setOnAction(e -> move());
        movePid.setOnAction(e -> move());
        freeze.setOnAction(e -> setFrozen(true));
        thaw.setOnAction(e -> setFrozen(false));
        removeCgroup.setOnAction(e -> remove());
    }

    /** The line next to this panel's controls. */
    Feedback feedback() {
        return feedback;
    }

    void show(Hierarchy h, Cgroup c, boolean canEdit) {
        cgroup = c;
        editable = canEdit;
        boolean on = canEdit && c != null;
        childName.setDisable(!on);
        createChild.setDisable(!on);
        pidField.setDisable(!on || c.procs() == null && !c.interfaceFiles().contains("cgroup.procs"));
        movePid.setDisable(pidField.isDisable());
        boolean freezable = c != null && h != null && h.version() == CgroupVersion.V2
                && c.interfaceFiles().contains("cgroup.freeze");
        Visibility.set(freezeRow, freezable);
        freezeState.setText(!freezable || c.frozen() == null ? "" : "cgroup.events says frozen " + Bit.of(c.frozen()));
        freeze.setDisable(!on || !freezable);
        thaw.setDisable(!on || !freezable);
        String holds = c == null ? null : whyNotRemovable(c);
        removeNote.setText(holds == null ? "" : holds);
        Visibility.set(removeNote, holds != null);
        removeCgroup.setDisable(!on || c.isRoot() || holds != null);
    }

    /**
     * Why the kernel would refuse to remove {@code c} (EBUSY), as far as its record knows: its
     * processes or its children. Null when nothing holds it.
     */
    private static String whyNotRemovable(Cgroup c) {
        if (c.isRoot()) {
            return null;
        }
        if (c.procs() != null && !c.procs().isEmpty()) {
            int[] pids = c.procs().toArray();
            String listed = Arrays.stream(pids).limit(5).mapToObj(Integer::toString)
                    .collect(Collectors.joining(", ")) + (pids.length > 5 ? ", …" : "");
            return "It cannot be removed while it holds " + (pids.length == 1 ? "process " : pids.length
                    + " processes: ") + listed + "; move " + (pids.length == 1 ? "it" : "them") + " out first.";
        }
        if (!c.children().isEmpty()) {
            int n = c.children().size();
            return "It cannot be removed while it has " + n + (n == 1 ? " child cgroup" : " child cgroups")
                    + "; remove " + (n == 1 ? "it" : "them") + " first.";
        }
        return null;
    }

    private void create() {
        if (cgroup == null) {
            return;
        }
        String parent = cgroup.path();
        CgroupFiles known = cgroup.files();
        String name = childName.getText();
        // judge against the directory as the host has it now, not as the last live update saw it
        gate.check(s -> s.host().readCgroup(s.hierarchy(), parent).orElse(known), now -> {
            Check check = ChildName.check(name, now.takenNames());
            if (check.refused()) {
                gate.refuse(check.refusal());
                return;
            }
            Hierarchy h = gate.hierarchy();
            gate.write("create the cgroup " + name + " in " + parent, e -> e.createChild(parent, name),
                    f -> created(f, h), f -> "created " + f.path(), made -> {
                        if (made != null) {
                            childName.clear();
                        }
                    });
        });
    }

    private static String created(CgroupFiles f, Hierarchy h) {
        if (h.version() != CgroupVersion.V1) {
            return "Created " + f.path() + ".";
        }
        return "Created " + f.path() + "; it copied notify_on_release " + Bit.of(f.notifyOnRelease())
                + " and cgroup.clone_children " + Bit.of(f.cloneChildren()) + " from its parent.";
    }

    /** What the host says of a pid before it moves: the pid itself, then (when it is one) the move. */
    private record MoveChecks(Check pid, int number, Check move) {
        static MoveChecks of(CgroupEdits edits, String text, String path) {
            Check pid = edits.checkPid(text);
            if (pid.refused()) {
                return new MoveChecks(pid, 0, Check.ok());
            }
            int number = PidText.parse(text);
            return new MoveChecks(pid, number, edits.moveCheck(number, path));
        }
    }

    private void move() {
        if (cgroup == null) {
            return;
        }
        String text = pidField.getText();
        String path = cgroup.path();
        gate.check(s -> MoveChecks.of(s.edits(), text, path), checks -> {
            Check check = checks.pid();
            if (check.refused()) {
                gate.refuse(check.refusal());
                return;
            }
            Check own = checks.move();
            if (own.needsConfirmation()) {
                String also = check.needsConfirmation() ? "\n\n" + check.warning() : "";
                if (!gate.confirm("Move cgscope itself?", own.warning() + also)) {
                    return;
                }
            } else if (check.needsConfirmation() && !gate.confirm("Move the whole process?", check.warning())) {
                return;
            }
            int pid = checks.number();
            gate.write("move process " + pid + " into " + path, e -> e.moveProcess(path, pid),
                    f -> "Moved process " + pid + ", with all its threads, into " + path + "; cgroup.procs "
                            + (f.procs() != null && f.procs().contains(pid) ? "now lists it."
                            : "does not list it (it exited or moved on since)."),
                    f -> "moved process " + pid + " here; cgroup.procs " + (f.procs() != null && f.procs().contains(pid)
                            ? "lists it" : "does not list it"), back -> {
                        if (back != null) {
                            pidField.clear();
                        }
                    });
        });
    }

    private void setFrozen(boolean frozen) {
        if (cgroup == null) {
            return;
        }
        String path = cgroup.path();
        if (!frozen) {
            writeFrozen(path, false);
            return;
        }
        gate.check(s -> s.edits().freezeCheck(path), own -> {
            if (own.refused()) {
                gate.refuse(own.refusal());
            } else {
                writeFrozen(path, true);
            }
        });
    }

    private void writeFrozen(String path, boolean frozen) {
        gate.write((frozen ? "freeze " : "thaw ") + path, e -> e.setFrozen(path, frozen),
                s -> path + ": " + s.describe(), s -> (frozen ? "froze it; " : "thawed it; ") + s.describe(), s -> { });
    }

    /**
     * Removes the shown cgroup after the user agreed; one that holds processes or children is
     * refused up front, with the pids, and nothing is asked.
     */
    void remove() {
        if (cgroup == null) {
            return;
        }
        if (!editable) {
            gate.refuse("editing is off (read-only).");
            return;
        }
        if (gate.refusedWhileWriting()) {
            return;
        }
        if (cgroup.isRoot()) {
            gate.refuse("the root of a hierarchy cannot be removed.");
            return;
        }
        String holds = whyNotRemovable(cgroup);
        if (holds != null) {
            gate.refuse(holds); // the kernel would refuse: nothing to ask
            return;
        }
        String path = cgroup.path();
        if (!gate.confirm("Remove cgroup " + path + "?", "Remove " + path + " from " + gate.hierarchy().title()
                + "? It is empty and has no child cgroups.")) {
            return;
        }
        gate.write("remove " + path, e -> {
            e.remove(path);
            return path;
        }, p -> "Removed " + p + ".", p -> "removed " + p, p -> { });
    }
}
