package io.cgscope.sim;

import java.util.ArrayList;
import java.util.List;

/** One simulated process: a pid, the name it was started with, and its threads (the first is the leader). */
final class SimProcess {
    final int pid;
    final String name;
    final List<SimThread> threads = new ArrayList<>();

    SimProcess(int pid, String name) {
        this.pid = pid;
        this.name = name;
    }
}
