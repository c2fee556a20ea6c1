package io.cgscope.host;

import io.cgscope.model.Check;
import io.cgscope.model.Hierarchy;

import java.io.IOException;

/**
 * What a host with no shell beside it offers instead: start a process in a cgroup and end one.
 * The simulated kernel has it; a real machine does not (its processes are started and ended by
 * its own programs), so {@link CgroupHost#processes()} is empty there. Moving a process is an
 * edit like any other ({@link CgroupEdits#moveProcess}).
 */
public interface ProcessControl {
    /**
     * Starts a process named {@code name} in {@code cgroup} of {@code hierarchy}.
     *
     * @return its pid
     * @throws IOException with the sentence to show when the cgroup is gone
     */
    int start(Hierarchy hierarchy, String cgroup, String name) throws IOException;

    /** The process exits, all its threads with it; an IOException with the sentence when it is gone already. */
    void exit(int pid) throws IOException;

    /** Whether {@code pid} may exit (the simulated init never does): refused with the sentence, or ok. */
    default Check exitCheck(int pid) {
        return Check.ok();
    }
}
