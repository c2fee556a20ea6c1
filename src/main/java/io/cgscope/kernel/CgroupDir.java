package io.cgscope.kernel;

import io.cgscope.model.Errno;
import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import io.cgscope.model.NameBytes;
import io.cgscope.model.Paths;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * An open descriptor of one directory of a hierarchy, through which its files are read and
 * written by name ({@code openat}), never by a path that could be swapped underneath: every file
 * is opened with {@code O_NOFOLLOW}, every cgroup below the mount point is reached with
 * {@code openat2} beneath the mount point's descriptor and without following any symlink, and
 * nothing is written, made or removed unless {@code fstatfs} on the descriptor that is written
 * says cgroupfs. Names are bytes ({@link NameBytes}): any name the kernel allows is reached,
 * whatever the locale.
 */
final class CgroupDir implements AutoCloseable {
    private static final int DT_UNKNOWN = 0;
    private static final int DT_DIR = 4;

    /** Something other than a cgroupfs where a write was about to go: nothing was written. */
    static final class NotCgroupfs extends Exception {
        final long fsType;

        NotCgroupfs(long fsType) {
            super(null, null, false, false);
            this.fsType = fsType;
        }
    }

    /** Native buffers of one thread, reused: a snapshot reads three files of every cgroup. */
    private static final class Buffers {
        Memory data = new Memory(8192);
        final Memory dirents = new Memory(32768);
        final Memory how = new Memory(24);
        final Memory statfs = new Memory(256);
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);
    /** Cleared once openat2 says ENOSYS (a kernel before 5.6, or a filter that forbids it). */
    static volatile boolean openat2Works = true;

    private final int fd;
    private final CgroupDir top;
    private final byte[] below;

    private CgroupDir(int fd, CgroupDir top, byte[] below) {
        this.fd = fd;
        this.top = top;
        this.below = below;
    }

    /**
     * The directory at {@code dir}, a mount point (or a fixture directory: reads do not check
     * the filesystem, writes do).
     *
     * @throws LastErrorException with the errno of open(2)
     */
    static CgroupDir open(Path dir) {
        int fd = Syscalls.Direct.openat(AT_FDCWD, terminated(PathBytes.of(dir)),
                Syscalls.O_RDONLY | Syscalls.O_DIRECTORY | Syscalls.O_CLOEXEC, 0);
        if (fd < 0) {
            throw new LastErrorException(Native.getLastError());
        }
        return new CgroupDir(fd, null, new byte[0]);
    }

    private static final int AT_FDCWD = -100;

    /**
     * The directory {@code names} below this one (a mount point's descriptor), resolved by the
     * kernel beneath it and without following a symlink anywhere.
     *
     * @throws LastErrorException ENOENT or ENOTDIR when there is no such directory, ELOOP at a symlink,
     *                            EXDEV when a ".." would leave it (names are checked before, so never)
     */
    CgroupDir below(List<String> names) {
        if (names.isEmpty()) {
            return reopen();
        }
        byte[] rel = relative(names);
        int flags = Syscalls.O_RDONLY | Syscalls.O_DIRECTORY | Syscalls.O_NOFOLLOW | Syscalls.O_CLOEXEC;
        int child = openat2Works ? openat2(fd, rel, flags) : -2;
        if (child == -2) {
            child = walk(names, flags);
        }
        return new CgroupDir(child, this.top == null ? this : this.top, Arrays.copyOf(rel, rel.length - 1));
    }

    /** A second descriptor of this directory, closed on its own. */
    private CgroupDir reopen() {
        int again = Syscalls.Direct.openat(fd, new byte[] {'.', 0},
                Syscalls.O_RDONLY | Syscalls.O_DIRECTORY | Syscalls.O_CLOEXEC, 0);
        if (again < 0) {
            throw new LastErrorException(Native.getLastError());
        }
        return new CgroupDir(again, top, below);
    }

    /** @return the descriptor, or -2 when this kernel has no openat2 */
    private static int openat2(int dirfd, byte[] rel, int flags) {
        Memory how = BUFFERS.get().how;
        how.setLong(0, flags & 0xffffffffL);
        how.setLong(8, 0);
        how.setLong(16, Syscalls.RESOLVE_BENEATH | Syscalls.RESOLVE_NO_SYMLINKS);
        long r = Syscalls.Direct.syscall(Syscalls.SYS_OPENAT2, dirfd, rel, how, 24);
        if (r >= 0) {
            return (int) r;
        }
        int errno = Native.getLastError();
        if (errno == Syscalls.ENOSYS) {
            openat2Works = false;
            return -2;
        }
        throw new LastErrorException(errno);
    }

