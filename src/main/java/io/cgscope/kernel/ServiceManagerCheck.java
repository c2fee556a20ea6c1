package io.cgscope.kernel;

import io.cgscope.model.Hierarchy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells whether a service manager (systemd, or any init that places itself) owns a hierarchy:
 * the {@code name=systemd} hierarchy, or one where PID 1 lives outside the root cgroup, which
 * means someone arranged the tree and will expect it to stay as arranged.
 */
public final class ServiceManagerCheck {
    public static final Path INIT_CGROUP = Path.of("/proc/1/cgroup");

    private ServiceManagerCheck() {
    }

    public static String ownerOf(Hierarchy hierarchy) {
        return ownerOf(hierarchy, INIT_CGROUP);
    }

    /**
     * Why writes to {@code hierarchy} should be confirmed, in one sentence, or null when nothing
     * says a service manager owns it.
     *
     * @param initCgroup PID 1's {@code cgroup} file, lines {@code id:controllers:path}
     */
    public static String ownerOf(Hierarchy hierarchy, Path initCgroup) {
        if ("systemd".equals(hierarchy.name())) {
            return "The name=systemd hierarchy belongs to systemd, which tracks its services by it.";
        }
        byte[] file;
        try {
            file = Files.readAllBytes(initCgroup);
        } catch (IOException e) {
            return null;
        }
        for (TaskCgroups.Line line : TaskCgroups.parse(file)) {
            if (line.names(hierarchy) && !"/".equals(line.path())) {
                return "PID 1 lives in " + line.path() + " of this hierarchy, not in its root: a service manager"
                        + " arranged it and expects it to stay as arranged.";
            }
        }
        return null;
    }
}
