package io.cgscope.host;

import io.cgscope.model.ProcessRow;
import io.cgscope.model.CgroupFiles;
import io.cgscope.model.Hierarchy;

import java.io.IOException;
import java.util.Optional;

/**
 * Where cgroups live: this machine's kernel, a read-only fixture directory, and later the
 * simulated kernel, a playground hierarchy or another machine. Every view reads and writes through
 * the host of the row it shows and never reaches past it, so nothing downstream can tell one host
 * from another. Small on purpose: an in-memory tree implements it in a few dozen lines.
 *
 * <p>Reads may block (they are file reads on a real host): views call them off the FX thread.
 */
public interface CgroupHost extends AutoCloseable {
    /** Unique among the hosts of one window, and part of every row's key: rows of two hosts never collide. */
    String id();

    /** What a person calls it: "this machine", "fixture tree /srv/demo". */
    String displayName();

    /** Its hierarchies, live: snapshots, then batches of changes. The view starts it; {@link #close()} stops it. */
    LiveSource live();

    /** What this host lets anybody write: everything the panels offer, or nothing and why. */
    Access access();

    /** Where a cgroup lives, in the words of the host: "/sys/fs/cgroup/cpu/a". */
    String describe(Hierarchy hierarchy, String cgroup);

    /** The bytes of one interface file of a cgroup; an IOException whose message says why not. */
    byte[] readFile(Hierarchy hierarchy, String cgroup, String file) throws IOException;

    /** The cgroup as the host has it now; empty when it is gone or cannot be read. */
    Optional<CgroupFiles> readCgroup(Hierarchy hierarchy, String cgroup);

    /**
     * The hierarchy's release agent as the host has it now ("" for none); empty where it cannot be
     * read (a hierarchy mounted below its root, or v2, which has none).
     */
    Optional<String> releaseAgent(Hierarchy hierarchy);

    /** One process as the process table shows it; empty when it exited (a normal race). */
    Optional<ProcessRow> process(int pid);

    /** The writes the panels make in {@code hierarchy}; empty when {@link #access()} is read-only. */
    Optional<CgroupEdits> edits(Hierarchy hierarchy);

    /**
     * Starting and ending processes, where the host has no shell beside it (the simulated
     * kernel); empty for a real machine and wherever writing is not allowed.
     */
    default Optional<ProcessControl> processes() {
        return Optional.empty();
    }

    /** Stops the live source and whatever else the host started; harmless when called twice. */
    @Override
    void close();
}
