package io.cgscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cgscope.model.Change;
import io.cgscope.model.ChangeBatch;
import io.cgscope.model.ChangeKind;
import io.cgscope.model.Hierarchy;
import io.cgscope.testkit.PrivateHierarchy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A cgroup name is never the terminal's to interpret: dump and watch print its controls escaped. */
class EscapedOutputTest {
    private static final String RED = "esc\u001b[31mRED";
    private PrivateHierarchy h;

    @AfterEach
    void unmount() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void dumpPrintsAnEscapeSequenceInANameAsText() throws IOException {
        assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
        h = PrivateHierarchy.mount();
        h.mkdir("/" + RED);
        h.mkdir("/system-getty.slice\\x2dtty1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertEquals(0, Cli.run(new String[] {"dump", "--root", h.dir().toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)),
                err.toString());

        String text = out.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("\u001b"), text);
        assertTrue(text.contains("esc\\x1b[31mRED"), text);
        assertTrue(text.contains("system-getty.slice\\x2dtty1"), "systemd's own escape is shown as it is: " + text);
    }

    @Test
    void watchLinesEscapeTheNameInTextAndInJson() throws IOException {
        Hierarchy demo = new Hierarchy("0:1", io.cgscope.model.CgroupVersion.V1, List.of(), "demo",
                java.nio.file.Path.of("/mnt/demo"), "/", List.of(), null, false, false);
        ChangeBatch batch = new ChangeBatch(List.of(
                new Change(Instant.now(), ChangeKind.ADDED, demo, "/" + RED, Set.of(), null, null)));

        ByteArrayOutputStream text = new ByteArrayOutputStream();
        EventLines.of(false, text).batch(batch);
        String line = text.toString(StandardCharsets.UTF_8);
        assertFalse(line.contains("\u001b"), line);
        assertTrue(line.contains("/esc\\x1b[31mRED  added"), line);

        ByteArrayOutputStream json = new ByteArrayOutputStream();
        EventLines.of(true, json).batch(batch);
        assertEquals("/esc\\x1b[31mRED", new ObjectMapper().readTree(json.toByteArray()).get("path").asText());
    }
}
