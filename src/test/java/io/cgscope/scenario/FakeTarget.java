package io.cgscope.scenario;

import io.cgscope.model.CgroupWriteException;
import io.cgscope.model.Errno;
import io.cgscope.model.WriteKind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A target that only records what it is asked and answers what the test sets: no rules of its
 * own, so that a runner test sees the runner alone.
 */
final class FakeTarget implements ScenarioTarget {
    final List<String> asked = new ArrayList<>();
    final Set<String> releasable = new HashSet<>();
    final Set<String> populated = new HashSet<>();
    final Set<String> existing = new HashSet<>();
    final Map<String, String> files = new HashMap<>();
    /** Agent calls that appear when the step of that text runs. */
    final Map<String, List<String>> callsOnStep = new HashMap<>();
    /** Steps (by text) refused with an errno. */
    final Map<String, Integer> refusals = new HashMap<>();
    private final List<String> pendingCalls = new ArrayList<>();
    boolean closed;

    @Override
    public String describe() {
        return "fake";
    }

    private void act(String step) throws IOException {
        asked.add(step);
        Integer errno = refusals.get(step);
        if (errno != null) {
            throw new CgroupWriteException(WriteKind.RMDIR, errno, "refused: " + Errno.describe(errno));
        }
        pendingCalls.addAll(callsOnStep.getOrDefault(step, List.of()));
    }

    @Override
    public void mkdir(String path) throws IOException {
        act("mkdir " + path);
    }

    @Override
    public void rmdir(String path) throws IOException {
        act("rmdir " + path);
    }

    @Override
    public void set(String path, String file, String value) throws IOException {
        act("set " + path + " " + file + " " + value);
    }

    @Override
    public void agent(String agent, boolean removes) throws IOException {
        act("agent " + agent + " " + removes);
    }

    @Override
    public void spawn(String name, String path) throws IOException {
        act("spawn " + name + " " + path);
    }

    @Override
    public void exit(String name) throws IOException {
        act("exit " + name);
    }

    @Override
    public void move(String name, String path) throws IOException {
        act("move " + name + " " + path);
    }

    @Override
    public void settle() throws IOException {
        act("settle");
    }

    @Override
    public boolean releasable(String path) {
        asked.add("releasable? " + path);
        return releasable.contains(path);
    }

    @Override
    public boolean populated(String path) {
        asked.add("populated? " + path);
        return populated.contains(path);
    }

    @Override
    public boolean exists(String path) {
        asked.add("exists? " + path);
        return existing.contains(path);
    }

    @Override
    public String read(String path, String file) throws IOException {
        asked.add("read " + path + " " + file);
        String text = files.get(path + " " + file);
        if (text == null) {
            throw new CgroupWriteException(WriteKind.MKDIR, Errno.ENOENT, "no such file");
        }
        return text;
    }

    @Override
    public List<String> takeAgentCalls() {
        List<String> out = List.copyOf(pendingCalls);
        pendingCalls.clear();
        return out;
    }

    @Override
    public void close() {
        closed = true;
    }
}
