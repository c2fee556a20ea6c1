package io.cgscope.kernel;

import io.cgscope.model.NameBytes;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The exact bytes of a Path. A Path the JDK made from the kernel's bytes (a directory entry, a
 * WatchService event's name) keeps them, but its String may not: the JDK decodes it with the
 * locale's charset ({@code sun.jnu.encoding}), so under a C locale every non-ASCII byte reads as
 * U+FFFD, and under UTF-8 so does every byte that is not valid UTF-8. Its URI carries the bytes,
 * percent-encoded.
 */
public final class PathBytes {
    private static final Charset JNU = jnuCharset();

    private PathBytes() {
    }

    public static byte[] of(Path p) {
        String s = p.toString();
        if (exact(s)) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        String raw = p.toAbsolutePath().toUri().getRawPath();
        if (raw.length() > 1 && raw.endsWith("/") && !s.endsWith("/")) {
            raw = raw.substring(0, raw.length() - 1); // toUri marks an existing directory so
        }
        byte[] all = percentDecoded(raw);
        if (p.isAbsolute()) {
            return all;
        }
        // toUri made it absolute: keep the trailing elements that are p's own
        int slashes = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '/') {
                slashes++;
            }
        }
        int from = all.length;
        for (int seen = 0; from > 0; from--) {
            if (all[from - 1] == '/' && ++seen > slashes) {
                break;
            }
        }
        return java.util.Arrays.copyOfRange(all, from, all.length);
    }

    /** The name of a one-element Path (a directory entry) as the model keeps it: see {@link NameBytes}. */
    public static String name(Path p) {
        String s = p.toString();
        return exact(s) ? s : NameBytes.decode(of(p));
    }

    /**
     * True when the JDK's String is the UTF-8 decoding of the bytes: ASCII is the same in every
     * charset the JDK takes for a locale; beyond it only a UTF-8 locale decodes as the model does,
     * and only where no byte was replaced.
     */
    private static boolean exact(String s) {
        boolean ascii = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\uFFFD') {
                return false;
            }
            if (c >= 0x80) {
                ascii = false;
            }
        }
        return ascii || StandardCharsets.UTF_8.equals(JNU);
    }

    private static byte[] percentDecoded(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static Charset jnuCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (RuntimeException e) {
            return StandardCharsets.US_ASCII;
        }
    }
}
