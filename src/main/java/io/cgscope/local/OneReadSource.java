package io.cgscope.local;

import io.cgscope.kernel.CgroupReader;
import io.cgscope.kernel.Target;
import io.cgscope.live.LiveEngine;
import io.cgscope.host.ChangeListener;
import io.cgscope.host.LiveSource;
import io.cgscope.host.WatchMode;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A source that reads its targets when asked and never watches: for the off-screen screenshot,
 * where one consistent picture is wanted and no thread should outlive the render. {@link #current()}
 * reads again, so F5 still shows the kernel's present state.
 */
public final class OneReadSource implements LiveSource {
    private final List<Target> targets;
    private Duration pollInterval = LiveEngine.DEFAULT_INTERVAL;
    private volatile Map<Hierarchy, String> vanished = Map.of();

    public OneReadSource(List<Target> targets) {
        this.targets = List.copyOf(targets);
    }

    @Override
    public void addListener(ChangeListener listener) {
        // never changes on its own
    }

    @Override
    public void removeListener(ChangeListener listener) {
        // never changes on its own
    }

    /**
     * Reads every target; one unmounted or removed between finding and reading it is left out, and
     * {@link #modes()} says so.
     */
    @Override
    public List<Snapshot> start() throws IOException {
        List<Snapshot> result = new ArrayList<>();
        Map<Hierarchy, String> gone = new LinkedHashMap<>();
        for (Target t : targets) {
            CgroupReader reader = new CgroupReader(t.hierarchy());
            try {
                result.add(reader.read(t.cgroupPath()));
            } catch (NoSuchFileException e) {
                gone.put(t.hierarchy(), reader.describe(t.cgroupPath()) + " vanished while it was read");
            }
        }
        vanished = gone;
        return result;
    }

    @Override
    public List<Snapshot> current() {
        try {
            return start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<Hierarchy, WatchMode> modes() {
        Map<Hierarchy, WatchMode> m = new LinkedHashMap<>();
        for (Target t : targets) {
            m.put(t.hierarchy(), new WatchMode(WatchMode.Kind.STOPPED,
                    vanished.getOrDefault(t.hierarchy(), "read once, not watched")));
        }
        return m;
    }

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
        // nothing started
    }
}
