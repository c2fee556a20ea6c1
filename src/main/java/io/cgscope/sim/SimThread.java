package io.cgscope.sim;

import io.cgscope.model.Hierarchy;

import java.util.HashMap;
import java.util.Map;

/** One simulated thread: its id, its process, and its cgroup in each hierarchy. Guarded by the kernel's lock. */
final class SimThread {
    final int tid;
    final SimProcess process;
    final Map<Hierarchy, String> cgroups = new HashMap<>();

    SimThread(int tid, SimProcess process) {
        this.tid = tid;
        this.process = process;
    }
}
