package io.cgscope.ui.editors;

import io.cgscope.kernel.CgroupReader;
import io.cgscope.kernel.CgroupWriter;
import io.cgscope.kernel.Privileges;
import io.cgscope.model.Cgroup;
import io.cgscope.model.CgroupFiles;
import io.cgscope.model.Hierarchy;
import io.cgscope.testkit.PrivateHierarchy;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The robot tests' stage: an {@link EditorsPane} over a private v1 hierarchy of the test's own,
 * a scripted confirmer, and what the pane reported as written. {@link #close()} unmounts.
 */
final class EditorsStage implements AutoCloseable {
    static final Privileges ROOT = new Privileges(0, true, true);

    final PrivateHierarchy h;
    final Hierarchy hierarchy;
    final ScriptedConfirmer confirmer = new ScriptedConfirmer();
    final List<String> written = new CopyOnWriteArrayList<>();
    private final Stage stage;
    private EditorsPane pane;

    private EditorsStage(Stage stage, PrivateHierarchy h) throws IOException {
        this.stage = stage;
        this.h = h;
        this.hierarchy = h.hierarchy();
    }

    /** Mounts a private hierarchy; skips the test where the kernel or the user cannot. */
    static EditorsStage mount(Stage stage) throws IOException {
        assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
        return new EditorsStage(stage, PrivateHierarchy.mount());
    }

    /** A new pane on the stage; {@code initCgroup} is PID 1's cgroup file as the test wants it read. */
    EditorsPane open(FxRobot robot, Privileges privileges, Path initCgroup, Function<Hierarchy, CgroupWriter> writers) {
        robot.interact(() -> {
            pane = new EditorsPane(privileges, confirmer, written::add, initCgroup, writers);
            stage.setScene(new Scene(pane, 760, 900));
            stage.show();
        });
        return pane;
    }

    /** PID 1's cgroup file as it reads when PID 1 sits at the root of every hierarchy. */
    Path initAtRoot(Path dir) throws IOException {
        return Files.writeString(dir.resolve("init-cgroup"), "1:name=" + h.name() + ":/\n0::/\n");
    }

    /** PID 1's cgroup file as a service manager leaves it: below the root, so each write asks first. */
    Path initOwned(Path dir) throws IOException {
        return Files.writeString(dir.resolve("init-owned"), "1:name=" + h.name() + ":/init.scope\n");
    }

    /** Shows the cgroup at {@code path} of {@code of} as the kernel has it now. */
    void show(FxRobot robot, Hierarchy of, String path) {
        CgroupFiles f = new CgroupReader(of).readFiles(path).orElseThrow();
        robot.interact(() -> pane.show(of, Cgroup.of(of.version(), f, f.hasOwnTasks())));
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
        h.close();
    }
}
