package io.cgscope.testkit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The tests' own hierarchies must leave nothing behind on the machine: not a mount, and not the
 * hierarchy itself, which the kernel keeps alive, listed in every process's /proc/PID/cgroup, when
 * it is unmounted while a removed child is still being released.
 */
class PrivateHierarchyTest {
    @BeforeEach
    void root() {
        assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
    }

    @Test
    void closingFreesTheHierarchyEvenRightAfterItsChildrenWereRemoved() throws IOException {
        PrivateHierarchy h = PrivateHierarchy.mount();
        try {
            for (int i = 0; i < 50; i++) {
                h.mkdir("/busy-" + i + "/leaf");
            }
            Process p = h.startIn("/busy-0/leaf");
            assertTrue(h.stillListed(), "a mounted hierarchy is listed in /proc/self/cgroup");
            h.stop(p);
        } finally {
            h.close();
        }

        assertFalse(h.stillListed(), h.name() + " is still listed in /proc/self/cgroup after close");
        assertFalse(Files.readString(java.nio.file.Path.of("/proc/self/mountinfo")).contains("name=" + h.name()),
                "still mounted");
    }
}
