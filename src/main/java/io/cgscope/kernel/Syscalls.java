package io.cgscope.kernel;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * openat/read/write/close, getdents64, mkdirat and unlinkat straight from libc, so a failed call
 * reports its errno and names are bytes (see {@link CgroupDir}); and statfs(2), which Java lacks
 * (jna-platform has statvfs, whose struct has no f_type).
 * Java's own file API turns errno into strerror text (locale-dependent, and for write(2) a plain
 * IOException without even the file name): matching on that text would be fragile, the number is not.
 */
final class Syscalls {
    static final int O_WRONLY = 0x1;
    static final int O_CLOEXEC = 0x80000;

    interface Libc extends Library {
        Libc INSTANCE = load();

        /**
         * libc by its soname, which the dynamic linker resolves without a search path. Left
         * unset, {@code jna.platform.library.path} makes JNA's first load run {@code ldconfig -p}
         * to learn the system's library directories: a child process on every start of cgscope,
         * for a list that is never needed (a dump of one cgroup took 240 ms with it, 167 without).
         */
        private static Libc load() {
            if (System.getProperty("jna.platform.library.path") == null) {
                System.setProperty("jna.platform.library.path", "");
            }
            return Native.load("libc.so.6", Libc.class);
        }

        String strerror(int errno);

        /** Fails with -1 and errno rather than an exception: a path that is not there is an answer. */
        int statfs(String path, com.sun.jna.Memory buf);

        /** The kernel's id of the calling thread, which setpriority takes as a process id. */
        int gettid();

        int setpriority(int which, int who, int prio);
    }

    /**
     * The calls every cgroup read makes, bound directly (JNA direct mapping): a call costs a few
     * hundred nanoseconds instead of the microsecond or more of an interface call, which matters
     * at ten system calls a cgroup. They return -1 and leave errno in {@link Native#getLastError}.
     */
    static final class Direct {
        static {
            Libc.INSTANCE.getClass(); // sets jna.platform.library.path before the first load, see Libc
            Native.register(Direct.class, "libc.so.6");
        }

        private Direct() {
        }

        static native int openat(int dirfd, byte[] path, int flags, int mode);

        static native long read(int fd, Pointer buf, long count);

        static native long write(int fd, byte[] buf, long count);

        static native int close(int fd);

        static native long getdents64(int fd, Pointer buf, long count);

        static native int fstatfs(int fd, Pointer buf);

        static native int mkdirat(int dirfd, byte[] path, int mode);

        static native int unlinkat(int dirfd, byte[] path, int flags);

        /** openat2(2) has no libc wrapper yet: syscall(SYS_openat2, dirfd, path, how, size). */
        static native long syscall(long number, int dirfd, byte[] path, Pointer how, long size);
    }

    private static final boolean ARM = System.getProperty("os.arch", "").startsWith("aarch64")
            || System.getProperty("os.arch", "").startsWith("arm");
    static final int O_RDONLY = 0;
    /** The few open flags whose values differ between x86 and arm. */
    static final int O_DIRECTORY = ARM ? 0x4000 : 0x10000;
    static final int O_NOFOLLOW = ARM ? 0x8000 : 0x20000;
    static final int O_PATH = 0x200000;
    static final int AT_REMOVEDIR = 0x200;
    /** The same number on every architecture (the unified syscall table since Linux 5.6). */
    static final long SYS_OPENAT2 = 437;
    static final long RESOLVE_NO_SYMLINKS = 0x04;
    static final long RESOLVE_BENEATH = 0x08;
    static final int ENOSYS = 38;

    private Syscalls() {
    }

    static String strerror(int errno) {
        return Libc.INSTANCE.strerror(errno);
    }
}
