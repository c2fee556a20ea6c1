package io.cgscope.kernel;

import io.cgscope.model.Errno;
import io.cgscope.model.WriteKind;
import io.cgscope.model.KernelErrors;
import io.cgscope.model.CgroupWriteException;
import io.cgscope.model.FreezeState;
import io.cgscope.model.ReadBack;
import com.sun.jna.LastErrorException;
import io.cgscope.model.Bit;
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
import java.util.function.Function;

/**
 * Writes one hierarchy's cgroupfs: the flags, release_agent, new and removed cgroups, moved
 * processes, v2 freezing. Every write is read back through {@link CgroupReader} and the result is
 * what the kernel says afterwards, not what was asked for. A refusal of the kernel becomes a
 * {@link CgroupWriteException} whose message is a sentence ({@link KernelErrors}); input that breaks
 * the rules the kernel would enforce anyway is refused before anything is written.
 */
public final class CgroupWriter {
    private final CgroupReader reader;
    private final OwnProcess self;
    private final Runnable beforeReadBack;

    public CgroupWriter(Hierarchy hierarchy) {
        this(new CgroupReader(hierarchy));
    }

    public CgroupWriter(CgroupReader reader) {
        this(reader, OwnProcess.current(), () -> { });
    }

    /**
     * @param self           the process that must not freeze itself (this one, or a stand-in in tests)
     * @param beforeReadBack runs after each write that succeeded and before it is read back: tests
     *                       stand another writer there to see that the result is the kernel's
     */
    public CgroupWriter(CgroupReader reader, OwnProcess self, Runnable beforeReadBack) {
        this.reader = reader;
        this.self = self;
        this.beforeReadBack = beforeReadBack;
    }

    public Hierarchy hierarchy() {
        return reader.hierarchy();
    }

    public CgroupReader reader() {
        return reader;
    }


    /** Writes "1" or "0" to {@code notify_on_release}; returns what the kernel reads back. */
    public ReadBack setNotifyOnRelease(String cgroup, boolean on) throws IOException {
        return setNotifyOnRelease(cgroup, Bit.of(on));
    }

    /** Writes {@code number} to {@code notify_on_release}: the kernel stores any non-zero number as 1. */
    ReadBack setNotifyOnRelease(String cgroup, String number) throws IOException {
        requireV1("notify_on_release");
        return writeFlag(WriteKind.NOTIFY_ON_RELEASE, cgroup, "notify_on_release", number,
                CgroupFiles::notifyOnRelease);
    }

    /** Writes "1" or "0" to {@code cgroup.clone_children}; returns what the kernel reads back. */
    public ReadBack setCloneChildren(String cgroup, boolean on) throws IOException {
        requireV1("cgroup.clone_children");
        return writeFlag(WriteKind.CLONE_CHILDREN, cgroup, "cgroup.clone_children", Bit.of(on),
                CgroupFiles::cloneChildren);
    }

    private ReadBack writeFlag(WriteKind kind, String cgroup, String file, String value,
                               Function<CgroupFiles, Boolean> flag) throws IOException {
        write(kind, cgroup, file, value);
        CgroupFiles back = readBack(kind, cgroup);
        Boolean now = flag.apply(back);
        return new ReadBack(file, cgroup, value, now == null ? "unreadable" : Bit.of(now.booleanValue()), back);
    }

    /**
     * Why release_agent cannot be written through this mount, or null when it can: v2 has none,
     * and a mount that shows only a subtree does not show the root's file.
     */
    public String whyNoReleaseAgent() {
        return hierarchy().whyNoReleaseAgent();
    }

    /**
     * Sets the hierarchy's release agent. Checks the text only (see {@link ReleaseAgentCheck#check}
     * for the file); returns the agent asked for and the agent the kernel reads back.
     *
     * @throws IllegalArgumentException when the text breaks the rules: nothing is written
     */
    public ReadBack setReleaseAgent(String agent) throws IOException {
        Check syntax = ReleaseAgentCheck.syntax(agent);
        if (syntax.refused()) {
            throw new IllegalArgumentException(syntax.refusal());
        }
        return writeReleaseAgent(agent, agent);
    }

