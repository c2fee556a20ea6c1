package io.cgscope.model;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Names as bytes, and how they are shown: every name back to its exact bytes. */
class EscapedTextTest {
    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    @Test
    void aByteThatIsNotUtf8IsKeptAndShownAsHex() {
        byte[] name = bytes('a', 0xff, 'b', 0xc3); // 0xc3 starts a sequence that never ends
        String kept = NameBytes.decode(name);
        assertArrayEquals(name, NameBytes.encode(kept));
        assertEquals("a\\xffb\\xc3", EscapedText.of(kept));
        assertEquals(kept, EscapedText.unescape(EscapedText.of(kept)));
    }

    @Test
    void aCharacterAboveTheBmpIsNotMistakenForAnEscapedByte() {
        String heart = "\uD83D\uDC9C"; // U+1F49C, whose second half lies where escaped bytes do
        byte[] utf8 = heart.getBytes(StandardCharsets.UTF_8);
        assertEquals(heart, NameBytes.decode(utf8));
        assertArrayEquals(utf8, NameBytes.encode(heart));
        assertSame(heart, EscapedText.of(heart));
    }

    @Test
    void aMessageKeepsItsOwnLineBreaksWhileEachLineIsEscaped() {
        String message = "About to remove /esc\u001b[31mRED\n\nin name=demo (v1).";
        assertEquals("About to remove /esc\\x1b[31mRED\n\nin name=demo (v1).", EscapedText.ofLines(message));
        assertEquals("one\ntwo", EscapedText.ofLines("one\ntwo"), "lines that need nothing stay as they are");
        assertEquals("\n/a\\x0d", EscapedText.ofLines("\n/a\r"), "a leading empty line is kept");
    }

    @Test
    void controlAndDirectionCharactersAreEscapedAndTextNeedingNoneIsShownAsItIs() {
        assertEquals("esc\\x1b[31mRED", EscapedText.of("esc\u001b[31mRED"));
        assertEquals("evil\\u202etxt.exe", EscapedText.of("evil\u202etxt.exe"));
        String systemd = "dev-disk-by\\x2duuid.device";
        assertSame(systemd, EscapedText.of(systemd), "systemd's \\x2d is printable ASCII, never an escape");
        assertEquals(systemd, EscapedText.unescape(systemd));
    }

    @Test
    void aBackslashThatWouldReadAsAnEscapeMakesTheStringEscaped() {
        String literal = "a\\xffb"; // four ASCII characters, not a byte
        String shown = EscapedText.of(literal);
        assertEquals("a\\\\xffb", shown);
        assertEquals(literal, EscapedText.unescape(shown));
        assertEquals("a\\xffb", EscapedText.of(NameBytes.decode(bytes('a', 0xff, 'b'))),
                "the byte itself reads differently from the literal text");
    }
}
