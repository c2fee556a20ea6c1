package io.cgscope.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Random cgroup names: 1 to 255 bytes, any but '/' and NUL, never "." or "..", and no newline
 * (cgroup_mkdir refuses one with EINVAL, so that /proc/PID/cgroup stays one line each). A third are
 * arbitrary bytes (mostly not UTF-8), a third UTF-8 text from many scripts with control and
 * text-direction characters, a third ASCII with backslashes that read like escapes.
 */
final class RandomNames {
    private static final String[] TRICKY = {"\\x2d", "\\xff", "\\x1b", "\\\\", "\\u202e", "\\u00", "\\", "\u001b[31m",
        "\u007f", "\r", "\t", "%ff", "?", " "};
    private static final int[][] SCRIPTS = {{0x20, 0x7e}, {0x80, 0x9f}, {0xa0, 0x24f}, {0x370, 0x3ff}, {0x400, 0x4ff},
        {0x590, 0x6ff}, {0x2000, 0x206f}, {0x3040, 0x30ff}, {0x4e00, 0x4fff}, {0xfff0, 0xfffd}, {0x1f300, 0x1f6ff}};

    private RandomNames() {
    }

    static byte[] next(Random r) {
        while (true) {
            int length = 1 + r.nextInt(r.nextBoolean() ? 16 : 255);
            byte[] name = switch (r.nextInt(3)) {
                case 0 -> bytes(r, length);
                case 1 -> text(r, length);
                default -> tricky(r, length);
            };
            if (name.length > 0 && !(name.length == 1 && name[0] == '.')
                    && !(name.length == 2 && name[0] == '.' && name[1] == '.')) {
                return name;
            }
        }
    }

    private static byte[] bytes(Random r, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            int v;
            do {
                v = 1 + r.nextInt(255);
            } while (v == '/' || v == '\n');
            b[i] = (byte) v;
        }
        return b;
    }

    private static byte[] text(Random r, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int[] range = SCRIPTS[r.nextInt(SCRIPTS.length)];
            int cp = range[0] + r.nextInt(range[1] - range[0] + 1);
            if (cp == '/' || cp == '\n') {
                continue;
            }
            byte[] c = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            if (out.size() + c.length > length) {
                return out.size() == 0 ? new byte[] {'x'} : out.toByteArray();
            }
            out.writeBytes(c);
        }
    }

    private static byte[] tricky(Random r, int length) {
        StringBuilder s = new StringBuilder();
        while (s.length() < length) {
            s.append(r.nextInt(3) == 0 ? TRICKY[r.nextInt(TRICKY.length)] : (char) ('a' + r.nextInt(26)));
        }
        return s.substring(0, length).getBytes(StandardCharsets.UTF_8);
    }
}
