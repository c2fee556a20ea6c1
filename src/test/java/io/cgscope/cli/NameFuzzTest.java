package io.cgscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cgscope.kernel.CgroupReader;
import io.cgscope.model.EscapedText;
import io.cgscope.model.NameBytes;
import io.cgscope.model.Snapshot;
import io.cgscope.testkit.ByteNames;
import io.cgscope.testkit.PrivateHierarchy;
import io.cgscope.testkit.Processes;
import io.cgscope.ui.tree.CgroupTreeModel;
import io.cgscope.ui.tree.ManualTimer;
import io.cgscope.ui.tree.Row;
import javafx.scene.control.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Cgroups with random names (any bytes but '/' and NUL, 1 to 255 of them) and processes in a
 * private hierarchy: {@code dump --json}, run as its own JVM under a C and a UTF-8 locale, lists
 * every one with its processes, each path read back to its exact bytes by the documented escaping;
 * {@code dump} as text prints no control character; the window's tree model, fed the same
 * snapshot, holds the same cgroups.
 */
class NameFuzzTest {
    private static final int CGROUPS = 60;
    private static final int PROCESSES = 6;
    private static final int MAX_DEPTH = 3;

    private PrivateHierarchy h;
    private final Processes processes = new Processes();

    @AfterEach
    void cleanUp() {
        processes.close();
        if (h != null) {
            h.close();
        }
    }

    @Test
    void everyNameTheKernelAllowsIsListedAndReadBackToItsBytesUnderEveryLocale() throws Exception {
        assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        String context = "seed " + seed;
        Random random = new Random(seed);
        h = PrivateHierarchy.mount();

        // expected: hex of each path's bytes -> its pids
        Map<String, Set<Long>> expected = new TreeMap<>();
        expected.put(hex("/".getBytes(StandardCharsets.US_ASCII)), new TreeSet<>());
        List<List<byte[]>> made = new ArrayList<>();
        made.add(List.of());
        Map<String, Set<String>> siblings = new HashMap<>();
        while (made.size() <= CGROUPS) {
            List<byte[]> parent = made.get(random.nextInt(made.size()));
            if (parent.size() == MAX_DEPTH) {
                continue;
            }
            byte[] name = RandomNames.next(random);
            if (!siblings.computeIfAbsent(hex(pathBytes(parent)), k -> new java.util.HashSet<>()).add(hex(name))) {
                continue; // taken
            }
            List<byte[]> path = new ArrayList<>(parent);
            path.add(name);
            ByteNames.mkdir(h.dir(), path);
            made.add(path);
            expected.put(hex(pathBytes(path)), new TreeSet<>());
        }
        Set<Long> unplaced = new TreeSet<>();
        for (int i = 0; i < PROCESSES; i++) {
            List<byte[]> into = made.get(1 + random.nextInt(made.size() - 1));
            long pid = processes.sleeper().pid();
            ByteNames.moveInto(h.dir(), into, pid);
            expected.get(hex(pathBytes(into))).add(pid);
            unplaced.add(pid);
        }

        Snapshot snapshot = new CgroupReader(h.hierarchy()).read();
        CgroupTreeModel model = new CgroupTreeModel(new ManualTimer());
        model.load("local", List.of(snapshot));
        Set<String> inModel = new TreeSet<>();
        collect(model.shownRootProperty().get(), inModel);
        Map<String, Set<Long>> modelPaths = new TreeMap<>();
        inModel.forEach(p -> modelPaths.put(p, expected.get(p)));
        assertSame(expected, modelPaths, "the window's tree model, " + context);

        for (String locale : List.of("C", "C.UTF-8")) {
            Map<String, Set<Long>> listed = listedByDumpJson(locale, unplaced, context);
            assertSame(expected, listed, "dump --json under LC_ALL=" + locale + ", " + context);
            assertPrintsNoControlCharacter(locale, context);
        }

    }

