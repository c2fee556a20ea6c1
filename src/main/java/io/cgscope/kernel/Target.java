package io.cgscope.kernel;

import io.cgscope.model.Hierarchy;

/** What to read: a hierarchy, and the cgroup of it where reading starts ("/" for all of it). */
public record Target(Hierarchy hierarchy, String cgroupPath) {
}
