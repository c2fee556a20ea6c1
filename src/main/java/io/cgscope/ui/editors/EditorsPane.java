package io.cgscope.ui.editors;

import io.cgscope.ui.Visibility;
import io.cgscope.host.CgroupEdits;
import io.cgscope.host.CgroupHost;
import io.cgscope.model.Cgroup;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.EscapedText;
import io.cgscope.model.Hierarchy;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.ToggleSwitch;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The panels that edit the shown cgroup: its flags (v1), its hierarchy's release agent (v1), new
 * child, move a process in, remove, and freeze/thaw (v2). They read and write only through the
 * host of the cgroup shown. Every write is read back and the line under the title says what the
 * host now says, or why nothing was written, on a line next to the panel's controls. Where the host writes nothing (read-only), every
 * control stays visible and disabled, and a note says why.
 *
 * <p>Threading: the pane lives on the FX thread. Checks, writes and reads of the host run on the
 * background executor and come back through the fx executor ({@link EditGate}); while a write is
 * on its way the panels are disabled, and a result that comes back after another hierarchy or
 * host was shown says where it was written and changes nothing of what is shown now.
 */
public final class EditorsPane extends VBox {
    private boolean readOnly;
    private final Label title = new Label();
    private final Label readOnlyNote = new Label();
    private final Label serviceManagerNote = new Label();
    private final Label v2Note = new Label();
    private final FlagsPanel flags;
    private final ReleaseAgentPanel releaseAgent;
    private final ActionsPanel actions;
    private final EditGate gate;
    private final FocusKeeper focus = new FocusKeeper(this);
    /** The line that showed the latest message: {@link #message()}. */
    private Feedback latest;

    /**
     * @param confirmer  asks before risky writes, on the FX thread
     * @param onWritten  hears each write that happened, on the FX thread
     * @param fx         how work reaches the FX thread ({@code Platform::runLater})
     * @param background where the host is read and written, never the FX thread
     */
    public EditorsPane(Confirmer confirmer, Consumer<Written> onWritten, Executor fx, Executor background) {
        // each panel answers next to its own controls; this gate only says what is shown and whether busy
        gate = new EditGate(confirmer, onWritten, null, fx, background);
        Consumer<Feedback> onMessage = line -> latest = line;
        flags = new FlagsPanel(gate, onMessage);
        releaseAgent = new ReleaseAgentPanel(gate, onMessage);
        actions = new ActionsPanel(gate, onMessage);

        flags.setId("editorsFlags");
        releaseAgent.setId("editorsReleaseAgent");
        actions.setId("editorsActions");
        getStyleClass().add("editors-pane");
        getStylesheets().add(EditorsPane.class.getResource("editors.css").toExternalForm());
        title.setId("editorsTitle");
        title.getStyleClass().add("editors-title");
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        readOnlyNote.setId("editorsReadOnly");
        readOnlyNote.getStyleClass().add("editors-note");
        readOnlyNote.setWrapText(true);
        Visibility.set(readOnlyNote, false);
        serviceManagerNote.setId("editorsServiceManager");
        serviceManagerNote.getStyleClass().add("editors-note");
        serviceManagerNote.setWrapText(true);
        v2Note.getStyleClass().add("editors-note");
        v2Note.setWrapText(true);
        v2Note.setText("cgroup v2 has no notify_on_release or release_agent: an emptied cgroup says"
                + " populated 0 in its cgroup.events instead.");
        getChildren().addAll(title, readOnlyNote, serviceManagerNote, flags, releaseAgent, v2Note, actions);
        addEventFilter(KeyEvent.KEY_PRESSED, this::enterActivates);
        gate.busyProperty().addListener((o, was, busy) -> whileWriting(busy));
        show(null, null, null);
    }

    /** True when the shown host writes nothing: every edit control is disabled. */
    public boolean isReadOnly() {
        return readOnly;
    }

    /**
     * Shows {@code cgroup} of {@code hierarchy} on {@code host}; a null host or cgroup clears the
     * panels. Called again with the new record whenever the live view sees the cgroup change.
     */
    public void show(CgroupHost host, Hierarchy hierarchy, Cgroup cgroup) {
        Hierarchy h = cgroup == null || host == null ? null : hierarchy;
        CgroupHost on = h == null ? null : host;
        // a message belongs to the cgroup it was about: "Nothing written" under another cgroup misleads
        if (!gate.shown().sameCgroup(on, h, h == null ? null : cgroup.path())) {
            flags.feedback().clear();
            releaseAgent.feedback().clear();
            actions.feedback().clear();
            latest = null;
        }
        gate.target(on, h, h == null ? null : cgroup.path());
        CgroupEdits edits = gate.edits();
        readOnly = on != null && edits == null;
        // the window's banner says why the host is read-only and what would allow writing: said once is enough
        readOnlyNote.setText(!readOnly ? "" : on.access().writable()
                ? "Read-only: " + on.displayName() + " writes nothing in " + h.title() + "."
                : "Read-only: these panels are disabled (the banner at the top says why).");
        Visibility.set(readOnlyNote, readOnly);
        title.setText(h == null ? "No cgroup selected" : "Edit " + EscapedText.of(cgroup.path()) + " in " + h.title()
                + " (v" + h.version().number() + ")");
        String owner = edits == null ? null : edits.serviceManager();
        serviceManagerNote.setText(owner == null ? "" : owner + " Each write asks first.");
        Visibility.set(serviceManagerNote, owner != null);
        boolean v1 = h == null || h.version() == CgroupVersion.V1;
        Visibility.set(flags, v1);
        Visibility.set(releaseAgent, v1);
        Visibility.set(v2Note, !v1);
        Cgroup c = h == null ? null : cgroup;
        flags.show(c, edits != null);
        releaseAgent.show(h, edits != null);
        actions.show(h, c, edits != null);
        disablePanels();
    }

    /** While a write is on its way no second one starts: the panels are disabled, focus comes back after. */
    private void whileWriting(boolean busy) {
        if (busy) {
            focus.remember();
        }
        disablePanels();
        if (!busy) {
            focus.restore();
        }
    }

    /** Whole panels are disabled while nothing can be written (nothing shown, read-only, a write on its way). */
    private void disablePanels() {
        boolean off = gate.edits() == null || gate.busyProperty().get();
        flags.setDisable(off);
        releaseAgent.setDisable(off);
        actions.setDisable(off);
    }

    /** The tree's Delete key: removes the shown cgroup after confirmation. */
    public void requestRemove() {
        actions.remove();
    }

    /** The last message shown: what the kernel now says, or why nothing was written. */
    public String message() {
        return latest == null ? "" : latest.text();
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
