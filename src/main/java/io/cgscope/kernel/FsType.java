package io.cgscope.kernel;

import com.sun.jna.Memory;
import io.cgscope.model.CgroupVersion;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Tells a cgroupfs by the magic number statfs(2) reports in {@code f_type}.
 */
public final class FsType {
    static final long CGROUP_SUPER_MAGIC = 0x27e0ebL;
    static final long CGROUP2_SUPER_MAGIC = 0x63677270L;
    /** struct statfs is 120 bytes on x86_64; f_type is its first field, a long. */
    private static final int STATFS_SIZE = 256;

    private FsType() {
    }

    /** The cgroup version of the filesystem at {@code path}, or empty when it is not a cgroupfs. */
    public static Optional<CgroupVersion> cgroupVersionOf(Path path) {
        long magic = magic(path);
        if (magic == CGROUP_SUPER_MAGIC) {
            return Optional.of(CgroupVersion.V1);
        }
        if (magic == CGROUP2_SUPER_MAGIC) {
            return Optional.of(CgroupVersion.V2);
        }
        return Optional.empty();
    }

    /** True for the f_type of a cgroupfs, v1 or v2. */
    static boolean isCgroupfs(long magic) {
        return magic == CGROUP_SUPER_MAGIC || magic == CGROUP2_SUPER_MAGIC;
    }

    /** f_type of the filesystem at {@code path}, or -1 when statfs fails (no such path, no access). */
    static long magic(Path path) {
        try (Memory buf = new Memory(STATFS_SIZE)) {
            buf.clear();
            if (Syscalls.Libc.INSTANCE.statfs(path.toString(), buf) != 0) {
                return -1;
            }
            return buf.getLong(0);
        }
    }
}
