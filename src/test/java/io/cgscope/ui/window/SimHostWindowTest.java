package io.cgscope.ui.window;

import io.cgscope.host.CgroupHost;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.ReleaseRules;
import io.cgscope.sim.SimHost;
import io.cgscope.sim.SimKernel;
import io.cgscope.model.ProcessRow;
import io.cgscope.sim.AgentCall;
import io.cgscope.testkit.Eventually;
import io.cgscope.ui.tree.RowStates;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window's tests on every host, on the simulated kernel (today's rules, its v1 hierarchy). */
@ExtendWith(ApplicationExtension.class)
class SimHostWindowTest extends WindowOnHostContract {
    private SimKernel kernel;
    private Hierarchy h;
    private int busyPid;

    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    @Override
    CgroupHost openHost() throws Exception {
        kernel = new SimKernel(ReleaseRules.TODAY, false);
        kernel.setTiming(SimKernel.Timing.AT_ONCE);
        h = kernel.v1();
        kernel.mkdir(h, "/jobs");
        kernel.mkdir(h, "/jobs/done");
        kernel.write(h, "/jobs/done", "notify_on_release", "1");
        kernel.mkdir(h, "/jobs/busy");
        busyPid = kernel.spawn("make", h, "/jobs/busy", 1);
        kernel.mkdir(h, "/quiet");
        return new SimHost(kernel, Clock.systemUTC());
    }

    @Override
    int busyPid() {
        return busyPid;
    }

    @Override
    void addOnHost(String path) throws Exception {
        kernel.mkdir(h, path);
    }

    @Override
    void removeOnHost(String path) throws Exception {
        kernel.rmdir(h, path);
    }

    /** What the process controls say now. */
    private String processMessage(FxRobot robot) {
        return onFx(() -> robot.lookup("#processMessage").queryAs(Label.class).getText());
    }

    @SuppressWarnings("unchecked")
    private TableView<ProcessRow> processTable(FxRobot robot) {
        return robot.lookup(".process-table").queryAs(TableView.class);
    }

    /** Selects the row of {@code pid} in the process table, once the table shows it. */
    private void selectProcess(FxRobot robot, int pid) {
        TableView<ProcessRow> table = processTable(robot);
        Eventually.await("pid " + pid + " in the process table",
                () -> onFx(() -> table.getItems().stream().anyMatch(r -> r.pid() == pid)));
        robot.interact(() -> table.getItems().stream().filter(r -> r.pid() == pid).findFirst()
                .ifPresent(r -> table.getSelectionModel().select(r)));
    }

    @Test
    void aProcessStartedInASimulatedCgroupExitsAndTheReleaseShows(FxRobot robot) throws Exception {
        kernel.write(h, "/", "release_agent", "/sbin/reap");
        awaitLoaded(robot);
        select(robot, "/jobs/done");
        robot.clickOn("#processName").write("web");
        robot.clickOn("#processStart");
        Eventually.await("web runs in /jobs/done", () -> processMessage(robot).startsWith("Started web (pid "));
        int pid = kernel.files(h, "/jobs/done").orElseThrow().procs().get(0);
        assertEquals("Started web (pid " + pid + ") in /jobs/done.", processMessage(robot));
        assertEquals(Set.of(), namesOfCells(robot, RowStates.RELEASABLE), "busy now, not releasable");

        selectProcess(robot, pid);
        robot.clickOn("#processExit");
        Eventually.awaitEquals("the release flashes on its row", Set.of("done"),
                () -> namesOfCells(robot, RowStates.RELEASED));
        Eventually.await("the event log says released", () -> onFx(() -> window.logModel().shown().stream()
                .anyMatch(e -> e.path().equals("/jobs/done") && e.event().startsWith("released"))));
        assertEquals("Process " + pid + " exited.", processMessage(robot));
        assertEquals(List.of("/jobs/done"), kernel.agentCalls().stream().map(AgentCall::path).toList(),
                "the simulated agent was called with the path");
    }

    @Test
    void aSimulatedProcessIsMovedAndInitDoesNotExit(FxRobot robot) {
        awaitLoaded(robot);
        select(robot, "/jobs/busy");
        selectProcess(robot, busyPid);
        robot.clickOn("#processMoveTo").write("/quiet");
        robot.clickOn("#processMove");
        Eventually.await("make moved to /quiet", () -> kernel.files(h, "/quiet").orElseThrow().procs().contains(busyPid));
        assertEquals("Moved process " + busyPid + " to /quiet.", processMessage(robot));
        assertTrue(kernel.files(h, "/jobs/busy").orElseThrow().procs().isEmpty(), "moved, not copied");

        select(robot, "/");
        selectProcess(robot, SimKernel.INIT_PID);
        robot.clickOn("#processExit");
        Eventually.awaitEquals("the refusal", "The simulated init (pid 1) does not exit: the kernel would panic.",
                () -> processMessage(robot));
        assertTrue(kernel.process(SimKernel.INIT_PID).isPresent());
    }

    @Test
    void aMoveToACgroupThatIsNoneIsRefusedInTheKernelsWords(FxRobot robot) {
        awaitLoaded(robot);
        select(robot, "/jobs/busy");
        selectProcess(robot, busyPid);
        robot.clickOn("#processMoveTo").write("/nowhere");
        robot.clickOn("#processMove");
        Eventually.awaitEquals("the refusal",
                "Nothing done: The cgroup /nowhere vanished: it no longer exists (ENOENT).", () -> processMessage(robot));
        assertTrue(kernel.files(h, "/jobs/busy").orElseThrow().procs().contains(busyPid), "still where it was");
    }
}
