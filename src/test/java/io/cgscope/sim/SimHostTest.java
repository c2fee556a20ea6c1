package io.cgscope.sim;

import io.cgscope.model.ReleaseRules;
import io.cgscope.host.ProcessControl;
import io.cgscope.model.Hierarchy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the details read from a simulated host: the files' texts as cgroupfs words them. */
class SimHostTest {
    private static String text(SimHost host, Hierarchy h, String cgroup, String file) throws IOException {
        return new String(host.readFile(h, cgroup, file), StandardCharsets.UTF_8);
    }

    @Test
    void v2sCgroupEventsSaysPopulatedAndFrozenAsTheKernelWordsThem() throws IOException {
        try (SimHost host = SimHost.open(ReleaseRules.TODAY)) {
            Hierarchy v2 = host.kernel().hierarchies().get(1);
            ProcessControl processes = host.processes().orElseThrow();
            host.kernel().mkdir(v2, "/svc");
            host.kernel().mkdir(v2, "/svc/db");
            int pid = processes.start(v2, "/svc/db", "db");
            assertEquals("populated 1\nfrozen 0\n", text(host, v2, "/svc", "cgroup.events"), "the subtree counts");
            host.edits(v2).orElseThrow().setFrozen("/svc/db", true);
            assertEquals("populated 1\nfrozen 1\n", text(host, v2, "/svc/db", "cgroup.events"));
            processes.exit(pid);
            assertEquals("populated 0\nfrozen 0\n", text(host, v2, "/svc", "cgroup.events"));
            assertThrows(NoSuchFileException.class, () -> host.readFile(v2, "/", "cgroup.events"),
                    "the root has no cgroup.events");
            assertEquals(Optional.empty(), host.releaseAgent(v2), "v2 has no release agent");
        }
    }

    @Test
    void under2007RulesEveryCgroupHasTheReleasableFileAndTodayNone() throws IOException {
        try (SimHost old = SimHost.open(ReleaseRules.Y2007); SimHost today = SimHost.open(ReleaseRules.TODAY)) {
            Hierarchy h = old.kernel().v1();
            old.kernel().mkdir(h, "/a");
            old.kernel().mkdir(h, "/a/b");
            old.edits(h).orElseThrow().remove("/a/b");
            assertEquals("1\n", text(old, h, "/a", "releasable"), "a child's rmdir sets the parent's bit");
            assertEquals("0\n", text(old, h, "/", "releasable"));
            assertTrue(old.readCgroup(h, "/a").orElseThrow().files().contains("releasable"));

            Hierarchy t = today.kernel().v1();
            today.kernel().mkdir(t, "/a");
            assertFalse(today.readCgroup(t, "/a").orElseThrow().files().contains("releasable"));
            assertThrows(NoSuchFileException.class, () -> today.readFile(t, "/a", "releasable"));
        }
    }

    @Test
    void initStaysAndAProcessGoneIsSaidSo() throws IOException {
        try (SimHost host = SimHost.open(ReleaseRules.TODAY)) {
            ProcessControl processes = host.processes().orElseThrow();
            assertTrue(processes.exitCheck(SimKernel.INIT_PID).refused());
            assertThrows(IllegalArgumentException.class, () -> processes.exit(SimKernel.INIT_PID));
            IOException gone = assertThrows(IOException.class, () -> processes.exit(4242));
            assertEquals("No process with pid 4242 (ESRCH): it has exited, or never existed.", gone.getMessage());
            assertEquals("/sim/v1/a", host.describe(host.kernel().v1(), "/a"));
        }
    }
}
