package io.cgscope.testkit;

import io.cgscope.host.Access;
import io.cgscope.host.CgroupEdits;
import io.cgscope.model.ProcessRow;
import io.cgscope.model.Change;
import io.cgscope.model.ChangeBatch;
import io.cgscope.model.Hierarchy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-memory host behaves as a host should: its writes change its tree, are reported live, and are refused as the kernel refuses. */
class MemoryHostTest {
    private final Hierarchy h = MemoryHost.v1("mem");
    private final MemoryHost host = new MemoryHost("memory", Access.readWrite()).hierarchy(h)
            .cgroup(h, "/a", false).cgroup(h, "/a/b", false, 7)
            .process(new ProcessRow(7, "sleep", "root", 1, "sleep 60"))
            .process(new ProcessRow(8, "sh", "root", 1, "sh"));
    private final CgroupEdits edits = host.edits(h).orElseThrow();

    @Test
    void everyWriteIsReadBackAndReportedLive() throws IOException {
        List<Change> heard = new ArrayList<>();
        host.live().addListener((ChangeBatch b) -> heard.addAll(b.changes()));

        assertEquals("1", edits.setNotifyOnRelease("/a", true).kernelHas());
        edits.createChild("/a", "c");
        assertEquals("1\n", text("/a/c", "notify_on_release"), "copied from its parent at mkdir, as the kernel does");
        assertEquals("0", edits.setNotifyOnRelease("/a/c", false).kernelHas());
        edits.moveProcess("/a/c", 8);
        edits.setReleaseAgent("/sbin/agent");

        assertEquals("8\n", text("/a/c", "cgroup.procs"));
        assertEquals("/sbin/agent\n", text("/", "release_agent"));
        assertTrue(heard.stream().anyMatch(c -> c.path().equals("/a/c") && c.kind().jsonName().equals("added")), heard.toString());
        edits.moveProcess("/a", 8);
        edits.remove("/a/c");
        assertThrows(NoSuchFileException.class, () -> host.readFile(h, "/a/c", "cgroup.procs"));
        assertTrue(heard.stream().anyMatch(c -> c.path().equals("/a/c") && c.kind().jsonName().equals("removed")), heard.toString());
    }

    @Test
    void refusalsSayWhatTheKernelSays() {
        IOException busy = assertThrows(IOException.class, () -> edits.remove("/a"));
        assertEquals("The cgroup /a is busy (EBUSY): it still has tasks or child cgroups.", busy.getMessage());
        IOException tasks = assertThrows(IOException.class, () -> edits.remove("/a/b"));
        assertEquals("The cgroup /a/b is busy (EBUSY): it still has tasks or child cgroups.", tasks.getMessage());
        IllegalArgumentException exists = assertThrows(IllegalArgumentException.class, () -> edits.createChild("/a", "b"));
        assertEquals("\"b\" already exists in this cgroup (a child cgroup or an interface file).", exists.getMessage());
        IOException noSuchPid = assertThrows(IOException.class, () -> edits.moveProcess("/a", 99));
        assertEquals("No process with pid 99 (ESRCH): it has exited, or never existed.", noSuchPid.getMessage());
        IOException vanished = assertThrows(IOException.class, () -> edits.setNotifyOnRelease("/gone", true));
        assertEquals("The cgroup /gone vanished: it no longer exists (ENOENT).", vanished.getMessage());
        assertEquals("7\n", text("/a/b", "cgroup.procs"), "nothing changed");
    }

    @Test
    void aReadOnlyHostOffersNoWrites() {
        MemoryHost readOnly = new MemoryHost("ro", Access.readOnly("Read-only: a recording.")).hierarchy(h);
        assertTrue(readOnly.edits(h).isEmpty());
    }

    private String text(String cgroup, String file) {
        try {
            return new String(host.readFile(h, cgroup, file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
