package io.cgscope.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cgroup superblocks the kernel lists in {@code /proc/self/mountinfo}, read here with nothing
 * of the code under test: what the tests hold hierarchy discovery and {@code dump} to.
 */
public final class CgroupMounts {
    private CgroupMounts() {
    }

    /**
     * Per superblock ({@code major:minor}) listed now, its cgroup version: 1 for {@code cgroup}, 2
     * for {@code cgroup2}. A hierarchy mounted at several places is one entry.
     */
    public static Map<String, Integer> listed() throws IOException {
        // 36 25 0:31 / /sys/fs/cgroup/cpu rw,relatime shared:13 - cgroup cgroup rw,cpu
        //       ^device                                            ^filesystem type
        Map<String, Integer> versions = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            int dash = line.indexOf(" - ");
            String type = line.substring(dash + 3).split(" ")[0];
            if (type.equals("cgroup") || type.equals("cgroup2")) {
                versions.put(line.split(" ")[2], type.equals("cgroup") ? 1 : 2);
            }
        }
        return versions;
    }
}
