package io.cgscope.kernel;

import io.cgscope.model.Pids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The small files of cgroupfs as the kernel prints them, and as a reader must not misread them:
 * the last id of a list without its newline, lists longer than the first buffer, blank space
 * before a flag, keys of {@code cgroup.events} with odd spacing, and mountinfo's octal escapes at
 * the very end of a field.
 */
class CgroupFileParsingTest {
    private final CgroupFileText text = new CgroupFileText();

    @TempDir
    Path dir;

    @Test
    void everyIdIsReadWhateverTheListsLengthAndItsLastLine() throws CgroupFileText.Vanished, IOException {
        assertEquals(List.of(1, 22, 333), ids("333\n1\n22"), "the last id has no newline after it");
        for (int n : new int[] {7, 8, 9, 16, 17, 100}) {
            List<Integer> want = IntStream.rangeClosed(1, n).boxed().toList();
            String lines = want.stream().map(String::valueOf).collect(Collectors.joining("\n"));
            assertEquals(want, ids(lines), n + " ids, no final newline");
            assertEquals(want, ids(lines + "\n"), n + " ids and a final newline");
        }
        assertEquals(List.of(), ids(""));
        assertEquals(List.of(), ids("\n"));
    }

    @Test
    void aFlagIsItsFirstNonBlankCharacter() throws CgroupFileText.Vanished, IOException {
        assertEquals(Boolean.TRUE, flag("1\n"));
        assertEquals(Boolean.FALSE, flag("0\n"));
        assertEquals(Boolean.TRUE, flag("  \t1\n"));
        assertEquals(Boolean.FALSE, flag(" 0"));
        assertNull(flag(""), "an empty file says nothing");
        assertNull(flag(" \n"), "nor does a blank one");
    }

    @Test
    void keysAreReadByNameWithTheirValuesTrimmed() throws CgroupFileText.Vanished, IOException {
        Files.writeString(dir.resolve("cgroup.events"), "populated  1 \nfrozen 0\nnokey\n value-without-key\n");
        try (CgroupDir d = CgroupDir.open(dir)) {
            Map<String, String> m = text.readKeyValues(d, CgroupDir.fileName("cgroup.events"));
            assertEquals(Map.of("populated", "1", "frozen", "0"), m);
        }
    }

    @Test
    void anEscapeIsOctalDigitsAndOnlyThreeOfThem() {
        assertArrayEquals(bytes("/mnt/a b"), MountInfo.unescape(bytes("/mnt/a\\040b")));
        assertArrayEquals(bytes("/mnt/a "), MountInfo.unescape(bytes("/mnt/a\\040")), "at the very end");
        assertArrayEquals(bytes("/mnt/a\\04"), MountInfo.unescape(bytes("/mnt/a\\04")), "two digits are no escape");
        assertArrayEquals(bytes("/mnt/a\\"), MountInfo.unescape(bytes("/mnt/a\\")), "nor a lone backslash");
        assertArrayEquals(bytes("\\089"), MountInfo.unescape(bytes("\\089")), "8 is no octal digit");
        assertArrayEquals(bytes("\\400"), MountInfo.unescape(bytes("\\400")), "over 377 is no byte");
        assertArrayEquals(new byte[] {(byte) 0xff}, MountInfo.unescape(bytes("\\377")));
        assertArrayEquals(bytes("\\x"), MountInfo.unescape(bytes("\\134x")));
        assertArrayEquals(bytes("a,b"), MountInfo.unescape(bytes("a\\054b")));
    }

    private List<Integer> ids(String content) throws CgroupFileText.Vanished, IOException {
        Files.writeString(dir.resolve("cgroup.procs"), content);
        try (CgroupDir d = CgroupDir.open(dir)) {
            Pids p = text.readIds(d, CgroupDir.fileName("cgroup.procs"));
            return p.asList();
        }
    }

    private Boolean flag(String content) throws CgroupFileText.Vanished, IOException {
        Files.writeString(dir.resolve("notify_on_release"), content);
        try (CgroupDir d = CgroupDir.open(dir)) {
            return text.readFlag(d, CgroupDir.fileName("notify_on_release"));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
