package io.cgscope.host;

import io.cgscope.model.CgroupFiles;
import io.cgscope.model.Check;
import io.cgscope.model.FreezeState;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.PidText;
import io.cgscope.model.ReadBack;

import java.io.IOException;
import java.util.Optional;

/**
 * Every write the edit panels make in one hierarchy of a host, each read back. A refused write
 * throws an IOException whose message is the sentence to show (the kernel's errno in words);
 * input that is wrong before any write throws IllegalArgumentException with the sentence. The
 * checks ask before a write what a person should know; the defaults allow everything, for hosts
 * with nothing to warn about.
 */
public interface CgroupEdits {
    Hierarchy hierarchy();

    ReadBack setNotifyOnRelease(String cgroup, boolean on) throws IOException;

    ReadBack setCloneChildren(String cgroup, boolean on) throws IOException;

    ReadBack setReleaseAgent(String agent) throws IOException;

    ReadBack clearReleaseAgent() throws IOException;

    /** Makes {@code parent/name}; returns the new cgroup as read. */
    CgroupFiles createChild(String parent, String name) throws IOException;

    /** Removes an empty cgroup with no children. */
    void remove(String cgroup) throws IOException;

    /** Moves the whole process {@code pid} (every thread) into {@code cgroup}; returns the cgroup as read. */
    CgroupFiles moveProcess(String cgroup, int pid) throws IOException;

    /** Writes {@code cgroup.freeze} (v2). */
    FreezeState setFrozen(String cgroup, boolean frozen) throws IOException;

    /** Why this hierarchy's release agent cannot be written (v2, mounted below its root), or null. */
    default String whyNoReleaseAgent() {
        return null;
    }

    /** What to say before {@code agent} becomes the release agent (a file that is missing, writable by others). */
    default Check checkReleaseAgent(String agent) {
        return Check.ok();
    }

    /**
     * The check again right before the write, after every question was answered: refuses when
     * anything changed from {@code agreed}, the warning the person accepted (null for none).
     */
    default Check recheckReleaseAgent(String agent, String agreed) {
        return Check.ok();
    }

    /** Whether {@code pidText} names a process that may be moved (syntax, existence, a thread of another). */
    default Check checkPid(String pidText) {
        return PidText.check(pidText);
    }

    /** What to ask before {@code pid} moves into {@code cgroup} (cgscope itself, for one). */
    default Check moveCheck(int pid, String cgroup) {
        return Check.ok();
    }

    /** Whether {@code cgroup} may be frozen: never when that would freeze cgscope itself. */
    default Check freezeCheck(String cgroup) {
        return Check.ok();
    }

    /** The recorder of the kernel's calls of the release agent; empty where the host has none (v2, no recorder). */
    default Optional<AgentRecording> recording() {
        return Optional.empty();
    }

    /** Why writes to this hierarchy are confirmed first (a service manager owns it), or null. */
    default String serviceManager() {
        return null;
    }
}
