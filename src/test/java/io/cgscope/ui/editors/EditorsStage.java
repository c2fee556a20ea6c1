package io.cgscope.ui.editors;

import io.cgscope.host.Access;
import io.cgscope.host.CgroupHost;
import io.cgscope.kernel.CgroupWriter;
import io.cgscope.kernel.ProcReader;
import io.cgscope.local.LocalHost;
import io.cgscope.local.OneReadSource;
import io.cgscope.model.Cgroup;
import io.cgscope.model.CgroupFiles;
import io.cgscope.model.Hierarchy;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.PrivateHierarchy;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The robot tests' stage: an {@link EditorsPane} over a private v1 hierarchy of the test's own,
 * seen through this machine's host ({@link LocalHost}), a scripted confirmer, and what the pane
 * reported as written. The pane's reads and writes run on a background thread of the stage's;
 * {@link #settle()} waits for their answers. {@link #close()} unmounts.
 */
final class EditorsStage implements AutoCloseable {
    static final Access READ_WRITE = Access.readWrite();
    static final Access USER_1000 = Access.readOnly("Read-only: cgscope runs as user 1000, not root.");

    final PrivateHierarchy h;
    final Hierarchy hierarchy;
    final ScriptedConfirmer confirmer = new ScriptedConfirmer();
    final List<String> written = new CopyOnWriteArrayList<>();
    final BackgroundWork background = new BackgroundWork();
    private final Stage stage;
    private EditorsPane pane;
    private CgroupHost host;

    private EditorsStage(Stage stage, PrivateHierarchy h) throws IOException {
        this.stage = stage;
        this.h = h;
        this.hierarchy = h == null ? null : h.hierarchy();
    }

    /** A stage with no hierarchy of its own: the test shows cgroups of hosts it opened itself. */
    static EditorsStage unmounted(Stage stage) throws IOException {
        return new EditorsStage(stage, null);
    }

    /** Mounts a private hierarchy; skips the test where the kernel or the user cannot. */
    static EditorsStage mount(Stage stage) throws IOException {
        assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
        return new EditorsStage(stage, PrivateHierarchy.mount());
    }

    /**
     * A new pane on the stage, over this machine's host as {@code access} allows it.
     *
     * @param initCgroup PID 1's cgroup file as the test wants it read
     * @param writers    the writer of each hierarchy (tests hand in writers that pause)
     */
    EditorsPane open(FxRobot robot, Access access, Path initCgroup, Function<Hierarchy, CgroupWriter> writers) {
        host = LocalHost.kernel(new OneReadSource(List.of()), access, ProcReader.system(), writers, initCgroup);
        return open(robot);
    }

    /** A new pane on the stage; the cgroups it shows come with their own host. */
    EditorsPane open(FxRobot robot) {
        robot.interact(() -> {
            pane = new EditorsPane(confirmer, w -> written.add(w.said()), Platform::runLater, background);
            stage.setScene(new Scene(pane, 760, 900));
            stage.show();
        });
        return pane;
    }

    CgroupHost host() {
        return host;
    }

    /** PID 1's cgroup file as it reads when PID 1 sits at the root of every hierarchy. */
    Path initAtRoot(Path dir) throws IOException {
        return Files.writeString(dir.resolve("init-cgroup"), "1:name=" + h.name() + ":/\n0::/\n");
    }

    /** PID 1's cgroup file as a service manager leaves it: below the root, so each write asks first. */
    Path initOwned(Path dir) throws IOException {
        return Files.writeString(dir.resolve("init-owned"), "1:name=" + h.name() + ":/init.scope\n");
    }

    /** Shows the cgroup at {@code path} of {@code of} as the stage's host has it now. */
    void show(FxRobot robot, Hierarchy of, String path) {
        show(robot, host, of, path);
    }

    /** Shows the cgroup at {@code path} of {@code of} as {@code on} has it now, and waits for the pane's reads. */
    void show(FxRobot robot, CgroupHost on, Hierarchy of, String path) {
        CgroupFiles f = on.readCgroup(of, path).orElseThrow();
        robot.interact(() -> pane.show(on, of, Cgroup.of(of.version(), f, f.hasOwnTasks())));
        settle();
    }

    /**
     * Shows the cgroup at {@code path} of {@code of} as {@code on} has it now, from any thread, as
     * the window does when the selection moves: on the FX thread, and returns once it is shown.
     */
    void showFromAnyThread(CgroupHost on, Hierarchy of, String path) {
        CgroupFiles f = on.readCgroup(of, path).orElseThrow();
        Runnable show = () -> pane.show(on, of, Cgroup.of(of.version(), f, f.hasOwnTasks()));
        if (Platform.isFxApplicationThread()) {
            show.run();
            return;
        }
        CompletableFuture<Void> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            show.run();
            shown.complete(null);
        });
        try {
            shown.get(Eventually.DEFAULT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the FX thread did not show " + path, e);
        }
    }

    /** Clicks {@code query} and waits until what the click started has answered. */
    void click(FxRobot robot, String query) {
        robot.clickOn(query);
        settle();
    }

    /** Waits until the pane's reads and writes have answered on the FX thread. */
    void settle() {
        background.settle();
    }

    TextField field(String id) {
        return (TextField) stage.getScene().lookup(id);
    }

    javafx.scene.Node lookup(String id) {
        return stage.getScene().lookup(id);
    }

    static Path script(Path dir, String name, String mode) throws IOException {
        Path f = Files.writeString(dir.resolve(name), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Override
    public void close() {
        background.close();
        if (h != null) {
            h.close();
        }
    }
}
