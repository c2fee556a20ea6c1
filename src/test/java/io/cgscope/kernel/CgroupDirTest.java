package io.cgscope.kernel;

import com.sun.jna.LastErrorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The directory handle every read and write goes through keeps its own promises, whoever calls
 * it: it writes, makes and removes nothing outside a cgroupfs, takes no name that could leave the
 * directory, tells a directory that vanished from one that is still there, and closes what it
 * opened on the way, with openat2 and without.
 */
class CgroupDirTest {
    @TempDir
    Path root;

    @AfterEach
    void openat2Again() {
        CgroupDir.openat2Works = true;
    }

    @Test
    void nothingIsWrittenMadeOrRemovedOutsideACgroupfs() throws IOException {
        Files.writeString(root.resolve("notify_on_release"), "0\n");
        Files.createDirectory(root.resolve("kept"));
        try (CgroupDir dir = CgroupDir.open(root)) {
            assertThrows(CgroupDir.NotCgroupfs.class, () -> dir.write(CgroupDir.fileName("notify_on_release"), bytes("1")));
            assertThrows(CgroupDir.NotCgroupfs.class, () -> dir.mkdir("made"));
            assertThrows(CgroupDir.NotCgroupfs.class, () -> dir.rmdir("kept"));
            assertThrows(CgroupDir.NotCgroupfs.class, dir::requireCgroupfs);
        }
        assertEquals("0\n", Files.readString(root.resolve("notify_on_release")));
        assertFalse(Files.exists(root.resolve("made")));
        assertTrue(Files.isDirectory(root.resolve("kept")));
    }

    @Test
    void aNameThatCouldLeaveTheDirectoryIsRefusedBeforeAnything() throws IOException {
        Files.createDirectory(root.resolve("kept"));
        try (CgroupDir dir = CgroupDir.open(root.resolve("kept"))) {
            for (String bad : List.of("..", ".", "", "a/b", "a\0b")) {
                assertThrows(IllegalArgumentException.class, () -> dir.mkdir(bad), bad);
                assertThrows(IllegalArgumentException.class, () -> dir.rmdir(bad), bad);
            }
        }
        assertTrue(Files.isDirectory(root.resolve("kept")), "rmdir(\"..\")-like names removed nothing");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aDirectoryBelowIsTheOneNamedAndKnowsWhenItVanished(boolean openat2) throws IOException {
        CgroupDir.openat2Works = openat2;
        Files.createDirectories(root.resolve("a/b/c"));
        Files.writeString(root.resolve("a/b/c/marker"), "");
        try (CgroupDir top = CgroupDir.open(root); CgroupDir c = top.below(List.of("a", "b", "c"))) {
            assertEquals(List.of("marker"), names(c));
            assertTrue(c.stillThere());

            Files.delete(root.resolve("a/b/c/marker"));
            Files.delete(root.resolve("a/b/c"));
            assertFalse(c.stillThere(), "removed");

            Files.createDirectory(root.resolve("a/b/c"));
            assertTrue(c.stillThere(), "its path leads to a directory again");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aLinkOnTheWayIsNotFollowed(boolean openat2) throws IOException {
        CgroupDir.openat2Works = openat2;
        Files.createDirectories(root.resolve("real/inner"));
        Files.createSymbolicLink(root.resolve("link"), root.resolve("real"));
        try (CgroupDir top = CgroupDir.open(root)) {
            assertThrows(LastErrorException.class, () -> top.below(List.of("link", "inner")).close());
            try (CgroupDir inner = top.below(List.of("real", "inner"))) {
                Files.delete(root.resolve("real/inner"));
                Files.createSymbolicLink(root.resolve("real/inner"), root);
                assertFalse(inner.stillThere(), "a link where the directory was is not the directory");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void everyDescriptorOpenedOnTheWayIsClosed(boolean openat2) throws IOException {
        CgroupDir.openat2Works = openat2;
        Files.createDirectories(root.resolve("a/b/c/d"));
        long before = openDescriptors();
        try (CgroupDir top = CgroupDir.open(root)) {
            for (int i = 0; i < 200; i++) {
                try (CgroupDir d = top.below(List.of("a", "b", "c", "d"))) {
                    assertTrue(d.stillThere());
                }
                assertThrows(LastErrorException.class, () -> top.below(List.of("a", "b", "none", "d")));
            }
        }
        // other threads of the JVM may open a few files meanwhile; a leak here would be hundreds
        assertTrue(openDescriptors() - before < 20, "descriptors before " + before + ", after " + openDescriptors());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aFileIsNoDirectoryAndALinkAtTheEndIsNotFollowed(boolean openat2) throws IOException {
        CgroupDir.openat2Works = openat2;
        Files.createDirectories(root.resolve("a/c"));
        Files.writeString(root.resolve("a/tasks"), "");
        Files.createSymbolicLink(root.resolve("a/link"), root.resolve("a/c"));
        assertThrows(LastErrorException.class, () -> CgroupDir.open(root.resolve("a/tasks")).close());
        try (CgroupDir top = CgroupDir.open(root)) {
            assertThrows(LastErrorException.class, () -> top.below(List.of("a", "tasks")).close(), "a file");
            assertThrows(LastErrorException.class, () -> top.below(List.of("a", "link")).close(), "a link");
            try (CgroupDir c = top.below(List.of("a", "c"))) {
                Files.delete(root.resolve("a/c"));
                Files.writeString(root.resolve("a/c"), "");
                assertFalse(c.stillThere(), "a file where the directory was is not the directory");
            }
        }
    }

    @Test
    void aFileIsReadThroughNoLink() throws IOException {
        Files.writeString(root.resolve("real"), "1\n");
        Files.createSymbolicLink(root.resolve("notify_on_release"), root.resolve("real"));
        try (CgroupDir dir = CgroupDir.open(root)) {
            assertEquals("1\n", new String(dir.read(CgroupDir.fileName("real"), true), StandardCharsets.US_ASCII));
            LastErrorException e = assertThrows(LastErrorException.class,
                    () -> dir.read(CgroupDir.fileName("notify_on_release"), true));
            assertEquals(40, e.getErrorCode(), "ELOOP, as open(2) with O_NOFOLLOW says at a link");
        }
    }

    /**
     * More entries with long names than one getdents64 call returns (a 32 KiB buffer holds about
     * 115 entries of 250 bytes): every one is listed once, with its kind, across the calls.
     */
    @Test
    void aDirectoryOfManyLongNamesIsListedWhole() throws IOException {
        List<String> files = new ArrayList<>();
        List<String> dirs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String name = String.format("%03d", i) + "x".repeat(247);
            if (i % 10 == 0) {
                Files.createDirectory(root.resolve(name));
                dirs.add(name);
            } else {
                Files.writeString(root.resolve(name), "");
                files.add(name);
            }
        }
        List<String> listedFiles = new ArrayList<>();
        List<String> listedDirs = new ArrayList<>();
        try (CgroupDir dir = CgroupDir.open(root)) {
            dir.list((name, directory) -> (directory ? listedDirs : listedFiles).add(name));
        }
        listedFiles.sort(null);
        listedDirs.sort(null);
        assertEquals(files, listedFiles);
        assertEquals(dirs, listedDirs);
    }

    private static List<String> names(CgroupDir dir) {
        List<String> names = new ArrayList<>();
        dir.list((name, directory) -> names.add(name));
        return names;
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
