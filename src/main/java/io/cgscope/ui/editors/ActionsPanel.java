package io.cgscope.ui.editors;

import io.cgscope.kernel.CgroupWriter;
import io.cgscope.kernel.PidCheck;
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

/** New child, move a process in, remove, and (v2) freeze/thaw, for the shown cgroup. */
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

    private final EditGate gate;
    private Cgroup cgroup;
    private boolean editable;

    ActionsPanel(EditGate gate) {
        this.gate = gate;
        Fxml.load(this, "actions.fxml");
        childName.setOnAction(e -> create());
        createChild.setOnAction(e -> create());
        pidField.setOnAction(e -> move());
        movePid.setOnAction(e -> move());
        freeze.setOnAction(e -> setFrozen(true));
        thaw.setOnAction(e -> setFrozen(false));
        removeCgroup.setOnAction(e -> remove());
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
        freezeState.setText(!freezable || c.frozen() == null ? "" : "cgroup.events says frozen " + bit(c.frozen()));
        freeze.setDisable(!on || !freezable);
        thaw.setDisable(!on || !freezable);
        removeCgroup.setDisable(!on || c.isRoot());
    }

    private void create() {
        if (cgroup == null) {
            return;
        }
        String parent = cgroup.path();
        String name = childName.getText();
        // judge against the directory as it is now, not as the last live update saw it
        CgroupFiles now = gate.reader().readFiles(parent).orElse(cgroup.files());
        Check check = ChildName.check(name, now.takenNames());
        if (check.refused()) {
            gate.refuse(check.refusal());
            return;
        }
        CgroupFiles made = gate.write("create the cgroup " + name + " in " + parent,
                w -> w.createChild(parent, name), f -> created(f, gate.hierarchy()));
        if (made != null) {
            childName.clear();
        }
    }

    private static String created(CgroupFiles f, Hierarchy h) {
        if (h.version() != CgroupVersion.V1) {
            return "Created " + f.path() + ".";
        }
        return "Created " + f.path() + "; it copied notify_on_release " + bit(f.notifyOnRelease())
                + " and cgroup.clone_children " + bit(f.cloneChildren()) + " from its parent.";
    }

    private void move() {
        if (cgroup == null) {
            return;
        }
        String text = pidField.getText();
        Check check = PidCheck.check(text);
        if (check.refused()) {
            gate.refuse(check.refusal());
            return;
        }
        int pid = PidText.parse(text);
        String path = cgroup.path();
        Check own = gate.moveCheck(pid, path);
        if (own.needsConfirmation()) {
            String also = check.needsConfirmation() ? "\n\n" + check.warning() : "";
            if (!gate.confirm("Move cgscope itself?", own.warning() + also)) {
                return;
            }
        } else if (check.needsConfirmation() && !gate.confirm("Move the whole process?", check.warning())) {
            return;
        }
        CgroupFiles back = gate.write("move process " + pid + " into " + path, w -> w.moveProcess(path, pid),
                f -> "Moved process " + pid + ", with all its threads, into " + path + "; cgroup.procs "
                        + (f.procs() != null && f.procs().contains(pid) ? "now lists it."
                        : "does not list it (it exited or moved on since)."));
        if (back != null) {
            pidField.clear();
        }
    }

    private void setFrozen(boolean frozen) {
        if (cgroup == null) {
            return;
        }
        String path = cgroup.path();
        Check own = frozen ? gate.freezeCheck(path) : Check.ok();
        if (own.refused()) {
            gate.refuse(own.refusal());
            return;
        }
        gate.write((frozen ? "freeze " : "thaw ") + path, w -> w.setFrozen(path, frozen),
                s -> path + ": " + s.describe());
    }

    /** Removes the shown cgroup after the user agreed. */
    void remove() {
        if (cgroup == null) {
            return;
        }
        if (!editable) {
            gate.refuse("editing is off (read-only).");
            return;
        }
        if (cgroup.isRoot()) {
            gate.refuse("the root of a hierarchy cannot be removed.");
            return;
        }
        String path = cgroup.path();
        if (!gate.confirm("Remove cgroup " + path + "?", "Remove " + path + " from " + gate.hierarchy().title()
                + "? The kernel refuses while it holds tasks or child cgroups.")) {
            return;
        }
        gate.write("remove " + path, w -> {
            w.remove(path);
            return path;
        }, p -> "Removed " + p + ".");
    }

    private static String bit(Boolean b) {
        return b == null ? "unknown" : b ? "1" : "0";
    }
}
