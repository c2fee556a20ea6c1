package io.cgscope.ui.editors;

import io.cgscope.kernel.CgroupReader;
import io.cgscope.kernel.CgroupWriter;
import io.cgscope.kernel.OwnProcess;
import io.cgscope.model.Hierarchy;
import io.cgscope.testkit.V2Sandbox;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.controlsfx.control.ToggleSwitch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The edit panels when the world moves under an edit, on the real kernel: the kernel keeps
 * something else than was asked, a file or a hierarchy changes while a question is open, and
 * edits that would act on cgscope itself.
 */
@ExtendWith(ApplicationExtension.class)
class EditorsUnderChangeTest {
    @TempDir
    Path tmp;

    private Stage stage;
    private EditorsStage editors;
    private EditorsPane pane;
    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private Thread.UncaughtExceptionHandler fxHandler;
    /** What another writer does between each write and its read-back; nothing unless a test says. */
    private volatile Runnable meanwhile = () -> { };

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @BeforeEach
    void mount(FxRobot robot) throws IOException {
        editors = EditorsStage.mount(stage);
        // an exception on the FX thread is otherwise only printed: collect it to fail on it
        robot.interact(() -> {
            fxHandler = Thread.currentThread().getUncaughtExceptionHandler();
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        });
    }

    @AfterEach
    void unmount(FxRobot robot) {
        robot.interact(() -> Thread.currentThread().setUncaughtExceptionHandler(fxHandler));
        if (editors != null) {
            editors.close();
        }
    }

    @Test
    void theKernelsValueIsShownAndTheDifferenceSaidWhenSomeoneElseWroteInBetween(FxRobot robot) throws IOException {
        Path mine = script(tmp, "mine.sh");
        Path theirs = script(tmp, "theirs.sh");
        editors.h.mkdir("/a");
        open(robot, notOwned(), hier -> new CgroupWriter(new CgroupReader(hier), OwnProcess.current(), () -> meanwhile.run()));
        show(robot, editors.hierarchy, "/");
        meanwhile = quietly(() -> editors.h.write("/", "release_agent", theirs.toString()));
        robot.interact(() -> field("#agentField").setText(mine.toString()));
        robot.clickOn("#agentApply");
        editors.settle();
        assertEquals(theirs.toString(), editors.h.read("/", "release_agent").strip());
        assertEquals("The kernel has: " + theirs, robot.lookup("#agentCurrent").queryLabeled().getText());
        assertEquals(theirs.toString(), field("#agentField").getText());
        assertEquals("release_agent is now " + theirs + " (read back), not what was asked: asked " + mine
                + ", the kernel has " + theirs + ".", pane.message());
        assertTrue(messageShows("#agentMessage", "differs"), "the message looks unlike a plain success");

        show(robot, editors.hierarchy, "/a");
        meanwhile = quietly(() -> editors.h.write("/a", "notify_on_release", "0"));
        robot.clickOn(robot.lookup("#notifyToggle .thumb-area").queryAs(Node.class));
        editors.settle();
        assertEquals("0", editors.h.read("/a", "notify_on_release").strip());
        assertFalse(robot.lookup("#notifyToggle").queryAs(ToggleSwitch.class).isSelected(), "the switch shows the kernel's 0");
        assertTrue(pane.message().endsWith("not what was asked: asked 1, the kernel has 0."), pane.message());

        meanwhile = () -> { };
        robot.clickOn(robot.lookup("#notifyToggle .thumb-area").queryAs(Node.class));
        editors.settle();
        assertEquals("notify_on_release of /a is now 1 (read back).", pane.message());
        assertFalse(messageShows("#flagsMessage", "differs"));
    }

    @Test
    void anAgentWhoseDirectoryOpenedUpWhileAskedIsNotWritten(FxRobot robot) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("agents"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path agent = script(dir, "agent.sh");
        open(robot, ownedByServiceManager(), CgroupWriter::new);
        show(robot, editors.hierarchy, "/");
        editors.confirmer.whileAsking(quietly(() -> Files.setAttribute(dir, "unix:mode", 0777))).answer(true);
        robot.interact(() -> field("#agentField").setText(agent.toString()));
        robot.clickOn("#agentApply");
        editors.settle();
        assertEquals(1, editors.confirmer.asked().size(), "the service manager's question");
        assertEquals("", editors.h.read("/", "release_agent").strip());
        assertTrue(pane.message().startsWith("Nothing written: the release agent changed while you were asked")
                && pane.message().contains(dir + " above it is writable by others"), pane.message());
    }

    @Test
    void anAgentThatChangedOwnerWhileItsRiskWasAskedIsNotWritten(FxRobot robot) throws IOException {
        Path agent = script(tmp, "shared.sh");
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwxrwxr-x"));
        open(robot, notOwned(), CgroupWriter::new);
        show(robot, editors.hierarchy, "/");
        editors.confirmer.whileAsking(quietly(() -> Files.setAttribute(agent, "unix:uid", 65534))).answer(true);
        robot.interact(() -> field("#agentField").setText(agent.toString()));
        robot.clickOn("#agentApply");
        editors.settle();
        assertTrue(editors.confirmer.asked().get(0).contains("group-writable"), editors.confirmer.asked().get(0));
        assertEquals("", editors.h.read("/", "release_agent").strip());
        assertTrue(pane.message().startsWith("Nothing written") && pane.message().contains("owned by uid 65534"),
                pane.message());
    }