    /**
     * Removes the release agent. A write of zero bytes changes nothing in cgroupfs; the kernel
     * strips white space, so a bare newline (what {@code echo > release_agent} writes) stores "".
     */
    public ReadBack clearReleaseAgent() throws IOException {
        return writeReleaseAgent("", "\n");
    }

    /** Writes {@code bytes} as release_agent; {@code asked} is what they mean ("" for none). */
    ReadBack writeReleaseAgent(String asked, String bytes) throws IOException {
        String why = whyNoReleaseAgent();
        if (why != null) {
            throw new IOException(why);
        }
        String root = reader.rootPath();
        write(WriteKind.RELEASE_AGENT, root, "release_agent", bytes);
        CgroupFiles back = readBack(WriteKind.RELEASE_AGENT, root);
        String agent = back.releaseAgent();
        return new ReadBack("release_agent", root, asked, agent == null ? "" : agent, back);
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
        Check check = ChildName.check(name, p.takenNames());
        if (check.refused()) {
            throw new IllegalArgumentException(check.refusal());
        }
        String path = Paths.child(parent, name);
        inDirectory(WriteKind.MKDIR, parent, dir -> dir.mkdir(name), parent, name);
        return readBack(WriteKind.MKDIR, path);
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
     * What to ask before {@code pid} is moved into {@code cgroup}: moving this very process moves
     * the app under that cgroup's limits (see {@link OwnProcess#moving}).
     */
    public Check moveCheck(int pid, String cgroup) {
        return self.moving(pid, cgroup);
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


    /** Whether {@code cgroup} may be frozen: never when that would freeze this process too. */
    public Check freezeCheck(String cgroup) {
        return self.freezing(cgroup);
    }

    /**
     * v2: writes "1" or "0" to {@code cgroup.freeze}; returns what the kernel says afterwards.
     *
     * @throws IllegalArgumentException when freezing {@code cgroup} would freeze this process: nothing is written
     */
    public FreezeState setFrozen(String cgroup, boolean frozen) throws IOException {
        if (hierarchy().version() != CgroupVersion.V2) {
            throw new IllegalStateException("cgroup.freeze exists only in cgroup v2");
        }
        Check own = frozen ? freezeCheck(cgroup) : Check.ok();
        if (own.refused()) {
            throw new IllegalArgumentException(own.refusal());
        }
        write(WriteKind.FREEZE, cgroup, "cgroup.freeze", Bit.of(frozen));
        CgroupFiles files = readBack(WriteKind.FREEZE, cgroup);
        String requested;
        try (CgroupDir mount = reader.openTop(); CgroupDir dir = reader.open(mount, cgroup)) {
            requested = new String(dir.read(CgroupDir.fileName("cgroup.freeze"), true), StandardCharsets.US_ASCII).strip();
        } catch (LastErrorException e) {
            throw vanished(WriteKind.FREEZE, cgroup);
        }
        return new FreezeState(files, !"0".equals(requested), files.frozen());
    }

    /**
     * One write(2) of {@code value} to {@code file} of {@code cgroup}, unchecked and not read back
     * (a scenario writes "yes" to notify_on_release to show the kernel's EINVAL); errno becomes a
     * sentence.
     */
    public void write(WriteKind kind, String cgroup, String file, String value) throws CgroupWriteException {
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
            requireThisHierarchy(kind, mount, cgroup);
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

    /**
     * A cgroupfs at the mount point is not enough: another hierarchy mounted there since the
     * window read it (even one with the same cgroup paths) is not the one the user chose to edit.
     */
    private void requireThisHierarchy(WriteKind kind, CgroupDir mount, String cgroup)
            throws CgroupWriteException, CgroupDir.NotCgroupfs {
        mount.requireCgroupfs();
        String device = mount.device();
        if (!device.equals(hierarchy().device())) {
            throw new CgroupWriteException(kind, Errno.ENODEV, "Nothing was written: " + reader.describe(cgroup)
                    + " is now on another filesystem (device " + device + ") than " + hierarchy().title()
                    + " (device " + hierarchy().device() + "); the hierarchy was unmounted and something else mounted there.");
        }
    }

    private CgroupFiles readBack(WriteKind kind, String cgroup) throws CgroupWriteException {
        beforeReadBack.run();
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
