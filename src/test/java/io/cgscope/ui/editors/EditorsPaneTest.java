package io.cgscope.ui.editors;

import io.cgscope.host.Access;
import io.cgscope.kernel.CgroupWriter;
import io.cgscope.model.Hierarchy;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.PrivateHierarchy;
import io.cgscope.testkit.Processes;
import io.cgscope.testkit.V2Sandbox;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The edit panels driven by the robot against a private v1 hierarchy on the real kernel: each
 * edit is checked in the kernel's files and in the message the panel shows.
 */
@ExtendWith(ApplicationExtension.class)
class EditorsPaneTest {
    @TempDir
    Path tmp;

    private Stage stage;
    private EditorsStage editors;
    private PrivateHierarchy h;
    private Hierarchy hierarchy;
    private EditorsPane pane;
    private ScriptedConfirmer confirmer;
    private List<String> written;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @BeforeEach
    void mount(FxRobot robot) throws IOException {
        editors = EditorsStage.mount(stage);
        h = editors.h;
        hierarchy = editors.hierarchy;
        confirmer = editors.confirmer;
        written = editors.written;
        open(robot, EditorsStage.READ_WRITE, editors.initAtRoot(tmp));
    }

    @AfterEach
    void unmount() {
        if (editors != null) {
            editors.close();
        }
    }

    @Test
    void theNotifySwitchWritesAndShowsTheReadBack(FxRobot robot) throws IOException {
        h.mkdir("/a");
        showCgroup(robot, "/a");
        robot.clickOn(robot.lookup("#notifyToggle .thumb-area").queryAs(Node.class));
        editors.settle();
        assertEquals("1", h.read("/a", "notify_on_release").strip());
        assertTrue(pane.message().contains("notify_on_release of /a is now 1"), pane.message());
        assertEquals(1, written.size());
        robot.clickOn(robot.lookup("#notifyToggle .thumb-area").queryAs(Node.class));
        editors.settle();
        assertEquals("0", h.read("/a", "notify_on_release").strip());
    }

    @Test
    void theCloneChildrenSwitchWritesAndIsCopiedByANewChild(FxRobot robot) throws IOException {
        h.mkdir("/a");
        showCgroup(robot, "/a");
        robot.clickOn(robot.lookup("#cloneToggle .thumb-area").queryAs(Node.class));
        editors.settle();
        assertEquals("1", h.read("/a", "cgroup.clone_children").strip());
        robot.clickOn("#childName").write("kid").type(KeyCode.ENTER);
        editors.settle();
        assertEquals("1", h.read("/a/kid", "cgroup.clone_children").strip());
        assertTrue(pane.message().contains("Created /a/kid") && pane.message().contains("cgroup.clone_children 1"),
                pane.message());
    }

    @Test
    void aReleaseAgentIsAppliedAndCleared(FxRobot robot) throws IOException {
        Path agent = script("agent.sh", "rwxr-xr-x");
        showCgroup(robot, "/");
        robot.clickOn("#agentField").eraseText(10).write(agent.toString());
        robot.clickOn("#agentApply");
        editors.settle();
        assertEquals(agent.toString(), h.read("/", "release_agent").strip());
        assertTrue(pane.message().contains("release_agent is now " + agent), pane.message());
        assertEquals("The kernel has: " + agent, robot.lookup("#agentCurrent").queryLabeled().getText());
        robot.clickOn("#agentClear");
        editors.settle();
        assertEquals("", h.read("/", "release_agent").strip());
        assertTrue(pane.message().contains("release_agent is now none"), pane.message());
    }

    @Test
    void eachBadReleaseAgentShowsWhyAndWritesNothing(FxRobot robot) throws IOException {
        h.write("/", "release_agent", "/bin/true");
        h.mkdir("/a");
        showCgroup(robot, "/a");
        String notExecutable = script("plain.sh", "rw-r--r--").toString();
        List<String[]> cases = List.of(
                new String[] {"relative/agent", "absolute path"},
                new String[] {tmp.resolve("missing").toString(), "does not exist"},
                new String[] {notExecutable, "not executable"},
                new String[] {"/" + "a".repeat(4095), "4,095 bytes"},
                new String[] {tmp.toString(), "not a regular file"});
        for (String[] c : cases) {
            robot.interact(() -> field("#agentField").setText(c[0]));
            robot.clickOn("#agentApply");
            editors.settle();
            assertTrue(pane.message().startsWith("Nothing written") && pane.message().contains(c[1]),
                    c[1] + ": " + pane.message());
            assertEquals("/bin/true", h.read("/", "release_agent").strip(), c[1]);
        }
        assertTrue(written.isEmpty());
        assertTrue(confirmer.asked().isEmpty());
    }

