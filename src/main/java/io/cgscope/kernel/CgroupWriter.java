package io.cgscope.kernel;

import com.sun.jna.LastErrorException;
import io.cgscope.model.CgroupFiles;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Check;
import io.cgscope.model.ChildName;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.NameBytes;
import io.cgscope.model.Paths;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes one hierarchy's cgroupfs: the flags, release_agent, new and removed cgroups, moved
 * processes, v2 freezing. Every write is read back through {@link CgroupReader} and the result is
 * what the kernel says afterwards, not what was asked for. A refusal of the kernel becomes a
 * {@link CgroupWriteException} whose message is a sentence ({@link KernelErrors}); input that breaks
 * the rules the kernel would enforce anyway is refused before anything is written.
 */
public final class CgroupWriter {
    private final CgroupReader reader;

    public CgroupWriter(Hierarchy hierarchy) {
        this(new CgroupReader(hierarchy));
    }

    public CgroupWriter(CgroupReader reader) {
        this.reader = reader;
    }

    public Hierarchy hierarchy() {
        return reader.hierarchy();
    }

    public CgroupReader reader() {
        return reader;
    }

    /** Writes "1" or "0" to {@code notify_on_release}; returns the cgroup as read back. */
    public CgroupFiles setNotifyOnRelease(String cgroup, boolean on) throws IOException {
        requireV1("notify_on_release");
        write(WriteKind.NOTIFY_ON_RELEASE, cgroup, "notify_on_release", on ? "1" : "0");
        return readBack(WriteKind.NOTIFY_ON_RELEASE, cgroup);
    }

    /** Writes "1" or "0" to {@code cgroup.clone_children}; returns the cgroup as read back. */
    public CgroupFiles setCloneChildren(String cgroup, boolean on) throws IOException {
        requireV1("cgroup.clone_children");
        write(WriteKind.CLONE_CHILDREN, cgroup, "cgroup.clone_children", on ? "1" : "0");
        return readBack(WriteKind.CLONE_CHILDREN, cgroup);
    }

    /**
     * Why release_agent cannot be written through this mount, or null when it can: v2 has none,
     * and a mount that shows only a subtree does not show the root's file.
     */
    public String whyNoReleaseAgent() {
        if (hierarchy().version() != CgroupVersion.V1) {
            return "cgroup v2 has no release agent: it reports an emptied cgroup as populated 0 in cgroup.events.";
        }
        if (!"/".equals(hierarchy().mountRoot())) {
            return "This mount shows only " + hierarchy().mountRoot() + " of the hierarchy; release_agent lives in its root.";
        }
        return null;
    }

    /**
     * Sets the hierarchy's release agent. Checks the text only (see {@link ReleaseAgentCheck#check}
     * for the file); returns the agent as the kernel reads it back ("" for none).
     *
     * @throws IllegalArgumentException when the text breaks the rules: nothing is written
     */
    public String setReleaseAgent(String agent) throws IOException {
        Check syntax = ReleaseAgentCheck.syntax(agent);
        if (syntax.refused()) {
            throw new IllegalArgumentException(syntax.refusal());
        }
        return writeReleaseAgent(agent);
    }

    /**
     * Removes the release agent. A write of zero bytes changes nothing in cgroupfs; the kernel
     * strips white space, so a bare newline (what {@code echo > release_agent} writes) stores "".
     */
    public String clearReleaseAgent() throws IOException {
        return writeReleaseAgent("\n");
    }

    private String writeReleaseAgent(String value) throws IOException {
        String why = whyNoReleaseAgent();
        if (why != null) {
            throw new IOException(why);
        }
        String root = reader.rootPath();
        write(WriteKind.RELEASE_AGENT, root, "release_agent", value);
        String agent = readBack(WriteKind.RELEASE_AGENT, root).releaseAgent();
        return agent == null ? "" : agent;
    }

    /**
     * Creates {@code parent/name}; returns the new cgroup as read back (with the flags it copied
     * from its parent).
     *
     * @throws IllegalArgumentException when the name breaks the rules or is taken: nothing is created
     */
    public CgroupFiles createChild(String parent, String name) throws IOException {
        CgroupFiles p = reader.readFiles(parent).orElseThrow(() -> new CgroupWriteException(WriteKind.MKDIR,
                Errno.ENOENT, KernelErrors.sentence(WriteKind.MKDIR, Errno.ENOENT, parent, name)));
        Check check = ChildName.check(name, takenNames(p));
        if (check.refused()) {
            throw new IllegalArgumentException(check.refusal());
        }
        String path = Paths.child(parent, name);
        inDirectory(WriteKind.MKDIR, parent, dir -> dir.mkdir(name), parent, name);
        return readBack(WriteKind.MKDIR, path);
    }

    /** The names a new child of {@code parent} may not take: its children and its interface files. */
    public static List<String> takenNames(CgroupFiles parent) {
        List<String> taken = new ArrayList<>(parent.files());
        parent.children().forEach(c -> taken.add(Paths.name(c)));
        return taken;
    }

