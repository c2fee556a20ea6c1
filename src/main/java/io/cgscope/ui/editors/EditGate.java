package io.cgscope.ui.editors;

import io.cgscope.host.CgroupEdits;
import io.cgscope.host.CgroupHost;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.ReadBack;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one way a panel reads and writes the shown host: check, ask first when a service manager
 * owns the hierarchy, write, then show what the host read back, or why nothing was written.
 *
 * <p>Threading. The gate is used on the FX thread only, and so are its fields. Everything that
 * touches the host (a check that reads /proc or stats the agent, a write and its read-back, a
 * read of a file) runs on the background executor: a host may be slow (a loaded machine, later
 * another machine over SSH) and the window keeps painting meanwhile. The answer comes back
 * through the fx executor, where the panels use it only while they still show what it was about.
 * Questions to the user are asked on the FX thread, before the write leaves it. One write at a
 * time: from the first check until its result is shown the gate is {@linkplain #busyProperty()
 * busy}, the pane disables the panels, and a write asked for meanwhile is refused with a sentence.
 */
final class EditGate {
    private static final System.Logger LOG = System.getLogger(EditGate.class.getName());
    static final String STILL_WRITING = "the last write has not answered yet; try again once its result is shown.";

    /** A write and its read-back, against the writes of the shown hierarchy. Runs off the FX thread. */
    @FunctionalInterface
    interface HostWrite<T> {
        T apply(CgroupEdits edits) throws IOException;
    }

    /** What every panel's gate shares: the one cgroup shown, and the one write on its way. */
    private static final class Shared {
        final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
        Shown shown = Shown.NOTHING;
    }

    private final Confirmer confirmer;
    private final Consumer<Written> onWritten;
    private final Feedback feedback;
    private final Executor fx;
    private final Executor background;
    private final Shared shared;
    private final ReadOnlyBooleanWrapper busy;

    /**
     * @param onWritten  hears each write that happened, on the FX thread
     * @param feedback   where the answers show, unless a panel's own gate ({@link #answeringIn}) shows them
     * @param fx         how work reaches the FX thread
     * @param background where the host is read and written
     */
    EditGate(Confirmer confirmer, Consumer<Written> onWritten, Feedback feedback, Executor fx, Executor background) {
        this(confirmer, onWritten, feedback, fx, background, new Shared());
    }

    private EditGate(Confirmer confirmer, Consumer<Written> onWritten, Feedback feedback, Executor fx,
                     Executor background, Shared shared) {
        this.confirmer = confirmer;
        this.onWritten = onWritten;
        this.feedback = feedback;
        this.fx = fx;
        this.background = background;
        this.shared = shared;
        this.busy = shared.busy;
    }

    /**
     * The same gate, showing its answers in {@code line}: each panel answers next to its own
     * controls, where the eye is when the button was pressed. Shown cgroup and busy are shared.
     */
    EditGate answeringIn(Feedback line) {
        return new EditGate(confirmer, onWritten, line, fx, background, shared);
    }

    /**
     * Points the gate at {@code cgroup} of {@code h} on {@code host} (all null: nothing shown);
     * the host's writes are asked for only when the hierarchy is another one.
     */
    void target(CgroupHost host, Hierarchy h, String cgroup) {
        if (h == null || host == null) {
            shared.shown = Shown.NOTHING;
        } else {
            Shown was = shared.shown;
            CgroupEdits edits = was.sameHierarchy(host, h) ? was.edits() : host.edits(h).orElse(null);
            shared.shown = new Shown(host, h, cgroup, edits);
        }
    }

    Shown shown() {
        return shared.shown;
    }

    Hierarchy hierarchy() {
        return shown().hierarchy();
    }

    /** The writes of the shown hierarchy; null when nothing is shown or the host writes nothing there. */
    CgroupEdits edits() {
        return shown().edits();
    }

    /** True from the first check of a write until its result is shown. */
    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
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

    /** Refuses, with the sentence, when a write is still on its way; true when it did. */
    boolean refusedWhileWriting() {
        if (busy.get()) {
            refuse(STILL_WRITING);
            return true;
        }
        return false;
    }

    /**
     * Reads from the shown host off the FX thread. {@code then} gets the answer on the FX thread,
     * and only while the same hierarchy of the same host is shown. Not a write: the panels stay usable.
     */
    <C> void read(Function<Shown, C> read, Consumer<C> then) {
        Shown asked = shown();
        if (asked.isNothing()) {
            return;
        }
        offFx(() -> read.apply(asked), (value, error) -> {
            if (error != null) {
                LOG.log(System.Logger.Level.WARNING, "cannot read " + asked.cgroup() + " in " + asked.where(), error);
            } else if (shown().sameHierarchy(asked)) {
                then.accept(value);
            }
        });
    }

