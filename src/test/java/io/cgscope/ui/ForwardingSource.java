package io.cgscope.ui;

import io.cgscope.host.ChangeListener;
import io.cgscope.host.LiveSource;
import io.cgscope.host.WatchMode;
import io.cgscope.host.WatchProgress;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Snapshot;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A source that passes everything to another one; tests and the benchmark override what they script or time. */
public class ForwardingSource implements LiveSource {
    private final LiveSource inner;

    public ForwardingSource(LiveSource inner) {
        this.inner = inner;
    }

    @Override
    public void addListener(ChangeListener listener) {
        inner.addListener(listener);
    }

    @Override
    public void removeListener(ChangeListener listener) {
        inner.removeListener(listener);
    }

    @Override
    public List<Snapshot> start() throws IOException {
        return inner.start();
    }

    @Override
    public List<Snapshot> current() {
        return inner.current();
    }

    @Override
    public Map<Hierarchy, WatchMode> modes() {
        return inner.modes();
    }

    @Override
    public WatchProgress watchProgress() {
        return inner.watchProgress();
    }

    @Override
    public void setPollInterval(Duration interval) {
        inner.setPollInterval(interval);
    }

    @Override
    public Duration pollInterval() {
        return inner.pollInterval();
    }

    @Override
    public void close() {
        inner.close();
    }
}
