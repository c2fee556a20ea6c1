package io.cgscope.cli;

import io.cgscope.kernel.RecorderFiles;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.jna.Native;
import io.cgscope.Launcher;
import io.cgscope.model.ChangeKind;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.PrivateHierarchy;
import io.cgscope.testkit.ThisJava;
import io.cgscope.testkit.V2Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code watch}: the ready line, the event lines (JSON and text), and how it ends. */
class WatchCommandTest {
    private static final Pattern ISO_MS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    private static final ReadmeSchema README = ReadmeSchema.ofSection("### `watch`");
    private final ObjectMapper json = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** An output stream that splits what is written into lines as they are flushed. */
    static final class Lines extends OutputStream {
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(partial.toString(StandardCharsets.UTF_8));
                partial.reset();
            } else {
                partial.write(b);
            }
        }
    }

    private static void needRoot() {
        assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
    }

    @Test
    void jsonLinesFollowTheDocumentedFormatAndStdinEofEndsIt(@TempDir Path recorderBase) throws Exception {
        needRoot();
        System.setProperty(RecorderFiles.PROPERTY, recorderBase.toString());
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            h.mkdir("/w");
            h.write("/w", "notify_on_release", "1");
            // the recorder, so that the kernel's call of the release agent is a line too
            assertEquals(0, Cli.run(new String[] {"agent", "install", "--root", h.dir().toString()},
                    new PrintStream(OutputStream.nullOutputStream()), System.err));
            Lines out = new Lines();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PipedOutputStream stdin = new PipedOutputStream();
            PipedInputStream in = new PipedInputStream(stdin);
            String root = h.dir().resolve("w").toString();
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
                try {
                    return WatchCommand.run(List.of("--json", "--root", root, "--interval", "100", "--until-eof"),
                            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err), in, false);
                } catch (UsageException e) {
                    throw new AssertionError(e);
                }
            });
            Eventually.await("the ready line", () -> !out.lines.isEmpty());
            JsonNode ready = json.readTree(out.lines.get(0));
            assertEquals("ready", ready.get("event").asText());
            assertKeysAsReadme(ready);
            assertTrue(ISO_MS.matcher(ready.get("time").asText()).matches(), ready.toString());
            JsonNode hier = ready.get("hierarchies").get(0);
            assertEquals(h.dir().toString(), hier.get("mountPoint").asText());
            assertEquals("/w", hier.get("path").asText());
            assertEquals(1, hier.get("cgroups").asInt());
            assertEquals("inotify", hier.get("mode").asText());
            // as root, task exits come from the kernel as they happen, and the line says so
            assertTrue(hier.get("modeReason").asText().contains("tasks followed by the kernel's process events"),
                    hier.toString());

            h.mkdir("/w/a");
            // The task must join after the engine read the empty /w/a (its releasable comes from that).
            Eventually.await("added /w/a", () -> out.lines.stream()
                    .anyMatch(l -> l.contains("\"/w/a\"") && l.contains("\"added\"")));
            Process p = h.startIn("/w/a");
            // A task that joins and leaves between two reads of its cgroup is not seen (nor its
            // release): let the engine see it before it exits.
            Eventually.await("procs of /w/a", () -> out.lines.stream()
                    .anyMatch(l -> l.contains("\"/w/a\"") && l.contains("procs")));
            h.stop(p);
            Eventually.await("released /w/a; got " + out.lines, () -> out.lines.stream()
                    .anyMatch(l -> l.contains("\"released\"") && l.contains("\"/w/a\"")));
            Eventually.await("agent-called /w/a; got " + out.lines, () -> out.lines.stream()
                    .anyMatch(l -> l.contains("\"agent-called\"") && l.contains("\"/w/a\"")));
            h.write("/", "release_agent", "\n");
            h.rmdir("/w/a");
            Eventually.await("removed /w/a; got " + out.lines, () -> out.lines.stream()
                    .anyMatch(l -> l.contains("\"removed\"") && l.contains("\"/w/a\"")));
            stdin.close();
            assertEquals(0, exit.get(15, TimeUnit.SECONDS), err.toString());

            List<String> events = new ArrayList<>();
            Set<String> kinds = new TreeSet<>(Set.of("ready"));
            for (String line : out.lines.subList(1, out.lines.size())) {
                JsonNode n = json.readTree(line);
                String event = assertKeysAsReadme(n);
                kinds.add(event);
                assertTrue(ISO_MS.matcher(n.get("time").asText()).matches(), line);
                assertEquals(h.dir().toString(), n.get("mountPoint").asText());
                List<String> fields = new ArrayList<>();
                if (n.has("fields")) {
                    n.get("fields").forEach(f -> fields.add(f.asText()));
                }
                events.add(n.get("path").asText() + " " + event + (fields.isEmpty() ? "" : " " + fields));
            }
            assertTrue(events.containsAll(List.of("/w changed [children]", "/w unreleasable", "/w/a added",
                    "/w/a releasable", "/w/a emptied", "/w/a released", "/w/a agent-called")), events.toString());
            assertTrue(events.indexOf("/w/a added") < events.indexOf("/w/a released"), events.toString());
            assertEquals(new TreeSet<>(README.eventKeys().keySet()), kinds, "every event README lists was seen");
        } finally {
            System.clearProperty(RecorderFiles.PROPERTY);
        }
    }

    @Test
    void v2EventsHaveTheKeysReadmeLists() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create a v2 cgroup; skipped");
        assumeTrue(V2Sandbox.machineV2().isPresent(), "no cgroup2 mount on this machine; skipped");
        try (V2Sandbox box = V2Sandbox.create()) {
            Lines out = new Lines();
            PipedOutputStream stdin = new PipedOutputStream();
            PipedInputStream in = new PipedInputStream(stdin);
            String root = box.pathOf(box.path()).toString();
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
                try {
                    return WatchCommand.run(List.of("--json", "--root", root, "--interval", "100", "--until-eof"),
                            new PrintStream(out, true, StandardCharsets.UTF_8), System.err, in, false);
                } catch (UsageException e) {
                    throw new AssertionError(e);
                }
            });
            Eventually.await("the ready line", () -> !out.lines.isEmpty());
            String job = box.path() + "/job";
            box.mkdir(job);
            Eventually.await("added " + job, () -> out.lines.stream().anyMatch(l -> l.contains("\"added\"")));
            Process p = box.startIn(job);
            Eventually.await("procs of " + job, () -> out.lines.stream().anyMatch(l -> l.contains("procs")));
            box.stop(p);
            Eventually.await("emptied " + job + "; got " + out.lines,
                    () -> out.lines.stream().anyMatch(l -> l.contains("\"emptied\"")));
            box.rmdir(job);
            Eventually.await("removed " + job, () -> out.lines.stream().anyMatch(l -> l.contains("\"removed\"")));
            stdin.close();
            assertEquals(0, exit.get(15, TimeUnit.SECONDS));

            Set<String> kinds = new TreeSet<>();
            for (String line : out.lines) {
                kinds.add(assertKeysAsReadme(json.readTree(line)));
            }
            assertTrue(kinds.containsAll(Set.of("ready", "added", "changed", "emptied", "removed")), kinds.toString());
        }
    }

    /** The line's event is in README's event table and has exactly the keys listed there; returns its name. */
    private static String assertKeysAsReadme(JsonNode line) {
        String event = line.get("event").asText();
        assertTrue(README.eventKeys().containsKey(event), "README's event table lacks " + line);
        README.assertKeys(event, README.eventKeys().get(event), line);
        if (event.equals("ready")) {
            line.get("hierarchies").forEach(h -> README.assertKeys("`ready` hierarchy", h));
        }
        return event;
    }

    @Test
    void readmeListsEveryEventAndGivesEveryKeyAMeaning() {
        Set<String> events = new TreeSet<>(Set.of("ready"));
        for (ChangeKind kind : ChangeKind.values()) {
            events.add(kind.jsonName());
        }
        assertEquals(events, new TreeSet<>(README.eventKeys().keySet()), "README's event table");
        Set<String> keys = new TreeSet<>();
        README.eventKeys().values().forEach(keys::addAll);
        assertEquals(keys, new TreeSet<>(README.keysOf("key")), "README's key table explains each key of an event");
    }

    @Test
    void textLinesForPeople() throws Exception {
        needRoot();
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            h.mkdir("/w");
            Lines out = new Lines();
            PipedOutputStream stdin = new PipedOutputStream();
            PipedInputStream in = new PipedInputStream(stdin);
            String root = h.dir().resolve("w").toString();
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
                try {
                    return WatchCommand.run(List.of("--root", root, "--until-eof"),
                            new PrintStream(out, true, StandardCharsets.UTF_8), System.err, in, false);
                } catch (UsageException e) {
                    throw new AssertionError(e);
                }
            });
            Eventually.await("the ready line", () -> !out.lines.isEmpty());
            assertTrue(out.lines.get(0).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  ready  name=" + h.name()
                    + " \\(v1\\) " + Pattern.quote(h.dir().toString()) + ": 1 cgroup from /w, inotify \\(inotify for"
                    + " cgroups and files; tasks followed by the kernel's process events, [^)]*\\)"), out.lines.get(0));
            h.mkdir("/w/b");
            Eventually.await("added", () -> out.lines.stream().anyMatch(l -> l.endsWith("/w/b  added")));
            String added = out.lines.stream().filter(l -> l.endsWith("/w/b  added")).findFirst().orElseThrow();
            assertTrue(added.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  name=" + h.name() + "  /w/b  added"), added);
            assertTrue(out.lines.stream().anyMatch(l -> l.endsWith("  /w  changed  children")), out.lines.toString());
            stdin.close();
            assertEquals(0, exit.get(15, TimeUnit.SECONDS));
        }
    }

    @Test
    void sigtermEndsARealProcessWithExitZero() throws Exception {
        needRoot();
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            String cp = String.join(":", jarOf(Launcher.class), jarOf(JsonFactory.class), jarOf(Native.class));
            Process p = new ProcessBuilder(ThisJava.command(), "-cp", cp, "io.cgscope.Launcher", "watch", "--json",
                    "--root", h.dir().toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                List<String> lines = new CopyOnWriteArrayList<>();
                Thread reader = new Thread(() -> r.lines().forEach(lines::add), "watch-output");
                reader.start();
                Eventually.await("the ready line", Duration.ofSeconds(30), () -> !lines.isEmpty());
                assertEquals("ready", json.readTree(lines.get(0)).get("event").asText());
                h.mkdir("/x");
                Eventually.await("added /x", () -> lines.stream().anyMatch(l -> l.contains("\"/x\"") && l.contains("added")));
                p.destroy(); // SIGTERM
                assertTrue(p.waitFor(15, TimeUnit.SECONDS), "watch ended");
                assertEquals(0, p.exitValue());
                reader.join(5_000);
                assertFalse(reader.isAlive());
            } finally {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void badArgumentsAndNonCgroupPathsExitTwoWithOneLine(@TempDir Path tmp) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, Cli.run(new String[]{"watch", "--interval", "soon"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertOneLine(err.toString(StandardCharsets.UTF_8), "--interval");
        err.reset();
        assertEquals(2, Cli.run(new String[]{"watch", "--root", tmp.toString()}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertOneLine(err.toString(StandardCharsets.UTF_8), "not a cgroup filesystem");
        assertTrue(Cli.isCommand(new String[]{"watch"}));
    }

    private static void assertOneLine(String text, String containing) {
        assertTrue(text.startsWith("cgscope watch: ") && text.contains(containing), text);
        Iterator<String> lines = text.lines().iterator();
        lines.next();
        assertFalse(lines.hasNext(), "one line: " + text);
    }

    private static String jarOf(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
