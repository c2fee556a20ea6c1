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
 *
 * @param root           field 4, decoded; null when its bytes are no name in this JVM's file-name
 *                       encoding (then no path below it can be opened from Java either)
 * @param mountPoint     field 5, decoded; null for the same reason
 * @param mountPointText field 5 as text for messages, every byte Java cannot name shown as {@code \xNN}
 * @param superOptions   field 11, split at its commas and each option decoded
 *                       ({@code release_agent=/a,b} is written {@code release_agent=/a\054b})
 */
public record MountEntry(int id, String device, String root, Path mountPoint, String mountPointText, String fsType,
                         List<String> superOptions) {
    public MountEntry {
        superOptions = List.copyOf(superOptions);
    }

    /** True when Java can open paths through this mount: its root and mount point are names it can hold. */
    public boolean reachable() {
        return root != null && mountPoint != null;
    }

    public boolean isCgroup() {
        return fsType.equals("cgroup") || fsType.equals("cgroup2");
    }
}