    /** Without openat2: one {@code openat(O_NOFOLLOW)} a name, each relative to the one before. */
    private int walk(List<String> names, int flags) {
        int at = fd;
        try {
            for (String name : names) {
                int next = Syscalls.Direct.openat(at, terminated(NameBytes.encode(name)), flags, 0);
                if (next < 0) {
                    throw new LastErrorException(Native.getLastError());
                }
                if (at != fd) {
                    Syscalls.Direct.close(at);
                }
                at = next;
            }
            return at;
        } catch (LastErrorException e) {
            if (at != fd) {
                Syscalls.Direct.close(at);
            }
            throw e;
        }
    }

    /** "a/b/c" and a NUL, from names already checked by {@link Paths#components}. */
    private static byte[] relative(List<String> names) {
        int length = 0;
        byte[][] parts = new byte[names.size()][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = NameBytes.encode(names.get(i));
            length += parts[i].length + 1;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
            out[at++] = '/';
        }
        out[length - 1] = 0;
        return out;
    }

    /**
     * True when this directory can still be reached from its mount point: what tells a cgroup
     * that vanished from a file that cannot be read.
     */
    boolean stillThere() {
        if (top == null) {
            return true;
        }
        byte[] rel = Arrays.copyOf(below, below.length + 1);
        int flags = Syscalls.O_PATH | Syscalls.O_DIRECTORY | Syscalls.O_NOFOLLOW | Syscalls.O_CLOEXEC;
        try {
            int again = openat2Works ? openat2(top.fd, rel, flags) : -2;
            if (again == -2) {
                again = Syscalls.Direct.openat(top.fd, rel, flags, 0);
            }
            if (again >= 0) {
                Syscalls.Direct.close(again);
                return true;
            }
            return false;
        } catch (LastErrorException e) {
            return false;
        }
    }

    /** An entry of a directory: its name as the model keeps it and whether it is a directory. */
    interface EntrySink {
        void entry(String name, boolean directory);
    }

    /**
     * Lists the directory with getdents64, which gives each entry's type (kernfs fills it), so no
     * entry needs a stat of its own. "." and ".." are left out. It reads until getdents64 says
     * the end: a short answer does not mean the end (filldir64 also stops early when a signal is
     * pending).
     */
    void list(EntrySink sink) {
        Memory buf = BUFFERS.get().dirents;
        byte[] name = new byte[256];
        while (true) {
            long n = Syscalls.Direct.getdents64(fd, buf, buf.size());
            if (n < 0) {
                throw new LastErrorException(Native.getLastError());
            }
            if (n == 0) {
                return;
            }
            int at = 0;
            while (at < n) {
                int reclen = buf.getShort(at + 16) & 0xffff;
                int type = buf.getByte(at + 18) & 0xff;
                int length = 0;
                while (length < reclen - 19 && buf.getByte(at + 19 + length) != 0) {
                    length++;
                }
                buf.read(at + 19, name, 0, length);
                at += reclen;
                if ((length == 1 && name[0] == '.') || (length == 2 && name[0] == '.' && name[1] == '.')) {
                    continue;
                }
                boolean directory = type == DT_DIR || (type == DT_UNKNOWN && isDirectory(name, length));
                sink.entry(NameBytes.decode(name, 0, length), directory);
            }
        }
    }

    private boolean isDirectory(byte[] name, int length) {
        byte[] z = Arrays.copyOf(name, length + 1);
        int probe = Syscalls.Direct.openat(fd, z,
                Syscalls.O_PATH | Syscalls.O_DIRECTORY | Syscalls.O_NOFOLLOW | Syscalls.O_CLOEXEC, 0);
        if (probe < 0) {
            return false;
        }
        Syscalls.Direct.close(probe);
        return true;
    }

    /**
     * The bytes of the file {@code name} (NUL-terminated), read until EOF or, with
     * {@code untilEof} false, in one read(2).
     *
     * @throws LastErrorException with the errno of openat or read
     */
    byte[] read(byte[] name, boolean untilEof) {
        int file = Syscalls.Direct.openat(fd, name, Syscalls.O_RDONLY | Syscalls.O_NOFOLLOW | Syscalls.O_CLOEXEC, 0);
        if (file < 0) {
            throw new LastErrorException(Native.getLastError());
        }
        Buffers b = BUFFERS.get();
        try {
            long have = 0;
            while (true) {
                long n = Syscalls.Direct.read(file, b.data.share(have), b.data.size() - have);
                if (n < 0) {
                    throw new LastErrorException(Native.getLastError());
                }
                have += n;
                if (n == 0 || !untilEof) {
                    break;
                }
                if (have == b.data.size()) {
                    Memory bigger = new Memory(b.data.size() * 2);
                    bigger.write(0, b.data.getByteArray(0, (int) have), 0, (int) have);
                    b.data = bigger;
                }
            }
            return b.data.getByteArray(0, (int) have);
        } finally {
            Syscalls.Direct.close(file);
        }
    }

