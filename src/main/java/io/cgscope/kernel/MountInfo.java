package io.cgscope.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses mountinfo files; the path is a parameter so that tests hand in their own.
 *
 * <p>The file is bytes, not text: the kernel writes a mount point as the bytes of its name, and a
 * name may be any bytes but {@code /} and NUL, so one mount with a name that is not UTF-8 anywhere
 * on the machine would make a decoder of the whole file fail. Each line is split into fields as
 * bytes; only then are the fields decoded, each on its own. Paths are decoded with the charset the
 * JVM turns file names into bytes with ({@code sun.jnu.encoding}, from the locale): a name that
 * charset cannot decode is a name no {@link Path} of this JVM can hold, and such a mount is kept
 * with a null path, so that it is recognisably unreachable rather than silently dropped.
 */
public final class MountInfo {
    public static final Path SELF = Path.of("/proc/self/mountinfo");
    private static final Charset FILE_NAMES = fileNameCharset();

    private MountInfo() {
    }

    public static List<MountEntry> read(Path mountinfo) throws IOException {
        byte[] all = Files.readAllBytes(mountinfo);
        List<MountEntry> entries = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= all.length; i++) {
            if (i == all.length || all[i] == '\n') {
                MountEntry e = parseLine(Arrays.copyOfRange(all, start, i));
                if (e != null) {
                    entries.add(e);
                }
                start = i + 1;
            }
        }
        return entries;
    }

    /** Returns null for a line that is not of the documented shape. */
    static MountEntry parseLine(byte[] line) {
        List<byte[]> f = split(line, (byte) ' ');
        int dash = -1;
        for (int i = 6; i < f.size() && dash < 0; i++) {
            if (f.get(i).length == 1 && f.get(i)[0] == '-') {
                dash = i;
            }
        }
        if (dash < 0 || f.size() < dash + 4) {
            return null;
        }
        try {
            byte[] mountPoint = unescape(f.get(4));
            String root = fileName(unescape(f.get(3)));
            String point = fileName(mountPoint);
            List<String> options = new ArrayList<>();
            // the kernel escapes a comma inside an option's value (\054), so a raw comma separates options
            for (byte[] option : split(f.get(dash + 3), (byte) ',')) {
                options.add(text(unescape(option)));
            }
            return new MountEntry(Integer.parseInt(ascii(f.get(0))), ascii(f.get(2)), root,
                    point == null ? null : path(point), text(mountPoint), ascii(f.get(dash + 1)), options);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static List<byte[]> split(byte[] line, byte separator) {
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= line.length; i++) {
            if (i == line.length || line[i] == separator) {
                if (i > start) {
                    parts.add(Arrays.copyOfRange(line, start, i));
                }
                start = i + 1;
            }
        }
        return parts;
    }

    /**
     * The kernel writes some bytes of a field as a backslash and three octal digits: space, tab,
     * newline and backslash in paths ({@code \040 \011 \012 \134}), and in option values also the
     * comma and the equals sign ({@code \054 \075}). Any such sequence is one byte.
     */
    static byte[] unescape(byte[] s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(s.length);
        for (int i = 0; i < s.length; i++) {
            if (s[i] == '\\' && isOctal(s, i + 1)) {
                b.write((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0'));
                i += 3;
            } else {
                b.write(s[i]);
            }
        }
        return b.toByteArray();
    }

    private static boolean isOctal(byte[] s, int from) {
        if (from + 3 > s.length || s[from] > '3') {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s[i] < '0' || s[i] > '7') {
                return false;
            }
        }
        return true;
    }

    /** The bytes as a file name of this JVM, or null when its file-name charset cannot decode them. */
    private static String fileName(byte[] bytes) {
        try {
            return FILE_NAMES.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Path path(String name) {
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** UTF-8 where the bytes are UTF-8; each other byte as {@code \xNN}, so nothing is lost from sight. */
    static String text(byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length * 4);
        while (true) {
            CoderResult r = d.decode(in, out, true);
            if (r.isUnderflow()) {
                break;
            }
            for (int i = 0; i < r.length(); i++) {
                out.put(String.format("\\x%02x", in.get() & 0xff));
            }
        }
        d.flush(out);
        return out.flip().toString();
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static Charset fileNameCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }
}
