package io.cgscope.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average as uptime prints it, for each figure: the machine is shared. */
final class Load {
    private Load() {
    }

    /** "4.12, 3.80, 2.95": over 1, 5 and 15 minutes. */
    static String now() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
