package io.cgscope.sim;

import io.cgscope.model.Hierarchy;

/**
 * One run of the simulated release agent: nothing is executed, the call is recorded.
 *
 * @param sequence counts every call of the kernel from 1: the order they were made in
 * @param agent    the hierarchy's release_agent when the work item ran
 * @param path     the released cgroup, relative to the hierarchy's root, as the agent gets it
 */
public record AgentCall(long sequence, Hierarchy hierarchy, String agent, String path) {
}
