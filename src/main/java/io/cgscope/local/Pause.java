package io.cgscope.local;

/** One pause of a loop that polls with a deadline; an interrupt ends the loop, and stays set. */
final class Pause {
    private Pause() {
    }

    /** Sleeps {@code millis}; false when interrupted (the caller stops polling). */
    static boolean of(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
