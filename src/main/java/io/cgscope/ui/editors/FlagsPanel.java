package io.cgscope.ui.editors;

import io.cgscope.model.Cgroup;
import io.cgscope.model.CgroupFiles;
import javafx.fxml.FXML;
import javafx.scene.layout.VBox;
import org.controlsfx.control.ToggleSwitch;

import java.util.Optional;

/** notify_on_release and cgroup.clone_children of the shown v1 cgroup. */
final class FlagsPanel extends VBox {
    @FXML
    private ToggleSwitch notifyToggle;
    @FXML
    private ToggleSwitch cloneToggle;

    private final EditGate gate;
    private Cgroup cgroup;
    private boolean editable;
    /** True while the toggles follow the kernel, so that following is not taken for a click. */
    private boolean following;

    FlagsPanel(EditGate gate) {
        this.gate = gate;
        Fxml.load(this, "flags.fxml");
        notifyToggle.selectedProperty().addListener((o, was, on) -> {
            if (!following) {
                writeNotify(on);
            }
        });
        cloneToggle.selectedProperty().addListener((o, was, on) -> {
            if (!following) {
                writeClone(on);
            }
        });
    }

    void show(Cgroup c, boolean canEdit) {
        cgroup = c;
        editable = canEdit;
        follow(c == null ? null : c.files());
    }

    private void writeNotify(boolean on) {
        String path = cgroup.path();
        CgroupFiles back = gate.write("set notify_on_release of " + path + " to " + bit(on),
                w -> w.setNotifyOnRelease(path, on),
                f -> "notify_on_release of " + path + " is now " + bit(f.notifyOnRelease()) + " (read back).");
        follow(back != null ? back : kernelNow(path));
    }

    private void writeClone(boolean on) {
        String path = cgroup.path();
        CgroupFiles back = gate.write("set cgroup.clone_children of " + path + " to " + bit(on),
                w -> w.setCloneChildren(path, on),
                f -> "cgroup.clone_children of " + path + " is now " + bit(f.cloneChildren()) + " (read back).");
        follow(back != null ? back : kernelNow(path));
    }

    /** After a refusal the toggle shows the kernel's value, not the click. */
    private CgroupFiles kernelNow(String path) {
        Optional<CgroupFiles> f = gate.writer().reader().readFiles(path);
        return f.orElse(cgroup == null ? null : cgroup.files());
    }

    private void follow(CgroupFiles f) {
        following = true;
        try {
            Boolean notify = f == null ? null : f.notifyOnRelease();
            Boolean clone = f == null ? null : f.cloneChildren();
            notifyToggle.setSelected(Boolean.TRUE.equals(notify));
            cloneToggle.setSelected(Boolean.TRUE.equals(clone));
            notifyToggle.setDisable(!editable || notify == null);
            cloneToggle.setDisable(!editable || clone == null);
        } finally {
            following = false;
        }
    }

    private static String bit(Boolean b) {
        return b == null ? "unknown" : b ? "1" : "0";
    }
}