    @Test
    void aHierarchyGoneWhileAskedIsASentenceNotAnException(FxRobot robot) throws IOException {
        editors.h.mkdir("/a");
        open(robot, ownedByServiceManager(), CgroupWriter::new);
        show(robot, editors.hierarchy, "/a");
        // what the window does when the hierarchy disappears from the tree while the dialog is open
        editors.confirmer.whileAsking(() -> pane.show(null, null, null)).answer(true);
        robot.interact(() -> robot.lookup("#notifyToggle").queryAs(ToggleSwitch.class).setSelected(true));
        editors.settle();
        assertEquals(List.of(), uncaught);
        assertEquals("0", editors.h.read("/a", "notify_on_release").strip());
        assertTrue(pane.message().startsWith("Nothing written: name=" + editors.h.name() + " is no longer shown"), pane.message());

        show(robot, editors.hierarchy, "/a");
        editors.confirmer.whileAsking(() -> pane.show(null, null, null)).answer(false);
        robot.interact(() -> robot.lookup("#notifyToggle").queryAs(ToggleSwitch.class).setSelected(true));
        editors.settle();
        assertEquals(List.of(), uncaught);
        assertEquals("Nothing written: cancelled.", pane.message());

        // unmounted while still shown (the live view has not noticed yet): the kernel's ENOENT, in words
        show(robot, editors.hierarchy, "/a");
        editors.confirmer.whileAsking(editors.h::close).answer(true, true);
        robot.clickOn(robot.lookup("#notifyToggle .thumb-area").queryAs(Node.class));
        editors.settle();
        assertTrue(pane.message().contains("The cgroup /a vanished"), pane.message());
        robot.clickOn("#agentClear");
        editors.settle();
        assertTrue(pane.message().contains("The cgroup / vanished"), pane.message());
        assertEquals(List.of(), uncaught);
    }

    @Test
    void freezingACgroupThatHoldsCgscopeIsRefused(FxRobot robot) throws IOException {
        assumeTrue(V2Sandbox.machineV2().isPresent(), "no cgroup2 mount here");
        try (V2Sandbox s = V2Sandbox.create()) {
            String home = s.path() + "/app";
            s.mkdir(home);
            // a sleep stands in for cgscope: the pane's writer takes it for its own process
            Process app = s.startIn(home);
            open(robot, notOwned(), hier -> new CgroupWriter(new CgroupReader(hier), new OwnProcess(app.pid()), () -> { }));
            for (String target : List.of(home, s.path())) {
                show(robot, s.hierarchy(), target);
                robot.clickOn("#freeze");
                editors.settle();
                assertEquals("0", Files.readString(s.pathOf(target).resolve("cgroup.freeze")).strip(), target);
                assertTrue(pane.message().startsWith("Nothing written: Freezing " + target
                        + " would freeze cgscope itself (pid " + app.pid()), pane.message());
            }
            assertTrue(editors.confirmer.asked().isEmpty());
        }
    }

    @Test
    void movingCgscopesOwnProcessAsksWithWhatItDoes(FxRobot robot) throws IOException {
        editors.h.mkdir("/here");
        Process app = editors.h.startIn("/");
        open(robot, notOwned(), hier -> new CgroupWriter(new CgroupReader(hier), new OwnProcess(app.pid()), () -> { }));
        show(robot, editors.hierarchy, "/here");
        editors.confirmer.answer(false);
        robot.interact(() -> field("#pidField").setText(Long.toString(app.pid())));
        robot.clickOn("#movePid");
        editors.settle();
        assertEquals(1, editors.confirmer.asked().size());
        assertTrue(editors.confirmer.asked().get(0).startsWith("Move cgscope itself?\nProcess " + app.pid()
                + " is cgscope itself: moving it moves this app into /here"), editors.confirmer.asked().get(0));
        assertEquals("", editors.h.read("/here", "cgroup.procs").strip());
        editors.confirmer.answer(true);
        robot.clickOn("#movePid");
        editors.settle();
        assertEquals(Long.toString(app.pid()), editors.h.read("/here", "cgroup.procs").strip());
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static Runnable quietly(IoAction action) {
        return () -> {
            try {
                action.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private Path notOwned() throws IOException {
        return editors.initAtRoot(tmp);
    }

    private Path ownedByServiceManager() throws IOException {
        return editors.initOwned(tmp);
    }

    private void open(FxRobot robot, Path initCgroup, Function<Hierarchy, CgroupWriter> writers) {
        pane = editors.open(robot, EditorsStage.READ_WRITE, initCgroup, writers);
    }

    private void show(FxRobot robot, Hierarchy of, String path) {
        editors.show(robot, of, path);
    }

    /** Whether the line next to the controls that wrote (#agentMessage, #flagsMessage) shows {@code pseudoClass}. */
    private boolean messageShows(String line, String pseudoClass) {
        return editors.lookup(line).getPseudoClassStates().contains(PseudoClass.getPseudoClass(pseudoClass));
    }

    private TextField field(String id) {
        return editors.field(id);
    }

    private static Path script(Path dir, String name) throws IOException {
        return EditorsStage.script(dir, name, "rwxr-xr-x");
    }
}
