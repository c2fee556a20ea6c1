package io.cgscope.ui.window;

import io.cgscope.host.CgroupHost;
import io.cgscope.kernel.RecorderFiles;
import io.cgscope.local.HostOpener;
import io.cgscope.model.AgentLog;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.ExactAgent;
import io.cgscope.testkit.PrivateHierarchy;
import io.cgscope.ui.log.LogEntry;
import io.cgscope.ui.tree.ManualTimer;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.cgscope.ui.window.WindowOnHostContract.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window on a private hierarchy of the real kernel: "Record the kernel's calls" installs the
 * recorder, 1,000 releases in a burst each reach the window as a call of the agent, and the
 * status bar's counts add up to them; stopping puts the agent set before back.
 */
@ExtendWith(ApplicationExtension.class)
class RecorderWindowTest {
    private static final int RELEASES = 1000;
    private static final Pattern COUNTS = Pattern.compile(
            "([\\d,]+) agent calls? · ([\\d,]+) predictions confirmed · ([\\d,]+) unconfirmed · ([\\d,]+) calls unpredicted");
    @TempDir
    static Path base;
    @TempDir
    Path previousDir;
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private final ManualTimer timer = new ManualTimer();
    private PrivateHierarchy kernel;
    private ExactAgent previous;
    private CgroupHost host;
    private MainWindow window;

    @BeforeAll
    static void onlyAsRootWithARecorderPlaceOfItsOwn() throws IOException {
        Assumptions.assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
        System.setProperty(RecorderFiles.PROPERTY, base.toString());
    }

    @AfterAll
    static void forgetTheRecorderPlace() {
        System.clearProperty(RecorderFiles.PROPERTY);
    }

    @Start
    void start(Stage stage) throws Exception {
        kernel = PrivateHierarchy.mount();
        previous = ExactAgent.in(previousDir);
        kernel.write("/", "release_agent", previous.script().toString());
        kernel.write("/", "notify_on_release", "1");
        for (int i = 0; i < RELEASES; i++) {
            kernel.mkdir(String.format("/p%04d/c", i));
        }
        host = TestHosts.root(kernel.dir(), HostOpener.Following.LIVE_BEHIND_WINDOW, TestHosts.READ_WRITE);
        window = new MainWindow(host, (title, message) -> true, Platform::runLater, background, timer);
        StagedWindow.show(stage, window, 1200, 800);
    }

    @AfterEach
    void closeAll() throws Exception {
        if (host != null) {
            host.close();
        }
        background.shutdownNow();
        background.awaitTermination(10, TimeUnit.SECONDS);
        if (kernel != null) {
            kernel.write("/", "release_agent", "\n");
            kernel.close();
        }
    }

    @Test
    void aBurstOfReleasesIsCountedInTheStatusBarAsTheRecorderLoggedIt(FxRobot robot) throws Exception {
        Eventually.await("the first state", () -> onFx(() -> window.loadedProperty().get()));
        robot.interact(() -> window.tree().select(window.tree().getRoot().getChildren().get(0).getValue().key()
                .withPath("/p0000")));
        robot.interact(window::showEditPanels);
        Eventually.await("the panel offers to record", () -> onFx(() -> {
            Button b = robot.lookup("#recordCalls").queryButton();
            return b.isVisible() && !b.isDisabled() && b.getText().equals("Record the kernel's calls");
        }));
        robot.interact(() -> robot.lookup("#recordCalls").queryButton().fire());
        RecorderFiles files = RecorderFiles.configured();
        String recorder = files.recorderOf(kernel.hierarchy()).toString();
        Eventually.awaitEquals("release_agent", recorder + "\n", () -> read("/", "release_agent"));

        for (int i = 0; i < RELEASES; i++) {
            kernel.rmdir(String.format("/p%04d/c", i));
        }
        Duration burst = Duration.ofSeconds(120);
        Eventually.await("every call logged", burst, () -> logged(files) >= RELEASES);
        assertEquals(RELEASES, logged(files));
        // every call waited its few seconds for a prediction, and every prediction for a call
        Eventually.await(() -> "the counts settled: " + counts(robot), burst, () -> {
            robot.interact(timer::fireAll);
            Matcher m = COUNTS.matcher(counts(robot));
            return m.matches() && number(m, 2) + number(m, 4) == RELEASES;
        });
        Matcher m = COUNTS.matcher(counts(robot));
        assertTrue(m.matches(), counts(robot));
        assertEquals(RELEASES, number(m, 1), "the calls the window counts are the calls the recorder logged");
        long predicted = onFx(() -> window.logModel().shown().stream().filter(e -> e.event().equals("released")).count());
        assertEquals(predicted, number(m, 2) + number(m, 3), "each prediction confirmed or flagged");
        List<LogEntry> flagged = onFx(() -> new ArrayList<>(window.logModel().shown().stream()
                .filter(e -> e.event().startsWith("unconfirmed") || e.event().startsWith("unpredicted")).toList()));
        assertEquals(number(m, 3) + number(m, 4), flagged.size(), "each flag is a line of the log");
        System.out.println("burst of " + RELEASES + " releases: " + counts(robot) + "; " + predicted + " released predicted");

        robot.interact(() -> robot.lookup("#recordCalls").queryButton().fire());
        Eventually.awaitEquals("release_agent put back", previous.script() + "\n", () -> read("/", "release_agent"));
    }

    private String read(String path, String file) {
        try {
            return kernel.read(path, file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int logged(RecorderFiles files) {
        try {
            return AgentLog.parse(Files.readAllBytes(files.log())).calls().size();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String counts(FxRobot robot) {
        return onFx(() -> robot.lookup("#status-predictions").queryAs(Label.class).getText());
    }

    private static long number(Matcher m, int group) {
        return Long.parseLong(m.group(group).replace(",", ""));
    }
}
