package io.cgscope.sim;

import io.cgscope.model.Errno;

/**
 * How the kernel parses what is written to a cgroup file: {@code kstrtoull} and {@code kstrtoint}
 * with base 0 (lib/kstrtox.c). The errno of a refusal is thrown as {@link Refused}; the caller
 * turns it into the sentence of the write. Seen on Linux 6.18: "2", "0x10", "010" and "+1" store 1
 * in notify_on_release; " 1", "1 ", "08", "yes", "-1" are EINVAL; 2^64 is ERANGE.
 */
final class KernelInput {
    /** A value the kernel refuses, with its errno. */
    static final class Refused extends Exception {
        final int errno;

        Refused(int errno) {
            super(Errno.name(errno), null, false, false);
            this.errno = errno;
        }
    }

    private KernelInput() {
    }

    /**
     * {@code kstrtoull(s, 0)}: an optional '+', "0x" for hex or a leading "0" for octal, digits, at
     * most one trailing newline and nothing else. No white space is stripped (the u64 files).
     */
    static long unsigned(String s) throws Refused {
        int i = s.startsWith("+") ? 1 : 0;
        return digits(s, i);
    }

    /**
     * {@code kstrtoint(s, 0)}: as {@link #unsigned}, with an optional '-', within an int.
     */
    static int signed(String s) throws Refused {
        boolean negative = s.startsWith("-");
        long magnitude = negative ? digits(s, 1) : unsigned(s);
        if (negative) {
            if (Long.compareUnsigned(magnitude, 1L << 31) > 0) {
                throw new Refused(Errno.ERANGE);
            }
            return (int) -magnitude;
        }
        if (Long.compareUnsigned(magnitude, Integer.MAX_VALUE) > 0) {
            throw new Refused(Errno.ERANGE);
        }
        return (int) magnitude;
    }

    private static long digits(String s, int from) throws Refused {
        int radix = 10;
        int i = from;
        if (i < s.length() && s.charAt(i) == '0') {
            if (i + 2 < s.length() && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                radix = 16;
                i += 2;
            } else {
                radix = 8;
            }
        }
        long value = 0;
        int start = i;
        boolean overflow = false;
        for (; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), radix);
            if (d < 0 || s.charAt(i) > 0x7f) {
                break;
            }
            long times = value * radix;
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L, radix)) > 0
                    || Long.compareUnsigned(times + d, times) < 0) {
                overflow = true;
            }
            value = times + d;
        }
        if (i == start) {
            throw new Refused(Errno.EINVAL);
        }
        if (overflow) {
            throw new Refused(Errno.ERANGE);
        }
        if (i < s.length() && s.charAt(i) == '\n') {
            i++;
        }
        if (i != s.length()) {
            throw new Refused(Errno.EINVAL);
        }
        return value;
    }

    /** strstrip(): the kernel strips ASCII white space (isspace) at both ends. */
    static String strip(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isSpace(s.charAt(from))) {
            from++;
        }
        while (to > from && isSpace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
