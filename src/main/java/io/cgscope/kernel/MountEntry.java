package io.cgscope.kernel;

import java.nio.file.Path;
import java.util.List;

/**
 * One line of /proc/self/mountinfo (proc(5)):
 * <pre>
 * 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
 * (1)(2)(3)   (4)   (5)      (6)      (7)   (8) (9)   (10)         (11)
 * </pre>
 * (3) the device of the superblock, (4) the root of the mount inside the filesystem, (5) the mount
 * point, (9) the filesystem type, (11) the super options, where cgroup v1 lists its controllers,
 * {@code name=}, {@code noprefix}, {@code clone_children} and {@code release_agent=}.
 */
public record MountEntry(int id, String device, String root, Path mountPoint, String fsType,
                         List<String> superOptions) {
    public MountEntry {
        superOptions = List.copyOf(superOptions);
    }
}