    @Test
    void aGroupWritableAgentAsksAndANoWritesNothing(FxRobot robot) throws IOException {
        Path agent = script("shared.sh", "rwxrwxr-x");
        showCgroup(robot, "/");
        confirmer.answer(false, true);
        robot.clickOn("#agentField").write(agent.toString()).type(KeyCode.ENTER);
        editors.settle();
        assertEquals(1, confirmer.asked().size());
        assertTrue(confirmer.asked().get(0).contains("group-writable"), confirmer.asked().get(0));
        assertEquals("", h.read("/", "release_agent").strip());
        assertTrue(pane.message().startsWith("Nothing written"), pane.message());
        robot.clickOn("#agentApply");
        editors.settle();
        assertEquals(agent.toString(), h.read("/", "release_agent").strip());
    }

    @Test
    void eachBadChildNameShowsWhyAndCreatesNothing(FxRobot robot) throws IOException {
        h.mkdir("/a/taken");
        showCgroup(robot, "/a");
        List<String> before = listing(h.pathOf("/a"));
        for (String[] c : List.<String[]>of(
                new String[] {"", "Type a name"},
                new String[] {"x/y", "\"/\""},
                new String[] {"..", "always exists"},
                new String[] {"x".repeat(256), "256 bytes"},
                new String[] {"taken", "already exists"},
                new String[] {"notify_on_release", "already exists"})) {
            robot.interact(() -> field("#childName").setText(c[0]));
            robot.clickOn("#createChild");
            editors.settle();
            assertTrue(pane.message().startsWith("Nothing written") && pane.message().contains(c[1]),
                    c[1] + ": " + pane.message());
        }
        assertEquals(before, listing(h.pathOf("/a")));
        assertTrue(written.isEmpty());
    }

    @Test
    void removingABusyCgroupSaysWhichProcessHoldsIt(FxRobot robot) throws IOException {
        h.mkdir("/busy");
        Process p = h.startIn("/busy");
        showCgroup(robot, "/busy");
        robot.interact(pane::requestRemove);
        editors.settle();
        assertTrue(Files.isDirectory(h.pathOf("/busy")));
        assertTrue(pane.message().startsWith("Nothing written") && pane.message().contains("process " + p.pid()),
                pane.message());
        assertEquals(0, confirmer.asked().size(), "nothing asked: the kernel would refuse");
        h.stop(p);
        showCgroup(robot, "/busy");
        confirmer.answer(true);
        robot.clickOn("#removeCgroup");
        editors.settle();
        assertFalse(Files.exists(h.pathOf("/busy")));
        assertTrue(pane.message().contains("Removed /busy"), pane.message());
        assertEquals(1, confirmer.asked().size());
    }

    @Test
    void aDeclinedRemovalRemovesNothing(FxRobot robot) throws IOException {
        h.mkdir("/keep");
        showCgroup(robot, "/keep");
        confirmer.answer(false);
        robot.clickOn("#removeCgroup");
        editors.settle();
        assertTrue(Files.isDirectory(h.pathOf("/keep")));
        assertTrue(pane.message().startsWith("Nothing written"), pane.message());
    }

    @Test
    void aProcessIsMovedInAndBadPidsMoveNothing(FxRobot robot) throws IOException {
        h.mkdir("/here");
        showCgroup(robot, "/here");
        int dead;
        try (Processes processes = new Processes()) {
            Process gone = processes.sleeper();
            dead = (int) gone.pid();
            processes.stop(gone);
        }
        for (String bad : List.of("abc", "0", "-5", Integer.toString(dead))) {
            robot.interact(() -> field("#pidField").setText(bad));
            robot.clickOn("#movePid");
            editors.settle();
            assertTrue(pane.message().startsWith("Nothing written"), bad + ": " + pane.message());
            assertEquals("", h.read("/here", "cgroup.procs").strip(), bad);
        }
        Process p = h.startIn("/");
        robot.interact(() -> field("#pidField").clear());
        robot.clickOn("#pidField").write(Long.toString(p.pid())).type(KeyCode.ENTER);
        editors.settle();
        assertEquals(Long.toString(p.pid()), h.read("/here", "cgroup.procs").strip());
        assertTrue(pane.message().contains("with all its threads") && pane.message().contains("now lists it"),
                pane.message());
    }

