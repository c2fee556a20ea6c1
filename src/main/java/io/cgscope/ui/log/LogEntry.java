package io.cgscope.ui.log;

import io.cgscope.model.Change;
import io.cgscope.model.Field;
import io.cgscope.model.Hierarchy;

import java.time.Instant;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One line of the event log: what the live stream reported.
 *
 * @param host  the id of the host whose source reported it
 * @param event the kind in the words of {@code watch} ("added", "released", ...), with the changed
 *              fields for "changed"
 */
public record LogEntry(Instant time, String host, Hierarchy hierarchy, String path, String event) {
    static LogEntry of(String host, Change c) {
        String event = c.kind().jsonName();
        if (!c.fields().isEmpty()) {
            event += " " + c.fields().stream().map(Field::jsonName).sorted().collect(Collectors.joining(","));
        }
        return new LogEntry(c.time(), host, c.hierarchy(), c.path(), event);
    }

    /** A write made in this window, kept in the log as its history: "you set notify_on_release 1, read back 1". */
    public static LogEntry written(String host, Hierarchy hierarchy, String path, String what) {
        return new LogEntry(Instant.now(), host, hierarchy, path, "you " + what);
    }

    /**
     * True for the hierarchy root's task churn ("changed procs,threads" of "/"): on a live machine
     * every short-lived process makes one, every few seconds, burying what matters in a small log.
     */
    public boolean rootChurn() {
        return "/".equals(path) && ROOT_CHURN.matcher(event).matches();
    }

    private static final Pattern ROOT_CHURN = Pattern.compile("changed (procs|threads)(,(procs|threads))*");

    /** True for a line of the history of this window's writes. */
    public boolean ownWrite() {
        return event.startsWith("you ");
    }
}
