package io.cgscope;

import io.cgscope.testkit.Commands;
import io.cgscope.testkit.ThisJava;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The launcher {@code packaging/cgscope} (installed as {@code target/cgscope} by the build): it
 * hands the user's arguments to the jar untouched, with the JVM options file, and with the
 * class-data archive and JNA's unpacked native part only when the build made them. Run against a stand-in {@code java} that prints the
 * arguments it was given, one per line.
 */
class LauncherScriptTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    @TempDir
    Path tmp;
    /** Where the launcher is installed: a name with a space, as a home directory may have. */
    private Path dir;
    private Path launcher;

    @BeforeEach
    void installLauncherNextToAJar() throws IOException {
        dir = Files.createDirectories(tmp.resolve("cgscope home"));
        launcher = dir.resolve("cgscope");
        Files.copy(Path.of("packaging", "cgscope"), launcher, StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(dir.resolve("cgscope.jvmopts"), "-XX:TieredStopAtLevel=1\n");
        Files.createFile(dir.resolve("cgscope.jar"));
        Path bin = Files.createDirectories(dir.resolve("jdk/bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\nexit 7\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void passesTheArgumentsUnchangedWithTheOptionsFile() throws Exception {
        Run run = run(launcher, "dump", "--root", "/sys/fs/cgroup/a b");

        assertEquals(List.of("@" + dir.resolve("cgscope.jvmopts"), "-jar", dir.resolve("cgscope.jar").toString(),
                "dump", "--root", "/sys/fs/cgroup/a b"), run.lines);
        assertEquals(7, run.exitCode, "the launcher exits with the JVM's exit code");
    }

    @Test
    void usesTheClassArchiveWhenTheBuildMadeOne() throws Exception {
        Files.createFile(dir.resolve("cgscope.jsa"));

        Run run = run(launcher, "--help");

        assertEquals(List.of("@" + dir.resolve("cgscope.jvmopts"), "-XX:SharedArchiveFile=" + dir.resolve("cgscope.jsa"),
                "-jar", dir.resolve("cgscope.jar").toString(), "--help"), run.lines);
    }

    @Test
    void pointsJnaAtItsUnpackedNativePartWhenTheBuildMadeOne() throws Exception {
        Files.createDirectories(dir.resolve("native"));
        Files.createFile(dir.resolve("native/libjnidispatch.so"));

        Run run = run(launcher, "dump");

        assertEquals(List.of("@" + dir.resolve("cgscope.jvmopts"), "-Djna.boot.library.path=" + dir.resolve("native"),
                "-jar", dir.resolve("cgscope.jar").toString(), "dump"), run.lines);
    }

    @Test
    void findsItsFilesThroughASymlinkOnThePath() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("usr/local/bin"));
        Path link = Files.createSymbolicLink(bin.resolve("cgscope"), launcher);

        Run run = run(link, "watch");

        assertEquals(dir.resolve("cgscope.jar").toString(), run.lines.get(run.lines.indexOf("-jar") + 1));
    }

    @Test
    void startsTheRuntimeInstalledWithItRatherThanJavaHomes() throws Exception {
        // the package's layout: the launcher in lib/app, the runtime made for it in lib/runtime
        Path bin = Files.createDirectories(dir.resolveSibling("runtime").resolve("bin"));
        Path bundled = bin.resolve("java");
        Files.writeString(bundled, "#!/bin/sh\nprintf '%s\\n' \"$0\" \"$@\"\nexit 5\n");
        Files.setPosixFilePermissions(bundled, PosixFilePermissions.fromString("rwxr-xr-x"));

        Run run = run(launcher, "dump");

        assertEquals(5, run.exitCode, "the launcher runs the bundled java, not JAVA_HOME's");
        assertEquals(bundled, Path.of(run.lines.get(0)).normalize());
        assertEquals(List.of("@" + dir.resolve("cgscope.jvmopts"), "-jar", dir.resolve("cgscope.jar").toString(),
                "dump"), run.lines.subList(1, run.lines.size()));
    }

    @Test
    void theShippedOptionsAreAcceptedByThisJvm() throws Exception {
        Commands.Finished p = Commands.run(new ProcessBuilder(ThisJava.command(),
                "@" + Path.of("packaging", "cgscope.jvmopts"), "-version").redirectErrorStream(true), DEADLINE);
        assertEquals(0, p.exitCode(), p.output());
    }

    private record Run(List<String> lines, int exitCode) {
    }

    private Run run(Path script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
        Commands.Finished p = Commands.run(pb, DEADLINE);
        return new Run(p.output().lines().toList(), p.exitCode());
    }
}
