package io.cgscope.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling with a deadline: the way tests wait for the kernel or for another thread, never a bare sleep. */
public final class Eventually {
    public static final Duration DEFAULT = Duration.ofSeconds(15);

    private Eventually() {
    }

    public static void await(String what, BooleanSupplier condition) {
        await(what, DEFAULT, condition);
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        await(() -> what, timeout, condition);
    }

    /** As {@link #await(String, Duration, BooleanSupplier)}, the failure saying what is seen at the deadline. */
    public static void await(Supplier<String> what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what.get());
            }
            pause();
        }
    }

    /** Waits until {@code value} yields {@code expected}; the failure shows the last value seen. */
    public static <T> void awaitEquals(String what, T expected, Supplier<T> value) {
        long deadline = System.nanoTime() + DEFAULT.toNanos();
        T last = value.get();
        while (!expected.equals(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + ": expected " + expected + " but was " + last);
            }
            pause();
            last = value.get();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
