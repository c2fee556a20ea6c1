package io.cgscope.cli;

import io.cgscope.testkit.PrivateHierarchy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each mistake with {@code --root} and the other shared options is exit code 2 and one line on
 * stderr that says what is wrong with it, and nothing on stdout.
 */
class RootOptionTest {
    private PrivateHierarchy h;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void unmount() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void aRegularFileIsSaidToBeAFile(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "x");

        assertRefused("is a file, not a directory", "dump", "--root", file.toString());
        assertTrue(error().startsWith("cgscope dump: " + file + " "), error());
    }

    @Test
    void anEmptyPathNamesNoDirectory() {
        assertRefused("an empty path names no directory", "dump", "--root", "");
        assertFalse(error().contains("0xffff"), "no statfs of the working directory: " + error());
    }

    @Test
    void aMissingDirectoryIsSaidToBeMissing() {
        assertRefused("/no/such/dir: no such directory", "dump", "--root", "/no/such/dir");
    }

    @Test
    void theSameCgroupTwiceIsRefused() throws IOException {
        mount();

        assertRefused("are the same cgroup, / of name=" + h.name(), "dump", "--root", h.dir().toString(),
                "--root", h.dir() + "/");
    }

    @Test
    void aCgroupInsideAnotherGivenIsRefusedWhicheverComesFirst() throws IOException {
        mount();
        String app = h.pathOf("/app").toString();

        assertRefused(app + " lies inside " + h.dir(), "dump", "--root", h.dir().toString(), "--root", app);
        out.reset();
        err.reset();
        assertRefused(app + " lies inside " + h.dir(), "dump", "--json", "--root", app, "--root", h.dir().toString());
    }

    /** Before, the second copy was watched too and silently stopped updating. */
    @Test
    void watchRefusesTheSameCgroupTwice() throws IOException, UsageException {
        mount();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code;
        try {
            code = WatchCommand.run(List.of("--root", h.dir().toString(), "--root", h.dir().toString(), "--until-eof"),
                    o, e, new ByteArrayInputStream(new byte[0]), false);
        } catch (UsageException refused) {
            code = Cli.EXIT_USAGE;
            e.println("cgscope watch: " + refused.getMessage());
        }

        assertEquals(Cli.EXIT_USAGE, code, error());
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing watched");
        assertTrue(error().contains("are the same cgroup"), error());
    }

    @Test
    void aMessageNamesTheCommandOnce() {
        assertRefused("cgscope dump: unknown option --interval", "dump", "--interval", "100");
        assertFalse(error().contains("dump: dump:"), error());
    }

    /** The mount table decides what is taken for a cgroupfs: no command line replaces the kernel's. */
    @Test
    void theMountTableIsNoOption(@TempDir Path tmp) throws IOException {
        Path table = Files.writeString(tmp.resolve("mountinfo"), "");

        assertRefused("unknown argument --mountinfo", "dump", "--mountinfo", table.toString());
    }

    @Test
    void aFixtureAndARootDoNotMix(@TempDir Path tmp) {
        assertRefused("--fixture and --root do not mix", "dump", "--fixture", tmp.toString(), "--root", "/sys/fs/cgroup");
    }

    @Test
    void aDirectoryWithoutCgroupFilesIsNoFixture(@TempDir Path tmp) {
        assertRefused(tmp.toString(), "dump", "--fixture", tmp.toString());
    }

    private void assertRefused(String expected, String... args) {
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Cli.EXIT_USAGE, code, error());
        assertEquals(1, error().lines().count(), "one line: " + error());
        assertTrue(error().contains(expected), error());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    private String error() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private void mount() throws IOException {
        assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
        h = PrivateHierarchy.mount();
        h.mkdir("/app");
    }
}
