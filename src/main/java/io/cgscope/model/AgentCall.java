package io.cgscope.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One call of the release agent, as the recorder logged it.
 *
 * @param time      when the recorder ran, or null when {@code date} gave no time
 * @param hierarchy the hierarchy's device number ("major:minor", as {@link Hierarchy#device()})
 * @param path      the cgroup's path relative to the hierarchy root, as the kernel passed it
 */
public record AgentCall(Instant time, String hierarchy, String path) {
    public AgentCall {
        Objects.requireNonNull(hierarchy, "hierarchy");
        Objects.requireNonNull(path, "path");
    }
}
