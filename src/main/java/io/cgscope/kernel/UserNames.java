package io.cgscope.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Users by id, from a passwd file: how the process table and the read-only banner name them. */
public final class UserNames {
    public static final Path PASSWD = Path.of("/etc/passwd");

    private final Map<Integer, String> names;

    private UserNames(Map<Integer, String> names) {
        this.names = names;
    }

    /** The users {@code passwd} lists; none when it cannot be read (users are then shown by number). */
    public static UserNames read(Path passwd) {
        Map<Integer, String> names = new HashMap<>();
        try {
            for (String line : Files.readAllLines(passwd, StandardCharsets.UTF_8)) {
                String[] f = line.split(":");
                if (f.length > 2) {
                    try {
                        names.putIfAbsent(Integer.parseInt(f[2]), f[0]);
                    } catch (NumberFormatException ignored) {
                        // a malformed line names nobody
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no passwd, or not text: users are shown by number
        }
        return new UserNames(names);
    }

    public Optional<String> nameOf(int uid) {
        return Optional.ofNullable(names.get(uid));
    }

    /** "alice (uid 1001)", or "uid 1001" for a user the file does not name. */
    public String describe(int uid) {
        return nameOf(uid).map(n -> n + " (uid " + uid + ")").orElse("uid " + uid);
    }
}
