package io.cgscope.live;

import io.cgscope.kernel.RecorderFiles;
import io.cgscope.kernel.Target;
import io.cgscope.model.Change;
import io.cgscope.model.ChangeKind;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Hierarchy;
import io.cgscope.testkit.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The recorder's log followed as the recorder writes it: only calls after the start, records
 * appended in pieces, a rotation, a log directory made after the start; calls of other
 * hierarchies and outside the watched subtree left out.
 */
class AgentCallTailTest {
    private static final Hierarchy WATCHED = hierarchy("0:41");
    private static final Hierarchy OTHER = hierarchy("0:42");
    @TempDir
    Path base;
    private AgentCallTail tail;
    private final List<Change> heard = new CopyOnWriteArrayList<>();

    private static Hierarchy hierarchy(String device) {
        return new Hierarchy(device, CgroupVersion.V1, List.of(), "n" + device.replace(':', '-'), Path.of("/mnt"), "/",
                List.of(), null, false, false);
    }

    @AfterEach
    void stop() {
        if (tail != null) {
            tail.close();
        }
    }

    private void start(RecorderFiles files) throws IOException {
        List<Target> targets = List.of(new Target(WATCHED, "/w"));
        tail = AgentCallTail.start(files, () -> heard.addAll(tail.changes(targets)),
                new WorkerThreads("agent-call-tail-test", 0, (t, e) -> { }));
    }

    private static void append(Path log, String text) throws IOException {
        Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private List<String> paths() {
        return heard.stream().map(c -> {
            assertEquals(ChangeKind.AGENT_CALLED, c.kind());
            return c.path();
        }).toList();
    }

    @Test
    void callsAfterTheStartAreToldAcrossPiecesAndARotation() throws IOException {
        RecorderFiles files = new RecorderFiles(base);
        Files.createDirectories(files.logDirectory());
        append(files.log(), "2026-12-01T07:00:00.000Z 0:41 5 /w/old\n");
        start(files);
        append(files.log(), "2026-12-01T07:00:01.000Z 0:41 4 /w/a\n2026-12-01T07:00:01.100Z 0:41 6 /w/");
        Eventually.awaitEquals("the whole record only", List.of("/w/a"), this::paths);
        append(files.log(), "b c\n2026-12-01T07:00:01.200Z 0:42 4 /w/x\n2026-12-01T07:00:01.300Z 0:41 2 /x\n");
        Eventually.awaitEquals("the rest of the record; the other hierarchy's and the unwatched cgroup's left out",
                List.of("/w/a", "/w/b c"), this::paths);
        assertEquals(Instant.parse("2026-12-01T07:00:01.100Z"), heard.get(1).time(), "the recorder's time");

        // what the recorder does at its size limit: the log renamed, a new one begun
        Files.move(files.log(), files.rotatedLog());
        append(files.rotatedLog(), "2026-12-01T07:00:02.000Z 0:41 4 /w/d\n"); // a call that opened it before the rename
        append(files.log(), "2026-12-01T07:00:02.100Z 0:41 4 /w/e\n");
        Eventually.awaitEquals("both files read", List.of("/w/a", "/w/b c", "/w/d", "/w/e"), this::paths);
    }

    @Test
    void aLogDirectoryMadeAfterTheStartIsFollowed() throws IOException {
        RecorderFiles files = new RecorderFiles(base.resolve("later"));
        start(files);
        Files.createDirectories(files.logDirectory());
        append(files.log(), "2026-12-01T07:00:01.000Z 0:41 4 /w/a\n");
        Eventually.awaitEquals("the call in a log made after the start", List.of("/w/a"), this::paths);
    }
}
