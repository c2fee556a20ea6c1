package io.cgscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cgscope.testkit.MountedPerTest;
import io.cgscope.testkit.OutputLines;
import io.cgscope.testkit.ThisJava;
import io.cgscope.testkit.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process that cannot have the kernel's process events ({@code watch} started in a network
 * namespace of its own, where the proc connector does not exist: it lives in the initial one)
 * still runs, follows task changes by polling, and says so and why in its ready line. (Dropping
 * CAP_NET_ADMIN is no such case on this kernel: since Linux 6.6 any user may listen.)
 */
class WatchWithoutProcessEventsTest {
    @RegisterExtension
    final MountedPerTest mounted = new MountedPerTest();
    private final Processes processes = new Processes();

    @Test
    void withoutTheProcConnectorTasksArePolledAndTheReadyLineSaysWhy() throws Exception {
        mounted.get().mkdir("/w");
        Process p = processes.start(new ProcessBuilder("unshare", "--net", "--",
                ThisJava.command(), "-cp", System.getProperty("java.class.path"), "io.cgscope.Launcher",
                "watch", "--json", "--root", mounted.get().pathOf("/w").toString()));
        try {
            JsonNode ready = new ObjectMapper().readTree(new OutputLines(p).next(Duration.ofSeconds(60)));
            JsonNode h = ready.get("hierarchies").get(0);
            assertEquals("inotify", h.get("mode").asText());
            String why = h.get("modeReason").asText();
            assertTrue(why.contains("task membership of occupied cgroups polled (no process events:"), why);
            assertTrue(why.contains("no proc connector"), why);
        } finally {
            processes.stop(p);
        }
    }
}
