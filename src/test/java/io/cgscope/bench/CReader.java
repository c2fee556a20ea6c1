package io.cgscope.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The C reader of {@code src/test/c/cgroup-read.c}: the files a snapshot reads, and nothing else,
 * as fast as the kernel hands them out. Built with the machine's {@code cc} into target/.
 */
final class CReader {
    private static final Path SOURCE = Path.of("src", "test", "c", "cgroup-read.c");
    private static final Path BINARY = Path.of("target", "cgroup-read");

    private CReader() {
    }

    /** The built program, or null (and a line saying why) without a compiler or the source. */
    static Path build(PrintStream out) throws IOException, InterruptedException {
        Path cc = Path.of("/usr/bin/cc");
        if (!Files.isExecutable(cc)) {
            out.println("(no cc at /usr/bin/cc: the C reader, the snapshot's floor, is skipped)");
            return null;
        }
        if (!Files.exists(SOURCE)) {
            out.println("(no " + SOURCE + " here: run the benchmark from the project's directory; the C reader is skipped)");
            return null;
        }
        SnapshotBench.exec(cc.toString(), "-O2", "-pthread", "-o", BINARY.toString(), SOURCE.toString());
        return BINARY.toAbsolutePath();
    }
}
