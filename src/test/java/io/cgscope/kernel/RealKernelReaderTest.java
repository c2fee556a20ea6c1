package io.cgscope.kernel;

import io.cgscope.model.Cgroup;
import io.cgscope.model.Pids;
import io.cgscope.model.Snapshot;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.MountedPerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reader against a private v1 hierarchy of the real kernel, with real processes. */
class RealKernelReaderTest {
    @RegisterExtension
    final MountedPerTest mounted = new MountedPerTest();

    @Test
    void theSnapshotShowsWhatTheKernelShows() throws IOException {
        mounted.get().mkdir("/web/worker");
        mounted.get().mkdir("/batch");
        Process p1 = mounted.get().startIn("/web/worker");
        Process p2 = mounted.get().startIn("/web/worker");
        mounted.get().write("/batch", "notify_on_release", "1");

        Snapshot s = new CgroupReader(mounted.get().hierarchy()).read();

        assertEquals(List.of("/", "/batch", "/web", "/web/worker"), List.copyOf(s.byPath().keySet()));
        Cgroup worker = s.get("/web/worker");
        assertEquals(kernelIds("/web/worker", "cgroup.procs"), worker.procs());
        assertEquals(kernelIds("/web/worker", "tasks"), worker.threads());
        assertEquals(Pids.of((int) p1.pid(), (int) p2.pid()), worker.procs());
        assertTrue(worker.populated());
        assertTrue(s.get("/web").populated(), "populated covers the subtree");
        assertFalse(s.get("/batch").populated());
        assertTrue(s.get("/batch").notifyOnRelease());
        assertFalse(s.get("/web").notifyOnRelease());
        assertEquals(List.of("cgroup.clone_children", "cgroup.procs", "notify_on_release", "tasks"),
                worker.interfaceFiles());
        assertTrue(s.root().interfaceFiles().contains("release_agent"), "the root has release_agent");
        assertEquals("", s.root().releaseAgent(), "a fresh hierarchy has no agent");
        assertTrue(s.root().procs().size() > 0, "every other process of the machine is in the root");
    }

    @Test
    void childrenCopyTheFlagsOfTheirParentAtMkdir() throws IOException {
        mounted.get().mkdir("/parent");
        mounted.get().write("/parent", "notify_on_release", "1");
        mounted.get().write("/parent", "cgroup.clone_children", "1");
        mounted.get().mkdir("/parent/child");

        Cgroup child = new CgroupReader(mounted.get().hierarchy()).read().get("/parent/child");

        assertTrue(child.notifyOnRelease());
        assertTrue(child.cloneChildren());
        assertTrue(child.releasable(), child.reason());
    }

    @Test
    void aSubtreeIsReadWithPathsAsTheKernelHandsThemToTheAgent() throws IOException, NotACgroupException {
        mounted.get().mkdir("/a/b/c");

        Target t = Targets.resolve(List.of(mounted.get().pathOf("/a/b")), MountInfo.SELF).get(0);
        Snapshot s = new CgroupReader(t.hierarchy()).read(t.cgroupPath());

        assertEquals("/a/b", t.cgroupPath());
        assertEquals(List.of("/a/b", "/a/b/c"), List.copyOf(s.byPath().keySet()));
    }

    @Test
    void cgroupsVanishingMidReadAreSkippedNeverGhosts() throws Exception {
        for (int i = 0; i < 50; i++) {
            mounted.get().mkdir("/stable/s" + i);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> churnFailure = new AtomicReference<>();
        Thread churn = new Thread(() -> {
            try {
                for (int round = 0; !stop.get(); round++) {
                    String path = "/churn/c" + (round % 40);
                    if (Files.isDirectory(mounted.get().pathOf(path))) {
                        mounted.get().rmdir(path);
                    } else {
                        mounted.get().mkdir(path);
                    }
                }
            } catch (IOException | RuntimeException e) {
                churnFailure.set(e);
            }
        }, "churn");
        churn.start();
        try {
            CgroupReader reader = new CgroupReader(mounted.get().hierarchy());
            for (int i = 0; i < 200; i++) {
                Snapshot s = reader.read();
                for (Cgroup c : s.cgroups()) {
                    for (String child : c.children()) {
                        assertTrue(s.byPath().containsKey(child), "ghost child " + child + " of " + c.path());
                    }
                }
                assertEquals(51, s.cgroups().stream().filter(c -> c.path().startsWith("/stable")).count());
            }
        } finally {
            stop.set(true);
            churn.join();
        }
        assertNull(churnFailure.get());
    }

    @Test
    void aTaskThatExitsLeavesTheSnapshot() throws IOException {
        mounted.get().mkdir("/job");
        Process p = mounted.get().startIn("/job");
        CgroupReader reader = new CgroupReader(mounted.get().hierarchy());
        assertTrue(reader.read().get("/job").procs().contains((int) p.pid()));

        mounted.get().stop(p);

        Eventually.await("the kernel to drop the exited task", () -> reader.readFiles("/job").orElseThrow().procs().isEmpty());
        assertFalse(reader.read().get("/job").populated());
    }

    private Pids kernelIds(String cgroup, String file) throws IOException {
        int[] ids = Arrays.stream(mounted.get().read(cgroup, file).split("\\s+")).filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        return Pids.of(ids);
    }
}
