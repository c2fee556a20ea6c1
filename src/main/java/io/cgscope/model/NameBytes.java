package io.cgscope.model;

import java.nio.charset.StandardCharsets;

/**
 * Cgroup names are bytes: the kernel allows any byte but '/' and NUL, valid UTF-8 or not. The
 * model keeps them in Strings without loss, as Python's {@code surrogateescape} does: valid UTF-8
 * is decoded as usual, and each byte that is not part of valid UTF-8 becomes the lone surrogate
 * U+DC80 + (byte - 0x80), which valid UTF-8 never decodes to (surrogates cannot be encoded in
 * it). {@link #encode} turns such a String back into the exact bytes.
 */
public final class NameBytes {
    private static final char ESCAPE_BASE = '\uDC00';

    private NameBytes() {
    }

    /** The String that stands for {@code bytes[from, to)}. */
    public static String decode(byte[] bytes, int from, int to) {
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            int b = bytes[i] & 0xff;
            int n = sequenceLength(bytes, i, to);
            if (n == 0) {
                out.append((char) (ESCAPE_BASE + b));
                i++;
            } else if (n == 1) {
                out.append((char) b);
                i++;
            } else {
                out.append(new String(bytes, i, n, StandardCharsets.UTF_8));
                i += n;
            }
        }
        return out.toString();
    }

    public static String decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /**
     * The length of the well-formed UTF-8 sequence at {@code i} (RFC 3629: no overlong forms, no
     * surrogates, nothing above U+10FFFF), or 0 when the byte there does not start one.
     */
    private static int sequenceLength(byte[] b, int i, int to) {
        int c = b[i] & 0xff;
        if (c < 0x80) {
            return 1;
        }
        int n;
        int lo = 0x80;
        int hi = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) {
            n = 2;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 3;
            if (c == 0xe0) {
                lo = 0xa0;
            } else if (c == 0xed) {
                hi = 0x9f;
            }
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 4;
            if (c == 0xf0) {
                lo = 0x90;
            } else if (c == 0xf4) {
                hi = 0x8f;
            }
        } else {
            return 0;
        }
        if (i + n > to) {
            return 0;
        }
        int second = b[i + 1] & 0xff;
        if (second < lo || second > hi) {
            return 0;
        }
        for (int k = 2; k < n; k++) {
            int cont = b[i + k] & 0xff;
            if (cont < 0x80 || cont > 0xbf) {
                return 0;
            }
        }
        return n;
    }

    /**
     * The byte that the char at {@code i} stands for, or -1: a lone low surrogate U+DC80 to
     * U+DCFF. The same chars are also the second half of many characters above U+FFFF (U+1F49C
     * is D83D DC9C): after a high surrogate, they are that.
     */
    public static int escapedByteAt(CharSequence s, int i) {
        char c = s.charAt(i);
        if (c < '\uDC80' || c > '\uDCFF' || (i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
            return -1;
        }
        return c - ESCAPE_BASE;
    }

    /**
     * True when {@code s} can be turned into bytes: every surrogate is either half of a pair or
     * stands for a byte. Text typed by a person always can; other lone surrogates cannot.
     */
    public static boolean encodable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c) && escapedByteAt(s, i) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The exact bytes {@code s} stands for; see {@link #decode}. */
    public static byte[] encode(String s) {
        boolean plain = true;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                plain = false;
                break;
            }
        }
        if (plain) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length() + 8);
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++; // a character above U+FFFF, encoded with the text around it
                continue;
            }
            int b = escapedByteAt(s, i);
            if (b >= 0) {
                out.writeBytes(s.substring(start, i).getBytes(StandardCharsets.UTF_8));
                out.write(b);
                start = i + 1;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("not a name: a lone surrogate U+"
                        + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT));
            }
        }
        out.writeBytes(s.substring(start).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** The number of bytes {@code s} stands for. */
    public static int length(String s) {
        return encode(s).length;
    }
}
