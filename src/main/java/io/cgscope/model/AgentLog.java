package io.cgscope.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The recorder's log, read back: the one place that knows its format. Each call is one record,
 * written by one {@code printf} in one write(2):
 * <pre>
 * 2026-12-01T06:30:49.555Z 0:42 9 /a b/$(x)\n
 * ^time (UTC, ms, or "-") ^device ^length of the path in bytes, then one space, the path's bytes, "\n"
 * </pre>
 * The path is raw bytes and may hold spaces, quotes and newlines: the length says where it ends,
 * and the newline after it confirms the record. A record that does not hold together (a write cut
 * short by a full disk) is skipped up to the next record that does, and counted.
 */
public final class AgentLog {
    /** Records longer than this are not records: the kernel passes at most PATH_MAX bytes. */
    private static final int MAX_HEADER = 64;
    private static final int MAX_PATH = 4096;

    private AgentLog() {
    }

    /**
     * The records in {@code bytes[from, to)}.
     *
     * @param calls the whole records, in order
     * @param next  where reading goes on when more bytes come: the start of a record not yet whole
     * @param torn  byte runs skipped because they were no record
     */
    public record Parsed(List<AgentCall> calls, int next, int torn) {
        public Parsed {
            calls = List.copyOf(calls);
        }
    }

    /** Parses what is whole, leaving a record still being written for the next call. */
    public static Parsed parse(byte[] bytes, int from, int to) {
        List<AgentCall> calls = new ArrayList<>();
        int torn = 0;
        boolean inJunk = false;
        int at = from;
        while (at < to) {
            Record r = record(bytes, at, to);
            if (r == INCOMPLETE) {
                break;
            }
            if (r == null) {
                torn += inJunk ? 0 : 1;
                inJunk = true;
                at = nextCandidate(bytes, at + 1, to);
                continue;
            }
            inJunk = false;
            calls.add(r.call);
            at = r.end;
        }
        return new Parsed(calls, at, torn);
    }

    public static Parsed parse(byte[] bytes) {
        return parse(bytes, 0, bytes.length);
    }

    private record Record(AgentCall call, int end) {
    }

    private static final Record INCOMPLETE = new Record(null, -1);

    /** The record at {@code at}: null when the bytes there are none, INCOMPLETE when they may become one. */
    private static Record record(byte[] b, int at, int to) {
        int[] fieldEnd = new int[3];
        int p = at;
        for (int f = 0; f < 3; f++) {
            int start = p;
            while (p < to && b[p] != ' ' && b[p] != '\n' && p - at < MAX_HEADER) {
                p++;
            }
            if (p == to) {
                return p - at < MAX_HEADER ? INCOMPLETE : null;
            }
            if (b[p] != ' ' || p == start) {
                return null;
            }
            fieldEnd[f] = p++;
        }
        String time = ascii(b, at, fieldEnd[0]);
        String device = ascii(b, fieldEnd[0] + 1, fieldEnd[1]);
        String length = ascii(b, fieldEnd[1] + 1, fieldEnd[2]);
        if (!device.matches("[0-9]+:[0-9]+") || !length.matches("[0-9]{1,4}")) {
            return null;
        }
        int n = Integer.parseInt(length);
        Instant when = instant(time);
        if (n == 0 || n > MAX_PATH || (when == null && !"-".equals(time))) {
            return null;
        }
        int pathStart = fieldEnd[2] + 1;
        if (to - pathStart < n + 1) {
            return INCOMPLETE;
        }
        if (b[pathStart + n] != '\n' || b[pathStart] != '/') {
            return null;
        }
        return new Record(new AgentCall(when, device, NameBytes.decode(b, pathStart, pathStart + n)), pathStart + n + 1);
    }

    /**
     * Where the next record may start after bytes that are none: right after a newline (a record
     * cut short may end anywhere, the one after it starts on a fresh line or right behind it).
     */
    private static int nextCandidate(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i + 1;
            }
            if (startsLikeTime(b, i, to)) {
                return i;
            }
        }
        return to;
    }

    /** "dddd-dd-ddT": the start of a record with a time. */
    private static boolean startsLikeTime(byte[] b, int i, int to) {
        if (i + 11 > to) {
            return false;
        }
        String s = ascii(b, i, i + 11);
        return s.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}T");
    }

    private static Instant instant(String time) {
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
