package io.cgscope.kernel;

import io.cgscope.model.Cgroup;
import io.cgscope.model.Pids;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.V2Sandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The reader on the machine's cgroup2 hierarchy, inside a child the test creates and removes. */
class V2ReaderTest {
    private V2Sandbox box;

    @BeforeEach
    void create() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create a v2 cgroup; skipped");
        assumeTrue(V2Sandbox.machineV2().isPresent(), "no cgroup2 mount on this machine; skipped");
        box = V2Sandbox.create();
    }

    @AfterEach
    void remove() {
        if (box != null) {
            box.close();
        }
    }

    @Test
    void populatedAndFrozenComeFromCgroupEvents() throws IOException {
        String leaf = box.path() + "/leaf";
        box.mkdir(leaf);
        Process p = box.startIn(leaf);
        CgroupReader reader = new CgroupReader(box.hierarchy());

        Cgroup busy = reader.read(box.path()).get(leaf);
        assertEquals(Pids.of((int) p.pid()), busy.procs());
        assertTrue(busy.threads().contains((int) p.pid()));
        assertTrue(busy.populated());
        assertFalse(busy.frozen());
        assertNull(busy.notifyOnRelease(), "v2 has no notify_on_release");
        assertFalse(busy.releasable(), "v2 has no release agent");
        assertTrue(reader.read(box.path()).root().populated(), "the sandbox's own cgroup.events covers its subtree");
        assertTrue(busy.interfaceFiles().containsAll(List.of("cgroup.events", "cgroup.procs", "cgroup.threads")));

        box.stop(p);

        Eventually.await("populated 0 after the last process exits",
                () -> !reader.readFiles(leaf).orElseThrow().populatedFile());
        Cgroup empty = reader.read(box.path()).get(leaf);
        assertFalse(empty.populated());
        assertTrue(empty.reason().contains("populated 0"), empty.reason());
    }
}
