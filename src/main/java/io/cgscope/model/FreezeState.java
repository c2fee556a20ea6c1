package io.cgscope.model;

/** What a v2 cgroup says about freezing right after a write to {@code cgroup.freeze}. */
public record FreezeState(CgroupFiles files, boolean requested, Boolean frozen) {
    /** Freezing is done when every task has stopped: {@code frozen 1} in cgroup.events. */
    public String describe() {
        String asked = "cgroup.freeze is " + Bit.of(requested);
        if (frozen == null) {
            return asked + ".";
        }
        if (frozen == requested) {
            return asked + "; cgroup.events says frozen " + Bit.of(frozen.booleanValue()) + ".";
        }
        return asked + "; cgroup.events still says frozen " + Bit.of(frozen.booleanValue())
                + " (it changes once every task has " + (requested ? "stopped" : "resumed") + ").";
    }
}
