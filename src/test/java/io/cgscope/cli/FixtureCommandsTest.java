package io.cgscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cgscope.testkit.Eventually;
import io.cgscope.ui.FixtureTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dump} and {@code watch} accept what the window accepts: a fixture tree named with
 * {@code --fixture} is read like a cgroup hierarchy, and never taken for one without it.
 */
class FixtureCommandsTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void dumpReadsAFixtureTree(@TempDir Path tmp) throws Exception {
        FixtureTree fx = new FixtureTree(Files.createDirectory(tmp.resolve("tree")), "demo");
        fx.cgroup("/jobs", true).cgroup("/jobs/done", true).cgroup("/jobs/busy", true, 4242);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Cli.run(new String[]{"dump", "--json", "--fixture", fx.dir().toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(Cli.EXIT_OK, code, err.toString(StandardCharsets.UTF_8));
        JsonNode hierarchy = json.readTree(out.toByteArray()).get("hierarchies").get(0);
        assertEquals(fx.dir().toString(), hierarchy.get("mountPoint").asText());
        List<String> releasable = new ArrayList<>();
        hierarchy.get("cgroups").forEach(c -> {
            if (c.get("releasable").asBoolean()) {
                releasable.add(c.get("path").asText());
            }
        });
        // /jobs has children and /jobs/busy a task: only the empty leaf with notify_on_release 1
        assertEquals(List.of("/jobs/done"), releasable);
    }

    @Test
    void watchReadsAFixtureTreeAndSaysItIsReady(@TempDir Path tmp) throws Exception {
        FixtureTree fx = new FixtureTree(Files.createDirectory(tmp.resolve("tree")), "demo");
        fx.cgroup("/a", false);
        WatchCommandTest.Lines out = new WatchCommandTest.Lines();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PipedOutputStream stdin = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(stdin);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            try {
                return WatchCommand.run(List.of("--json", "--fixture", fx.dir().toString(), "--until-eof"),
                        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err), in, false);
            } catch (UsageException e) {
                throw new AssertionError(e);
            }
        });
        try {
            Eventually.await("the ready line", () -> !out.lines.isEmpty());
            JsonNode hierarchy = json.readTree(out.lines.get(0)).get("hierarchies").get(0);
            assertEquals(fx.dir().toString(), hierarchy.get("mountPoint").asText());
            assertEquals(2, hierarchy.get("cgroups").asInt(), out.lines.get(0));
        } finally {
            stdin.close();
        }
        assertEquals(0, exit.get(15, TimeUnit.SECONDS), err.toString());
        assertTrue(err.toString().isEmpty(), err.toString());
    }
}