    /**
     * Writes {@code value} to the file {@code name} (NUL-terminated) in one write(2), as echo
     * does: cgroupfs takes each write as one value. The file is opened without following a
     * link, and written only when it is on a cgroupfs.
     *
     * @throws LastErrorException with the errno of the failing call
     * @throws NotCgroupfs        when the opened file is not on a cgroupfs: nothing was written
     */
    void write(byte[] name, byte[] value) throws NotCgroupfs {
        int file = Syscalls.Direct.openat(fd, name, Syscalls.O_WRONLY | Syscalls.O_NOFOLLOW | Syscalls.O_CLOEXEC, 0);
        if (file < 0) {
            throw new LastErrorException(Native.getLastError());
        }
        try {
            requireCgroupfs(file);
            long n = Syscalls.Direct.write(file, value, value.length);
            if (n < 0) {
                throw new LastErrorException(Native.getLastError());
            }
            if (n != value.length) {
                // cgroupfs takes a value whole or fails: a short write would be a new kind of kernel
                throw new LastErrorException(Errno.EIO);
            }
        } finally {
            Syscalls.Direct.close(file);
        }
    }

    /** Makes the directory {@code name} here, once this is known to be a cgroupfs. */
    void mkdir(String name) throws NotCgroupfs {
        requireName(name);
        requireCgroupfs(fd);
        if (Syscalls.Direct.mkdirat(fd, terminated(NameBytes.encode(name)), 0755) != 0) {
            throw new LastErrorException(Native.getLastError());
        }
    }

    /** Removes the directory {@code name} here, once this is known to be a cgroupfs. */
    void rmdir(String name) throws NotCgroupfs {
        requireName(name);
        requireCgroupfs(fd);
        if (Syscalls.Direct.unlinkat(fd, terminated(NameBytes.encode(name)), Syscalls.AT_REMOVEDIR) != 0) {
            throw new LastErrorException(Native.getLastError());
        }
    }

    private static void requireName(String name) {
        if (!Paths.isName(name)) {
            throw new IllegalArgumentException("not a cgroup name: \"" + io.cgscope.model.EscapedText.of(name) + "\"");
        }
    }

    /** f_type of the filesystem the descriptor is on, -1 when fstatfs fails. */
    private static long fsType(int fd) {
        Memory buf = BUFFERS.get().statfs;
        return Syscalls.Direct.fstatfs(fd, buf) == 0 ? buf.getLong(0) : -1;
    }

    private static void requireCgroupfs(int fd) throws NotCgroupfs {
        long type = fsType(fd);
        if (!FsType.isCgroupfs(type)) {
            throw new NotCgroupfs(type);
        }
    }

    /** Throws unless this directory is on a cgroupfs. */
    void requireCgroupfs() throws NotCgroupfs {
        requireCgroupfs(fd);
    }

    /**
     * The device of the filesystem this directory is on, as mountinfo writes it ("0:52"): the
     * identity of a cgroup hierarchy, so a write can tell the hierarchy it was meant for from
     * another cgroupfs mounted in its place.
     */
    String device() {
        try {
            return Targets.device(((Number) java.nio.file.Files.getAttribute(procPath(), "unix:dev")).longValue());
        } catch (java.io.IOException e) {
            throw new LastErrorException(Errno.ENOENT);
        }
    }

    /** {@code /proc/self/fd/N}: a path to this very directory, for APIs that take a Path. */
    Path procPath() {
        return Path.of("/proc/self/fd/" + fd);
    }

    @Override
    public void close() {
        Syscalls.Direct.close(fd);
    }

    /** {@code bytes} and a NUL, as the kernel takes a name. */
    static byte[] terminated(byte[] bytes) {
        return Arrays.copyOf(bytes, bytes.length + 1);
    }

    /** A file name given in code (ASCII), NUL-terminated. */
    static byte[] fileName(String ascii) {
        return terminated(ascii.getBytes(StandardCharsets.US_ASCII));
    }
}
