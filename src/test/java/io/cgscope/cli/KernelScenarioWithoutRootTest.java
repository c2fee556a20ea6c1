package io.cgscope.cli;

import io.cgscope.testkit.PrivateHierarchy;
import io.cgscope.testkit.ThisJava;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code scenario run --kernel} as a user who is not root: one line that says why, exit 2, and
 * nothing mounted; the simulator runs the same lesson for that user. The JVM runs as nobody
 * (through {@code setpriv}) on a copy of the class path that nobody can read.
 */
class KernelScenarioWithoutRootTest {
    @Test
    void notRootIsOneLineAndExitTwoWhileTheSimulatorRuns() throws Exception {
        assumeTrue(PrivateHierarchy.whyUnavailable() == null, "needs root to become another user");
        Path copy = Files.createTempDirectory("cgscope-nobody-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try {
            String classPath = readableCopy(copy);
            Run kernel = asNobody(classPath, "scenario", "run", "--kernel", "last-task-exits");
            assertEquals(2, kernel.exit, kernel.output);
            assertEquals("cgscope scenario: scenario run --kernel needs root: it mounts a private cgroup hierarchy"
                    + " and sets its release agent\n", kernel.output);
            Run sim = asNobody(classPath, "scenario", "run", "last-task-exits");
            assertEquals(0, sim.exit, sim.output);
        } finally {
            try (Stream<Path> all = Files.walk(copy)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private record Run(int exit, String output) {
    }

    private static Run asNobody(String classPath, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "env", "HOME=/tmp", ThisJava.command(), "-Djna.tmpdir=/tmp", "-cp", classPath, "io.cgscope.Launcher"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).directory(new File("/tmp")).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    /** The test's class path copied where every user can read it; the copy's class path. */
    private static String readableCopy(Path into) throws IOException {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path from = Path.of(entry);
            if (!Files.exists(from)) {
                continue;
            }
            Path to = into.resolve(n++ + "-" + from.getFileName());
            if (Files.isDirectory(from)) {
                try (Stream<Path> all = Files.walk(from)) {
                    for (Path p : all.toList()) {
                        Path target = to.resolve(from.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(target);
                        } else {
                            Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            } else {
                Files.copy(from, to);
            }
            entries.add(to.toString());
        }
        try (Stream<Path> all = Files.walk(into)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
