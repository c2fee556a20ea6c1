package io.cgscope.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Lines of {@code /proc/self/mountinfo} as proc(5) documents them: optional fields of any number
 * before the {@code -}, the last line without its newline, option lists with an escaped comma,
 * and lines of another shape skipped rather than misread.
 */
class MountInfoLinesTest {
    private static final String CPU = "35 24 0:31 / /sys/fs/cgroup/cpu rw,nosuid shared:16 - cgroup cgroup rw,cpu";

    @TempDir
    Path dir;

    @Test
    void aDocumentedLineGivesEveryField() {
        MountEntry e = MountInfo.parseLine(bytes(CPU));

        assertEquals(35, e.id());
        assertEquals("0:31", e.device());
        assertEquals("/", e.root());
        assertEquals(Path.of("/sys/fs/cgroup/cpu"), e.mountPoint());
        assertEquals("cgroup", e.fsType());
        assertEquals(List.of("rw", "cpu"), e.superOptions());
    }

    @Test
    void theDashIsFoundAfterAnyNumberOfOptionalFields() {
        MountEntry none = MountInfo.parseLine(bytes("35 24 0:31 /a /mnt/a rw - cgroup2 cgroup2 rw"));
        MountEntry two = MountInfo.parseLine(bytes("35 24 0:31 /a /mnt/a rw shared:1 master:2 - cgroup2 cgroup2 rw"));

        assertEquals("cgroup2", none.fsType());
        assertEquals("/a", none.root());
        assertEquals("cgroup2", two.fsType());
    }

    @Test
    void aLineOfAnotherShapeIsSkipped() {
        assertNull(MountInfo.parseLine(bytes("35 24 0:31 / /mnt rw shared:16")), "no dash");
        assertNull(MountInfo.parseLine(bytes("35 24 0:31 / /mnt rw - cgroup cgroup")), "no super options");
        assertNull(MountInfo.parseLine(bytes("- 24 0:31 / /mnt rw - cgroup cgroup rw")), "no mount id");
        assertNull(MountInfo.parseLine(bytes("")), "empty");
    }

    @Test
    void theLastLineCountsWithoutItsNewline() throws IOException {
        Path table = dir.resolve("mountinfo");
        Files.writeString(table, CPU + "\n" + CPU.replace("35 ", "36 ").replace("/cpu ", "/memory "));

        List<MountEntry> entries = MountInfo.read(table);

        assertEquals(List.of(35, 36), entries.stream().map(MountEntry::id).toList());
        assertEquals(Path.of("/sys/fs/cgroup/memory"), entries.get(1).mountPoint());
    }

    @Test
    void anOptionListSplitsOnRawCommasOnly() {
        MountEntry e = MountInfo.parseLine(bytes(
                "40 24 0:40 / /mnt/x rw - cgroup cgroup rw,,release_agent=/bin/a\\054b,name=x"));

        assertEquals(List.of("rw", "release_agent=/bin/a,b", "name=x"), e.superOptions());
    }

    @Test
    void aMountPointWithEscapedBytesIsThoseBytes() {
        MountEntry e = MountInfo.parseLine(bytes("40 24 0:40 / /mnt/a\\040b\\011c rw - cgroup cgroup rw,name=x"));

        assertEquals(Path.of("/mnt/a b\tc"), e.mountPoint());
    }

    @Test
    void bytesThatAreNoUtf8AreShownAsHex() {
        assertEquals("a\\x80b\\xff", MountInfo.text(new byte[] {'a', (byte) 0x80, 'b', (byte) 0xff}));
        assertEquals("\\xc3\\xc3", MountInfo.text(new byte[] {(byte) 0xc3, (byte) 0xc3}));
        assertEquals("ä", MountInfo.text("ä".getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