    @Test
    void aHierarchyAServiceManagerOwnsAsksBeforeEachWrite(FxRobot robot) throws IOException {
        Path initCgroup = Files.writeString(tmp.resolve("init-owned"), "1:name=" + h.name() + ":/init.scope\n");
        open(robot, EditorsStage.READ_WRITE, initCgroup);
        h.mkdir("/a");
        showCgroup(robot, "/a");
        assertTrue(robot.lookup("#editorsServiceManager").queryLabeled().isVisible());
        confirmer.answer(false);
        robot.clickOn(robot.lookup("#notifyToggle .thumb-area").queryAs(Node.class));
        editors.settle();
        assertEquals("0", h.read("/a", "notify_on_release").strip());
        assertEquals(1, confirmer.asked().size());
        assertTrue(confirmer.asked().get(0).contains("/init.scope"), confirmer.asked().get(0));
        assertFalse(robot.lookup("#notifyToggle").queryAs(org.controlsfx.control.ToggleSwitch.class).isSelected(),
                "the switch shows the kernel's value after a no");
        confirmer.answer(true);
        robot.clickOn(robot.lookup("#notifyToggle .thumb-area").queryAs(Node.class));
        editors.settle();
        assertEquals("1", h.read("/a", "notify_on_release").strip());
    }

    @Test
    void readOnlyDisablesEveryEditButHidesNone(FxRobot robot) throws IOException {
        open(robot, EditorsStage.USER_1000, tmp.resolve("absent"));
        h.mkdir("/a");
        showCgroup(robot, "/a");
        assertTrue(pane.isReadOnly());
        for (String id : List.of("#notifyToggle", "#cloneToggle", "#agentField", "#agentApply", "#agentClear",
                "#childName", "#createChild", "#pidField", "#movePid", "#removeCgroup")) {
            Node n = robot.lookup(id).query();
            assertTrue(n.isDisabled(), id + " disabled");
            assertTrue(n.isVisible(), id + " visible");
        }
        assertTrue(robot.lookup("#editorsReadOnly").queryLabeled().getText().startsWith("Read-only"));
        robot.interact(pane::requestRemove);
        editors.settle();
        assertTrue(Files.isDirectory(h.pathOf("/a")));
        assertTrue(confirmer.asked().isEmpty());
    }

    @Test
    void tabAndEnterReachTheEdits(FxRobot robot) throws IOException {
        h.mkdir("/a");
        showCgroup(robot, "/a");
        robot.clickOn("#childName").write("viakeys").type(KeyCode.TAB);
        assertTrue(robot.lookup("#createChild").query().isFocused());
        robot.type(KeyCode.ENTER);
        editors.settle();
        assertTrue(Files.isDirectory(h.pathOf("/a/viakeys")));
        assertTrue(robot.lookup("#createChild").query().isFocused(), "the focus is back where Enter was pressed");
        robot.type(KeyCode.ENTER);
        editors.settle();
        assertTrue(pane.message().startsWith("Nothing written") && pane.message().contains("Type a name"),
                pane.message());
        robot.interact(() -> robot.lookup("#notifyToggle").query().requestFocus());
        robot.type(KeyCode.ENTER);
        editors.settle();
        assertEquals("1", h.read("/a", "notify_on_release").strip());
        assertTrue(robot.lookup("#notifyToggle").query().isFocused(), "the focus is back on the switch");
    }

    @Test
    void aV2CgroupFreezesAndThawsAndShowsNoV1Panels(FxRobot robot) throws IOException {
        assumeTrue(V2Sandbox.machineV2().isPresent(), "no cgroup2 mount here");
        try (V2Sandbox s = V2Sandbox.create()) {
            String child = s.path() + "/ice";
            s.mkdir(child);
            s.startIn(child);
            editors.show(robot, s.hierarchy(), child);
            assertFalse(robot.lookup("#editorsFlags").query().isVisible());
            assertEquals("cgroup.events says frozen 0", robot.lookup("#freezeState").queryLabeled().getText());
            assertFalse(robot.lookup("#editorsReleaseAgent").query().isVisible());
            robot.clickOn("#freeze");
            editors.settle();
            assertEquals("1", Files.readString(s.pathOf(child).resolve("cgroup.freeze")).strip());
            Eventually.await("frozen 1", () -> Boolean.TRUE.equals(editors.host().readCgroup(s.hierarchy(), child).orElseThrow().frozen()));
            assertTrue(pane.message().contains("cgroup.freeze is 1"), pane.message());
            robot.clickOn("#thaw");
            editors.settle();
            assertEquals("0", Files.readString(s.pathOf(child).resolve("cgroup.freeze")).strip());
            Eventually.await("frozen 0", () -> Boolean.FALSE.equals(editors.host().readCgroup(s.hierarchy(), child).orElseThrow().frozen()));
        }
    }

