package io.cgscope.ui.editors;

import io.cgscope.model.ReadBack;
import io.cgscope.kernel.CgroupWriter;
import io.cgscope.model.Cgroup;
import io.cgscope.model.CgroupFiles;
import javafx.fxml.FXML;
import javafx.scene.layout.VBox;
import org.controlsfx.control.ToggleSwitch;

import java.io.IOException;

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
        writeFlag("notify_on_release", on, (w, path) -> w.setNotifyOnRelease(path, on));
    }

    private void writeClone(boolean on) {
        writeFlag("cgroup.clone_children", on, (w, path) -> w.setCloneChildren(path, on));
    }

    /** The writer's call for one flag of the cgroup at a path. */
    private interface FlagWrite {
        ReadBack apply(CgroupWriter writer, String path) throws IOException;
    }

    /** One write of a flag file, read back; the toggle then shows what the kernel says. */
    private void writeFlag(String file, boolean on, FlagWrite write) {
        String path = cgroup.path();
        ReadBack back = gate.write("set " + file + " of " + path + " to " + bit(on),
                w -> write.apply(w, path), ReadBack::describe);
        follow(back != null ? back.files() : kernelNow(path));
    }

    /** After a refusal the toggle shows the kernel's value, not the click. */
    private CgroupFiles kernelNow(String path) {
        return gate.kernelNow(path).orElse(cgroup == null ? null : cgroup.files());
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
