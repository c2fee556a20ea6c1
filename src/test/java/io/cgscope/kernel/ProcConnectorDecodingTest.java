package io.cgscope.kernel;

import com.sun.jna.Memory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The proc connector's datagrams decoded from bytes laid out as the kernel lays them: no socket,
 * so the cases this kernel does not send (several messages in one datagram, a message cut short,
 * another connector's message) are tried too. Every event of a datagram reaches the engine, each
 * with its own task, nothing is read from bytes that are not a whole proc event, and the answer
 * to the request to listen is told from the events around it.
 */
class ProcConnectorDecodingTest {
    /** Bytes of a proc event message: nlmsghdr 16, cn_msg 20, proc_event header 16, data 24. */
    private static final int MESSAGE = 76;

    private static final int FORK = 0x1;
    private static final int EXEC = 0x2;
    private static final int UID = 0x4;
    private static final int EXIT = 0x80000000;

    @Test
    void everyMessageOfADatagramIsAnEventOfItsOwn() {
        Datagram d = new Datagram()
                .event(FORK, 1_000_001L, 100, 101, 200, 201)
                .event(EXEC, 1_000_002L, 200, 201, 0, 0)
                .event(EXIT, 1_000_003L, 300, 301, 0, 0);

        assertEquals(List.of(
                new ProcEvent(ProcEvent.Kind.FORK, 200, 201, 100, 101, 1_000_001L),
                new ProcEvent(ProcEvent.Kind.EXEC, 200, 201, 0, 0, 1_000_002L),
                new ProcEvent(ProcEvent.Kind.EXIT, 300, 301, 0, 0, 1_000_003L)), d.decode());
    }

    @Test
    void aMessageWhoseLengthIsNotAMultipleOfFourIsFollowedAtTheNextAlignedOne() {
        // netlink pads each message to 4 bytes (NLMSG_ALIGN); the length field does not count the pad
        Datagram d = new Datagram()
                .event(EXIT, 5L, 7, 7, 0, 0).length(0, MESSAGE - 2)
                .event(EXIT, 6L, 8, 8, 0, 0);

        assertEquals(List.of(7, 8), pids(d.decode()));
    }

    @Test
    void aMessageCutShortIsLeftOutAndEndsTheDatagram() {
        Datagram d = new Datagram()
                .event(EXIT, 1L, 7, 7, 0, 0)
                .event(EXIT, 2L, 8, 8, 0, 0);

        assertEquals(List.of(7), pids(d.decode(2L * MESSAGE - 1)), "the second lacks its last byte");
        assertEquals(List.of(7, 8), pids(d.decode(2L * MESSAGE)), "whole");
    }

    @Test
    void aLengthTooShortForAnEventEndsTheDatagram() {
        Datagram d = new Datagram()
                .event(EXIT, 1L, 7, 7, 0, 0)
                .event(EXIT, 2L, 8, 8, 0, 0).length(MESSAGE, 51)
                .event(EXIT, 3L, 9, 9, 0, 0);

        assertEquals(List.of(7), pids(d.decode()), "nothing after a message that cannot be one");
    }

    @Test
    void aMessageOfAnotherConnectorIsSkippedAndTheNextRead() {
        Datagram d = new Datagram()
                .event(EXIT, 1L, 7, 7, 0, 0).connector(0, 1, 2)
                .event(EXIT, 2L, 8, 8, 0, 0).connector(MESSAGE, 2, 1)
                .event(EXIT, 3L, 9, 9, 0, 0);

        assertEquals(List.of(9), pids(d.decode()));
    }

    @Test
    void theAnswerToListenIsNoEventAndOtherEventsAreOther() {
        Datagram d = new Datagram()
                .event(0, 1L, 0, 0, 0, 0)
                .event(UID, 2L, 40, 41, 1000, 1000);

        assertEquals(List.of(new ProcEvent(ProcEvent.Kind.OTHER, 40, 41, 0, 0, 2L)), d.decode());
    }

    @Test
    void theAnswerToOurListenIsFoundAmongOtherMessagesWithItsRefusal() {
        int ack = 4242;
        Datagram refused = new Datagram()
                .event(FORK, 1L, 100, 101, 200, 201)
                .event(0, 2L, 0, 0, 0, 0).ack(MESSAGE, 17)      // another listener's answer
                .event(0, 3L, 1, 0, 0, 0).ack(2 * MESSAGE, ack + 1); // ours: EPERM
        Datagram listening = new Datagram()
                .event(0, 1L, 1, 0, 0, 0).ack(0, ack)            // our own request's ack, not the answer
                .event(0, 2L, 0, 0, 0, 0).ack(MESSAGE, ack + 1);

        assertEquals(OptionalInt.of(1), refused.answer(ack), "EPERM: the kernel will not send events");
        assertEquals(OptionalInt.of(0), listening.answer(ack));
        assertEquals(OptionalInt.empty(), refused.answer(ack + 1), "no answer to another request");
        assertEquals(OptionalInt.empty(), new Datagram().event(EXIT, 1L, 7, 7, 0, 0).answer(ack), "events only");
    }

    @Test
    void anAnswerIsWholeToItsErrnoOrNone() {
        // the shortest answer ends with its errno: headers 16 + 20, event header 16, errno 4
        Datagram d = new Datagram().event(0, 1L, 1, 0, 0, 0).ack(0, 8).length(0, 56);

        assertEquals(OptionalInt.of(1), d.answer(7, 56));
        assertEquals(OptionalInt.empty(), d.answer(7, 55), "its errno lies past the bytes received");
        assertEquals(OptionalInt.empty(), d.length(0, 55).answer(7), "a message too short to hold an errno");
    }

    private static List<Integer> pids(List<ProcEvent> events) {
        return events.stream().map(ProcEvent::pid).toList();
    }

    /** A datagram of proc connector messages, each {@link #MESSAGE} bytes, in host byte order. */
    private static final class Datagram {
        private final Memory bytes = new Memory(8 * MESSAGE);
        private int size;

        Datagram() {
            bytes.clear();
        }

        /** A message of the proc connector with the event {@code what} and its first four data words. */
        Datagram event(int what, long timestamp, int a, int b, int c, int d) {
            int at = size;
            bytes.setInt(at, MESSAGE);          // nlmsg_len
            bytes.setShort(at + 4, (short) 3);  // NLMSG_DONE
            bytes.setInt(at + 16, 1);           // cn_msg.id.idx: CN_IDX_PROC
            bytes.setInt(at + 20, 1);           // cn_msg.id.val: CN_VAL_PROC
            bytes.setShort(at + 32, (short) (MESSAGE - 36)); // cn_msg.len
            bytes.setInt(at + 36, what);
            bytes.setLong(at + 44, timestamp);
            bytes.setInt(at + 52, a);
            bytes.setInt(at + 56, b);
            bytes.setInt(at + 60, c);
            bytes.setInt(at + 64, d);
            size += MESSAGE;
            return this;
        }

        /** Writes another nlmsg_len into the message at {@code at}. */
        Datagram length(int at, int length) {
            bytes.setInt(at, length);
            return this;
        }

        Datagram connector(int at, int idx, int val) {
            bytes.setInt(at + 16, idx);
            bytes.setInt(at + 20, val);
            return this;
        }

        Datagram ack(int at, int ack) {
            bytes.setInt(at + 28, ack);
            return this;
        }

        OptionalInt answer(int ack) {
            return answer(ack, size);
        }

        OptionalInt answer(int ack, long received) {
            return ProcConnector.answer(bytes, received, ack);
        }

        List<ProcEvent> decode() {
            return decode(size);
        }

        List<ProcEvent> decode(long received) {
            List<ProcEvent> out = new ArrayList<>();
            ProcConnector.decode(bytes, received, out::add);
            return out;
        }
    }
}
