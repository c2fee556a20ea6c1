package io.cgscope.host;

/**
 * What a host lets anybody write: everything the edit panels offer, or nothing, with the sentence
 * the window's banner shows (why, and what would allow it).
 *
 * @param whyReadOnly null when writing is allowed
 */
public record Access(String whyReadOnly) {
    public static Access readWrite() {
        return new Access(null);
    }

    public static Access readOnly(String why) {
        if (why == null || why.isBlank()) {
            throw new IllegalArgumentException("a read-only host says why");
        }
        return new Access(why);
    }

    public boolean writable() {
        return whyReadOnly == null;
    }
}
