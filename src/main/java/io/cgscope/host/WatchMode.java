package io.cgscope.host;

import java.util.Locale;

/**
 * How a hierarchy is being watched, and why: shown in the status bar and by {@code watch}.
 *
 * @param kind inotify (with the poller for v1 membership), polling only, stopped, or simulated
 * @param why  a sentence for people, e.g. "inotify watch limit reached (max_user_watches 8192)"
 */
public record WatchMode(Kind kind, String why) {
    public enum Kind {
        INOTIFY, POLLING, STOPPED,
        /** A simulated kernel: it tells every change as it makes it, nothing to watch or poll. */
        SIMULATED;

        /** Whether every change reaches the listeners without a poll: the usual state, nothing to warn of. */
        public boolean followsEveryChange() {
            return this == INOTIFY || this == SIMULATED;
        }

        /**
         * The name the status bar, the event log and {@code watch} (text and JSON) give it:
         * "inotify", "polling", "stopped", the same under every locale (a Turkish one would
         * otherwise dot no i of "inotify").
         */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The kind's name: {@link Kind#label()}. */
    public String label() {
        return kind.label();
    }
}
