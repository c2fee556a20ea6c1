package io.cgscope.kernel;

import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Hierarchy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests the writer refuses before it writes anything. A directory of plain files stands in
 * for the cgroup, so that a write that should not happen shows in the file instead of reaching
 * the kernel: pid 0 written to cgroup.procs would move the writing process itself.
 */
class WritesRefusedBeforeAnythingIsWrittenTest {
    @TempDir
    Path dir;

    @Test
    void pidZeroAndNegativePidsAreRefusedAndNothingIsWritten() throws IOException {
        Files.writeString(dir.resolve("cgroup.procs"), "");
        CgroupWriter writer = new CgroupWriter(hierarchy(CgroupVersion.V1));

        for (int pid : new int[] {0, -1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> writer.moveProcess("/", pid));
            assertEquals("A pid is a positive number.", e.getMessage());
        }
        assertEquals("", Files.readString(dir.resolve("cgroup.procs")));
    }

    @Test
    void v1FlagsAreRefusedOnAV2HierarchyAndNothingIsWritten() throws IOException {
        Files.writeString(dir.resolve("notify_on_release"), "0\n");
        Files.writeString(dir.resolve("cgroup.clone_children"), "0\n");
        CgroupWriter writer = new CgroupWriter(hierarchy(CgroupVersion.V2));

        IllegalStateException notify = assertThrows(IllegalStateException.class, () -> writer.setNotifyOnRelease("/", true));
        IllegalStateException clone = assertThrows(IllegalStateException.class, () -> writer.setCloneChildren("/", true));

        assertTrue(notify.getMessage().contains("only in cgroup v1"), notify.getMessage());
        assertTrue(clone.getMessage().contains("only in cgroup v1"), clone.getMessage());
        assertEquals("0\n", Files.readString(dir.resolve("notify_on_release")));
        assertEquals("0\n", Files.readString(dir.resolve("cgroup.clone_children")));
    }

    private Hierarchy hierarchy(CgroupVersion version) {
        return new Hierarchy("0:99", version, List.of(), version == CgroupVersion.V1 ? "fixture" : null, dir, "/",
                List.of(), null, false, false);
    }
}
