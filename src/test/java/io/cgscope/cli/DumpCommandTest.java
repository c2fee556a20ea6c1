package io.cgscope.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cgscope.testkit.CgroupMounts;
import io.cgscope.testkit.PrivateHierarchy;
import io.cgscope.testkit.V2Sandbox;
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
import java.util.Map;
import java.util.TreeMap;

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

        JsonNode doc = parse();
        assertKeysAsReadme(doc);
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
    void jsonOfAV2SubtreeHasTheKeysOfReadmeAndItsV2Values() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create a v2 cgroup; skipped");
        assumeTrue(V2Sandbox.machineV2().isPresent(), "no cgroup2 mount on this machine; skipped");
        try (V2Sandbox box = V2Sandbox.create()) {
            String busy = box.path() + "/busy";
            box.mkdir(busy);
            Process p = box.startIn(busy);

            assertEquals(0, run("dump", "--json", "--root", box.pathOf(box.path()).toString()), err.toString());

            JsonNode doc = parse();
            assertKeysAsReadme(doc);
            JsonNode hier = doc.get("hierarchies").get(0);
            assertEquals(2, hier.get("version").asInt());
            assertTrue(hier.get("releaseAgent").isNull(), "v2 has no release agent");
            JsonNode cgroup = hier.get("cgroups").get(1);
            assertEquals(busy, cgroup.get("path").asText());
            assertEquals((int) p.pid(), cgroup.get("procs").get(0).asInt());
            assertTrue(cgroup.get("notifyOnRelease").isNull(), "v2 has no notify_on_release");
            assertTrue(cgroup.get("frozen").isBoolean() && !cgroup.get("frozen").asBoolean(), cgroup.toString());
            assertTrue(cgroup.get("populated").asBoolean());
        }
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
        // Other tests mount and unmount private hierarchies meanwhile: a hierarchy listed both
        // before and after the dump must be in it, and nothing that was listed at neither time.
        Map<String, Integer> before = CgroupMounts.listed();
        assertEquals(0, run("dump", "--json"), err.toString());
        Map<String, Integer> after = CgroupMounts.listed();

        JsonNode doc = parse();
        assertKeysAsReadme(doc);
        Map<String, Integer> dumped = new TreeMap<>();
        doc.get("hierarchies").forEach(h -> dumped.put(h.get("device").asText(), h.get("version").asInt()));
        Map<String, Integer> throughout = new TreeMap<>(before);
        throughout.keySet().retainAll(after.keySet());
        Map<String, Integer> ever = new TreeMap<>(before);
        ever.putAll(after);
        assertFalse(throughout.isEmpty(), "this machine mounts cgroup hierarchies: " + before);
        assertTrue(dumped.entrySet().containsAll(throughout.entrySet()), "dumped " + dumped + ", listed " + throughout);
        assertTrue(ever.entrySet().containsAll(dumped.entrySet()), "dumped " + dumped + ", ever listed " + ever);
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

    /**
     * The document, every hierarchy and every cgroup in it have exactly the keys of README's
     * tables; a key given twice fails the parse.
     */
    private static void assertKeysAsReadme(JsonNode doc) {
        ReadmeSchema readme = ReadmeSchema.ofSection("### `dump`");
        readme.assertKeys("document", doc);
        int cgroups = 0;
        for (JsonNode hierarchy : doc.get("hierarchies")) {
            readme.assertKeys("hierarchy", hierarchy);
            for (JsonNode cgroup : hierarchy.get("cgroups")) {
                readme.assertKeys("cgroup", cgroup);
                cgroups++;
            }
        }
        assertTrue(cgroups > 0, "a hierarchy and a cgroup to compare: " + doc);
    }

    private JsonNode parse() throws IOException {
        return new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .readTree(out.toString(StandardCharsets.UTF_8));
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
