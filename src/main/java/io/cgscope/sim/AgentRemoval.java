package io.cgscope.sim;

import io.cgscope.model.Hierarchy;

/**
 * The rmdir a release agent that cleans up makes after its call: done, or refused because a task
 * joined or a child appeared first (the race of the 2007 commit's comment; the cgroup lives on).
 *
 * @param refusal the kernel's sentence (EBUSY, or ENOENT when someone else removed it), null when it was removed
 */
public record AgentRemoval(Hierarchy hierarchy, String path, String refusal) {
    public boolean removed() {
        return refusal == null;
    }
}
