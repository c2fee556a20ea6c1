package io.cgscope.bench;

import java.io.PrintStream;

/** Snapshot and dump speed against find and lscgroup. */
final class SnapshotBench {
    private SnapshotBench() {
    }

    static void run(int[] sizes, PrintStream out) {
        out.println("snapshot: not measured yet");
    }
}
