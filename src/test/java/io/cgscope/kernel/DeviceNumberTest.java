package io.cgscope.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A stat(2) device number reads as mountinfo writes it, "major:minor", with glibc's encoding of
 * dev_t: the low 8 bits of the minor, then 12 bits of the major, then the rest of the minor, then
 * the rest of the major. A hierarchy is found by comparing the two, so every bit counts.
 */
class DeviceNumberTest {
    /** glibc's makedev(3), written out from its definition in sys/sysmacros.h. */
    private static long makedev(long major, long minor) {
        return (minor & 0xffL) | ((major & 0xfffL) << 8) | ((minor & ~0xffL) << 12) | ((major & ~0xfffL) << 32);
    }

    @Test
    void smallNumbersAsOnEveryMachine() {
        assertEquals("0:31", Targets.device(31));
        assertEquals("259:1", Targets.device((259 << 8) | 1));
    }

    @Test
    void everyBitOfMajorAndMinorCounts() {
        for (long[] mm : new long[][] {{0, 0}, {4095, 255}, {4096, 256}, {0x7ffff, 0xfffff}, {0xfffff000L, 0xfff00L},
                {1, 0xfffff}, {0xfffff, 1}}) {
            assertEquals(mm[0] + ":" + mm[1], Targets.device(makedev(mm[0], mm[1])), mm[0] + ":" + mm[1]);
        }
    }
}
