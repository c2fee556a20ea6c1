package io.cgscope.kernel;

import io.cgscope.model.Hierarchy;

import java.nio.file.Path;

/**
 * Where the release-agent recorder lives: {@code BASE/agents/} holds one recorder per hierarchy
 * (root-only, since the kernel runs them as root), {@code BASE/log/} the log of their calls. Two
 * directories, so that a log directory that is missing or read-only leaves the recorders, and so
 * the agents they chain to, running. BASE is {@value #DEFAULT} unless the system property
 * {@value #PROPERTY} names another directory (the tests' own).
 */
public record RecorderFiles(Path base) {
    public static final String PROPERTY = "cgscope.recorder.dir";
    public static final String DEFAULT = "/run/cgscope";
    /** The log is rotated to {@code .1} when a call finds it this big: two files of 1 MiB at most. */
    public static final long LOG_LIMIT = 1 << 20;
    static final String LOG_NAME = "release-agent.log";

    public static RecorderFiles configured() {
        return new RecorderFiles(Path.of(System.getProperty(PROPERTY, DEFAULT)));
    }

    public Path agents() {
        return base.resolve("agents");
    }

    public Path logDirectory() {
        return base.resolve("log");
    }

    public Path log() {
        return logDirectory().resolve(LOG_NAME);
    }

    /** The log's older half, once rotated. */
    public Path rotatedLog() {
        return logDirectory().resolve(LOG_NAME + ".1");
    }

    /** The recorder of one hierarchy, named after its device number. */
    public Path recorderOf(Hierarchy h) {
        return agents().resolve("release-agent-" + h.device().replace(':', '-'));
    }
}
