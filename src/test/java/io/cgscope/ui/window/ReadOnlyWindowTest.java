package io.cgscope.ui.window;

import io.cgscope.host.CgroupHost;
import io.cgscope.kernel.Privileges;
import io.cgscope.kernel.UserNames;
import io.cgscope.local.HostOpener;
import io.cgscope.model.Hierarchy;
import io.cgscope.testkit.PrivateHierarchy;
import io.cgscope.ui.tree.CgroupKey;
import io.cgscope.ui.tree.ManualTimer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.controlsfx.control.ToggleSwitch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Without privilege the window says why, once, and what would allow writing; its edit controls
 * stay where they are, disabled. Held side by side with a window that may write, on the same tree
 * and selection: every control that one offers, this one shows, disabled. The tree is a real
 * private hierarchy: a fixture tree is read-only whatever the privileges, so a window over one
 * offers no release agent to edit.
 */
@ExtendWith(ApplicationExtension.class)
class ReadOnlyWindowTest {
    private static final String WHY = "Read-only: cgscope runs as " + UserNames.read(UserNames.PASSWD).describe(1000)
            + "; cgroup files belong to root, start it as root to edit.";
    /** The panels of the edit pane: the flags, the release agent, and the actions on the cgroup. */
    private static final List<String> PANELS = List.of("#editorsFlags", "#editorsReleaseAgent", "#editorsActions");

    private PrivateHierarchy kernel;
    private Hierarchy hierarchy;
    private String hostId;
    private MainWindow window;
    private MainWindow writable;
    private Stage writableStage;

    /** Before the windows start: an assumption failing inside the start method would be an error. */
    @BeforeAll
    static void onlyAsRoot() {
        Assumptions.assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
    }

    @Start
    void start(Stage stage) throws Exception {
        kernel = PrivateHierarchy.mount();
        kernel.mkdir("/jobs/busy");
        kernel.write("/jobs", "notify_on_release", "1");
        kernel.startIn("/jobs/busy");
        hierarchy = kernel.hierarchy();
        window = windowFor(TestHosts.USER_1000);
        StagedWindow.show(stage, window, 1000, 700);
        writable = windowFor(TestHosts.READ_WRITE);
        writableStage = new Stage();
        StagedWindow.show(writableStage, writable, 1000, 700);
    }

    @AfterEach
    void closeTheWritableWindowAndUnmount(FxRobot robot) {
        robot.interact(writableStage::close);
        if (kernel != null) {
            kernel.close();
        }
    }

    private MainWindow windowFor(Privileges privileges) throws Exception {
        CgroupHost host = TestHosts.root(kernel.dir(), HostOpener.Following.READ_ONCE, privileges);
        hostId = host.id();
        return new MainWindow(host, TestHosts.NEVER, Platform::runLater, Runnable::run, new ManualTimer());
    }

    @Test
    void theEditControlsAreDisabledNotHidden(FxRobot robot) throws Exception {
        for (String path : List.of("/jobs/busy", "/")) {
            robot.interact(() -> {
                CgroupKey key = CgroupKey.of(hostId, hierarchy, path);
                window.tree().getSelectionModel().select(StagedWindow.shownItem(window, key));
                writable.tree().getSelectionModel().select(StagedWindow.shownItem(writable, key));
                window.showEditPanels();
                writable.showEditPanels();
            });
            WaitForAsyncUtils.waitForFxEvents();

            Comparison c = onFx(ReadOnlyWindowTest.this::compare);

            for (String panel : PANELS) {
                assertTrue(c.enabledWithPrivilege.stream().anyMatch(n -> n.startsWith(panel)),
                        path + ": with privilege, " + panel + " offers a control to edit: " + c.enabledWithPrivilege);
            }
            assertEquals(Set.of(), c.hiddenHere, path + ": controls hidden without privilege");
            assertEquals(Set.of(), c.enabledHere, path + ": controls left enabled without privilege");
        }
    }

    /**
     * @param enabledWithPrivilege the controls the writable window shows enabled
     * @param hiddenHere those of them the read-only window does not show
     * @param enabledHere the controls the read-only window shows enabled
     */
    private record Comparison(Set<String> enabledWithPrivilege, Set<String> hiddenHere, Set<String> enabledHere) {
    }

    private Comparison compare() {
        Map<String, Control> offered = editControls(writable);
        Map<String, Control> here = editControls(window);
        Set<String> enabledWithPrivilege = new TreeSet<>();
        offered.forEach((name, c) -> {
            if (shown(c) && !c.isDisabled()) {
                enabledWithPrivilege.add(name);
            }
        });
        Set<String> hidden = new TreeSet<>();
        for (String name : enabledWithPrivilege) {
            if (!here.containsKey(name) || !shown(here.get(name))) {
                hidden.add(name);
            }
        }
        Set<String> enabled = new TreeSet<>();
        here.forEach((name, c) -> {
            if (shown(c) && !c.isDisabled()) {
                enabled.add(name);
            }
        });
        return new Comparison(enabledWithPrivilege, hidden, enabled);
    }

    @Test
    void oneBannerSaysWhyAndWhatWouldAllowWriting(FxRobot robot) {
        // in the read-only window: the writable one beside it has a banner too, hidden
        Label banner = robot.from(window).lookup("#read-only-banner").queryAs(Label.class);
        assertTrue(banner.isVisible());
        assertTrue(banner.getText().startsWith(WHY), banner.getText());
        assertTrue(banner.getText().contains("CAP_SYS_ADMIN"), banner.getText());
        assertTrue(robot.from(window).lookup(".access-read-only").tryQuery().isPresent(),
                "the status bar says read-only too");
        long saidWhy = robot.from(window).lookup(".label").queryAllAs(Label.class).stream()
                .filter(l -> l.getText() != null && l.getText().contains("runs as " + UserNames.read(UserNames.PASSWD).describe(1000))).count();
        assertEquals(1, saidWhy, "why it is read-only is said once, in the banner");
    }

    /** Every control of the edit panels that edits, by panel and id ("#editorsActions/removeCgroup"). */
    private static Map<String, Control> editControls(MainWindow w) {
        Map<String, Control> controls = new LinkedHashMap<>();
        for (String panel : PANELS) {
            collect(w.lookup(panel), panel, controls);
        }
        return controls;
    }

    private static void collect(Node node, String panel, Map<String, Control> into) {
        if (node instanceof ButtonBase || node instanceof TextInputControl || node instanceof ToggleSwitch
                || node instanceof ComboBoxBase || node instanceof ChoiceBox || node instanceof Spinner
                || node instanceof Slider) {
            String name = panel + "/" + (node.getId() != null ? node.getId() : node.getClass().getSimpleName() + into.size());
            into.put(name, (Control) node);
        }
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(child -> collect(child, panel, into));
        }
    }

    /** Visible, and so is every node above it in its window's scene, which is showing. */
    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null && node.getScene().getWindow() != null && node.getScene().getWindow().isShowing();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws ExecutionException, InterruptedException {
        return WaitForAsyncUtils.asyncFx(read).get();
    }
}
