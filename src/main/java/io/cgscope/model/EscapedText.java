package io.cgscope.model;

/**
 * How cgroup names and paths are shown: in text output, in JSON and in the window. A name may hold
 * any byte but '/' and NUL; shown raw, a control character moves a terminal's cursor or colours it
 * ({@code esc\033[31mRED}), and a byte that is not UTF-8 cannot be shown at all.
 *
 * <p>A string that needs nothing escaped is shown as it is, so systemd's own {@code \x2d} in unit
 * names stays as systemd writes it. Otherwise, in the shown form:
 * <ul>
 * <li>{@code \xNN} (two lower-case hex digits) is a byte that is not part of valid UTF-8
 *     ({@code 80} to {@code ff}), or a C0 control character or DEL ({@code 00} to {@code 1f},
 *     {@code 7f});</li>
 * <li><code>&#92;uNNNN</code> is a C1 control character (U+0080 to U+009F), a line or paragraph
 *     separator, or a character that reorders text (bidirectional marks, embeddings, overrides
 *     and isolates);</li>
 * <li>{@code \\} is one backslash: once a string is escaped, every backslash in it is doubled.</li>
 * </ul>
 * A string whose own text would read as one of these escapes ({@code \\}, {@code \x} before two
 * hex digits that are not a printable ASCII character, <code>&#92;u</code> before four hex digits) is
 * escaped too. So one rule reads every shown string back: {@code \\}, {@code \xNN} and
 * <code>&#92;uNNNN</code> as above, any other backslash as itself. {@code \x2d} can never be an escape:
 * a printable ASCII character is never escaped.
 */
public final class EscapedText {
    /** The rule in one sentence, for the JSON documents that carry shown names. */
    public static final String RULE = "Names and paths are UTF-8 text, shown as they are unless one holds a byte that "
            + "is not UTF-8, a control character, or a backslash that would read as an escape; such a string is "
            + "escaped: \\xNN is that byte (80-ff) or control character (00-1f, 7f), \\uNNNN a C1 control or "
            + "text-direction character, \\\\ a backslash; any other backslash is itself.";

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private EscapedText() {
    }

    /** {@code s} as shown; {@code s} itself when nothing in it needs escaping. */
    public static String of(String s) {
        if (s == null || !needsEscaping(s)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int b = NameBytes.escapedByteAt(s, i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (b >= 0) {
                appendByte(out, b);
            } else if (c < 0x20 || c == 0x7f) {
                appendByte(out, c);
            } else if (isHidden(c)) {
                out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
                        .append(HEX[c & 0xf]);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A message of several lines as shown: each line escaped on its own, so the message keeps its
     * own line breaks while a name inside it cannot add one.
     */
    public static String ofLines(String s) {
        if (s == null || s.indexOf('\n') < 0) {
            return of(s);
        }
        String[] lines = s.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            lines[i] = of(lines[i]);
        }
        return String.join("\n", lines);
    }

    /** True when {@link #of} changes {@code s}. */
    public static boolean needsEscaping(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
            if (c >= 0x80 && (NameBytes.escapedByteAt(s, i) >= 0 || isHidden(c))) {
                return true;
            }
            if (c == '\\' && escapeAt(s, i) != null) {
                return true;
            }
        }
        return false;
    }

    /** The string a shown form stands for: the inverse of {@link #of}. */
    public static String unescape(String shown) {
        if (shown.indexOf('\\') < 0) {
            return shown;
        }
        StringBuilder out = new StringBuilder(shown.length());
        int i = 0;
        while (i < shown.length()) {
            char c = shown.charAt(i);
            Escape e = c == '\\' ? escapeAt(shown, i) : null;
            if (e == null) {
                out.append(c);
                i++;
            } else {
                out.append(e.value);
                i += e.length;
            }
        }
        return out.toString();
    }

    /** What the escape at {@code i} stands for and how long it is. */
    private record Escape(char value, int length) {
    }

    private static Escape escapeAt(String s, int i) {
        if (i + 1 >= s.length()) {
            return null;
        }
        char kind = s.charAt(i + 1);
        if (kind == '\\') {
            return new Escape('\\', 2);
        }
        if (kind == 'x') {
            int b = hex(s, i + 2, 2);
            if (b < 0 || (b >= 0x20 && b < 0x7f)) {
                return null;
            }
            return new Escape(b >= 0x80 ? (char) ('\uDC00' + b) : (char) b, 4);
        }
        if (kind == 'u') {
            int u = hex(s, i + 2, 4);
            return u < 0 ? null : new Escape((char) u, 6);
        }
        return null;
    }

    private static int hex(String s, int from, int digits) {
        if (from + digits > s.length()) {
            return -1;
        }
        int v = 0;
        for (int k = from; k < from + digits; k++) {
            char c = s.charAt(k);
            int d = c < 0x80 ? Character.digit(c, 16) : -1; // ASCII hex digits only
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    /** C1 controls, line and paragraph separators, and the characters that reorder shown text. */
    private static boolean isHidden(char c) {
        return (c >= 0x80 && c <= 0x9f) || c == '\u061c' || c == '\u200e' || c == '\u200f'
                || (c >= '\u2028' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }

    private static void appendByte(StringBuilder out, int b) {
        out.append("\\x").append(HEX[b >> 4]).append(HEX[b & 0xf]);
    }
}
