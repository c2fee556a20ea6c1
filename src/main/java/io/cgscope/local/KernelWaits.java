package io.cgscope.local;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Waiting, each time with a deadline, for what the kernel does after a scenario's step: the
 * release agent's calls, a removing agent's rmdir, and quiet.
 *
 * <p>The kernel starts the agent from a work item, after the step that released the cgroup has
 * returned. So that a run is the same each time, each step waits for the calls that today's rule
 * says it caused ({@link CgroupStates#releasedSince}); the kernel queues a cgroup's work item
 * once, so two releases of one cgroup before its agent runs would otherwise be one call or two
 * by chance. What the kernel really did is what the log says: a call the rule did not predict
 * shows up all the same, and one it predicted but the kernel never made is missing.
 */
final class KernelWaits {
    /** What the cgroups of the scenario's hierarchy look like now. */
    interface States {
        CgroupStates read() throws IOException;
    }

    private static final Duration AGENT_DEADLINE = Duration.ofSeconds(10);
    /**
     * How long the agent's log and the cgroups must stay as they are for settle to return. The
     * calls a step causes are awaited by the step itself; this catches what no rule predicted.
     */
    private static final Duration QUIET = Duration.ofMillis(25);
    private static final Duration SETTLE_DEADLINE = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 5;

    private final LoggingAgent logging;
    private final States states;
    /** Calls expected so far, by path, counted over the whole log. */
    private final Map<String, Integer> awaited = new HashMap<>();
    private CgroupStates last;

    KernelWaits(LoggingAgent logging, States states) throws IOException {
        this.logging = logging;
        this.states = states;
        this.last = states.read();
    }

    /** After a step: awaits the calls it caused, when an agent is set to make them. */
    void afterStep(boolean agentSet) throws IOException {
        CgroupStates now = states.read();
        if (agentSet) {
            now.releasedSince(last).forEach(r -> awaited.merge(r, 1, Integer::sum));
        }
        last = now;
        awaitCalls();
    }

    /**
     * Lets the removing agents do their rmdir, and waits until they have (and the agents those
     * removals start have run); then until the log and the cgroups stay as they are for a moment.
     */
    void settle(boolean agentSet) throws IOException {
        if (agentsRunning()) {
            letAgentsRemove(agentSet);
        }
        long deadline = System.nanoTime() + SETTLE_DEADLINE.toNanos();
        long quietSince = System.nanoTime();
        long written = logging.written();
        CgroupStates seen = states.read();
        while (System.nanoTime() - quietSince < QUIET.toNanos() && System.nanoTime() < deadline) {
            if (!Pause.of(POLL_MILLIS)) {
                break;
            }
            long w = logging.written();
            CgroupStates now = states.read();
            if (w != written || !now.equals(seen)) {
                written = w;
                seen = now;
                quietSince = System.nanoTime();
            }
        }
        last = seen;
    }

    /** Lets removing agents go, and waits until every agent called has finished. */
    void finishAgents() throws IOException {
        logging.allowRemoval(true);
        waitFor(AGENT_DEADLINE, () -> {
            try {
                return !agentsRunning();
            } catch (IOException e) {
                return false;
            }
        });
        last = states.read();
    }

    /** Starts afresh: nothing awaited, the cgroups as they are now (the logs were emptied). */
    void forget() throws IOException {
        awaited.clear();
        last = states.read();
    }

    /** The cgroups as read after the last step or settle. */
    CgroupStates last() {
        return last;
    }

    private void awaitCalls() {
        if (awaited.isEmpty()) {
            return;
        }
        waitFor(AGENT_DEADLINE, () -> {
            Map<String, Integer> made = new HashMap<>();
            for (String c : callsOrNone()) {
                made.merge(c, 1, Integer::sum);
            }
            return awaited.entrySet().stream().allMatch(e -> made.getOrDefault(e.getKey(), 0) >= e.getValue());
        });
    }

    /** Whether an agent has logged its call but not yet finished (a removing one waits for settle). */
    private boolean agentsRunning() throws IOException {
        return logging.calls().size() > logging.finished();
    }

    private void letAgentsRemove(boolean agentSet) throws IOException {
        logging.allowRemoval(true);
        try {
            while (true) {
                waitFor(AGENT_DEADLINE, () -> {
                    try {
                        return !agentsRunning();
                    } catch (IOException e) {
                        return false;
                    }
                });
                CgroupStates now = states.read();
                List<String> released = now.releasedSince(last);
                last = now;
                if (released.isEmpty() || !agentSet) {
                    return;
                }
                released.forEach(r -> awaited.merge(r, 1, Integer::sum));
                awaitCalls();
            }
        } finally {
            logging.allowRemoval(false);
        }
    }

    private List<String> callsOrNone() {
        try {
            return logging.calls();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Polls {@code done} until it holds or the deadline passes; the caller reads what happened. */
    private static void waitFor(Duration deadline, BooleanSupplier done) {
        long until = System.nanoTime() + deadline.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < until) {
            if (!Pause.of(POLL_MILLIS)) {
                return;
            }
        }
    }
}
