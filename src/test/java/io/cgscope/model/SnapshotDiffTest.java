package io.cgscope.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The diff of two whole states, as a source that only knows snapshots (a test's script, the
 * simulator later) makes its batches: the same kinds, fields and order as the engine's.
 */
class SnapshotDiffTest {
    private static final Hierarchy H = new Hierarchy("0:97", CgroupVersion.V1, List.of(), "demo",
            Path.of("/mnt/demo"), "/", List.of(), null, false, false);
    private static final Hierarchy OTHER = new Hierarchy("0:96", CgroupVersion.V1, List.of(), "other",
            Path.of("/mnt/other"), "/", List.of(), null, false, false);
    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");
    private static final List<String> FILES = List.of("cgroup.procs", "notify_on_release", "tasks");

    /** A tree from "path:notify:pids:children" lines; children are full paths separated by commas. */
    private static Snapshot tree(Hierarchy h, String... lines) {
        Map<String, CgroupFiles> files = new LinkedHashMap<>();
        for (String line : lines) {
            String[] f = line.split(":", -1);
            Pids pids = f[2].isEmpty() ? Pids.EMPTY : Pids.of(Integer.parseInt(f[2]));
            List<String> children = f[3].isEmpty() ? List.of() : List.of(f[3].split(","));
            files.put(f[0], new CgroupFiles(f[0], "1".equals(f[1]), false, null, pids, pids, null, null,
                    children, FILES));
        }
        return Snapshot.assemble(h, "/", files, T);
    }

    private static List<String> lines(ChangeBatch batch) {
        return batch.changes().stream().map(c -> c.hierarchy().name() + " " + c.path() + " " + c.kind().jsonName()
                + (c.fields().isEmpty() ? "" : " " + c.fields().stream().map(Field::jsonName).sorted()
                .collect(Collectors.joining(",")))).toList();
    }

    @Test
    void removalsDeepestFirstThenParentsBeforeChildrenWithTheFieldsThatChanged() {
        Snapshot before = tree(H,
                "/:0::/a,/m",
                "/a:1:42:",
                "/m:1::/m/x",
                "/m/x:1::/m/x/y",
                "/m/x/y:1::");
        Snapshot after = tree(H,
                "/:0::/a,/n",
                "/a:1::",
                "/n:1::/n/x",
                "/n/x:1::");
        assertEquals(List.of(
                "demo /m/x/y removed",
                "demo /m/x removed",
                "demo /m removed",
                "demo / changed children,populated",
                "demo / emptied",
                "demo /a changed populated,procs,threads",
                "demo /a emptied",
                "demo /a releasable",
                "demo /a released",
                "demo /n added",
                "demo /n/x added",
                "demo /n/x releasable"), lines(Diff.between(T, List.of(before), List.of(after))));
    }

    @Test
    void aHierarchyGoneHasEveryCgroupRemovedAndANewOneEveryCgroupAdded() {
        Snapshot gone = tree(OTHER, "/:0::/b", "/b:0::");
        Snapshot same = tree(H, "/:0::");
        Snapshot fresh = tree(OTHER, "/:0::/c", "/c:1::");
        assertEquals(List.of("other /b removed", "other / removed"),
                lines(Diff.between(T, List.of(same, gone), List.of(same))));
        assertEquals(List.of("other / added", "other /c added", "other /c releasable"),
                lines(Diff.between(T, List.of(same), List.of(same, fresh))));
        assertEquals(List.of(), lines(Diff.between(T, List.of(same, gone), List.of(same, gone))));
    }
}
