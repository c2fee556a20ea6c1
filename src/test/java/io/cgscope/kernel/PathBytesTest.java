package io.cgscope.kernel;

import io.cgscope.testkit.ByteNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The bytes of a path the JDK made from a directory entry are the entry's bytes, whatever the
 * JDK's String of it says: names that are not UTF-8 (their String holds U+FFFD), names holding
 * the percent sign the URI form escapes with, relative paths, and directories (which the URI form
 * marks with a trailing slash).
 */
class PathBytesTest {
    private static final byte[] NOT_UTF8 = {'a', (byte) 0xff, 'b'};
    private static final byte[] LONE_CONTINUATION = {(byte) 0x80};
    private static final byte[] PERCENT = "100%25 x".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void anAbsolutePathKeepsEveryByteOfEveryName() throws IOException {
        ByteNames.mkdir(dir, List.of(NOT_UTF8));
        ByteNames.mkdir(dir, List.of(NOT_UTF8, PERCENT));
        ByteNames.mkdir(dir, List.of(NOT_UTF8, PERCENT, LONE_CONTINUATION));
        Path deepest = only(only(only(dir)));

        assertArrayEquals(bytes(dir, NOT_UTF8, PERCENT, LONE_CONTINUATION), PathBytes.of(deepest));
    }

    @Test
    void aRelativePathKeepsItsOwnNamesOnly() throws IOException {
        ByteNames.mkdir(dir, List.of(NOT_UTF8));
        ByteNames.mkdir(dir, List.of(NOT_UTF8, PERCENT));
        ByteNames.mkdir(dir, List.of(NOT_UTF8, PERCENT, LONE_CONTINUATION));
        Path deepest = only(only(only(dir)));

        assertArrayEquals(join(NOT_UTF8, PERCENT, LONE_CONTINUATION), PathBytes.of(dir.relativize(deepest)));
        assertArrayEquals(join(PERCENT, LONE_CONTINUATION), PathBytes.of(only(dir).relativize(deepest)));
        assertArrayEquals(LONE_CONTINUATION, PathBytes.of(deepest.getFileName()));
    }

    @Test
    void aFileThatIsNoDirectoryIsNotCutShort() throws IOException {
        ByteNames.mkdir(dir, List.of(NOT_UTF8));
        Path sub = only(dir);
        Files.writeString(sub.resolve("tasks"), "");

        assertArrayEquals(bytes(dir, NOT_UTF8, "tasks".getBytes(StandardCharsets.US_ASCII)),
                PathBytes.of(sub.resolve("tasks")));
    }

    @Test
    void aNameThatIsUtf8IsItsStringsUtf8() {
        Path p = Path.of("/sys/fs/cgroup/ünïcode 100%");

        assertArrayEquals("/sys/fs/cgroup/ünïcode 100%".getBytes(StandardCharsets.UTF_8), PathBytes.of(p));
        assertEquals("ünïcode 100%", PathBytes.name(p.getFileName()));
    }

    @Test
    void aNameThatIsNoUtf8IsKeptAsTheModelKeepsNames() throws IOException {
        ByteNames.mkdir(dir, List.of(NOT_UTF8));

        assertEquals(io.cgscope.model.NameBytes.decode(NOT_UTF8), PathBytes.name(only(dir).getFileName()));
    }

    private static Path only(Path parent) throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            List<Path> all = s.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    private static byte[] bytes(Path dir, byte[]... names) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(dir.toString().getBytes(StandardCharsets.US_ASCII));
        for (byte[] n : names) {
            out.write('/');
            out.writeBytes(n);
        }
        return out.toByteArray();
    }

    private static byte[] join(byte[]... names) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                out.write('/');
            }
            out.writeBytes(names[i]);
        }
        return out.toByteArray();
    }
}
