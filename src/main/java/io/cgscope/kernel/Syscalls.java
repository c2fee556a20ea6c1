package io.cgscope.kernel;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * open/write/close, mkdir and rmdir straight from libc, so a failed write reports its errno;
 * and statfs(2), which Java lacks (jna-platform has statvfs, whose struct has no f_type).
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

        int open(String path, int flags) throws LastErrorException;

        long write(int fd, byte[] buf, long count) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int mkdir(String path, int mode) throws LastErrorException;

        int rmdir(String path) throws LastErrorException;

        String strerror(int errno);

        /** Fails with -1 and errno rather than an exception: a path that is not there is an answer. */
        int statfs(String path, com.sun.jna.Memory buf);

        /** The kernel's id of the calling thread, which setpriority takes as a process id. */
        int gettid();

        int setpriority(int which, int who, int prio);
    }

    private Syscalls() {
    }

    /**
     * Writes {@code bytes} to {@code path} in one write(2), as echo does: cgroupfs takes each
     * write as one value.
     *
     * @throws LastErrorException with the errno of the failing call
     */
    static void writeFile(String path, byte[] bytes) {
        int fd = Libc.INSTANCE.open(path, O_WRONLY | O_CLOEXEC);
        try {
            long n = Libc.INSTANCE.write(fd, bytes, bytes.length);
            if (n != bytes.length) {
                // cgroupfs takes a value whole or fails: a short write would be a new kind of kernel
                throw new LastErrorException(Errno.EIO);
            }
        } finally {
            closeQuietly(fd);
        }
    }

    /** A failed close must not hide the errno of the write before it; cgroupfs reports nothing there. */
    private static void closeQuietly(int fd) {
        try {
            Libc.INSTANCE.close(fd);
        } catch (LastErrorException ignored) {
            // the write's outcome is what counts
        }
    }

    static void mkdir(String path) {
        Libc.INSTANCE.mkdir(path, 0755);
    }

    static void rmdir(String path) {
        Libc.INSTANCE.rmdir(path);
    }

    static String strerror(int errno) {
        return Libc.INSTANCE.strerror(errno);
    }
}
