package io.cgscope.model;

import java.util.List;
import java.util.Objects;

/**
 * A cgroup as cgscope shows it: what its files say plus what follows from its place in the tree
 * ({@code populated} for v1, releasability and the reason). Immutable; equal when nothing shown
 * differs, so a tree row repaints exactly when its record changes.
 */
public record Cgroup(CgroupFiles files, boolean populated, Verdict verdict) {

    public Cgroup {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(verdict, "verdict");
    }

    /**
     * Derives populated ({@link CgroupFiles#populated}) and the verdict for {@code files}.
     *
     * @param aChildPopulated whether any child cgroup is populated
     */
    public static Cgroup of(CgroupVersion version, CgroupFiles files, boolean aChildPopulated) {
        boolean populated = files.populated(aChildPopulated);
        return new Cgroup(files, populated, ReleaseRule.judge(version, files, populated));
    }

    public String path() {
        return files.path();
    }

    public String name() {
        return files.name();
    }

    public boolean isRoot() {
        return files.isRoot();
    }

    public Boolean notifyOnRelease() {
        return files.notifyOnRelease();
    }

    public Boolean cloneChildren() {
        return files.cloneChildren();
    }

    public String releaseAgent() {
        return files.releaseAgent();
    }

    public Pids procs() {
        return files.procs();
    }

    public Pids threads() {
        return files.threads();
    }

    public Boolean frozen() {
        return files.frozen();
    }

    public List<String> children() {
        return files.children();
    }

    public List<String> interfaceFiles() {
        return files.files();
    }

    public boolean releasable() {
        return verdict.releasable();
    }

    public String reason() {
        return verdict.reason();
    }

    public int taskCount() {
        return files.taskCount();
    }
}