    /** Each listed path's bytes (hex) and its processes, as the child JVM's dump says. */
    private Map<String, Set<Long>> listedByDumpJson(String locale, Set<Long> ours, String context) throws Exception {
        byte[] out = dump(locale, "--json");
        JsonNode doc = new ObjectMapper().readTree(out);
        assertTrue(doc.get("nameEscaping").asText().contains("\\xNN"), "the document says how names are escaped");
        Map<String, Set<Long>> listed = new TreeMap<>();
        for (JsonNode c : doc.get("hierarchies").get(0).get("cgroups")) {
            byte[] bytes = NameBytes.encode(EscapedText.unescape(c.get("path").asText()));
            Set<Long> pids = new TreeSet<>();
            c.get("procs").forEach(p -> {
                if (ours.contains(p.asLong())) {
                    pids.add(p.asLong());
                }
            });
            Set<Long> before = listed.put(hex(bytes), pids);
            assertEquals(null, before, "listed twice: " + c.get("path") + ", " + context);
        }
        return listed;
    }

    private void assertPrintsNoControlCharacter(String locale, String context) throws Exception {
        byte[] text = dump(locale);
        for (byte b : text) {
            assertTrue(b == '\n' || (b & 0xff) >= 0x20 && b != 0x7f,
                    "dump printed control byte 0x" + Integer.toHexString(b & 0xff) + " under " + locale + ", " + context);
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(text));
        } catch (CharacterCodingException e) {
            throw new AssertionError("dump printed bytes that are not UTF-8 under " + locale + ", " + context, e);
        }
    }

    /** {@code cgscope dump ARGS --root DIR} in a JVM of its own, with only PATH and LC_ALL set. */
    private byte[] dump(String locale, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path")));
        String jnaPath = System.getProperty("jna.boot.library.path");
        if (jnaPath != null) {
            command.add("-Djna.boot.library.path=" + jnaPath);
        }
        command.addAll(List.of("io.cgscope.Launcher", "dump"));
        command.addAll(List.of(args));
        command.addAll(List.of("--root", h.dir().toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("LC_ALL", locale);
        Process p = pb.start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errReader = new Thread(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        errReader.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "dump under " + locale + " did not end");
        errReader.join();
        assertEquals(0, p.exitValue(), "dump under LC_ALL=" + locale + ": " + err.toString(StandardCharsets.UTF_8));
        return out;
    }

    /** Equal maps, or a failure that names what differs (a path by its escaped form). */
    private static void assertSame(Map<String, Set<Long>> expected, Map<String, Set<Long>> actual, String what) {
        if (expected.equals(actual)) {
            return;
        }
        StringBuilder diff = new StringBuilder(what);
        expected.forEach((path, pids) -> {
            if (!actual.containsKey(path)) {
                diff.append("\n  missing ").append(shown(path));
            } else if (!java.util.Objects.equals(pids, actual.get(path))) {
                diff.append("\n  ").append(shown(path)).append(" has ").append(actual.get(path)).append(", expected ")
                        .append(pids);
            }
        });
        actual.keySet().stream().filter(p -> !expected.containsKey(p))
                .forEach(p -> diff.append("\n  extra ").append(shown(p)));
        throw new AssertionError(diff.toString());
    }

    private static String shown(String hexPath) {
        return EscapedText.of(NameBytes.decode(HexFormat.of().parseHex(hexPath))) + " (" + hexPath + ")";
    }

    private static void collect(TreeItem<Row> item, Set<String> into) {
        if (item.getValue() != null) {
            into.add(hex(NameBytes.encode(item.getValue().path())));
        }
        item.getChildren().forEach(c -> collect(c, into));
    }

    private static byte[] pathBytes(List<byte[]> names) {
        if (names.isEmpty()) {
            return new byte[] {'/'};
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] n : names) {
            out.write('/');
            out.writeBytes(n);
        }
        return out.toByteArray();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
