package io.cgscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cgscope.testkit.PrivateHierarchy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A mount anywhere on the machine whose path is not UTF-8 (a USB stick named in Latin-1) does not
 * stop {@code dump}. The mount is made in a mount namespace of the test's own ({@code unshare -m}),
 * so that no other process of the machine ever sees it; it goes with the namespace.
 */
class UnreadableMountNameTest {
    private PrivateHierarchy h;

    @AfterEach
    void unmount() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void dumpListsTheHierarchiesBesideAMountWhosePathIsNotUtf8(@TempDir Path tmp) throws Exception {
        assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
        h = PrivateHierarchy.mount();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // $1: a private tmpfs, in which a directory named "m\377dia" (byte 0xff: never UTF-8) gets a mount
        String script = "set -e; mount -t tmpfs cgscope-test \"$1\"; d=\"$1/$(printf 'm\\377dia')\"; mkdir \"$d\";"
                + " mount -t tmpfs cgscope-test \"$d\"; grep -acF \"$(printf 'm\\377dia')\" /proc/self/mountinfo >&2;"
                + " exec \"$2\" -cp \"$3\" io.cgscope.Launcher dump --json";
        Process p = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh",
                tmp.toString(), java, System.getProperty("java.class.path")).start();
        p.getOutputStream().close();
        byte[] stdout = p.getInputStream().readAllBytes();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));

        assertEquals("1", stderr.lines().findFirst().orElse(""), "the kernel lists the mount: " + stderr);
        assertEquals(0, p.exitValue(), stderr);
        List<String> names = new ArrayList<>();
        for (JsonNode hier : new ObjectMapper().readTree(stdout).get("hierarchies")) {
            names.add(hier.get("name").asText());
        }
        assertTrue(names.contains(h.name()), names.toString());
    }
}
