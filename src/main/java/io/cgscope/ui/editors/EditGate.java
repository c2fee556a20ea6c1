package io.cgscope.ui.editors;

import io.cgscope.model.ReadBack;
import io.cgscope.kernel.CgroupReader;
import io.cgscope.kernel.CgroupWriter;
import io.cgscope.kernel.Fixtures;
import io.cgscope.kernel.ServiceManagerCheck;
import io.cgscope.model.CgroupFiles;
import io.cgscope.model.Check;
import io.cgscope.model.Hierarchy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one way a panel writes: ask first when a service manager owns the hierarchy, write, then
 * show what the kernel read back, or why nothing was written. Writes run on the FX thread: each
 * is one small write(2) to cgroupfs, which answers at once, and the user sees the result before
 * the next click.
 */
final class EditGate {
    /** A write and its read-back, against the writer of the shown hierarchy. */
    @FunctionalInterface
    interface KernelWrite<T> {
        T apply(CgroupWriter writer) throws IOException;
    }

    private final Confirmer confirmer;
    private final Consumer<String> onWritten;
    private final Feedback feedback;
    private final Path initCgroup;
    private final Function<Hierarchy, CgroupWriter> writers;
    private Hierarchy hierarchy;
    private CgroupReader reader;
    private CgroupWriter writer;
    private String serviceManager;

    EditGate(Confirmer confirmer, Consumer<String> onWritten, Feedback feedback, Path initCgroup) {
        this(confirmer, onWritten, feedback, initCgroup, CgroupWriter::new);
    }

    /** @param writers makes the writer of a hierarchy when it is shown (never of a fixture tree) */
    EditGate(Confirmer confirmer, Consumer<String> onWritten, Feedback feedback, Path initCgroup,
             Function<Hierarchy, CgroupWriter> writers) {
        this.confirmer = confirmer;
        this.onWritten = onWritten;
        this.feedback = feedback;
        this.initCgroup = initCgroup;
        this.writers = writers;
    }

    /** Points the gate at {@code h}; a new writer only when the hierarchy is another one. */
    void target(Hierarchy h) {
        if (!Objects.equals(h, hierarchy)) {
            hierarchy = h;
            // A fixture tree is no cgroupfs (whoever owns it decides where its files lead): read, never written.
            reader = h == null ? null : new CgroupReader(h);
            writer = h == null || Fixtures.is(h) ? null : writers.apply(h);
            serviceManager = h == null ? null : ServiceManagerCheck.ownerOf(h, initCgroup);
        }
    }

    Hierarchy hierarchy() {
        return hierarchy;
    }

    CgroupWriter writer() {
        return writer;
    }

    CgroupReader reader() {
        return reader;
    }

    /** The cgroup at {@code path} as the kernel has it now; empty when nothing is shown or it is gone. */
    Optional<CgroupFiles> kernelNow(String path) {
        return reader == null ? Optional.empty() : reader.readFiles(path);
    }

    /** Why the shown hierarchy's release_agent cannot be written, or null. */
    String whyNoReleaseAgent() {
        return writer == null ? "A fixture tree is shown read-only: cgscope writes none of its files." : writer.whyNoReleaseAgent();
    }

    /** What to ask before {@code pid} moves into {@code path}; nothing where nothing can be written. */
    Check moveCheck(int pid, String path) {
        return writer == null ? Check.ok() : writer.moveCheck(pid, path);
    }

    /** Whether {@code path} may be frozen; fine where nothing can be written (the write then says why). */
    Check freezeCheck(String path) {
        return writer == null ? Check.ok() : writer.freezeCheck(path);
    }

    /** Why writes to the shown hierarchy are confirmed first, or null. */
    String serviceManager() {
        return serviceManager;
    }

    Feedback feedback() {
        return feedback;
    }

    /** Asks the user; a "no" is shown as "nothing written". */
    boolean confirm(String title, String message) {
        if (confirmer.confirm(title, message)) {
            return true;
        }
        feedback.error("Nothing written: cancelled.");
        return false;
    }

    /** Shows why an edit was refused before any write. */
    void refuse(String why) {
        feedback.error("Nothing written: " + why);
    }

    /**
     * Runs {@code write}; on success shows and reports {@code readBack} of its result.
     *
     * @param action what is about to happen, for the service-manager question ("set notify_on_release of /a to 1")
     * @return the result, or null when nothing was written or the kernel refused
     */
    <T> T write(String action, KernelWrite<T> write, Function<T, String> readBack) {
        // the question below runs a nested event loop: live updates may point the gate at another
        // hierarchy, or at none when this one was unmounted, before it returns
        CgroupWriter asked = writer;
        Hierarchy h = hierarchy;
        if (asked == null) {
            feedback.error(h == null ? "Nothing written: no cgroup is shown."
                    : "Nothing written: " + h.mountPoint() + " is a fixture tree, which cgscope never writes.");
            return null;
        }
        if (serviceManager != null && !confirm("Change a hierarchy a service manager owns?",
                serviceManager + "\n\nAbout to " + action + " in " + h.title() + ".")) {
            return null;
        }
        if (writer != asked) {
            refuse(h.title() + " is no longer shown: it was unmounted, or another hierarchy was selected,"
                    + " while you were asked.");
            return null;
        }
        T result;
        try {
            result = write.apply(asked);
        } catch (IOException e) {
            feedback.error(e.getMessage());
            return null;
        } catch (IllegalArgumentException | IllegalStateException e) {
            refuse(e.getMessage());
            return null;
        }
        String said = readBack.apply(result);
        if (result instanceof ReadBack r && !r.asAsked()) {
            feedback.differs(said);
        } else {
            feedback.ok(said);
        }
        onWritten.accept(h.title() + ": " + said);
        return result;
    }
}
