package io.cgscope.ui.log;

import io.cgscope.model.Change;
import io.cgscope.model.ChangeBatch;
import io.cgscope.model.ChangeKind;
import io.cgscope.model.ReleaseAgreement;
import io.cgscope.ui.tree.ReleaseTimer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Checks, on the FX thread, each {@code released} the event log receives against the kernel's
 * {@code agent-called} ({@link ReleaseAgreement}): what finds no partner within a few seconds is
 * flagged in the log, and the counts are one phrase for the status bar.
 */
public final class PredictionCheck {
    private final String host;
    private final EventLogModel log;
    private final ReleaseTimer timer;
    private final Supplier<Instant> clock;
    private final ReleaseAgreement agreement = new ReleaseAgreement();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");

    /** Follows what {@code log} receives from {@code host}'s source. */
    public PredictionCheck(String host, EventLogModel log, ReleaseTimer timer, Supplier<Instant> clock) {
        this.host = host;
        this.log = log;
        this.timer = timer;
        this.clock = clock;
        log.setOnAppend(this::seen);
    }

    /**
     * "14 agent calls · 12 predictions confirmed · 1 unconfirmed · 2 calls unpredicted", or ""
     * until a recorder was heard from.
     */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    private void seen(String from, List<ChangeBatch> batches) {
        if (!from.equals(host)) {
            return;
        }
        boolean any = false;
        Instant now = clock.get();
        for (ChangeBatch b : batches) {
            for (Change c : b.changes()) {
                if (c.kind() == ChangeKind.RELEASED || c.kind() == ChangeKind.AGENT_CALLED) {
                    agreement.add(c, now);
                    any = true;
                }
            }
        }
        if (any) {
            timer.after(ReleaseAgreement.WINDOW.plus(Duration.ofMillis(100)), this::expire);
            showCounts();
        }
    }

    private void expire() {
        for (ReleaseAgreement.Flag f : agreement.expire(clock.get())) {
            String event = f.kind() == ReleaseAgreement.Flag.Kind.UNCONFIRMED
                    ? "unconfirmed: released was predicted, the kernel did not call the agent within "
                    + ReleaseAgreement.WINDOW.toSeconds() + " s"
                    : "unpredicted: the kernel called the agent, no released was predicted within "
                    + ReleaseAgreement.WINDOW.toSeconds() + " s";
            log.add(new LogEntry(f.seen(), host, f.hierarchy(), f.path(), event));
        }
        showCounts();
    }

    private void showCounts() {
        summary.set(!agreement.heardFromARecorder() ? "" : String.format("%,d agent %s · %,d predictions confirmed"
                        + " · %,d unconfirmed · %,d calls unpredicted", agreement.calls(), agreement.calls() == 1 ? "call" : "calls",
                agreement.confirmed(), agreement.unconfirmed(), agreement.unpredicted()));
    }
}
