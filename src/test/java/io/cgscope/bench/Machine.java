package io.cgscope.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One line naming the machine the numbers were measured on. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException e) {
            // keep "unknown CPU"
        }
        long memGiB = Runtime.getRuntime().maxMemory() >> 30;
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), Linux "
                + System.getProperty("os.version") + ", Java " + System.getProperty("java.version")
                + ", max heap " + memGiB + " GiB";
    }
}
