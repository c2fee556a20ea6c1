package io.cgscope.ui.window;

import io.cgscope.host.CgroupHost;
import io.cgscope.model.Hierarchy;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.PrivateHierarchy;
import io.cgscope.ui.log.LogEntry;
import io.cgscope.ui.tree.CgroupKey;
import io.cgscope.ui.tree.ManualTimer;
import io.cgscope.ui.tree.Row;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The window following a private v1 hierarchy live through the real live engine: mkdir, rmdir and
 * a process exit appear without F5, exactly the kernel's releasable cgroups are highlighted, and a
 * release by the kernel marks its row. Skipped without root.
 */
@ExtendWith(ApplicationExtension.class)
class LiveKernelWindowTest {
    private static final PseudoClass RELEASABLE = PseudoClass.getPseudoClass("releasable");
    private static final PseudoClass RELEASED = PseudoClass.getPseudoClass("released");

    private PrivateHierarchy kernel;
    private Hierarchy hierarchy;
    private CgroupHost host;
    private MainWindow window;
    private Process sleeper;
    private Path agentLog;

    /** Before the window starts: an assumption failing inside the start method would be an error. */
    @BeforeAll
    static void onlyAsRoot() {
        Assumptions.assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
    }

    @Start
    void start(Stage stage) throws Exception {
        kernel = PrivateHierarchy.mount();
        agentLog = kernel.installLoggingAgent();
        kernel.mkdir("/jobs");
        kernel.write("/jobs", "notify_on_release", "1");
        kernel.mkdir("/jobs/done"); // copies notify_on_release 1 at mkdir
        kernel.mkdir("/jobs/running");
        sleeper = kernel.startIn("/jobs/running");
        hierarchy = kernel.hierarchy();
        host = TestHosts.live(kernel.dir(), Duration.ofMillis(200), TestHosts.READ_WRITE);
        window = new MainWindow(host, TestHosts.NEVER, Platform::runLater, Runnable::run, new ManualTimer());
        StagedWindow.show(stage, window, 1200, 800);
    }

    @AfterEach
    void cleanUp() {
        if (host != null) {
            host.close();
        }
        if (kernel != null) {
            kernel.close();
        }
    }

    @Test
    void followsMkdirRmdirAndAProcessExitLiveKeepingItemsAndSelection(FxRobot robot) throws Exception {
        TreeItem<Row> running = onFx(() -> window.treeModel().shownItem(key("/jobs/running")));
        robot.interact(() -> window.tree().getSelectionModel().select(running));

        kernel.mkdir("/jobs/new");
        kernel.rmdir("/jobs/done");
        kernel.stop(sleeper);

        Eventually.await("the tree shows /jobs/new", () -> onFx(() -> window.treeModel().shownItem(key("/jobs/new")) != null));
        Eventually.await("the tree drops /jobs/done", () -> onFx(() -> window.treeModel().shownItem(key("/jobs/done")) == null));
        Eventually.await("/jobs/running has no task", () -> onFx(() -> running.getValue().cgroup().taskCount() == 0));
        assertSame(running, onFx(() -> window.treeModel().shownItem(key("/jobs/running"))), "updated in place");
        assertSame(running, onFx(() -> window.tree().getSelectionModel().getSelectedItem()), "selection survives");
        expandAll(robot);
        // By the kernel's rule: new and running copied notify_on_release 1 from /jobs at mkdir and
        // hold no task and no child; /jobs has children; the root is never released.
        assertEquals("1", kernel.read("/jobs/new", "notify_on_release").strip());
        assertEquals("", kernel.read("/jobs/running", "tasks").strip());
        Eventually.awaitEquals("exactly the kernel's releasable cgroups highlighted", Set.of("new", "running"),
                () -> cellsWith(robot, RELEASABLE));
    }

    @Test
    void aReleaseByTheKernelMarksItsRowAndIsLogged(FxRobot robot) throws Exception {
        expandAll(robot);
        kernel.stop(sleeper); // /jobs/running loses its last task: the kernel runs the agent
        Eventually.await("the agent ran for /jobs/running",
                () -> PrivateHierarchy.released(agentLog).contains("/jobs/running"));
        Eventually.awaitEquals("the released row is marked", Set.of("running"), () -> cellsWith(robot, RELEASED));
        Eventually.await("the event log says released", () -> onFx(() -> window.logModel().shown().stream()
                .map(LogEntry::event).anyMatch(e -> e.startsWith("released"))));
    }

    private CgroupKey key(String path) {
        return CgroupKey.of(host.id(), hierarchy, path);
    }

    private void expandAll(FxRobot robot) {
        robot.interact(() -> StagedWindow.expandAll(window));
    }

    private static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> cellsWith(FxRobot robot, PseudoClass state) {
        return onFx(() -> {
            Set<String> names = new TreeSet<>();
            for (Node n : robot.lookup(".cgroup-cell").queryAll()) {
                TreeCell<Row> c = (TreeCell<Row>) n;
                if (!c.isEmpty() && c.getItem() != null && c.getPseudoClassStates().contains(state)) {
                    names.add(c.getItem().cgroup().name());
                }
            }
            return names;
        });
    }
}
