package io.cgscope.ui.window;

import io.cgscope.host.Access;
import io.cgscope.host.CgroupHost;
import io.cgscope.model.ProcessRow;
import io.cgscope.model.Hierarchy;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.MemoryHost;
import io.cgscope.ui.log.LogEntry;
import io.cgscope.ui.tree.RowStates;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The window's tests on every host, here on a host held in memory (no kernel, no file), and what
 * such a host does live: a change it makes shows in the tree and the event log, and the details
 * show its files and its process table. The edit panels take a host once the editors read through
 * it; their tests on this host come then.
 */
@ExtendWith(ApplicationExtension.class)
class MemoryHostWindowTest extends WindowOnHostContract {
    private static final int BUSY_PID = 310;
    private final Hierarchy h = MemoryHost.v1("teaching");
    private MemoryHost memory;

    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    @Override
    CgroupHost openHost() {
        memory = new MemoryHost("memory", Access.readWrite()).hierarchy(h)
                .cgroup(h, "/jobs", false).cgroup(h, "/jobs/done", true).cgroup(h, "/jobs/busy", false, BUSY_PID)
                .cgroup(h, "/quiet", false)
                .file(h, "/jobs/busy", "memory.stat", "rss 8192\nswap 0\n")
                .process(new ProcessRow(BUSY_PID, "make", "alice", 3, "make -j3 all"));
        return memory;
    }

    @Override
    void addOnHost(String path) {
        memory.cgroup(h, path, false);
    }

    @Override
    void removeOnHost(String path) {
        memory.remove(h, path);
    }

    @Override
    int busyPid() {
        return BUSY_PID;
    }

    @Test
    void aChangeOnTheHostShowsInTheTreeAndTheEventLog(FxRobot robot) {
        awaitLoaded(robot);
        memory.cgroup(h, "/jobs/busy", false); // its task leaves
        memory.cgroup(h, "/jobs/new", true);

        Eventually.await("the new cgroup is in the tree", () -> onFx(() -> window.treeModel().shownItem(key("/jobs/new")) != null));
        robot.interact(() -> StagedWindow.expandAll(window));
        assertEquals(Set.of("done", "new"), namesOfCells(robot, RowStates.RELEASABLE));
        List<LogEntry> log = onFx(() -> List.copyOf(window.logModel().shown()));
        // a new empty cgroup with notify_on_release 1 is added and, in the same batch, releasable
        assertEquals(List.of("added", "releasable"), log.stream().filter(e -> e.path().equals("/jobs/new"))
                .map(LogEntry::event).toList());
        assertEquals(List.of("memory"), log.stream().map(LogEntry::host).distinct().toList(), "each event names its host");
        assertEquals(1, log.stream().filter(e -> e.path().equals("/jobs/busy") && e.event().equals("emptied")).count(),
                log.toString());
    }

    @Test
    void theDetailsShowTheHostsFilesAndProcessTable(FxRobot robot) {
        awaitLoaded(robot);
        select(robot, "/jobs/busy");
        Eventually.awaitEquals("memory.stat as the host has it", "rss 8192 · swap 0", () -> fileTexts().get("memory.stat"));
        @SuppressWarnings("unchecked")
        TableView<ProcessRow> table = robot.lookup(".process-table").queryAs(TableView.class);
        Eventually.awaitEquals("the process table", List.of(new ProcessRow(BUSY_PID, "make", "alice", 3, "make -j3 all")),
                () -> onFx(() -> List.copyOf(table.getItems())));
    }
}
