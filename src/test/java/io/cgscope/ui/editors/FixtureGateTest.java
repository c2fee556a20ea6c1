package io.cgscope.ui.editors;

import io.cgscope.ui.FixtureTree;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fixture tree is a plain directory: whoever owns it decides where its "interface files" lead.
 * The gate has no writer for it, so even a write the panels asked for reaches no file, here one
 * whose {@code notify_on_release} links to a file of root's.
 */
@ExtendWith(ApplicationExtension.class)
class FixtureGateTest {
    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) {
        // the toolkit runs, for the gate's message line; no window is needed
    }

    @Test
    void aWriteToAFixtureTreeReachesNoFile() throws IOException {
        FixtureTree fx = new FixtureTree(Files.createDirectory(tmp.resolve("tree")), "fixture").cgroup("/a", false);
        Path victim = Files.writeString(tmp.resolve("root-only"), "secret\n");
        Path notify = fx.dir().resolve("a/notify_on_release");
        Files.delete(notify);
        Files.createSymbolicLink(notify, victim);
        Label message = new Label();
        List<String> written = new ArrayList<>();
        EditGate gate = new EditGate((title, question) -> true, written::add, new Feedback(message),
                Files.writeString(tmp.resolve("init-cgroup"), "0::/\n"));

        gate.target(fx.hierarchy());
        Object result = gate.write("set notify_on_release of /a to 1", w -> w.setNotifyOnRelease("/a", true),
                f -> "notify_on_release of /a is now 1");

        assertEquals("secret\n", Files.readString(victim), "the linked file is untouched");
        assertNull(result);
        assertEquals(List.of(), written);
        assertTrue(message.getText().startsWith("Nothing written: " + fx.dir()) && message.getText().contains("fixture tree"),
                message.getText());
        assertNull(gate.writer(), "no writer exists for a fixture tree");
    }
}
