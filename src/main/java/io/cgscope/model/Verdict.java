package io.cgscope.model;

/** Whether a cgroup is releasable, and why, in words a person reads in the window and in dumps. */
public record Verdict(boolean releasable, String reason) {
}
