package io.cgscope.model;

/**
 * The outcome of checking an edit before anything is written: refused (nothing may be written),
 * to be confirmed by the user (a warning), or fine.
 *
 * @param refusal why the edit must not be written, or null
 * @param warning what the user should know and agree to before it is written, or null
 */
public record Check(String refusal, String warning) {
    private static final Check OK = new Check(null, null);

    public static Check ok() {
        return OK;
    }

    public static Check refuse(String why) {
        return new Check(why, null);
    }

    public static Check warn(String what) {
        return new Check(null, what);
    }

    public boolean refused() {
        return refusal != null;
    }

    public boolean needsConfirmation() {
        return refusal == null && warning != null;
    }
}
