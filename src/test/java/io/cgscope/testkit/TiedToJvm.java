package io.cgscope.testkit;

import io.cgscope.local.JvmBoundProcesses;

import java.io.IOException;

/** Starts the tests' processes so that they end with this JVM, also when it is killed ({@link JvmBoundProcesses}). */
final class TiedToJvm {
    private TiedToJvm() {
    }

    static Process start(ProcessBuilder builder) throws IOException {
        return JvmBoundProcesses.start(builder);
    }
}
