package io.cgscope.live;

import io.cgscope.host.ChangeListener;
import io.cgscope.model.Change;
import io.cgscope.model.ChangeBatch;
import io.cgscope.model.ChangeKind;
import io.cgscope.model.Field;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A listener that keeps every change it is handed, and the events as short lines for asserting. */
final class Recorder implements ChangeListener {
    private final List<Change> changes = new ArrayList<>();
    private int batches;

    @Override
    public synchronized void onBatch(ChangeBatch batch) {
        batches++;
        changes.addAll(batch.changes());
    }

    synchronized List<Change> changes() {
        return List.copyOf(changes);
    }

    synchronized int batches() {
        return batches;
    }

    /** "/a/b changed [populated, procs]", "/a added", ... in delivery order. */
    synchronized List<String> lines() {
        return changes.stream().map(Recorder::line).toList();
    }

    synchronized boolean seen(ChangeKind kind, String path) {
        return changes.stream().anyMatch(c -> c.kind() == kind && c.path().equals(path));
    }

    static String line(Change c) {
        String s = c.path() + " " + c.kind().jsonName();
        if (c.kind() == ChangeKind.CHANGED) {
            s += " " + c.fields().stream().sorted().map(Field::jsonName).collect(Collectors.joining(",", "[", "]"));
        }
        return s;
    }

    synchronized List<String> released() {
        List<String> r = new ArrayList<>();
        for (Change c : changes) {
            if (c.kind() == ChangeKind.RELEASED) {
                r.add(c.path());
            }
        }
        return r;
    }
}
