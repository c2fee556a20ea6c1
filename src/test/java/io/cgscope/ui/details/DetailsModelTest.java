package io.cgscope.ui.details;

import io.cgscope.host.Access;
import io.cgscope.host.CgroupHost;
import io.cgscope.model.ProcessRow;
import io.cgscope.kernel.CgroupWriter;
import io.cgscope.kernel.ProcReader;
import io.cgscope.local.LocalHost;
import io.cgscope.model.Cgroup;
import io.cgscope.model.CgroupFiles;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Pids;
import io.cgscope.testkit.MemoryHost;
import io.cgscope.ui.FixtureTree;
import io.cgscope.ui.ScriptedSource;
import io.cgscope.ui.tree.Row;
import org.controlsfx.control.PropertySheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The details of the selected cgroup, asked of its host: a fixture tree with a /proc of the test's own, or memory. */
@ExtendWith(ApplicationExtension.class)
class DetailsModelTest {
    @TempDir
    Path tmp;

    /** This machine's host over a fixture tree, its processes read from the test's own /proc. */
    private CgroupHost fixtureHost() {
        return LocalHost.kernel(new ScriptedSource(List.of()), Access.readWrite(),
                new ProcReader(tmp.resolve("proc"), tmp.resolve("passwd")), CgroupWriter::new, tmp.resolve("init-cgroup"));
    }

    @Test
    void filesAreGroupedByControllerAndAVanishedFileSaysSo() throws IOException {
        FixtureTree fx = new FixtureTree(Files.createDirectories(tmp.resolve("h")), "fixture");
        fx.cgroup("/a", true, 7);
        Files.writeString(fx.dir().resolve("a/memory.stat"), "cache 0\nrss 4096\n");
        Cgroup a = fx.read().get("/a");
        CgroupHost host = fixtureHost();
        ArrayDeque<Runnable> background = new ArrayDeque<>();
        DetailsModel model = new DetailsModel(r -> host, r -> 0, background::add, Runnable::run);
        model.show(new Row(host.id(), fx.hierarchy(), a, false, false));
        Files.delete(fx.dir().resolve("a/memory.stat")); // listed by the last read, gone before the files are read
        runAll(background);

        Map<String, List<String>> byCategory = model.files().stream().collect(Collectors.groupingBy(
                PropertySheet.Item::getCategory, Collectors.mapping(PropertySheet.Item::getName, Collectors.toList())));
        assertEquals(List.of("memory.stat"), byCategory.get("memory"));
        assertTrue(byCategory.get("cgroup").containsAll(List.of("cgroup.procs", "notify_on_release", "tasks")));
        assertEquals("(gone)", valueOf(model, "memory.stat"));
        assertEquals("1", valueOf(model, "notify_on_release"));
        assertEquals("releasable", DetailsModel.stateOf(new Row(host.id(), fx.hierarchy(),
                fx.cgroup("/b", true).read().get("/b"), false, false)));
    }

    @Test
    void processesAreReadAgainWhenTheMembershipChangesAndVanishedOnesAreSkipped() throws IOException {
        FixtureTree fx = new FixtureTree(Files.createDirectories(tmp.resolve("h")), "fixture");
        fx.cgroup("/a", false, 11, 12);
        fakeProcess(11, "nginx");
        // 12 is listed in cgroup.procs but has exited: no /proc/12
        CgroupHost host = fixtureHost();
        DetailsModel model = new DetailsModel(r -> host, r -> 0, Runnable::run, Runnable::run);
        Row row = new Row(host.id(), fx.hierarchy(), fx.read().get("/a"), false, false);
        model.show(row);
        assertEquals(List.of(11), model.processes().stream().map(ProcessRow::pid).toList());

        fakeProcess(13, "worker");
        CgroupFiles f = row.cgroup().files();
        Cgroup moved = new Cgroup(new CgroupFiles(f.path(), f.notifyOnRelease(), f.cloneChildren(), f.releaseAgent(),
                Pids.of(11, 13), Pids.of(11, 13), null, null, f.children(), f.files()), true, row.cgroup().verdict());
        model.show(row.withCgroup(moved));
        assertEquals(List.of(11, 13), model.processes().stream().map(ProcessRow::pid).toList());
        assertEquals("2 processes · 2 threads · 0 children · 0 descendants", model.countsProperty().get());
    }

    @Test
    void filesAndProcessesAreReadInTheBackgroundAndALateAnswerForAnEarlierSelectionNeverShows() {
        Hierarchy h = MemoryHost.v1("mem");
        MemoryHost host = new MemoryHost("memory", Access.readWrite()).hierarchy(h)
                .cgroup(h, "/old", false, 40).cgroup(h, "/new", true, 41)
                .file(h, "/old", "memory.stat", "rss 1\n").file(h, "/new", "memory.stat", "rss 2\n")
                .process(new ProcessRow(40, "old-job", "root", 1, "old-job --slow"))
                .process(new ProcessRow(41, "new-job", "root", 1, "new-job"));
        ArrayDeque<Runnable> background = new ArrayDeque<>();
        DetailsModel model = new DetailsModel(r -> host, r -> 0, background::add, Runnable::run);
        Map<String, Cgroup> cgroups = host.snapshots().get(0).byPath();

        model.show(new Row(host.id(), h, cgroups.get("/old"), false, false));
        assertEquals(List.of(), model.files(), "nothing read on the selecting thread");
        assertEquals(List.of(), model.processes());
        Runnable oldFiles = background.poll();
        Runnable oldProcesses = background.poll();
        model.show(new Row(host.id(), h, cgroups.get("/new"), false, false));
        runAll(background);
        oldFiles.run(); // the answers for /old arrive last
        oldProcesses.run();

        assertEquals("rss 2", valueOf(model, "memory.stat"));
        assertEquals(List.of("new-job"), model.processes().stream().map(ProcessRow::command).toList());
    }

    private static String valueOf(DetailsModel model, String file) {
        return (String) model.files().stream().filter(i -> i.getName().equals(file)).findFirst().orElseThrow().getValue();
    }

    private static void runAll(ArrayDeque<Runnable> tasks) {
        for (Runnable r = tasks.poll(); r != null; r = tasks.poll()) {
            r.run();
        }
    }

    private void fakeProcess(int pid, String comm) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("proc/" + pid));
        Files.writeString(dir.resolve("comm"), comm + "\n");
        Files.writeString(dir.resolve("status"), "Uid:\t0\t0\t0\t0\nThreads:\t1\n");
        Files.write(dir.resolve("cmdline"), (comm + "\0").getBytes());
    }
}
