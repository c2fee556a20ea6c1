package io.cgscope.host;

/**
 * How a hierarchy is being watched, and why: shown in the status bar and by {@code watch}.
 *
 * @param kind inotify (with the poller for v1 membership), polling only, or stopped
 * @param why  a sentence for people, e.g. "inotify watch limit reached (max_user_watches 8192)"
 */
public record WatchMode(Kind kind, String why) {
    public enum Kind { INOTIFY, POLLING, STOPPED }
}
