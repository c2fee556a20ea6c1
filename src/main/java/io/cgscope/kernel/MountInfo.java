package io.cgscope.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Parses mountinfo files; the path is a parameter so that tests hand in their own. */
public final class MountInfo {
    public static final Path SELF = Path.of("/proc/self/mountinfo");

    private MountInfo() {
    }

    public static List<MountEntry> read(Path mountinfo) throws IOException {
        List<MountEntry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(mountinfo)) {
            MountEntry e = parseLine(line);
            if (e != null) {
                entries.add(e);
            }
        }
        return entries;
    }

    /** Returns null for a line that is not of the documented shape. */
    static MountEntry parseLine(String line) {
        String[] f = line.trim().split(" ");
        int dash = Arrays.asList(f).indexOf("-");
        if (dash < 6 || f.length < dash + 4) {
            return null;
        }
        try {
            return new MountEntry(Integer.parseInt(f[0]), f[2], unescape(f[3]), Path.of(unescape(f[4])),
                    f[dash + 1], Arrays.asList(f[dash + 3].split(",")));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The kernel writes space, tab, newline and backslash in paths as \040, \011, \012 and \134. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() + 0 && isOctal(s, i + 1)) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
