package io.cgscope.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.sun.jna.Native;
import io.cgscope.testkit.Commands;
import io.cgscope.testkit.ThisJava;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    private static String classPathWithoutJavaFx() throws URISyntaxException {
        return String.join(File.pathSeparator, location(io.cgscope.Launcher.class), location(Native.class),
                location(JsonFactory.class));
    }

    private static String location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
