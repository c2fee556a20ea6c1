package io.cgscope.ui.editors;

import io.cgscope.ui.Visibility;
import io.cgscope.host.AgentRecording;
import io.cgscope.host.CgroupEdits;
import io.cgscope.model.Check;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.ReadBack;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

import java.util.function.Consumer;

/**
 * The release_agent of the shown cgroup's hierarchy: what the host has, and a field to change it.
 * The host's value is read off the FX thread each time the cgroup is shown (see {@link EditGate})
 * and shown when it comes back, if the same hierarchy is still shown.
 */
final class ReleaseAgentPanel extends VBox {
    @FXML
    private Label agentTitle;
    @FXML
    private Label agentCurrent;
    @FXML
    private Label agentOption;
    @FXML
    private Label agentUnavailable;
    @FXML
    private TextField agentField;
    @FXML
    private Button agentApply;
    @FXML
    private Button agentClear;

    @FXML
    private Label agentMessage;
    @FXML
    private Button recordCalls;
    @FXML
    private Label recordStatus;

    private final EditGate gate;
    private final Feedback feedback;
    private Hierarchy shown;
    /** Whether the shown hierarchy's recorder is installed, as last read; null before. */
    private Boolean recordInstalled;
    /** True from showing another hierarchy until its agent is read: the field then shows it. */
    private boolean fieldFollowsRead;

    /** @param onMessage hears each message this panel shows */
    ReleaseAgentPanel(EditGate shared, Consumer<Feedback> onMessage) {
        Fxml.load(this, "release-agent.fxml");
        feedback = new Feedback(agentMessage, onMessage);
        gate = shared.answeringIn(feedback);
        agentField.setOnAction(e -> apply());
        agentApply.setOnAction(e -> apply());
        agentClear.setOnAction(e -> clear());
        recordCalls.setOnAction(e -> toggleRecording());
    }

    /** The line next to this panel's controls. */
    Feedback feedback() {
        return feedback;
    }

    void show(Hierarchy h, boolean canEdit) {
        boolean newHierarchy = !Objects.equals(h, shown);
        shown = h;
        CgroupEdits edits = gate.edits();
        // no writes at all: the pane's read-only note says why, once
        String why = h == null ? "No cgroup is shown." : edits == null ? null : edits.whyNoReleaseAgent();
        agentTitle.setText(h == null ? "Release agent" : "Release agent of " + h.title());
        if (newHierarchy) {
            // a live update must not overwrite what the user is typing: the field follows the
            // host only when another hierarchy is shown, and after Apply and Clear
            agentField.setText("");
            showRead(h, Optional.empty());
            fieldFollowsRead = true;
        }
        if (h != null && h.hasReleaseAgent()) {
            gate.read(s -> s.host().releaseAgent(s.hierarchy()), current -> {
                boolean fieldFollows = fieldFollowsRead;
                showRead(h, current);
                if (fieldFollows && Objects.equals(h, shown)) {
                    agentField.setText(current.orElse(""));
                }
            });
        }
        agentUnavailable.setText(why == null ? "" : why);
        Visibility.set(agentUnavailable, why != null && h != null);
        boolean enabled = canEdit && why == null;
        agentField.setDisable(!enabled);
        agentApply.setDisable(!enabled);
        agentClear.setDisable(!enabled);
        // shown wherever a release agent is, and, as every control, disabled rather than hidden
        Visibility.set(recordCalls, h != null && h.hasReleaseAgent() && why == null);
        Visibility.set(recordStatus, h != null && h.hasReleaseAgent() && why == null);
        showRecording(h, enabled && edits != null && edits.recording().isPresent());
    }

    // ---- the recorder of the kernel's calls

    /** Installed or not, read off the FX thread; the button offers the other. */
    private void showRecording(Hierarchy h, boolean offered) {
        recordCalls.setDisable(true); // until the status is read: which of the two it offers
        if (!offered) {
            recordInstalled = null;
            recordCalls.setText("Record the kernel's calls");
            recordStatus.setText("");
            return;
        }
        gate.read(s -> s.edits().recording().map(AgentRecording::status).orElse(null), status -> {
            if (status == null || !Objects.equals(h, shown)) {
                return;
            }
            recordInstalled = status.installed();
            recordCalls.setText(status.installed() ? "Stop recording the kernel's calls" : "Record the kernel's calls");
            recordStatus.setText("Recorder: " + status.describe() + ".");
            recordCalls.setDisable(false);
        });
    }

    private void toggleRecording() {
        Hierarchy h = shown;
        boolean installed = Boolean.TRUE.equals(recordInstalled);
        String action = installed ? "stop recording the kernel's calls of the release agent (the agent set before is put back)"
                : "record the kernel's calls of the release agent (a recorder runs before the agent set now)";
        gate.write(action, e -> {
            AgentRecording r = e.recording().orElseThrow(() -> new IOException("This hierarchy has no recorder."));
            return installed ? r.uninstall() : r.install();
        }, ReadBack::describe, Written::setAndReadBack, back -> {
            shownAfter(back);
            showRecording(h, true);
        });
    }

    /**
     * What the host has, where it can read the file (the hierarchy's root is visible, a read-only
     * fixture included); elsewhere "none" would be a guess: nothing is said of its value.
     */
    private void showRead(Hierarchy h, Optional<String> current) {
        if (!Objects.equals(h, shown)) {
            return;
        }
        fieldFollowsRead = false;
        current.ifPresent(this::showCurrent);
        Visibility.set(agentCurrent, current.isPresent());
        // mountinfo's release_agent= is the agent at the time the mounts were listed, not a
        // mount-time setting: the kernel prints its current agent there. Worth showing only
        // where the file itself cannot be read.
        String option = current.isPresent() || h == null || !h.hasReleaseAgent() ? null : h.releaseAgentOption();
        agentOption.setText(option == null ? "" : "When cgscope listed the mounts, /proc/self/mountinfo named"
                + " release_agent=" + option + " for this hierarchy.");
        Visibility.set(agentOption, option != null);
    }

    private void apply() {
        String agent = agentField.getText();
        gate.check(s -> s.edits().checkReleaseAgent(agent), check -> {
            if (check.refused()) {
                gate.refuse(check.refusal());
                return;
            }
            if (check.needsConfirmation() && !gate.confirm("Run this release agent as root?", check.warning())) {
                return;
            }
            String agreed = check.needsConfirmation() ? check.warning() : null;
            gate.write("set release_agent to " + agent, e -> {
                // after every question: the file or a directory on its way may have changed meanwhile
                Check now = e.recheckReleaseAgent(agent, agreed);
                if (now.refused()) {
                    throw new IllegalArgumentException(now.refusal());
                }
                return e.setReleaseAgent(agent);
            }, ReadBack::describe, Written::setAndReadBack, this::shownAfter);
        });
    }

    private void clear() {
        gate.write("clear release_agent", CgroupEdits::clearReleaseAgent, ReadBack::describe, Written::setAndReadBack,
                this::shownAfter);
    }

    /** After a write the label and the field show what the host has; the message says what was asked. */
    private void shownAfter(ReadBack back) {
        if (back != null) {
            showCurrent(back.kernelHas());
            agentField.setText(back.kernelHas());
        }
    }

    private void showCurrent(String agent) {
        agentCurrent.setText("The kernel has: " + describe(agent));
    }

    private static String describe(String agent) {
        return agent.isEmpty() ? "none (empty)" : agent;
    }
}
