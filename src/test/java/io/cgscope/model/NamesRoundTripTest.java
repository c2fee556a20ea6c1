package io.cgscope.model;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Names as bytes and as shown, held to oracles that are not the code under test: the JDK's strict
 * UTF-8 decoder says which bytes are valid UTF-8, and the shown form must read back to the same
 * name. The inputs are every one- and two-byte string, every lead byte followed by the bytes UTF-8
 * treats differently, and many random ones (fixed seeds: a failure repeats).
 */
class NamesRoundTripTest {
    /** The bytes UTF-8 treats differently: ASCII, continuation, every kind of lead, and the never-valid. */
    private static final int[] EDGES = {0x00, 0x2f, 0x41, 0x5c, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1,
            0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xf7, 0xf8, 0xfe, 0xff};

    @Test
    void everyByteStringSurvivesTheRoundTripAndIsEscapedExactlyWhenItIsNotUtf8() {
        for (int a = 0; a < 256; a++) {
            check(new byte[] {(byte) a});
            for (int b = 0; b < 256; b++) {
                check(new byte[] {(byte) a, (byte) b});
            }
        }
        for (int lead = 0xc0; lead < 0x100; lead++) {
            for (int second : EDGES) {
                for (int third : EDGES) {
                    check(new byte[] {(byte) lead, (byte) second, (byte) third});
                    for (int fourth : lead >= 0xf0 ? EDGES : new int[0]) {
                        check(new byte[] {(byte) lead, (byte) second, (byte) third, (byte) fourth});
                    }
                }
            }
        }
        Random random = new Random(20261201);
        for (int n = 0; n < 50_000; n++) {
            byte[] b = new byte[random.nextInt(12)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (random.nextBoolean() ? EDGES[random.nextInt(EDGES.length)] : random.nextInt(256));
            }
            check(b);
        }
    }

    /** The byte round trip, validity as the JDK judges it, and the shown form read back. */
    private static void check(byte[] bytes) {
        String kept = NameBytes.decode(bytes);
        assertArrayEquals(bytes, NameBytes.encode(kept), () -> hex(bytes));
        assertEquals(bytes.length, NameBytes.length(kept), () -> hex(bytes));
        String strict = strictUtf8(bytes);
        if (strict != null) {
            assertEquals(strict, kept, () -> "valid UTF-8 decodes as the JDK decodes it: " + hex(bytes));
        } else {
            assertTrue(anyEscapedByte(kept), () -> "bytes that are not UTF-8 keep at least one escaped byte: " + hex(bytes));
        }
        String shown = EscapedText.of(kept);
        assertEquals(kept, EscapedText.unescape(shown), () -> "shown " + shown + " reads back: " + hex(bytes));
        assertEquals(!shown.equals(kept), EscapedText.needsEscaping(kept), () -> hex(bytes));
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < shown.length() && Character.isLowSurrogate(shown.charAt(i + 1))) {
                i++; // a character above U+FFFF, shown as it is
                continue;
            }
            assertTrue(c >= 0x20 && c != 0x7f && !(c >= 0x80 && c <= 0x9f) && !Character.isSurrogate(c),
                    () -> "nothing unshowable is shown: " + shown + " for " + hex(bytes));
        }
    }

    @Test
    void exactlyTheControlAndTextDirectionCharactersAreEscaped() {
        for (char c = 0x20; c < 0xd800; c++) {
            String s = "a" + c + "b";
            boolean hidden = c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x061c || c == 0x200e || c == 0x200f
                    || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
            String shown = EscapedText.of(s);
            assertEquals(hidden, !shown.equals(s), () -> "U+" + Integer.toHexString(s.charAt(1)) + " shown as " + shown);
            assertEquals(s, EscapedText.unescape(shown));
        }
        for (char c = 0; c < 0x20; c++) {
            assertEquals("a\\x" + String.format("%02x", (int) c) + "b", EscapedText.of("a" + c + "b"));
        }
        assertEquals("\\u202e", EscapedText.of("\u202e"));
        assertEquals("\\u0085", EscapedText.of("\u0085"));
    }

    @Test
    void aBackslashIsItselfUnlessItWouldReadAsAnEscape() {
        for (String plain : List.of("\\", "a\\", "\\q", "\\x2d", "\\x7e", "\\x20", "\\u12", "\\x4", "dev-disk-by\\x2duuid")) {
            assertEquals(plain, EscapedText.of(plain), plain);
            assertEquals(plain, EscapedText.unescape(plain), plain);
        }
        for (String looksEscaped : List.of("\\\\", "\\x1f", "\\x7f", "\\xff", "\\x80", "\\u0041", "a\\xFFb")) {
            String shown = EscapedText.of(looksEscaped);
            assertFalse(shown.equals(looksEscaped), looksEscaped + " must not read back as an escape");
            assertEquals(looksEscaped, EscapedText.unescape(shown));
        }
        Random random = new Random(7);
        String alphabet = "\\xu0123456789abfFA/\u0001\u00e9\u202e";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(9); i > 0; i--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String name = s.toString();
            assertEquals(name, EscapedText.unescape(EscapedText.of(name)), () -> "reads back: " + name);
        }
    }

    @Test
    void aPathIsCheckedNameByNameLikeItsComponents() {
        assertEquals(List.of(), Paths.components("/"));
        assertEquals(List.of("a", "b"), Paths.components("/a/b"));
        assertEquals(List.of("...", "..a", "a."), Paths.components("/.../..a/a."));
        String alphabet = "/.a\0";
        List<String> paths = new ArrayList<>();
        paths.add("");
        for (int length = 1; length <= 6; length++) {
            int[] digits = new int[length];
            for (int n = (int) Math.pow(alphabet.length(), length); n > 0; n--) {
                StringBuilder p = new StringBuilder();
                for (int d : digits) {
                    p.append(alphabet.charAt(d));
                }
                paths.add(p.toString());
                for (int i = 0; i < length && ++digits[i] == alphabet.length(); i++) {
                    digits[i] = 0;
                }
            }
        }
        for (String p : paths) {
            boolean valid;
            try {
                Paths.components(p);
                valid = true;
            } catch (IllegalArgumentException e) {
                valid = false;
            }
            if (valid) {
                assertDoesNotThrow(() -> Paths.requirePath(p), p);
                assertTrue(Paths.isWithin(p, "/"), p);
            } else {
                assertThrows(IllegalArgumentException.class, () -> Paths.requirePath(p), p.replace("\0", "\\0"));
                assertThrows(IllegalArgumentException.class, () -> Paths.isWithin(p, "/"), p.replace("\0", "\\0"));
                assertThrows(IllegalArgumentException.class, () -> Paths.isWithin("/a", p), p.replace("\0", "\\0"));
            }
        }
        for (String bad : List.of("", ".", "..", "a/b", "a\0")) {
            assertThrows(IllegalArgumentException.class, () -> Paths.child("/a", bad), bad);
        }
        assertEquals("/a/b", Paths.child("/a", "b"));
        assertFalse(Paths.isWithin("/ab", "/a"));
        assertFalse(Paths.isWithin("/a", "/a/b"));
        assertTrue(Paths.isWithin("/a/b", "/a"));
    }

    private static boolean anyEscapedByte(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (NameBytes.escapedByteAt(s, i) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The JDK's own judgement: the text of {@code bytes} when it is valid UTF-8, else null. */
    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("%02x ", b & 0xff));
        }
        return s.toString().trim();
    }
}
