package io.cgscope.ui.editors;

import io.cgscope.kernel.ReleaseAgentCheck;
import io.cgscope.model.Check;
import io.cgscope.model.Hierarchy;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

import java.util.Objects;

/** The release_agent of the shown cgroup's hierarchy: what the kernel has, and a field to change it. */
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

    private final EditGate gate;
    private Hierarchy shown;

    ReleaseAgentPanel(EditGate gate) {
        this.gate = gate;
        Fxml.load(this, "release-agent.fxml");
        agentField.setOnAction(e -> apply());
        agentApply.setOnAction(e -> apply());
        agentClear.setOnAction(e -> clear());
    }

    void show(Hierarchy h, boolean canEdit) {
        boolean newHierarchy = !Objects.equals(h, shown);
        shown = h;
        String why = h == null ? "No cgroup is shown." : gate.whyNoReleaseAgent();
        agentTitle.setText(h == null ? "Release agent" : "Release agent of " + h.title());
        // the file can be read wherever the hierarchy's root is visible, a read-only fixture included;
        // elsewhere "none" would be a guess: say nothing of the kernel's value
        boolean readable = h != null && h.hasReleaseAgent() && "/".equals(h.mountRoot());
        String current = readable ? gate.reader().releaseAgent().orElse("") : "";
        showCurrent(current);
        Visibility.set(agentCurrent, readable);
        if (newHierarchy) {
            // a live update must not overwrite what the user is typing: the field follows the
            // kernel only when another hierarchy is shown, and after Apply and Clear
            agentField.setText(current);
        }
        // mountinfo's release_agent= is the agent at the time the mounts were listed, not a
        // mount-time setting: the kernel prints its current agent there. Worth showing only
        // where the file itself cannot be read.
        String option = readable || h == null || !h.hasReleaseAgent() ? null : h.releaseAgentOption();
        agentOption.setText(option == null ? "" : "When cgscope listed the mounts, /proc/self/mountinfo named"
                + " release_agent=" + option + " for this hierarchy.");
        Visibility.set(agentOption, option != null);
        agentUnavailable.setText(why == null ? "" : why);
        Visibility.set(agentUnavailable, why != null && h != null);
        boolean enabled = canEdit && why == null;
        agentField.setDisable(!enabled);
        agentApply.setDisable(!enabled);
        agentClear.setDisable(!enabled);
    }

    private void apply() {
        String agent = agentField.getText();
        Check check = ReleaseAgentCheck.check(agent);
        if (check.refused()) {
            gate.refuse(check.refusal());
            return;
        }
        if (check.needsConfirmation() && !gate.confirm("Run this release agent as root?", check.warning())) {
            return;
        }
        String agreed = check.needsConfirmation() ? check.warning() : null;
        var back = gate.write("set release_agent to " + agent, w -> {
            // after every question: the file or a directory on its way may have changed meanwhile
            Check now = ReleaseAgentCheck.recheck(agent, agreed);
            if (now.refused()) {
                throw new IllegalArgumentException(now.refusal());
            }
            return w.setReleaseAgent(agent);
        }, r -> r.describe());
        shownAfter(back == null ? null : back.kernelHas());
    }

    private void clear() {
        var back = gate.write("clear release_agent", w -> w.clearReleaseAgent(), r -> r.describe());
        shownAfter(back == null ? null : back.kernelHas());
    }

    /** After a write the label and the field show what the kernel has; the message says what was asked. */
    private void shownAfter(String kernelHas) {
        if (kernelHas != null) {
            showCurrent(kernelHas);
            agentField.setText(kernelHas);
        }
    }

    private void showCurrent(String agent) {
        agentCurrent.setText("The kernel has: " + describe(agent));
    }

    private static String describe(String agent) {
        return agent.isEmpty() ? "none (empty)" : agent;
    }
}
