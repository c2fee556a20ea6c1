package io.cgscope.ui.editors;

import io.cgscope.host.CgroupEdits;
import io.cgscope.model.Bit;
import io.cgscope.model.Cgroup;
import io.cgscope.model.CgroupFiles;
import io.cgscope.model.ReadBack;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.controlsfx.control.ToggleSwitch;

import java.io.IOException;

import java.util.function.Consumer;

/**
 * notify_on_release and cgroup.clone_children of the shown v1 cgroup. A click shows the new state
 * at once; when the write answers (on the FX thread, see {@link EditGate}) the switch shows what
 * the host read back, or its value now after a refusal, if the same cgroup is still shown.
 */
final class FlagsPanel extends VBox {
    @FXML
    private ToggleSwitch notifyToggle;
    @FXML
    private ToggleSwitch cloneToggle;

    @FXML
    private Label flagsMessage;

    private final EditGate gate;
    private final Feedback feedback;
    private Cgroup cgroup;
    private boolean editable;
    /** True while the toggles follow the kernel, so that following is not taken for a click. */
    private boolean following;

    /** @param onMessage hears each message this panel shows */
    FlagsPanel(EditGate shared, Consumer<Feedback> onMessage) {
        Fxml.load(this, "flags.fxml");
        feedback = new Feedback(flagsMessage, onMessage);
        gate = shared.answeringIn(feedback);
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

    /** The line next to this panel's controls. */
    Feedback feedback() {
        return feedback;
    }

    void show(Cgroup c, boolean canEdit) {
        cgroup = c;
        editable = canEdit;
        follow(c == null ? null : c.files());
    }

    private void writeNotify(boolean on) {
        writeFlag("notify_on_release", on, (e, path) -> e.setNotifyOnRelease(path, on));
    }

    private void writeClone(boolean on) {
        writeFlag("cgroup.clone_children", on, (e, path) -> e.setCloneChildren(path, on));
    }

    /** The host's write of one flag of the cgroup at a path. */
    private interface FlagWrite {
        ReadBack apply(CgroupEdits edits, String path) throws IOException;
    }

    /** One write of a flag file, read back; the toggle then shows what the host says. */
    private void writeFlag(String file, boolean on, FlagWrite write) {
        String path = cgroup.path();
        gate.write("set " + file + " of " + path + " to " + Bit.of(on), e -> write.apply(e, path), ReadBack::describe,
                Written::setAndReadBack, back -> {
                    if (back != null) {
                        followIfShown(path, back.files());
                    } else {
                        // after a refusal the toggle shows the host's value, not the click
                        gate.read(s -> s.host().readCgroup(s.hierarchy(), path),
                                now -> followIfShown(path, now.orElse(cgroup == null ? null : cgroup.files())));
                    }
                });
    }

    private void followIfShown(String path, CgroupFiles f) {
        if (cgroup != null && cgroup.path().equals(path)) {
            follow(f);
        }
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
}
