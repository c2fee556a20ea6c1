package io.cgscope.testkit;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Cgroups named with any bytes the kernel allows, made and filled from the test: Java's own file
 * API spells a name through the locale's charset and cannot name a directory whose bytes are not
 * valid in it. The paths here are the hierarchy's directory (ASCII, made by the test kit) and the
 * names' exact bytes.
 */
public final class ByteNames {
    private interface Libc extends Library {
        Libc INSTANCE = Native.load("libc.so.6", Libc.class);

        int mkdir(byte[] path, int mode);

        int open(byte[] path, int flags);

        long write(int fd, byte[] buf, long count);

        int close(int fd);
    }

    private static final int O_WRONLY = 1;

    private ByteNames() {
    }

    /** {@code dir} followed by each name, '/'-separated, NUL-terminated. */
    public static byte[] path(Path dir, List<byte[]> names) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(dir.toString().getBytes(StandardCharsets.US_ASCII));
        for (byte[] n : names) {
            out.write('/');
            out.writeBytes(n);
        }
        out.write(0);
        return out.toByteArray();
    }

    public static void mkdir(Path dir, List<byte[]> names) throws IOException {
        if (Libc.INSTANCE.mkdir(path(dir, names), 0755) != 0) {
            throw new IOException("mkdir failed: errno " + Native.getLastError());
        }
    }

    /** Moves {@code pid} into the cgroup {@code names} below {@code dir}. */
    public static void moveInto(Path dir, List<byte[]> names, long pid) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        byte[] cgroup = path(dir, names);
        file.write(cgroup, 0, cgroup.length - 1);
        file.writeBytes("/cgroup.procs".getBytes(StandardCharsets.US_ASCII));
        file.write(0);
        int fd = Libc.INSTANCE.open(file.toByteArray(), O_WRONLY);
        if (fd < 0) {
            throw new IOException("open cgroup.procs failed: errno " + Native.getLastError());
        }
        try {
            byte[] value = Long.toString(pid).getBytes(StandardCharsets.US_ASCII);
            if (Libc.INSTANCE.write(fd, value, value.length) != value.length) {
                throw new IOException("moving " + pid + " failed: errno " + Native.getLastError());
            }
        } finally {
            Libc.INSTANCE.close(fd);
        }
    }
}
