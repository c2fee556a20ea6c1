package io.cgscope.ui.window;

import io.cgscope.host.CgroupHost;
import io.cgscope.kernel.CgroupReader;
import io.cgscope.local.HostOpener;
import io.cgscope.model.Cgroup;
import io.cgscope.model.Hierarchy;
import io.cgscope.testkit.PrivateHierarchy;
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

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The window on the real kernel: a private v1 hierarchy (as root; skipped otherwise), read by the
 * real reader, re-read with F5 after mkdir, rmdir and a process exit.
 */
@ExtendWith(ApplicationExtension.class)
class KernelWindowTest {
    private static final PseudoClass RELEASABLE = PseudoClass.getPseudoClass("releasable");

    private PrivateHierarchy kernel;
    private Hierarchy hierarchy;
    private CgroupHost host;
    private MainWindow window;
    private Process sleeper;

    /** Before the window starts: an assumption failing inside the start method would be an error. */
    @BeforeAll
    static void onlyAsRoot() {
        Assumptions.assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
    }

    @Start
    void start(Stage stage) throws Exception {
        kernel = PrivateHierarchy.mount();
        kernel.mkdir("/jobs/done");
        kernel.mkdir("/jobs/running");
        kernel.mkdir("/quiet");
        kernel.write("/jobs/done", "notify_on_release", "1");
        kernel.write("/jobs/running", "notify_on_release", "1");
        sleeper = kernel.startIn("/jobs/running");
        hierarchy = kernel.hierarchy();
        host = TestHosts.root(kernel.dir(), HostOpener.Following.READ_ONCE, TestHosts.READ_WRITE);
        window = new MainWindow(host, TestHosts.NEVER, Platform::runLater, Runnable::run, new ManualTimer());
        StagedWindow.show(stage, window, 1200, 800);
        StagedWindow.expandAll(window);
    }

    @AfterEach
    void cleanUp() {
        if (kernel != null) {
            kernel.close();
        }
    }

    @Test
    void theTreeShowsWhatTheKernelHasAndHighlightsExactlyTheReleasableCgroups(FxRobot robot) throws IOException {
        assertEquals(kernelReleasable(), cellsWith(robot, RELEASABLE));
        assertEquals(Set.of("done"), cellsWith(robot, RELEASABLE), "the only empty cgroup with notify_on_release 1");
        assertEquals(new CgroupReader(hierarchy).read().size(), window.treeModel().cgroupCountProperty().get());
    }

    @Test
    void mkdirRmdirAndAProcessExitAreFollowedInPlace(FxRobot robot) throws IOException {
        TreeItem<Row> jobs = item("/jobs");
        TreeItem<Row> running = item("/jobs/running");
        robot.interact(() -> window.tree().getSelectionModel().select(running));

        kernel.mkdir("/jobs/new");
        kernel.rmdir("/quiet");
        kernel.stop(sleeper); // its task leaves /jobs/running as the kernel reaps it
        robot.interact(window::refresh);
        WaitForAsyncUtils.waitForFxEvents();

        assertSame(jobs, item("/jobs"), "the tree is updated, not rebuilt");
        assertSame(running, item("/jobs/running"));
        assertSame(running, window.tree().getSelectionModel().getSelectedItem(), "selection survives");
        assertNotNull(window.treeModel().shownItem(key("/jobs/new")));
        assertNull(window.treeModel().shownItem(key("/quiet")));
        assertEquals(0, running.getValue().cgroup().taskCount());
        assertEquals(kernelReleasable(), cellsWith(robot, RELEASABLE));
        assertEquals(Set.of("done", "running"), cellsWith(robot, RELEASABLE),
                "running emptied; new copied notify_on_release 0 from /jobs at mkdir");
    }

    @Test
    void removingTheSelectedCgroupSelectsItsParent(FxRobot robot) throws IOException {
        robot.interact(() -> window.tree().getSelectionModel().select(item("/jobs/done")));
        kernel.rmdir("/jobs/done");
        robot.interact(window::refresh);
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(item("/jobs"), window.tree().getSelectionModel().getSelectedItem());
        assertFalse(cellsWith(robot, RELEASABLE).contains("done"));
    }

    private Set<String> kernelReleasable() throws IOException {
        return new CgroupReader(hierarchy).read().cgroups().stream().filter(Cgroup::releasable).map(Cgroup::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private CgroupKey key(String path) {
        return CgroupKey.of(host.id(), hierarchy, path);
    }

    private TreeItem<Row> item(String path) {
        return StagedWindow.shownItem(window, key(path));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> cellsWith(FxRobot robot, PseudoClass state) {
        WaitForAsyncUtils.waitForFxEvents();
        Set<String> names = new TreeSet<>();
        for (Node n : robot.lookup(".cgroup-cell").queryAll()) {
            TreeCell<Row> c = (TreeCell<Row>) n;
            if (!c.isEmpty() && c.getItem() != null && c.getPseudoClassStates().contains(state)) {
                names.add(c.getItem().cgroup().name());
            }
        }
        return names;
    }
}
