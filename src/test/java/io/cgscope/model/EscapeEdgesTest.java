package io.cgscope.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edges of the shown form and of names as bytes: the characters on either side of each
 * range (0x1f and 0x20, 0x7e to 0x80, U+DC7F to U+DD00), escapes cut short at the end of the
 * text, and a surrogate that stands for nothing. Expected values are written out as the kernel's
 * bytes and as a person reads them, not computed by the code under test.
 */
class EscapeEdgesTest {
    @ParameterizedTest
    @ValueSource(strings = {"a b", "~", "\u0080", "\u009f", "\u00a0", "\u00e9", "\u200e", "\u202e", "\u2066", "\ufeff",
            "\u0001", "\u001f", "\u007f", "\n", "a\\x41", "\\", "a\\", "\\\\", "\\x", "\\xzz", "\\u12", "\\u12g4",
            "\udc80", "\udcff", "\udc7f", "\ud83d\udc9c"})
    void escapingIsNeededExactlyWhenTheShownFormDiffersAndItReadsBack(String s) {
        String shown = EscapedText.of(s);
        assertEquals(!shown.equals(s), EscapedText.needsEscaping(s), "shown as " + shown);
        assertEquals(s, EscapedText.unescape(shown));
    }

    @Test
    void theCharactersAtTheEdgesOfEachRangeAreShownAsAPersonReadsThem() {
        assertEquals("a b", EscapedText.of("a b"), "a space is text");
        assertEquals("\\x1f", EscapedText.of("\u001f"));
        assertEquals("~", EscapedText.of("~"));
        assertEquals("\\x7f", EscapedText.of("\u007f"));
        assertEquals("\\x80", EscapedText.of("\udc80"), "the byte 0x80 that is not UTF-8");
        assertEquals("\\xff", EscapedText.of("\udcff"));
        assertEquals("\\u200e", EscapedText.of("\u200e"), "a direction mark cannot hide");
        assertEquals("\u00e9", EscapedText.of("\u00e9"));
    }

    @Test
    void anEscapeReadsBackToItsValueAndOneCutShortToItself() {
        assertEquals("\u001b[0m", EscapedText.unescape("\\x1b[0m"));
        assertEquals("\u00ad", EscapedText.unescape("\\u00ad"));
        assertEquals("\udcfe", EscapedText.unescape("\\xfe"));
        assertEquals("x\\", EscapedText.unescape("x\\"), "a backslash at the end");
        assertEquals("\\x4", EscapedText.unescape("\\x4"), "one hex digit");
        assertEquals("\\u00a", EscapedText.unescape("\\u00a"), "three hex digits");
        assertEquals("\\x41", EscapedText.unescape("\\x41"), "a printable byte is never escaped, so never read as one");
    }

    @Test
    void eachLineOfAMessageIsEscapedOnItsOwn() {
        assertEquals("cannot remove /a\\x1b:\nDevice or resource busy",
                EscapedText.ofLines("cannot remove /a\u001b:\nDevice or resource busy"));
        assertEquals("\\x01", EscapedText.ofLines("\u0001"));
    }

    @Test
    void aNameIsEncodableWhenEverySurrogateIsHalfAPairOrAByte() {
        assertTrue(NameBytes.encodable("plain"));
        assertTrue(NameBytes.encodable("\ud83d\udc9c"), "U+1F49C, a pair");
        assertTrue(NameBytes.encodable("a\udc80\udcff"), "bytes that are not UTF-8");
        assertFalse(NameBytes.encodable("\ud83d"), "a high surrogate alone at the end");
        assertFalse(NameBytes.encodable("\ud83da"), "a high surrogate before a letter");
        assertFalse(NameBytes.encodable("\udc7f"), "a low surrogate below the bytes' range");
        assertFalse(NameBytes.encodable("\udd00"), "a low surrogate above it");
        assertFalse(NameBytes.encodable("a\ud83d\ud83d\udc9c"), "a high surrogate before a pair");
    }

    @Test
    void theFirstCharactersBeyondAsciiAreEncodedAsUtf8() {
        assertArrayEquals(new byte[] {(byte) 0xc2, (byte) 0x80}, NameBytes.encode("\u0080"));
        assertArrayEquals(new byte[] {'a', 0x7f}, NameBytes.encode("a\u007f"));
        assertArrayEquals(new byte[] {'a', (byte) 0x80, 'b', (byte) 0xc3, (byte) 0xa9}, NameBytes.encode("a\udc80b\u00e9"));
    }

    @Test
    void aNameDecodedFromTheMiddleOfABufferHoldsThoseBytesOnly() {
        byte[] dirents = {(byte) 0xff, 'w', 'e', 'b', (byte) 0xc3, (byte) 0xa9, 0, (byte) 0xfe};
        assertEquals("web", NameBytes.decode(dirents, 1, 4));
        assertEquals("web\u00e9", NameBytes.decode(dirents, 1, 6));
        assertEquals("\u00e9", NameBytes.decode(dirents, 4, 6));
        assertEquals("b\udcc3", NameBytes.decode(dirents, 3, 5), "a sequence cut by the end of the name");
        assertEquals("", NameBytes.decode(dirents, 3, 3));
    }
}
