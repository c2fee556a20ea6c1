package io.cgscope.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cgroup's ids as cgroupfs lists them: in no promised order, and a task that moves while the
 * file is read can be listed twice. The set holds each id once, sorted.
 */
class PidSetTest {
    @Test
    void idsListedTwiceAreHeldOnceInOrder() {
        Pids p = Pids.of(907, 12, 907, 3, 12);

        assertEquals(3, p.size());
        assertArrayEquals(new int[] {3, 12, 907}, p.toArray());
        assertEquals(List.of(3, 12, 907), p.asList());
        assertEquals(12, p.get(1));
        assertTrue(p.contains(907));
        assertFalse(p.contains(13));
    }

    @Test
    void twoReadsOfTheSameMembershipAreEqualWhateverTheirOrder() {
        Pids first = Pids.of(40, 7, 7);
        Pids second = Pids.of(7, 40);

        assertEquals(second, first);
        assertEquals(second.hashCode(), first.hashCode());
        assertEquals("[7, 40]", first.toString());
    }

    @Test
    void theArrayHandedOutIsACopy() {
        Pids p = Pids.of(1, 2);
        p.toArray()[0] = 99;

        assertEquals(1, p.get(0));
    }
}
