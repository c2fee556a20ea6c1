package io.cgscope.kernel;

import io.cgscope.model.NameBytes;
import io.cgscope.model.Pids;

import com.sun.jna.LastErrorException;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the small text files of cgroupfs: flags, lines, id lists, key-value lists. A file that
 * cannot be read while its cgroup still exists is unknown (null); a cgroup that went away
 * mid-read is {@link Vanished}.
 */
final class CgroupFileText {
    /** A cgroup's directory disappeared under the reader: a normal race, not an error. */
    static final class Vanished extends Exception {
        Vanished() {
            super(null, null, false, false);
        }
    }

    Boolean readFlag(CgroupDir dir, byte[] file) throws Vanished {
        // A flag file prints one short number: its first read(2) holds all of it, so the
        // second read that would only confirm EOF is skipped (a third of the reads of a snapshot).
        byte[] b = read(dir, file, false);
        if (b == null) {
            return null;
        }
        int i = 0;
        while (i < b.length && Character.isWhitespace(b[i])) {
            i++;
        }
        return i < b.length ? b[i] != '0' : null;
    }

    String readLine(CgroupDir dir, byte[] file) throws Vanished {
        byte[] b = read(dir, file);
        return b == null ? null : NameBytes.decode(b).strip();
    }

    Map<String, String> readKeyValues(CgroupDir dir, byte[] file) throws Vanished {
        String s = readLine(dir, file);
        if (s == null) {
            return null;
        }
        Map<String, String> m = new HashMap<>();
        for (String line : s.split("\n")) {
            int sp = line.indexOf(' ');
            if (sp > 0) {
                m.put(line.substring(0, sp), line.substring(sp + 1).trim());
            }
        }
        return m;
    }

    Pids readIds(CgroupDir dir, byte[] file) throws Vanished {
        byte[] b = read(dir, file);
        if (b == null) {
            return null;
        }
        int[] ids = new int[8];
        int n = 0;
        int value = -1;
        for (byte c : b) {
            if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
            } else if (value >= 0) {
                if (n == ids.length) {
                    ids = Arrays.copyOf(ids, n * 2);
                }
                ids[n++] = value;
                value = -1;
            }
        }
        if (value >= 0) {
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, n + 1);
            }
            ids[n++] = value;
        }
        return Pids.ofUnsorted(ids, n);
    }

    /** The file's bytes, null when permission is denied; Vanished when the cgroup is gone. */
    byte[] read(CgroupDir dir, byte[] file) throws Vanished {
        return read(dir, file, true);
    }

    private byte[] read(CgroupDir dir, byte[] file, boolean untilEof) throws Vanished {
        // openat of the file's name on the cgroup's descriptor, O_NOFOLLOW, into a reused native
        // buffer: cgroupfs files report size 0 and are short.
        try {
            return dir.read(file, untilEof);
        } catch (LastErrorException e) {
            // ENOENT, EACCES and ENODEV all end here: whether the cgroup is still there tells a
            // cgroup that vanished from a file that cannot be read.
            if (!dir.stillThere()) {
                throw new Vanished();
            }
            return null;
        }
    }
}
