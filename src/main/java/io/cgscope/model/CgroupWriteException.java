package io.cgscope.model;

import java.io.IOException;

/** A write the kernel refused, with its errno and the sentence that explains it. */
public final class CgroupWriteException extends IOException {
    private final WriteKind kind;
    private final int errno;

    public CgroupWriteException(WriteKind kind, int errno, String sentence) {
        super(sentence);
        this.kind = kind;
        this.errno = errno;
    }

    public WriteKind kind() {
        return kind;
    }

    public int errno() {
        return errno;
    }
}