    /**
     * Checks a write before it is made, off the FX thread (the checks read the host: /proc, the
     * agent's file). {@code then} gets the answer on the FX thread to ask its questions and write;
     * it is not called when another cgroup is shown by then (a sentence says nothing was written).
     */
    <C> void check(Function<Shown, C> check, Consumer<C> then) {
        Shown asked = shown();
        if (refusedWhileWriting() || refusedHere(asked)) {
            return;
        }
        busy.set(true);
        offFx(() -> check.apply(asked), (value, error) -> {
            busy.set(false);
            if (!shown().sameCgroup(asked)) {
                refuse(asked.cgroup() + " in " + asked.where() + " is no longer shown: another cgroup was"
                        + " selected while the edit was checked.");
            } else if (error != null) {
                failed(error, "");
            } else {
                then.accept(value);
            }
        });
    }

    /**
     * Asks the service manager's question, then runs {@code write} and its read-back off the FX
     * thread. On the FX thread again it shows {@code readBack} of the result (saying where, when
     * another hierarchy is shown by then), reports it to {@code onWritten}, and gives the result,
     * or null when nothing was written, to {@code after}, only while the same hierarchy of the
     * same host is shown: the panels of another one never get its values.
     *
     * @param action what is about to happen, for the service-manager question ("set notify_on_release of /a to 1")
     */
    <T> void write(String action, HostWrite<T> write, Function<T, String> readBack, Consumer<T> after) {
        write(action, write, readBack, readBack, after);
    }

    /**
     * As above; {@code logged} words the result for the event log's history of writes, where the
     * line's subject is the cgroup ("set notify_on_release 1, read back 1").
     */
    <T> void write(String action, HostWrite<T> write, Function<T, String> readBack, Function<T, String> logged,
                   Consumer<T> after) {
        Shown asked = shown();
        if (refusedWhileWriting() || refusedHere(asked)) {
            if (!asked.isNothing()) {
                after.accept(null);
            }
            return;
        }
        // the question runs a nested event loop: live updates may point the gate at another
        // hierarchy, or at none when this one was unmounted, before it returns
        String owner = asked.edits().serviceManager();
        if (owner != null && !confirm("Change a hierarchy a service manager owns?",
                owner + "\n\nAbout to " + action + " in " + asked.hierarchy().title() + ".")) {
            if (shown().sameHierarchy(asked)) {
                after.accept(null);
            }
            return;
        }
        if (!shown().sameHierarchy(asked)) {
            refuse(asked.hierarchy().title() + " is no longer shown: it was unmounted, or another hierarchy was"
                    + " selected, while you were asked.");
            return;
        }
        busy.set(true);
        offFx(() -> write.apply(asked.edits()), (result, error) -> {
            busy.set(false);
            boolean here = shown().sameHierarchy(asked);
            String where = here ? "" : asked.where() + ": ";
            if (error != null) {
                failed(error, where);
            } else {
                String said = readBack.apply(result);
                if (result instanceof ReadBack r && !r.asAsked()) {
                    feedback.differs(where + said);
                } else {
                    feedback.ok(where + said);
                }
                onWritten.accept(new Written(asked.host(), asked.hierarchy(), asked.cgroup(), said,
                        logged.apply(result)));
            }
            if (here) {
                after.accept(error != null ? null : result);
            }
        });
    }

    /** Refuses, with the sentence, when nothing is shown or the host writes nothing there; true when it did. */
    private boolean refusedHere(Shown asked) {
        if (asked.isNothing()) {
            feedback.error("Nothing written: no cgroup is shown.");
            return true;
        }
        if (asked.edits() == null) {
            refuse("editing is off (read-only).");
            return true;
        }
        return false;
    }

    /** The host refused (its sentence), the input was refused before any write, or something broke. */
    private void failed(Exception error, String where) {
        if (error instanceof IOException) {
            feedback.error(where + error.getMessage());
        } else if (error instanceof IllegalArgumentException || error instanceof IllegalStateException) {
            feedback.error(where + "Nothing written: " + error.getMessage());
        } else {
            LOG.log(System.Logger.Level.ERROR, "an edit failed unexpectedly", error);
            feedback.error(where + "The edit failed unexpectedly (" + error + "); the tree shows what the host has now.");
        }
    }

    private interface Answer<R> {
        void accept(R value, Exception error);
    }

    /** Runs {@code work} on the background executor and hands its value or error to {@code back} on the FX thread. */
    private <R> void offFx(Callable<R> work, Answer<R> back) {
        try {
            background.execute(() -> {
                R value = null;
                Exception error = null;
                try {
                    value = work.call();
                } catch (Exception e) {
                    error = e;
                }
                R v = value;
                Exception e = error;
                fx.execute(() -> back.accept(v, e));
            });
        } catch (RejectedExecutionException e) {
            back.accept(null, e); // the window is closing
        }
    }
}
