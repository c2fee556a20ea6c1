package io.cgscope.sim;

/**
 * Told by the simulated kernel, inside its lock, after each step that changed anything. Must
 * return at once and must not call back into a write of the kernel.
 */
public interface SimListener {
    /** Cgroups, files or processes changed. */
    void changed();

    /** The release agent was called (after the change that released the cgroup was told). */
    default void agentCalled(AgentCall call) {
    }

    /** The cleaning agent's rmdir was made or refused. */
    default void agentRemoved(AgentRemoval removal) {
    }
}
