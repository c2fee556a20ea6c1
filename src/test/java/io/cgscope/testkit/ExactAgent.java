package io.cgscope.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import io.cgscope.model.NameBytes;

/**
 * A release agent that keeps every path it is handed exactly, each followed by a NUL (the one
 * byte no path holds): the agent a recorder chains to, whose own log says what it received.
 */
public final class ExactAgent {
    private final Path script;
    private final Path log;

    private ExactAgent(Path script, Path log) {
        this.script = script;
        this.log = log;
    }

    /** Writes the agent into {@code dir} (which must be root's alone: the kernel runs it as root). */
    public static ExactAgent in(Path dir) throws IOException {
        Path log = dir.resolve("previous-agent.log");
        Files.createFile(log);
        Path script = dir.resolve("previous agent's 'own'.sh");
        Files.writeString(script, "#!/bin/sh\nprintf '%s\\0' \"$1\" >> '" + log + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return new ExactAgent(script, log);
    }

    public Path script() {
        return script;
    }

    /** The paths received so far, in order. Unchecked: tests poll it inside {@code Eventually}. */
    public List<String> received() {
        try {
            byte[] b = Files.readAllBytes(log);
            List<String> paths = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < b.length; i++) {
                if (b[i] == 0) {
                    paths.add(NameBytes.decode(b, start, i));
                    start = i + 1;
                }
            }
            return paths;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the agent's log " + log, e);
        }
    }
}
