package io.cgscope.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.sun.jna.Native;
import io.cgscope.testkit.Commands;
import io.cgscope.testkit.ThisJava;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dump} runs with no display and never loads a JavaFX class: proven by running it in a JVM
 * whose class path holds no JavaFX at all, and by asking the class loader what it loaded.
 */
class HeadlessLauncherTest {
    /** A JVM start with a dump of the machine: a few seconds, many more on a loaded machine. */
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void dumpRunsWithoutJavaFxOnTheClassPath() throws Exception {
        Commands.Finished p = Commands.run(new ProcessBuilder(ThisJava.command(), "-verbose:class", "-cp",
                classPathWithoutJavaFx(), "io.cgscope.Launcher", "dump").redirectErrorStream(true), DEADLINE);
        String output = p.output();

        assertEquals(0, p.exitCode(), output);
        assertTrue(output.lines().noneMatch(l -> l.contains("javafx.")), "a JavaFX class was loaded");
        assertTrue(output.contains("(v"), "the dump was printed: " + output.lines().limit(5).toList());
    }

    @Test
    void theWindowWithoutADisplayIsOneLineAndExitCode3() throws Exception {
        ProcessBuilder b = new ProcessBuilder(ThisJava.command(), "-cp", System.getProperty("java.class.path"),
                "io.cgscope.Launcher").redirectErrorStream(true);
        b.environment().remove("DISPLAY");
        b.environment().remove("WAYLAND_DISPLAY");
        Commands.Finished p = Commands.run(b, DEADLINE);
        String output = p.output().strip();

        assertEquals(3, p.exitCode(), output);
        assertEquals(1, output.lines().count(), output);
        assertTrue(output.contains("dump"), "names the headless alternative: " + output);
    }

    @Test
    void aMistakeInTheWindowsOptionsIsExitCode2BeforeAnyDisplayIsNeeded() throws Exception {
        for (List<String> args : List.of(List.of("--bogus"), List.of("--screenshot"), List.of("--theme", "blue"))) {
            List<String> command = new java.util.ArrayList<>(List.of(ThisJava.command(), "-cp",
                    System.getProperty("java.class.path"), "io.cgscope.Launcher"));
            command.addAll(args);
            ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
            b.environment().remove("DISPLAY");
            Commands.Finished p = Commands.run(b, DEADLINE);
            String output = p.output().strip();

            assertEquals(2, p.exitCode(), args + ": " + output);
            assertEquals(1, output.lines().count(), output);
        }
    }

    /**
     * A directory laid out like cgroupfs but no cgroupfs (anyone can make one) is refused by the
     * window as by dump, display or not: it was shown as a hierarchy, every edit panel live as root.
     */
    @Test
    void aDirectoryThatIsNoCgroupfsIsRefusedByTheWindowToo(@TempDir Path tmp) throws Exception {
        Path lookalike = Files.createDirectory(tmp.resolve("lookalike"));
        Files.writeString(lookalike.resolve("cgroup.procs"), "");
        Files.writeString(lookalike.resolve("notify_on_release"), "0\n");
        Path png = tmp.resolve("shot.png");
        for (List<String> args : List.of(List.of("--root", lookalike.toString()),
                List.of("--screenshot", png.toString(), "--root", lookalike.toString()),
                List.of("--screenshot", png.toString(), lookalike.toString()))) {
            Commands.Finished run = launch(args);

            assertEquals(2, run.exitCode(), args + ": " + run.output());
            assertEquals(List.of("cgscope: " + lookalike + " is not a cgroup filesystem"),
                    run.output().lines().map(l -> l.replaceAll(" \\(statfs.*", "")).toList(), run.output());
        }
        assertFalse(Files.exists(png), "no picture of it either");
    }

    @Test
    void eachBadDirectoryForTheWindowIsOneLineAndExitCode2(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "");
        Path fixture = Files.createDirectory(tmp.resolve("fixture"));
        Files.writeString(fixture.resolve("cgroup.procs"), "");
        for (List<String> args : List.of(List.of("--root", ""), List.of("--root", file.toString()),
                List.of("--fixture", tmp.resolve("none").toString()), List.of("--fixture", file.toString()),
                List.of("--fixture", tmp.toString()), List.of("--fixture", fixture.toString(), "--fixture", fixture + "/"),
                List.of("--fixture", fixture.toString(), "--root", "/sys/fs/cgroup"))) {
            Commands.Finished run = launch(args);

            assertEquals(2, run.exitCode(), args + ": " + run.output());
            assertEquals(1, run.output().lines().count(), args + ": " + run.output());
            assertFalse(run.output().contains("0xffff"), run.output());
        }
    }

    /** The window's launcher without a display, so that it can only refuse or say there is none. */
    private static Commands.Finished launch(List<String> args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(ThisJava.command(), "-cp",
                System.getProperty("java.class.path"), "io.cgscope.Launcher"));
        command.addAll(args);
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().remove("DISPLAY");
        b.environment().remove("WAYLAND_DISPLAY");
        return Commands.run(b, DEADLINE);
    }

    private static String classPathWithoutJavaFx() throws URISyntaxException {
        return String.join(File.pathSeparator, location(io.cgscope.Launcher.class), location(Native.class),
                location(JsonFactory.class));
    }

    private static String location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
