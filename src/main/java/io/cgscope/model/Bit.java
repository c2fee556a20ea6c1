package io.cgscope.model;

/** A cgroupfs flag as its file holds it and as cgscope's sentences quote it: "1" or "0". */
public final class Bit {
    private Bit() {
    }

    /** "1" or "0": what a flag file is written with and reads back. */
    public static String of(boolean on) {
        return on ? "1" : "0";
    }

    /** "1", "0", or "unknown" for a flag that could not be read. */
    public static String of(Boolean on) {
        return on == null ? "unknown" : of(on.booleanValue());
    }
}
