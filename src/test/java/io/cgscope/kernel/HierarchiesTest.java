package io.cgscope.kernel;

import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Hierarchy;
import io.cgscope.testkit.CgroupMounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HierarchiesTest {
    /** A hybrid machine as systemd sets it up, plus a named hierarchy mounted twice. */
    private static final String HYBRID = """
            22 1 259:1 / / rw,relatime shared:1 - ext4 /dev/root rw
            25 22 0:23 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw
            26 25 0:24 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:8 - tmpfs tmpfs ro,mode=755
            27 26 0:25 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate
            28 26 0:26 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:10 - cgroup cgroup rw,xattr,name=systemd
            31 26 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:13 - cgroup cgroup rw,cpu,cpuacct
            32 26 0:30 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:14 - cgroup cgroup rw,memory,noprefix,clone_children,release_agent=/sbin/agent
            40 22 0:31 / /mnt/my\\040demo rw,relatime shared:20 - cgroup demo rw,name=demo
            41 22 0:31 / /srv/demo rw,relatime shared:20 - cgroup demo rw,name=demo
            42 22 0:31 /sub /srv/sub rw,relatime shared:20 - cgroup demo rw,name=demo
            """;

    @Test
    void findsEveryKindOfHierarchyOnAHybridMachine(@TempDir Path tmp) throws IOException {
        List<Hierarchy> all = Hierarchies.discover(write(tmp, HYBRID));

        assertEquals(List.of("unified", "name=systemd", "cpu,cpuacct", "memory", "name=demo"),
                all.stream().map(Hierarchy::title).toList());
        Hierarchy v2 = all.get(0);
        assertEquals(CgroupVersion.V2, v2.version());
        assertEquals("unified (v2) /sys/fs/cgroup/unified", v2.label());
        Hierarchy systemd = all.get(1);
        assertEquals("systemd", systemd.name());
        assertTrue(systemd.controllers().isEmpty(), "xattr is an option, not a controller");
        assertEquals(List.of("cpu", "cpuacct"), all.get(2).controllers());
        assertEquals("cpu,cpuacct (v1) /sys/fs/cgroup/cpu,cpuacct", all.get(2).label());
    }

    @Test
    void readsTheSuperOptionsOfAV1Mount(@TempDir Path tmp) throws IOException {
        Hierarchy memory = Hierarchies.discover(write(tmp, HYBRID)).get(3);

        assertEquals(List.of("memory"), memory.controllers());
        assertTrue(memory.noprefix());
        assertTrue(memory.cloneChildrenOption());
        assertEquals("/sbin/agent", memory.releaseAgentOption());
        assertNull(Hierarchies.discover(write(tmp, HYBRID)).get(2).releaseAgentOption());
    }

    @Test
    void oneHierarchyMountedAtSeveralPlacesIsOneHierarchyReadAtItsWholestMount(@TempDir Path tmp) throws IOException {
        List<Hierarchy> demos = Hierarchies.discover(write(tmp, HYBRID)).stream()
                .filter(h -> "demo".equals(h.name())).toList();

        assertEquals(1, demos.size());
        Hierarchy demo = demos.get(0);
        assertEquals(Path.of("/mnt/my demo"), demo.mountPoint(), "octal escapes are decoded");
        assertEquals("/", demo.mountRoot());
        assertEquals(List.of(Path.of("/srv/demo"), Path.of("/srv/sub")), demo.otherMountPoints());
    }

    @Test
    void aPureV2MachineHasOneHierarchy(@TempDir Path tmp) throws IOException {
        List<Hierarchy> all = Hierarchies.discover(write(tmp, """
                22 1 259:1 / / rw,relatime shared:1 - ext4 /dev/root rw
                30 25 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
                """));

        assertEquals(1, all.size());
        assertEquals(Path.of("/sys/fs/cgroup"), all.get(0).mountPoint());
        assertFalse(all.get(0).hasReleaseAgent());
    }

    @Test
    void ignoresLinesOfAnotherShape(@TempDir Path tmp) throws IOException {
        assertTrue(Hierarchies.discover(write(tmp, "garbage\n\n1 2 3\n")).isEmpty());
    }

    /**
     * A mount point is the bytes of its name: one that is not UTF-8 anywhere on the machine must
     * not hide the cgroup hierarchies (it made every command fail with "Input length = 1").
     */
    @Test
    void aMountWhosePathIsNotUtf8DoesNotHideTheHierarchies(@TempDir Path tmp) throws IOException {
        byte[] table = concat(HYBRID.getBytes(StandardCharsets.UTF_8),
                "50 22 0:40 / /media/".getBytes(StandardCharsets.US_ASCII), new byte[]{(byte) 0xff, (byte) 0xfe},
                " rw,relatime shared:30 - tmpfs tmpfs rw\n".getBytes(StandardCharsets.US_ASCII));
        Path mountinfo = Files.write(tmp.resolve("mountinfo"), table);

        assertEquals(List.of("unified", "name=systemd", "cpu,cpuacct", "memory", "name=demo"),
                Hierarchies.discover(mountinfo).stream().map(Hierarchy::title).toList());
    }

    /** A hierarchy whose mount point Java cannot name is read through another mount of it, or left out. */
    @Test
    void aCgroupMountWhosePathIsNotUtf8IsReadThroughAnotherMountOrLeftOut(@TempDir Path tmp) throws IOException {
        byte[] bad = concat("60 22 0:44 / /mnt/".getBytes(StandardCharsets.US_ASCII), new byte[]{(byte) 0xe9},
                " rw shared:40 - cgroup cgroup rw,name=latin1\n".getBytes(StandardCharsets.US_ASCII));
        byte[] good = "61 22 0:44 / /srv/latin1 rw shared:40 - cgroup cgroup rw,name=latin1\n"
                .getBytes(StandardCharsets.US_ASCII);

        List<Hierarchy> both = Hierarchies.discover(Files.write(tmp.resolve("both"), concat(bad, good)));
        assertEquals(1, both.size());
        assertEquals(Path.of("/srv/latin1"), both.get(0).mountPoint());
        assertEquals(List.of(), both.get(0).otherMountPoints(), "the unreachable mount is no place to read from");

        assertEquals(List.of(), Hierarchies.discover(Files.write(tmp.resolve("only-bad"), bad)));
    }

    /** The kernel escapes a comma, space or backslash inside an option's value: the option comes out decoded. */
    @Test
    void theReleaseAgentOptionIsDecoded(@TempDir Path tmp) throws IOException {
        Hierarchy h = Hierarchies.discover(write(tmp, """
                70 22 0:50 / /mnt/agents rw shared:50 - cgroup cgroup rw,name=agents,release_agent=/opt/a\\054b\\040c\\134d\\011e
                """)).get(0);

        assertEquals("agents", h.name());
        assertEquals("/opt/a,b c\\d\te", h.releaseAgentOption());
        assertEquals(List.of(), h.controllers(), "an escaped comma splits no option into a controller");
    }

    @Test
    void findsTheHierarchiesOfThisMachine() throws IOException {
        // Other tests mount and unmount private hierarchies meanwhile: a superblock the kernel
        // lists both before and after must be found, and nothing it listed at neither time.
        CgroupMounts mountsBefore = CgroupMounts.now();
        List<Hierarchy> found = Hierarchies.discover();
        CgroupMounts mountsAfter = CgroupMounts.now();
        Map<String, Integer> before = mountsBefore.versions();
        Map<String, Integer> after = mountsAfter.versions();

        Map<String, Integer> foundVersions = new TreeMap<>();
        found.forEach(h -> foundVersions.put(h.device(), h.version().number()));
        assertEquals(found.size(), foundVersions.size(), "one entry per superblock: " + found);
        Map<String, Integer> throughout = new TreeMap<>(before);
        throughout.keySet().retainAll(after.keySet());
        Map<String, Integer> ever = new TreeMap<>(before);
        ever.putAll(after);
        assertTrue(foundVersions.entrySet().containsAll(throughout.entrySet()), "found " + foundVersions
                + ", mountinfo lists " + throughout);
        assertTrue(ever.entrySet().containsAll(foundVersions.entrySet()), "found " + foundVersions
                + ", mountinfo ever listed " + ever);
        for (Hierarchy h : found) {
            Set<Path> listedAt = new TreeSet<>(mountsBefore.mountPoints().getOrDefault(h.device(), Set.of()));
            listedAt.addAll(mountsAfter.mountPoints().getOrDefault(h.device(), Set.of()));
            assertTrue(listedAt.contains(h.mountPoint()), h.label() + " is mounted at one of " + listedAt);
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static Path write(Path dir, String text) throws IOException {
        return Files.writeString(dir.resolve("mountinfo"), text);
    }
}
