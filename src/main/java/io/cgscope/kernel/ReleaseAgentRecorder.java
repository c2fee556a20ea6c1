package io.cgscope.kernel;

import io.cgscope.model.AgentCall;
import io.cgscope.model.AgentLog;
import io.cgscope.model.Check;
import io.cgscope.model.EscapedText;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.NameBytes;
import io.cgscope.model.ReadBack;
import io.cgscope.model.RecorderStatus;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;

/**
 * Puts the release-agent recorder in front of a hierarchy's agent, and takes it away again. The
 * recorder is a copy of {@code recorder.sh} per hierarchy that remembers the agent it replaced;
 * release_agent is written through {@link CgroupWriter} (beneath the mount point, no link
 * followed, on the hierarchy the user chose) and read back.
 */
public final class ReleaseAgentRecorder {
    private final RecorderFiles files;

    public ReleaseAgentRecorder(RecorderFiles files) {
        this.files = files;
    }

    public RecorderFiles files() {
        return files;
    }

    /**
     * Writes the hierarchy's recorder, chained to the agent configured now, and makes it the
     * release agent. Refused (nothing changed) when the recorder is installed already or the
     * hierarchy has no release agent; a refusal of the kernel (EPERM) leaves no recorder behind.
     */
    public ReadBack install(CgroupWriter writer) throws IOException {
        Hierarchy h = writer.hierarchy();
        refuseWithoutReleaseAgent(writer);
        String current = currentAgent(writer.reader());
        Path recorder = files.recorderOf(h);
        if (current.equals(recorder.toString())) {
            throw new RecorderRefusal(h.title() + ": the recorder is installed already (release_agent is " + recorder + ")");
        }
        prepareDirectories();
        writeRecorder(recorder, RecorderScript.render(h.device(), current, files.log(), RecorderFiles.LOG_LIMIT));
        ReadBack back;
        try {
            Check safe = ReleaseAgentCheck.check(recorder.toString());
            if (safe.refused() || safe.needsConfirmation()) {
                throw new RecorderRefusal(h.title() + ": " + (safe.refused() ? safe.refusal() : safe.warning()));
            }
            back = writer.writeReleaseAgent(recorder.toString(), recorder.toString());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(recorder);
            throw e;
        }
        if (!back.asAsked()) {
            throw new IOException(h.title() + ": release_agent was written, but " + back.difference());
        }
        return back;
    }

    /**
     * Puts back the agent the recorder replaced, exactly, and removes the recorder. Refused when
     * release_agent names something else now: whoever changed it is left their value.
     */
    public ReadBack uninstall(CgroupWriter writer) throws IOException {
        Hierarchy h = writer.hierarchy();
        refuseWithoutReleaseAgent(writer);
        Path recorder = files.recorderOf(h);
        String previous = previousAgent(recorder);
        String current = currentAgent(writer.reader());
        if (!current.equals(recorder.toString())) {
            if (previous == null) {
                throw new RecorderRefusal(h.title() + ": the recorder is not installed (release_agent is "
                        + shown(current) + ")");
            }
            throw new RecorderRefusal(h.title() + ": release_agent was changed to " + shown(current)
                    + " since the recorder was installed; left as it is (the recorder would have put back "
                    + shown(previous) + ")");
        }
        if (previous == null) {
            throw new RecorderRefusal(h.title() + ": release_agent names " + recorder
                    + ", which is missing or no recorder: the agent to put back is unknown; set release_agent yourself");
        }
        ReadBack back = previous.isEmpty() ? writer.clearReleaseAgent() : writer.writeReleaseAgent(previous, previous);
        if (!back.asAsked()) {
            throw new IOException(h.title() + ": release_agent was written, but " + back.difference()
                    + "; the recorder " + recorder + " is kept");
        }
        Files.deleteIfExists(recorder);
        return back;
    }

