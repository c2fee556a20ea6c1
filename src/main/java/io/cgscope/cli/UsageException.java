package io.cgscope.cli;

/** Bad command-line arguments: exit code 2 and the message on stderr. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
