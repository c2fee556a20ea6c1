package io.cgscope.model;

/** The fields of a cgroup whose change a {@link ChangeKind#CHANGED} names. */
public enum Field {
    NOTIFY_ON_RELEASE("notify_on_release"),
    CLONE_CHILDREN("clone_children"),
    RELEASE_AGENT("release_agent"),
    PROCS("procs"),
    THREADS("threads"),
    POPULATED("populated"),
    FROZEN("frozen"),
    CHILDREN("children"),
    FILES("files");

    private final String jsonName;

    Field(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name {@code watch --json} prints in "fields". */
    public String jsonName() {
        return jsonName;
    }
}