    /**
     * Removes {@code cgroup} (rmdir). On EBUSY the message says what it still holds, as read
     * right after the refusal.
     */
    public void remove(String cgroup) throws IOException {
        if (cgroup.equals(reader.rootPath())) {
            throw new IllegalArgumentException("The root of a hierarchy cannot be removed; unmount it instead.");
        }
        try {
            inDirectory(WriteKind.RMDIR, Paths.parent(cgroup), dir -> dir.rmdir(Paths.name(cgroup)), cgroup, null);
        } catch (CgroupWriteException e) {
            int errno = e.errno();
            if (errno == Errno.EBUSY) {
                Optional<CgroupFiles> now = reader.readFiles(cgroup);
                if (now.isPresent()) {
                    CgroupFiles f = now.get();
                    List<Integer> pids = f.procs() != null ? f.procs().asList() : List.of();
                    throw new CgroupWriteException(WriteKind.RMDIR, errno,
                            KernelErrors.busyRemoving(cgroup, pids, f.children()));
                }
            }
            throw e;
        }
    }

    /**
     * Writes {@code pid} to {@code cgroup.procs}: the whole process moves, all its threads.
     * Returns the cgroup as read back.
     */
    public CgroupFiles moveProcess(String cgroup, int pid) throws IOException {
        if (pid <= 0) {
            throw new IllegalArgumentException("A pid is a positive number.");
        }
        write(WriteKind.MOVE_PROCESS, cgroup, "cgroup.procs", Integer.toString(pid));
        return readBack(WriteKind.MOVE_PROCESS, cgroup);
    }

    /** What a v2 cgroup says about freezing right after a write to {@code cgroup.freeze}. */
    public record FreezeState(CgroupFiles files, boolean requested, Boolean frozen) {
        /** Freezing is done when every task has stopped: {@code frozen 1} in cgroup.events. */
        public String describe() {
            String asked = "cgroup.freeze is " + (requested ? "1" : "0");
            if (frozen == null) {
                return asked + ".";
            }
            if (frozen == requested) {
                return asked + "; cgroup.events says frozen " + (frozen ? "1" : "0") + ".";
            }
            return asked + "; cgroup.events still says frozen " + (frozen ? "1" : "0")
                    + " (it changes once every task has " + (requested ? "stopped" : "resumed") + ").";
        }
    }

    /** v2: writes "1" or "0" to {@code cgroup.freeze}; returns what the kernel says afterwards. */
    public FreezeState setFrozen(String cgroup, boolean frozen) throws IOException {
        if (hierarchy().version() != CgroupVersion.V2) {
            throw new IllegalStateException("cgroup.freeze exists only in cgroup v2");
        }
        write(WriteKind.FREEZE, cgroup, "cgroup.freeze", frozen ? "1" : "0");
        CgroupFiles files = readBack(WriteKind.FREEZE, cgroup);
        String requested;
        try (CgroupDir mount = reader.openTop(); CgroupDir dir = reader.open(mount, cgroup)) {
            requested = new String(dir.read(CgroupDir.fileName("cgroup.freeze"), true), StandardCharsets.US_ASCII).strip();
        } catch (LastErrorException e) {
            throw vanished(WriteKind.FREEZE, cgroup);
        }
        return new FreezeState(files, !"0".equals(requested), files.frozen());
    }

    /** One write(2) of {@code value} to {@code file} of {@code cgroup}; errno becomes a sentence. */
    void write(WriteKind kind, String cgroup, String file, String value) throws CgroupWriteException {
        byte[] bytes = NameBytes.encode(value);
        inDirectory(kind, cgroup, dir -> dir.write(CgroupDir.fileName(file), bytes), cgroup, value.strip());
    }

    /** What is done to a cgroup's directory through its descriptor. */
    private interface DirectoryWrite {
        void apply(CgroupDir dir) throws CgroupDir.NotCgroupfs;
    }

    /**
     * Runs {@code op} on the descriptor of {@code cgroup}'s directory, opened beneath the mount
     * point without following a link; an errno, and a directory that is not on a cgroupfs any
     * more (its hierarchy was unmounted), become sentences. {@code subject} and {@code value} are
     * what the sentence names.
     */
    private void inDirectory(WriteKind kind, String cgroup, DirectoryWrite op, String subject, String value)
            throws CgroupWriteException {
        try (CgroupDir mount = reader.openTop(); CgroupDir dir = reader.open(mount, cgroup)) {
            op.apply(dir);
        } catch (LastErrorException e) {
            throw new CgroupWriteException(kind, e.getErrorCode(),
                    KernelErrors.sentence(kind, e.getErrorCode(), subject, value));
        } catch (CgroupDir.NotCgroupfs e) {
            CgroupWriteException refused = new CgroupWriteException(kind, Errno.ENODEV, "Nothing was written: "
                    + reader.describe(cgroup) + " is not on a cgroup filesystem (f_type 0x" + Long.toHexString(e.fsType)
                    + "); the hierarchy was unmounted or its mount point replaced.");
            refused.initCause(e);
            throw refused;
        }
    }

    private CgroupFiles readBack(WriteKind kind, String cgroup) throws CgroupWriteException {
        return reader.readFiles(cgroup).orElseThrow(() -> vanished(kind, cgroup));
    }

    private static CgroupWriteException vanished(WriteKind kind, String cgroup) {
        return new CgroupWriteException(kind, Errno.ENOENT, KernelErrors.sentence(kind, Errno.ENOENT, cgroup, null));
    }

    private void requireV1(String file) {
        if (hierarchy().version() != CgroupVersion.V1) {
            throw new IllegalStateException(file + " exists only in cgroup v1");
        }
    }
}
