package io.cgscope.kernel;

/** A path given by the user is not a cgroup, with the sentence that says why. */
public final class NotACgroupException extends Exception {
    public NotACgroupException(String message) {
        super(message);
    }
}
