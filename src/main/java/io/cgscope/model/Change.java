package io.cgscope.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One typed change of one cgroup.
 *
 * @param time      when the change was seen
 * @param kind      what happened
 * @param hierarchy where
 * @param path      the cgroup's path relative to the hierarchy root
 * @param fields    for {@link ChangeKind#CHANGED}: the fields that differ; empty otherwise
 * @param before    the cgroup before (null for ADDED)
 * @param after     the cgroup after (null for REMOVED)
 */
public record Change(Instant time, ChangeKind kind, Hierarchy hierarchy, String path, Set<Field> fields,
                     Cgroup before, Cgroup after) {
    public Change {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hierarchy, "hierarchy");
        Objects.requireNonNull(path, "path");
        fields = Set.copyOf(fields);
    }
}