    @Test
    void theMountTableOptionIsNotShownAsAMountTimeSettingWhereTheFileIsReadable(FxRobot robot) throws IOException {
        // mountinfo's release_agent= is the current agent as of the listing, not a mount-time
        // setting: a record that still carries an old one must not be shown beside the file
        Hierarchy listedEarlier = withOption(hierarchy, "/", hierarchy.mountPoint(), "/sbin/old-agent");
        editors.show(robot, listedEarlier, "/");
        assertEquals("The kernel has: none (empty)", robot.lookup("#agentCurrent").queryLabeled().getText());
        assertFalse(robot.lookup("#agentOption").query().isVisible());
        assertFalse(robot.lookup("#agentOption").queryLabeled().getText().contains("/sbin/old-agent"));
    }

    @Test
    void aSubtreeMountSaysWhatTheMountTableNamedAndWhen(FxRobot robot) throws IOException {
        h.mkdir("/sub");
        Hierarchy subtree = withOption(hierarchy, "/sub", h.pathOf("/sub"), "/sbin/agent,with comma");
        editors.show(robot, subtree, "/sub");
        assertTrue(robot.lookup("#agentUnavailable").query().isVisible());
        assertFalse(robot.lookup("#agentCurrent").query().isVisible(), "the file is not read: no value is claimed");
        assertEquals("When cgscope listed the mounts, /proc/self/mountinfo named"
                        + " release_agent=/sbin/agent,with comma for this hierarchy.",
                robot.lookup("#agentOption").queryLabeled().getText());
        assertTrue(robot.lookup("#agentOption").query().isVisible());
    }

    @Test
    void aLiveUpdateKeepsWhatTheUserIsTyping(FxRobot robot) throws IOException {
        h.mkdir("/a");
        showCgroup(robot, "/a");
        robot.clickOn("#agentField").write("/half/typed");
        editors.settle();
        h.write("/a", "notify_on_release", "1");
        showCgroup(robot, "/a");
        assertEquals("/half/typed", field("#agentField").getText());
        assertTrue(robot.lookup("#notifyToggle").queryAs(org.controlsfx.control.ToggleSwitch.class).isSelected(),
                "the switch follows the kernel");
    }

    @Test
    void aCgroupThatVanishedSaysSo(FxRobot robot) throws IOException {
        h.mkdir("/brief");
        showCgroup(robot, "/brief");
        h.rmdir("/brief");
        robot.clickOn(robot.lookup("#notifyToggle .thumb-area").queryAs(Node.class));
        editors.settle();
        assertTrue(pane.message().contains("/brief vanished"), pane.message());
        assertTrue(written.isEmpty());
    }

    @Test
    void theRootCannotBeRemovedAndNothingShownMeansNothingToEdit(FxRobot robot) {
        showCgroup(robot, "/");
        assertTrue(robot.lookup("#removeCgroup").query().isDisabled());
        robot.interact(pane::requestRemove);
        editors.settle();
        assertTrue(pane.message().contains("root of a hierarchy cannot be removed"), pane.message());
        robot.interact(() -> pane.show(editors.host(), hierarchy, null));
        editors.settle();
        assertEquals("No cgroup selected", robot.lookup("#editorsTitle").queryLabeled().getText());
        for (String id : List.of("#notifyToggle", "#agentApply", "#createChild", "#movePid", "#removeCgroup")) {
            assertTrue(robot.lookup(id).query().isDisabled(), id);
        }
        assertTrue(confirmer.asked().isEmpty());
    }

    private static Hierarchy withOption(Hierarchy h, String mountRoot, Path mountPoint, String option) {
        return new Hierarchy(h.device(), h.version(), h.controllers(), h.name(), mountPoint, mountRoot,
                h.otherMountPoints(), option, h.noprefix(), h.cloneChildrenOption());
    }

    private void open(FxRobot robot, Access access, Path initCgroup) {
        pane = editors.open(robot, access, initCgroup, CgroupWriter::new);
    }

    private void showCgroup(FxRobot robot, String path) {
        editors.show(robot, hierarchy, path);
    }

    private TextField field(String id) {
        return editors.field(id);
    }

    private Path script(String name, String mode) throws IOException {
        return EditorsStage.script(tmp, name, mode);
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
