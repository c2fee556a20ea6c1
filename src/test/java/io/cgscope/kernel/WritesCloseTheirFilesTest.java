package io.cgscope.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window stays open for days and writes on every click: each write closes what it opened. */
class WritesCloseTheirFilesTest {
    private static final int WRITES = 500;

    @TempDir
    Path dir;

    @Test
    void fiveHundredWritesLeaveNoDescriptorOpen() throws IOException {
        Path file = Files.writeString(dir.resolve("notify_on_release"), "0\n");
        long before = openDescriptors();

        for (int i = 0; i < WRITES; i++) {
            Syscalls.writeFile(file.toString(), (i % 2 == 0 ? "1" : "0").getBytes(StandardCharsets.UTF_8));
        }

        long grown = openDescriptors() - before;
        assertTrue(grown < WRITES / 10, grown + " more descriptors open after " + WRITES + " writes");
        assertEquals("0", Files.readString(file).substring(0, 1), "the last write went through");
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
