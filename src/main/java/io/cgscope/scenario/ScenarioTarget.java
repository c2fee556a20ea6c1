package io.cgscope.scenario;

import java.io.IOException;
import java.util.List;

/**
 * What a scenario runs on: one hierarchy of the simulated kernel, or a private hierarchy of the
 * real kernel (a named v1 one, or a child of the machine's cgroup2 for a v2 scenario) with real
 * processes and a real, logging release agent. The same
 * scenario, step for step, on either: a lesson proves on the real kernel what it teaches on the
 * simulator.
 *
 * <p>Paths are absolute within the hierarchy ("/a/b", "/" for its root). A step the kernel refuses
 * throws a {@link io.cgscope.model.CgroupWriteException} carrying the errno (so that
 * {@code expect error EBUSY ...} can compare it) and the sentence the window would show.
 * Processes are known by the name the scenario gave them at {@code spawn}.
 */
public interface ScenarioTarget extends AutoCloseable {
    /** What runs the scenario, for the printed header: "simulator, today's rules", "kernel, /tmp/x". */
    String describe();

    void mkdir(String path) throws IOException;

    void rmdir(String path) throws IOException;

    /** Writes {@code value} to the cgroup's file: {@code notify_on_release} or {@code cgroup.clone_children}. */
    void set(String path, String file, String value) throws IOException;

    /**
     * Sets the hierarchy's release agent; {@code null} clears it. With {@code removes} the agent
     * also removes each cgroup it is called for, at the next {@link #settle()}: a task that joins
     * the cgroup before then makes that rmdir fail with EBUSY, and the cgroup lives on.
     */
    void agent(String agent, boolean removes) throws IOException;

    /** Starts a process named {@code name} (unused so far in this run) in {@code path}. */
    void spawn(String name, String path) throws IOException;

    /** Ends the named process (it exits; its threads with it). */
    void exit(String name) throws IOException;

    /** Moves the whole named process (every thread, as cgroup.procs does) into {@code path}. */
    void move(String name, String path) throws IOException;

    /**
     * Returns once the kernel, the release agent and any clean-up it does have caught up with the
     * steps so far: at once on the simulator, bounded by a deadline on the real kernel.
     */
    void settle() throws IOException;

    /**
     * Whether the cgroup is releasable: on today's rules cgscope's prediction from the cgroup's
     * files ({@link io.cgscope.model.ReleaseRule}); on the 2007 rules the {@code releasable} file.
     */
    boolean releasable(String path) throws IOException;

    /** Whether any task is in the cgroup or below it. */
    boolean populated(String path) throws IOException;

    /** Whether the cgroup exists (it may have been removed, by the scenario or by the agent). */
    boolean exists(String path) throws IOException;

    /**
     * The text of one of the cgroup's files ({@code notify_on_release}, {@code cgroup.events},
     * ...), as the kernel shows it; a missing cgroup or file is a
     * {@link io.cgscope.model.CgroupWriteException} with ENOENT, as reading it would be.
     */
    String read(String path, String file) throws IOException;

    /** The release agent's calls (paths relative to the root, as the agent got them) since the previous take. */
    List<String> takeAgentCalls() throws IOException;

    /** Ends every process started, removes every cgroup made and anything mounted; harmless twice. */
    @Override
    void close();
}
