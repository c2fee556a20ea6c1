package io.cgscope.kernel;

import io.cgscope.testkit.PrivateHierarchy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The window stays open for days and writes on every click: each write, and the read-back after
 * it, closes every descriptor it opened (the mount point's, the cgroup's and the file's).
 */
class WritesCloseTheirFilesTest {
    private static final int WRITES = 500;

    @Test
    void fiveHundredWritesLeaveNoDescriptorOpen() throws IOException {
        assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            h.mkdir("/a/b");
            CgroupWriter writer = new CgroupWriter(h.hierarchy());
            writer.setNotifyOnRelease("/a/b", true);
            long before = openDescriptors();

            for (int i = 0; i < WRITES; i++) {
                writer.setNotifyOnRelease("/a/b", i % 2 != 0);
            }

            long grown = openDescriptors() - before;
            assertTrue(grown < WRITES / 10, grown + " more descriptors open after " + WRITES + " writes");
            assertEquals("1", h.read("/a/b", "notify_on_release").strip(), "the last write went through");
        }
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
