package io.cgscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.ReleaseRules;
import io.cgscope.sim.SimHost;
import io.cgscope.sim.SimKernel;
import io.cgscope.testkit.Eventually;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dump} and {@code watch} read the simulated kernel of {@code --sim} as they read cgroupfs. */
class SimCommandsTest {
    private final ObjectMapper json = new ObjectMapper();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void dumpReadsTheSimulatedV1AndV2Hierarchies() throws Exception {
        assertEquals(Cli.EXIT_OK, run("dump", "--json", "--sim", "2007"), err.toString(StandardCharsets.UTF_8));
        List<String> shown = new ArrayList<>();
        json.readTree(out.toByteArray()).get("hierarchies").forEach(h ->
                shown.add(h.get("mountPoint").asText() + " v" + h.get("version").asInt()));
        assertEquals(List.of("/sim/v1 v1", "/sim/unified v2"), shown);
    }

    @Test
    void rulesThatAreNoneAndAMixWithDirectoriesAreRefusedInOneLine() {
        assertEquals(Cli.EXIT_USAGE, run("dump", "--sim", "1999"));
        assertEquals("cgscope dump: --sim takes today or 2007 (the release rules), not 1999\n",
                err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(Cli.EXIT_USAGE, run("watch", "--sim", "today", "--root", "/sys/fs/cgroup/unified"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("does not mix with --root"), err.toString());
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing read, nothing printed");
    }

    @Test
    void watchSaysItIsReadyAndHowTheSimulatorIsFollowed() throws Exception {
        WatchCommandTest.Lines lines = new WatchCommandTest.Lines();
        PipedOutputStream stdin = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(stdin);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            try {
                return WatchCommand.run(List.of("--json", "--sim", "today", "--until-eof"),
                        new PrintStream(lines, true, StandardCharsets.UTF_8), new PrintStream(err), in, false);
            } catch (UsageException e) {
                throw new AssertionError(e);
            }
        });
        try {
            Eventually.await("the ready line", () -> !lines.lines.isEmpty());
            JsonNode v1 = json.readTree(lines.lines.get(0)).get("hierarchies").get(0);
            assertEquals("simulated", v1.get("mode").asText(), lines.lines.get(0));
            assertTrue(v1.get("modeReason").asText().contains("today's rules"), lines.lines.get(0));
        } finally {
            stdin.close();
        }
        assertEquals(0, exit.get(15, TimeUnit.SECONDS), err.toString());
        assertEquals("", err.toString(), err.toString());
    }

    @Test
    void watchFollowsASimulatedReleaseAndHasNoModeChangeToWarnOf() throws Exception {
        SimKernel kernel = new SimKernel(ReleaseRules.TODAY, false);
        kernel.setTiming(SimKernel.Timing.AT_ONCE);
        Hierarchy h = kernel.v1();
        kernel.mkdir(h, "/a");
        kernel.write(h, "/a", "notify_on_release", "1");
        int pid = kernel.spawn("web", h, "/a", 1);
        WatchCommandTest.Lines lines = new WatchCommandTest.Lines();
        PipedOutputStream stdin = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(stdin);
        try (SimHost host = new SimHost(kernel, Clock.systemUTC())) {
            WatchStream stream = new WatchStream(host.live(),
                    EventLines.of(true, new PrintStream(lines, true, StandardCharsets.UTF_8)), new PrintStream(err));
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> stream.run(in, false));
            Eventually.await("the ready line", () -> !lines.lines.isEmpty());
            kernel.exit(pid);
            Eventually.await("the release", () -> lines.lines.stream().anyMatch(l -> l.contains("\"released\"")));
            // one listener thread takes the batches in turn: once the next one is printed, the
            // release's batch has been handled whole, a word on stderr included
            kernel.mkdir(h, "/b");
            Eventually.await("the next batch", () -> lines.lines.stream().anyMatch(l -> l.contains("\"/b\"")));
            stdin.close();
            assertEquals(0, exit.get(15, TimeUnit.SECONDS), err.toString());
        }
        assertEquals("", err.toString(), "a simulated hierarchy is followed as it should be: nothing to warn of");
    }
}
