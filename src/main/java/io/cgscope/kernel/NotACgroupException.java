package io.cgscope.kernel;

/**
 * A path given by the user cannot be read as asked: it is no cgroup directory (or no fixture
 * tree), or it repeats another one given. The message is the one sentence that says why.
 */
public final class NotACgroupException extends Exception {
    public NotACgroupException(String message) {
        super(message);
    }
}