    /** Whether the recorder is installed in the hierarchy {@code reader} reads, and what it logged. */
    public RecorderStatus status(CgroupReader reader) {
        Path recorder = files.recorderOf(reader.hierarchy());
        String current;
        try {
            current = currentAgent(reader);
        } catch (IOException e) {
            current = "";
        }
        String previous = previousAgent(recorder);
        boolean installed = previous != null && current.equals(recorder.toString());
        return new RecorderStatus(installed, current, previous, calls(reader.hierarchy().device()), logProblem());
    }

    /** The hierarchy's release_agent exactly as the kernel has it, "" for none. */
    static String currentAgent(CgroupReader reader) throws IOException {
        byte[] b = reader.readInterfaceFile(reader.rootPath(), "release_agent");
        int end = b.length > 0 && b[b.length - 1] == '\n' ? b.length - 1 : b.length;
        return NameBytes.decode(Arrays.copyOf(b, end));
    }

    /** The agent the recorder at {@code recorder} hands over to, or null when there is none. */
    private static String previousAgent(Path recorder) {
        try {
            if (!Files.isRegularFile(recorder, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            return RecorderScript.previousOf(Files.readAllBytes(recorder));
        } catch (IOException e) {
            return null;
        }
    }

    /** Records of {@code device} in the log and its rotated half. */
    long calls(String device) {
        long n = 0;
        for (Path log : new Path[] {files.rotatedLog(), files.log()}) {
            try {
                for (AgentCall c : AgentLog.parse(Files.readAllBytes(log)).calls()) {
                    n += c.hierarchy().equals(device) ? 1 : 0;
                }
            } catch (IOException e) {
                // no log (yet): no calls in it
            }
        }
        return n;
    }

    /** Why a call could not be logged now, or null. */
    String logProblem() {
        Path dir = files.logDirectory();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return dir + " does not exist";
        }
        if (!Files.isWritable(dir)) {
            return dir + " is not writable (a read-only file system)";
        }
        try {
            if (Files.getFileStore(dir).getUsableSpace() == 0) {
                return dir + " is on a full file system";
            }
        } catch (IOException e) {
            return dir + ": " + e.getMessage();
        }
        return null;
    }

    private static void refuseWithoutReleaseAgent(CgroupWriter writer) throws RecorderRefusal {
        String why = writer.whyNoReleaseAgent();
        if (why != null) {
            throw new RecorderRefusal(writer.hierarchy().title() + ": " + why);
        }
    }

    /** BASE (0755), BASE/agents and BASE/log (0700): made when missing, refused when anyone but root could change them. */
    private void prepareDirectories() throws IOException {
        directory(files.base(), "rwxr-xr-x");
        directory(files.agents(), "rwx------");
        directory(files.logDirectory(), "rwx------");
    }

    private static void directory(Path dir, String mode) throws IOException {
        try {
            Files.createDirectory(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
        } catch (FileAlreadyExistsException e) {
            Map<String, Object> a = Files.readAttributes(dir, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
            int m = (Integer) a.get("mode");
            if ((m & 0170000) != 0040000) {
                throw new RecorderRefusal(dir + " is not a directory (a link or a file): the recorder is not written through it");
            }
            if ((Integer) a.get("uid") != 0 || (m & 0022) != 0) {
                throw new RecorderRefusal(dir + " may be changed by someone other than root (owner uid " + a.get("uid")
                        + ", mode " + Integer.toOctalString(m & 07777) + "): the kernel would run what is in it as root");
            }
        } catch (NoSuchFileException e) {
            throw new RecorderRefusal(dir.getParent() + " does not exist: cannot make " + dir);
        }
    }

    /** Written beside its place and renamed over it: the kernel never runs half a recorder. */
    private static void writeRecorder(Path recorder, byte[] text) throws IOException {
        Path tmp = Files.createTempFile(recorder.getParent(), ".recorder-", ".tmp");
        try {
            Files.write(tmp, text);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx------"));
            Files.move(tmp, recorder, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String shown(String agent) {
        return agent.isEmpty() ? "empty" : EscapedText.of(agent);
    }
}
