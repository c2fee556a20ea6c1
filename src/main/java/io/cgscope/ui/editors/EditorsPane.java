package io.cgscope.ui.editors;

import io.cgscope.model.EscapedText;
import io.cgscope.kernel.CgroupWriter;
import io.cgscope.kernel.Privileges;
import io.cgscope.kernel.ServiceManagerCheck;
import io.cgscope.model.Cgroup;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Hierarchy;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import org.controlsfx.control.ToggleSwitch;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The panels that edit the shown cgroup: its flags (v1), its hierarchy's release agent (v1), new
 * child, move a process in, remove, and freeze/thaw (v2). Every write is read back and the line
 * under the title says what the kernel now says, or why nothing was written. Without the
 * privilege to write, every control stays visible and disabled.
 */
public final class EditorsPane extends VBox {
    private final boolean readOnly;
    private final Label title = new Label();
    private final Label readOnlyNote = new Label();
    private final Label serviceManagerNote = new Label();
    private final Label v2Note = new Label();
    private final Feedback feedback;
    private final FlagsPanel flags;
    private final ReleaseAgentPanel releaseAgent;
    private final ActionsPanel actions;
    private final EditGate gate;

    public EditorsPane(Privileges privileges, Confirmer confirmer, Consumer<String> onWritten) {
        this(privileges, confirmer, onWritten, ServiceManagerCheck.INIT_CGROUP);
    }

    /** @param initCgroup PID 1's cgroup file, which tells hierarchies a service manager arranged */
    EditorsPane(Privileges privileges, Confirmer confirmer, Consumer<String> onWritten, Path initCgroup) {
        this(privileges, confirmer, onWritten, initCgroup, CgroupWriter::new);
    }

    /** @param writers makes the writer of each hierarchy shown (tests hand in writers with a pause) */
    EditorsPane(Privileges privileges, Confirmer confirmer, Consumer<String> onWritten, Path initCgroup,
                Function<Hierarchy, CgroupWriter> writers) {
        readOnly = !privileges.canWriteReleaseAgent();
        Label message = new Label();
        message.setId("editorsMessage");
        feedback = new Feedback(message);
        gate = new EditGate(confirmer, onWritten, feedback, initCgroup, writers);
        flags = new FlagsPanel(gate);
        releaseAgent = new ReleaseAgentPanel(gate);
        actions = new ActionsPanel(gate);

        flags.setId("editorsFlags");
        releaseAgent.setId("editorsReleaseAgent");
        actions.setId("editorsActions");
        getStyleClass().add("editors-pane");
        getStylesheets().add(EditorsPane.class.getResource("editors.css").toExternalForm());
        title.setId("editorsTitle");
        title.getStyleClass().add("editors-title");
        readOnlyNote.setId("editorsReadOnly");
        readOnlyNote.getStyleClass().add("editors-note");
        readOnlyNote.setWrapText(true);
        // the window's banner says why and what would allow writing: said once is enough
        readOnlyNote.setText(readOnly ? "Read-only: these panels are disabled (the banner at the top says why)." : "");
        Visibility.set(readOnlyNote, readOnly);
        serviceManagerNote.setId("editorsServiceManager");
        serviceManagerNote.getStyleClass().add("editors-note");
        serviceManagerNote.setWrapText(true);
        v2Note.getStyleClass().add("editors-note");
        v2Note.setWrapText(true);
        v2Note.setText("cgroup v2 has no notify_on_release or release_agent: an emptied cgroup says"
                + " populated 0 in its cgroup.events instead.");
        getChildren().addAll(title, readOnlyNote, serviceManagerNote, message, flags, releaseAgent, v2Note, actions);
        addEventFilter(KeyEvent.KEY_PRESSED, this::enterActivates);
        show(null, null);
    }

    /** True when this process may not write cgroup files: every edit control is disabled. */
    public boolean isReadOnly() {
        return readOnly;
    }

    /**
     * Shows {@code cgroup} of {@code hierarchy}; a null cgroup clears the panels. Called again with
     * the new record whenever the live view sees the cgroup change.
     */
    public void show(Hierarchy hierarchy, Cgroup cgroup) {
        Hierarchy h = cgroup == null ? null : hierarchy;
        if (!Objects.equals(h, gate.hierarchy())) {
            feedback.clear();
        }
        gate.target(h);
        title.setText(cgroup == null ? "No cgroup selected" : "Edit " + EscapedText.of(cgroup.path()) + " in " + h.title()
                + " (v" + h.version().number() + ")");
        String owner = gate.serviceManager();
        serviceManagerNote.setText(owner == null ? "" : owner + " Each write asks first.");
        Visibility.set(serviceManagerNote, owner != null);
        boolean v1 = h == null || h.version() == CgroupVersion.V1;
        Visibility.set(flags, v1);
        Visibility.set(releaseAgent, v1);
        Visibility.set(v2Note, !v1);
        flags.show(cgroup, !readOnly);
        releaseAgent.show(h, !readOnly);
        actions.show(h, cgroup, !readOnly);
    }

    /** The tree's Delete key: removes the shown cgroup after confirmation. */
    public void requestRemove() {
        actions.remove();
    }

    /** The last message shown: what the kernel now says, or why nothing was written. */
    public String message() {
        return feedback.text();
    }

    /**
     * Enter acts on the focused button or switch, as Space does: with Tab and Enter alone every
     * edit can be made.
     */
    private void enterActivates(KeyEvent e) {
        if (e.getCode() != KeyCode.ENTER || !(e.getTarget() instanceof Node target)) {
            return;
        }
        if (target instanceof ButtonBase b && !b.isDisabled()) {
            b.fire();
            e.consume();
        } else if (target instanceof ToggleSwitch t && !t.isDisabled()) {
            t.fire();
            e.consume();
        }
    }
}
