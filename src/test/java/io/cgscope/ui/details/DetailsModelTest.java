package io.cgscope.ui.details;

import io.cgscope.kernel.ProcReader;
import io.cgscope.host.ProcessRow;
import io.cgscope.model.Cgroup;
import io.cgscope.model.CgroupFiles;
import io.cgscope.model.Pids;
import io.cgscope.ui.FixtureTree;
import io.cgscope.ui.tree.Row;
import org.controlsfx.control.PropertySheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The details of the selected cgroup against a fixture tree and a /proc of the test's own. */
@ExtendWith(ApplicationExtension.class)
class DetailsModelTest {
    @TempDir
    Path tmp;

    @Test
    void filesAreGroupedByControllerAndAVanishedFileSaysSo() throws IOException {
        FixtureTree fx = new FixtureTree(Files.createDirectories(tmp.resolve("h")), "fixture");
        fx.cgroup("/a", true, 7);
        Files.writeString(fx.dir().resolve("a/memory.stat"), "cache 0\nrss 4096\n");
        Cgroup a = fx.read().get("/a");
        DetailsModel model = new DetailsModel(r -> 0, new ProcReader(tmp.resolve("proc"), tmp.resolve("passwd")),
                Runnable::run, Runnable::run);
        model.show(new Row(fx.hierarchy(), a, false, false));
        Map<String, List<String>> byCategory = model.files().stream().collect(Collectors.groupingBy(
                PropertySheet.Item::getCategory, Collectors.mapping(PropertySheet.Item::getName, Collectors.toList())));
        assertEquals(List.of("memory.stat"), byCategory.get("memory"));
        assertTrue(byCategory.get("cgroup").containsAll(List.of("cgroup.procs", "notify_on_release", "tasks")));
        PropertySheet.Item stat = model.files().stream().filter(i -> i.getName().equals("memory.stat")).findFirst().orElseThrow();
        Files.delete(fx.dir().resolve("a/memory.stat"));
        assertEquals("(gone)", stat.getValue(), "read when first asked; the file had vanished by then");
        assertEquals("releasable", DetailsModel.stateOf(new Row(fx.hierarchy(),
                fx.cgroup("/b", true).read().get("/b"), false, false)));
    }

    @Test
    void processesAreReadAgainWhenTheMembershipChangesAndVanishedOnesAreSkipped() throws IOException {
        FixtureTree fx = new FixtureTree(Files.createDirectories(tmp.resolve("h")), "fixture");
        fx.cgroup("/a", false, 11, 12);
        fakeProcess(11, "nginx");
        // 12 is listed in cgroup.procs but has exited: no /proc/12
        DetailsModel model = new DetailsModel(r -> 0, new ProcReader(tmp.resolve("proc"), tmp.resolve("passwd")),
                Runnable::run, Runnable::run);
        Row row = new Row(fx.hierarchy(), fx.read().get("/a"), false, false);
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

    private void fakeProcess(int pid, String comm) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("proc/" + pid));
        Files.writeString(dir.resolve("comm"), comm + "\n");
        Files.writeString(dir.resolve("status"), "Uid:\t0\t0\t0\t0\nThreads:\t1\n");
        Files.write(dir.resolve("cmdline"), (comm + "\0").getBytes());
    }
}
