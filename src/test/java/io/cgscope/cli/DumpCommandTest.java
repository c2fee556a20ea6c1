package io.cgscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cgscope.testkit.PrivateHierarchy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DumpCommandTest {
    private PrivateHierarchy h;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void unmount() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void jsonFollowsTheDocumentedSchema() throws IOException {
        mountDemo();
        Process p = h.startIn("/app/web");

        assertEquals(0, run("dump", "--json", "--root", h.dir().toString()), err.toString());

        JsonNode doc = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        JsonNode hier = doc.get("hierarchies").get(0);
        assertEquals(h.dir().toString(), hier.get("mountPoint").asText());
        assertEquals(1, hier.get("version").asInt());
        assertTrue(hier.get("controllers").isArray() && hier.get("controllers").isEmpty());
        assertEquals(h.name(), hier.get("name").asText());
        assertTrue(hier.get("releaseAgent").isNull(), "no agent set");
        List<String> paths = new ArrayList<>();
        hier.get("cgroups").forEach(c -> paths.add(c.get("path").asText()));
        assertEquals(List.of("/", "/app", "/app/idle", "/app/web"), paths);

        JsonNode web = hier.get("cgroups").get(3);
        assertEquals((int) p.pid(), web.get("procs").get(0).asInt());
        assertTrue(web.get("threads").isArray());
        assertTrue(web.get("populated").asBoolean());
        assertTrue(web.get("frozen").isNull(), "v1 has no frozen");
        assertFalse(web.get("releasable").asBoolean());
        assertEquals("1 task", web.get("reason").asText());
        JsonNode idle = hier.get("cgroups").get(2);
        assertTrue(idle.get("notifyOnRelease").asBoolean());
        assertFalse(idle.get("cloneChildren").asBoolean());
        assertTrue(idle.get("releasable").asBoolean());
        JsonNode app = hier.get("cgroups").get(1);
        assertEquals(List.of("/app/idle", "/app/web"), List.of(app.get("children").get(0).asText(),
                app.get("children").get(1).asText()));
    }

    @Test
    void jsonCarriesTheReleaseAgentOfTheHierarchyAlsoForASubtree() throws IOException {
        mountDemo();
        h.write("/", "release_agent", "/usr/local/sbin/cleanup");

        assertEquals(0, run("dump", "--json", "--root", h.pathOf("/app").toString()), err.toString());

        JsonNode hier = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("hierarchies").get(0);
        assertEquals("/usr/local/sbin/cleanup", hier.get("releaseAgent").asText());
        assertEquals("/app", hier.get("cgroups").get(0).get("path").asText());
    }

    @Test
    void textIsOneTreePerHierarchyWithFlagsAndTaskCounts() throws IOException {
        mountDemo();
        h.startIn("/app/web");

        assertEquals(0, run("dump", "--root", h.dir().toString()), err.toString());

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(0).startsWith("name=" + h.name() + " (v1) " + h.dir()), lines.get(0));
        assertTrue(lines.get(1).startsWith("/  "), lines.get(1));
        assertEquals("└─app  0 tasks  notify_on_release", lines.get(2));
        assertEquals("  ├─idle  0 tasks  notify_on_release  RELEASABLE", lines.get(3));
        assertEquals("  └─web  1 task  notify_on_release", lines.get(4));
    }

    @Test
    void withoutRootEveryHierarchyOfTheMachineIsDumped() throws IOException {
        assertEquals(0, run("dump", "--json"), err.toString());

        JsonNode doc = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(io.cgscope.kernel.Hierarchies.discover().size(), doc.get("hierarchies").size());
    }

    @Test
    void aPathThatIsNotACgroupfsIsRefusedWithExitCode2(@TempDir Path tmp) {
        assertEquals(2, run("dump", "--root", tmp.toString()));

        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("is not a cgroup filesystem"), message);
        assertEquals(1, message.lines().count(), "one line: " + message);
        assertEquals("", out.toString());
    }

    @Test
    void aCgroupfsMissingFromTheMountTableIsRefusedClearly(@TempDir Path tmp) throws IOException {
        mountDemo();
        Path emptyMountinfo = java.nio.file.Files.writeString(tmp.resolve("mountinfo"), "");

        // the package's entry point takes the test's mount table: no option does
        UsageException refused = assertThrows(UsageException.class, () -> DumpCommand.run(
                List.of("--root", h.dir().toString()), new PrintStream(out), new PrintStream(err), emptyMountinfo));

        assertTrue(refused.getMessage().contains("no mount of it is listed"), refused.getMessage());
    }

    @Test
    void badArgumentsGiveExitCode2AndOneLine() {
        assertEquals(2, run("dump", "--frobnicate"));
        assertEquals(2, run("dump", "--root"));
        assertEquals(2, run("dump", "--root", "/no/such/dir"));
        assertEquals(3, err.toString(StandardCharsets.UTF_8).lines().count(), err.toString());
    }

    private void mountDemo() throws IOException {
        assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
        h = PrivateHierarchy.mount();
        h.mkdir("/app");
        h.write("/app", "notify_on_release", "1");
        h.mkdir("/app/web");
        h.mkdir("/app/idle");
    }

    private int run(String... args) {
        return Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
