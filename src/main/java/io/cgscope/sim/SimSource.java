package io.cgscope.sim;

import io.cgscope.host.ChangeListener;
import io.cgscope.host.LiveSource;
import io.cgscope.host.WatchMode;
import io.cgscope.model.Cgroup;
import io.cgscope.model.Change;
import io.cgscope.model.ChangeBatch;
import io.cgscope.model.ChangeKind;
import io.cgscope.model.Diff;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Snapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The simulated kernel as a live source: after each step of the kernel, the batch of the cgroups
 * that step touched, each from its record before to its record now, made by the model's
 * {@link Diff} as the live engine makes its batches (kinds, fields, order). A step costs what it
 * touched, not the size of the hierarchy; the snapshots of {@link #current()} are assembled when
 * asked. Nothing is polled: the kernel tells every change as it makes it.
 */
final class SimSource implements LiveSource {
    /** Changes that may wait for one listener, as for the kernel's live engine. */
    static final int DELIVERY_LIMIT = 10_000;
    private static final System.Logger LOG = System.getLogger(SimSource.class.getName());

    private final SimKernel kernel;
    private final Clock clock;
    private final List<SimDelivery> deliveries = new CopyOnWriteArrayList<>();
    private final SimListener onKernel = new SimListener() {
        @Override
        public void changed() {
            publish();
        }

        @Override
        public void agentCalled(AgentCall call) {
            SimSource.this.agentCalled(call);
        }

        @Override
        public void agentRemoved(AgentRemoval removal) {
            LOG.log(System.Logger.Level.INFO, () -> "release agent's rmdir of " + removal.path()
                    + (removal.removed() ? ": removed" : ": " + removal.refusal()));
        }
    };
    /** Per hierarchy, every cgroup as the batches so far left it. Guarded by the kernel's lock. */
    private final Map<Hierarchy, Map<String, Cgroup>> records = new LinkedHashMap<>();
    /** The snapshots as of the last batch, or null until asked for again. */
    private volatile List<Snapshot> state;
    private volatile Duration pollInterval = Duration.ofSeconds(1);
    private boolean started;
    private boolean closed;

    SimSource(SimKernel kernel, Clock clock) {
        this.kernel = kernel;
        this.clock = clock;
    }

    @Override
    public void addListener(ChangeListener listener) {
        deliveries.add(new SimDelivery(listener, DELIVERY_LIMIT));
    }

    @Override
    public void removeListener(ChangeListener listener) {
        deliveries.removeIf(d -> {
            if (d.listener() == listener) {
                d.close();
                return true;
            }
            return false;
        });
    }

    @Override
    public List<Snapshot> start() {
        synchronized (kernel) {
            if (!started && !closed) {
                started = true;
                kernel.hierarchies().forEach(kernel::takeChanged); // the snapshots below hold them
                state = read();
                state.forEach(s -> records.put(s.hierarchy(), new HashMap<>(s.byPath())));
                kernel.addListener(onKernel);
            }
            return current();
        }
    }

    @Override
    public List<Snapshot> current() {
        synchronized (kernel) {
            if (state == null) {
                state = read();
            }
            return state;
        }
    }

    /** Every hierarchy as the kernel has it now: one consistent picture, under the kernel's lock. */
    private List<Snapshot> read() {
        synchronized (kernel) {
            Instant now = clock.instant();
            List<Snapshot> out = new ArrayList<>();
            for (Hierarchy h : kernel.hierarchies()) {
                out.add(Snapshot.assemble(h, "/", kernel.allFiles(h), now));
            }
            return out;
        }
    }

    /** Called inside the kernel's lock, so batches leave in the order of the kernel's steps. */
    private void publish() {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        List<Change> changes = new ArrayList<>();
        for (Hierarchy h : kernel.hierarchies()) {
            Map<String, Cgroup> changed = kernel.takeChanged(h);
            Map<String, Cgroup> known = records.get(h);
            Diff.of(now, h, changed.keySet(), known::get, changed::get, changes);
            changed.forEach((path, c) -> {
                if (c == null) {
                    known.remove(path);
                } else {
                    known.put(path, c);
                }
            });
        }
        if (!changes.isEmpty()) {
            state = null;
            ChangeBatch batch = new ChangeBatch(changes);
            deliveries.forEach(d -> d.offer(batch));
        }
    }

    /**
     * The release agent was called: the observed call, in a batch of its own right after the
     * step's batch that predicted it, as the recorder's log brings it on the real kernel. Inside
     * the kernel's lock, like {@link #publish()}, so it keeps its place in the order of the steps.
     */
    private void agentCalled(AgentCall call) {
        LOG.log(System.Logger.Level.DEBUG, () -> "release agent called: " + call.agent() + " " + call.path()
                + " (" + call.hierarchy().title() + ")");
        if (closed) {
            return;
        }
        ChangeBatch batch = new ChangeBatch(List.of(new Change(clock.instant(), ChangeKind.AGENT_CALLED,
                call.hierarchy(), call.path(), Set.of(), null, null)));
        deliveries.forEach(d -> d.offer(batch));
    }

    @Override
    public Map<Hierarchy, WatchMode> modes() {
        Map<Hierarchy, WatchMode> m = new LinkedHashMap<>();
        for (Hierarchy h : kernel.hierarchies()) {
            m.put(h, new WatchMode(closed ? WatchMode.Kind.STOPPED : WatchMode.Kind.SIMULATED,
                    closed ? "the simulated kernel was closed"
                            : "simulated kernel, " + kernel.rules().described() + ": every change is told as it is made"));
        }
        return m;
    }

    /** Kept for the status bar; the simulator has nothing to poll. */
    @Override
    public void setPollInterval(Duration interval) {
        pollInterval = interval;
    }

    @Override
    public Duration pollInterval() {
        return pollInterval;
    }

    @Override
    public void close() {
        synchronized (kernel) {
            closed = true;
            kernel.removeListener(onKernel);
        }
        deliveries.forEach(SimDelivery::close);
    }
}
