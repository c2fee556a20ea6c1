package io.cgscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cgscope.testkit.PrivateHierarchy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A {@code --root} reached through a bind mount of a subtree: {@code /child} of a private
 * hierarchy bound at a directory of the test's own. Paths count from the hierarchy's root, as the
 * kernel hands them to the release agent, not from the bind mount's.
 */
class BindMountRootTest {
    @TempDir
    Path tmp;
    private PrivateHierarchy h;
    private Path bound;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void bindASubtree() throws IOException, InterruptedException {
        assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
        h = PrivateHierarchy.mount();
        h.mkdir("/child/inner/leaf");
        h.mkdir("/inner-elsewhere");
        Path b = Files.createDirectory(tmp.resolve("bound"));
        run("mount", "--bind", h.pathOf("/child").toString(), b.toString());
        bound = b;
    }

    @AfterEach
    void unbindThenUnmount() throws IOException, InterruptedException {
        try {
            if (bound != null) {
                // first: a bind mount keeps the hierarchy alive and its directory busy
                run("umount", bound.toString());
            }
        } finally {
            if (h != null) {
                h.close();
            }
        }
    }

    @Test
    void aCgroupBelowTheBindMountKeepsItsPathFromTheHierarchyRoot() throws IOException {
        assertEquals(0, dump("--json", "--root", bound.resolve("inner").toString()), err.toString());

        JsonNode hier = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("hierarchies").get(0);
        assertEquals(h.name(), hier.get("name").asText());
        assertEquals("/child/inner", hier.get("rootPath").asText());
        assertEquals(List.of("/child/inner", "/child/inner/leaf"), paths(hier));
        assertEquals("", err.toString(StandardCharsets.UTF_8), "nothing vanished");
    }

    @Test
    void theBindMountItselfIsTheSubtreeItShows() throws IOException {
        assertEquals(0, dump("--json", "--root", bound.toString()), err.toString());

        JsonNode hier = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("hierarchies").get(0);
        assertEquals(List.of("/child", "/child/inner", "/child/inner/leaf"), paths(hier));
    }

    @Test
    void oneCgroupThroughTwoMountsIsOneCgroup() {
        assertEquals(2, dump("--root", h.pathOf("/child/inner").toString(), "--root", bound.resolve("inner").toString()));

        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains("are the same cgroup, /child/inner of name=" + h.name()), message);
    }

    private static List<String> paths(JsonNode hierarchy) {
        List<String> paths = new ArrayList<>();
        hierarchy.get("cgroups").forEach(c -> paths.add(c.get("path").asText()));
        return paths;
    }

    private int dump(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "dump";
        System.arraycopy(args, 0, all, 1, args.length);
        return Cli.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + output);
    }
}
