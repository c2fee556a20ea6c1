package io.cgscope.model;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The recorder's log read back: paths with any byte, records still being written, records cut short. */
class AgentLogTest {
    private static byte[] log(String... records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String r : records) {
            out.writeBytes(r.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void aPathWithSpacesQuotesCommandsAndANewlineIsReadBackExactly() {
        String hostile = "/a b/'q\"/$(touch /tmp/x)\nnext/\u00e9";
        // 32 bytes: the é is two
        byte[] bytes = log("2026-12-01T06:30:49.555Z 0:42 32 " + hostile + "\n",
                "2026-12-01T06:30:49.601Z 0:43 2 /b\n");
        AgentLog.Parsed p = AgentLog.parse(bytes);
        assertEquals(List.of(new AgentCall(Instant.parse("2026-12-01T06:30:49.555Z"), "0:42", hostile),
                new AgentCall(Instant.parse("2026-12-01T06:30:49.601Z"), "0:43", "/b")), p.calls());
        assertEquals(bytes.length, p.next());
        assertEquals(0, p.torn());
    }

    @Test
    void bytesThatAreNotUtf8AreKeptAsTheModelKeepsNames() {
        byte[] bytes = log("2026-12-01T06:30:49.555Z 0:42 3 /a");
        byte[] withFf = new byte[bytes.length + 2];
        System.arraycopy(bytes, 0, withFf, 0, bytes.length);
        withFf[bytes.length] = (byte) 0xff;
        withFf[bytes.length + 1] = '\n';
        AgentCall call = AgentLog.parse(withFf).calls().get(0);
        assertEquals("/a\\xff", EscapedText.of(call.path()));
    }

    @Test
    void aRecordStillBeingWrittenIsLeftForTheNextRead() {
        byte[] bytes = log("2026-12-01T06:30:49.555Z 0:42 2 /a\n", "2026-12-01T06:30:49.556Z 0:42 4 /a\nb");
        AgentLog.Parsed p = AgentLog.parse(bytes);
        assertEquals(1, p.calls().size());
        assertEquals(35, p.next(), "the second record starts after the first's 35 bytes");
        assertEquals(0, p.torn());
    }

    @Test
    void aRecordCutShortIsSkippedAndCountedAndTheNextOneIsRead() {
        // a write cut short by a full disk, then the next call's record right behind it
        byte[] bytes = log("2026-12-01T06:30:49.555Z 0:42 10 /abc",
                "2026-12-01T06:30:49.556Z 0:42 2 /b\n", "2026-12-01T06:30:49.557Z 0:42 2 /c\n");
        AgentLog.Parsed p = AgentLog.parse(bytes);
        assertEquals(List.of("/b", "/c"), p.calls().stream().map(AgentCall::path).toList());
        assertEquals(1, p.torn());
        assertEquals(bytes.length, p.next());
    }

    @Test
    void aLineThatIsNoRecordIsCountedOnce() {
        byte[] bytes = log("garbage with spaces and words\n", "2026-12-01T06:30:49.557Z 0:42 2 /c\n");
        AgentLog.Parsed p = AgentLog.parse(bytes);
        assertEquals(List.of("/c"), p.calls().stream().map(AgentCall::path).toList());
        assertEquals(1, p.torn());
    }

    @Test
    void aCallWithoutATimeIsStillACall() {
        AgentCall call = AgentLog.parse(log("- 0:42 2 /a\n")).calls().get(0);
        assertNull(call.time());
        assertEquals("/a", call.path());
    }

    @Test
    void readingGoesOnWhereItStopped() {
        byte[] bytes = log("2026-12-01T06:30:49.555Z 0:42 2 /a\n", "2026-12-01T06:30:49.556Z 0:42 2 /b\n");
        AgentLog.Parsed first = AgentLog.parse(bytes, 0, 20);
        assertEquals(List.of(), first.calls());
        AgentLog.Parsed rest = AgentLog.parse(bytes, first.next(), bytes.length);
        assertEquals(List.of("/a", "/b"), rest.calls().stream().map(AgentCall::path).toList());
    }
}
