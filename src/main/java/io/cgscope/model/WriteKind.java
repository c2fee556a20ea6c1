package io.cgscope.model;

/** The writes cgscope makes to cgroupfs: each one explains a kernel refusal its own way. */
public enum WriteKind {
    NOTIFY_ON_RELEASE("notify_on_release"),
    CLONE_CHILDREN("cgroup.clone_children"),
    RELEASE_AGENT("release_agent"),
    MKDIR("a new cgroup"),
    RMDIR("removing the cgroup"),
    MOVE_PROCESS("cgroup.procs"),
    FREEZE("cgroup.freeze");

    private final String what;

    WriteKind(String what) {
        this.what = what;
    }

    /** What is being written, as a person would name it. */
    public String what() {
        return what;
    }
}
