package io.cgscope.kernel;

import io.cgscope.model.Cgroup;
import io.cgscope.model.Pids;
import io.cgscope.model.Snapshot;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.PrivateHierarchy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The reader against a private v1 hierarchy of the real kernel, with real processes. */
class RealKernelReaderTest {
    private PrivateHierarchy h;

    @BeforeEach
    void mount() throws IOException {
        assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
        h = PrivateHierarchy.mount();
    }

    @AfterEach
    void unmount() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void theSnapshotShowsWhatTheKernelShows() throws IOException {
        h.mkdir("/web/worker");
        h.mkdir("/batch");
        Process p1 = h.startIn("/web/worker");
        Process p2 = h.startIn("/web/worker");
        h.write("/batch", "notify_on_release", "1");

        Snapshot s = new CgroupReader(h.hierarchy()).read();

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
        h.mkdir("/parent");
        h.write("/parent", "notify_on_release", "1");
        h.write("/parent", "cgroup.clone_children", "1");
        h.mkdir("/parent/child");

        Cgroup child = new CgroupReader(h.hierarchy()).read().get("/parent/child");

        assertTrue(child.notifyOnRelease());
        assertTrue(child.cloneChildren());
        assertTrue(child.releasable(), child.reason());
    }

    @Test
    void aSubtreeIsReadWithPathsAsTheKernelHandsThemToTheAgent() throws IOException, NotACgroupException {
        h.mkdir("/a/b/c");

        Target t = Targets.resolve(List.of(h.pathOf("/a/b")), MountInfo.SELF).get(0);
        Snapshot s = new CgroupReader(t.hierarchy()).read(t.cgroupPath());

        assertEquals("/a/b", t.cgroupPath());
        assertEquals(List.of("/a/b", "/a/b/c"), List.copyOf(s.byPath().keySet()));
    }

    @Test
    void cgroupsVanishingMidReadAreSkippedNeverGhosts() throws Exception {
        for (int i = 0; i < 50; i++) {
            h.mkdir("/stable/s" + i);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> churnFailure = new AtomicReference<>();
        Thread churn = new Thread(() -> {
            try {
                for (int round = 0; !stop.get(); round++) {
                    String path = "/churn/c" + (round % 40);
                    if (Files.isDirectory(h.pathOf(path))) {
                        h.rmdir(path);
                    } else {
                        h.mkdir(path);
                    }
                }
            } catch (IOException | RuntimeException e) {
                churnFailure.set(e);
            }
        }, "churn");
        churn.start();
        try {
            CgroupReader reader = new CgroupReader(h.hierarchy());
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
        h.mkdir("/job");
        Process p = h.startIn("/job");
        CgroupReader reader = new CgroupReader(h.hierarchy());
        assertTrue(reader.read().get("/job").procs().contains((int) p.pid()));

        h.stop(p);

        Eventually.await("the kernel to drop the exited task", () -> reader.readFiles("/job").orElseThrow().procs().isEmpty());
        assertFalse(reader.read().get("/job").populated());
    }

    private Pids kernelIds(String cgroup, String file) throws IOException {
        int[] ids = Arrays.stream(h.read(cgroup, file).split("\\s+")).filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        return Pids.of(ids);
    }
}
