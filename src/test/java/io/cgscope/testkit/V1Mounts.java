package io.cgscope.testkit;

import io.cgscope.local.NamedV1Mounts;

import java.io.IOException;
import java.nio.file.Path;

/** Mounting a named v1 hierarchy without controllers, and unmounting it so that the kernel frees it ({@link NamedV1Mounts}). */
final class V1Mounts {
    private V1Mounts() {
    }

    static void mount(String name, Path dir) throws IOException {
        NamedV1Mounts.mount(name, dir);
    }

    /** @return whether the hierarchy is gone (see {@link NamedV1Mounts#unmountAndFree}) */
    static boolean unmountAndFree(String name, Path dir) throws IOException {
        return NamedV1Mounts.unmountAndFree(name, dir);
    }

    static boolean isMountPoint(Path dir) throws IOException {
        return NamedV1Mounts.isMountPoint(dir);
    }

    static boolean listed(String name) throws IOException {
        return NamedV1Mounts.listed(name);
    }

    static void run(String... command) throws IOException {
        NamedV1Mounts.run(command);
    }
}
