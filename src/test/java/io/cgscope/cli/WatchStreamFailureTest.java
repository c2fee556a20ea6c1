package io.cgscope.cli;

import io.cgscope.kernel.Target;
import io.cgscope.live.FaultyEngines;
import io.cgscope.live.LiveEngine;
import io.cgscope.testkit.PrivateHierarchy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A defect in the live engine reaches {@code watch}'s stderr, and ends it with exit 1 instead of a silent stream. */
class WatchStreamFailureTest {
    @BeforeAll
    static void needsRoot() {
        Assumptions.assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
    }

    @Test
    void anEngineWhoseTickThrowsIsToldOnStderrAndWatchEndsWithExitOne() throws Exception {
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            LiveEngine engine = FaultyEngines.whoseTickThrows(List.of(new Target(h.hierarchy(), "/")),
                    Duration.ofMillis(50), "a defect in the tick");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            WatchStream stream = new WatchStream(engine, EventLines.of(false, out),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = CompletableFuture.supplyAsync(() -> stream.run(null, false)).get(30, TimeUnit.SECONDS);

            assertEquals(1, exit);
            List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals(List.of(
                    "cgscope watch: an error in the live updates, so every cgroup is read again: "
                            + "java.lang.IllegalStateException: a defect in the tick",
                    "cgscope watch: live updates stopped on an error: java.lang.IllegalStateException: a defect in the tick"),
                    lines);
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("  ready  "), "the ready line came first");
        }
    }
}
