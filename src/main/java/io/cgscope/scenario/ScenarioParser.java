package io.cgscope.scenario;

import io.cgscope.model.ReleaseRules;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Errno;
import io.cgscope.model.Paths;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the scenario language (README, "Scenarios", has the grammar): one step a line, words
 * separated by blanks, '#' starting narration at the beginning of a line and a comment after a
 * step. Everything a scenario can get wrong without running it is refused here, with the line:
 * unknown words, paths that are not cgroup paths, a process used before it was started or after
 * it exited, a header line after the first step.
 */
public final class ScenarioParser {
    private static final Pattern PROCESS_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_.]+");
    private static final Pattern VALUE = Pattern.compile("\\S+");
    private static final List<String> SETTABLE = List.of("notify_on_release", "cgroup.clone_children");
    /** Errno values are small on Linux; the names cgscope knows are all below this. */
    private static final int ERRNO_LIMIT = 134;

    private final String source;
    private final List<ScenarioLine> lines = new ArrayList<>();
    private final Set<String> running = new HashSet<>();
    private CgroupVersion version = CgroupVersion.V1;
    private ReleaseRules rules;
    private boolean stepSeen;
    private int number;

    private ScenarioParser(String source) {
        this.source = source;
    }

    /**
     * @param name what the scenario is called (its file or lesson), for messages
     * @throws ScenarioSyntaxException naming the first line that is not the language
     */
    public static Scenario parse(String name, String text) throws ScenarioSyntaxException {
        ScenarioParser p = new ScenarioParser(name);
        String[] all = text.split("\r?\n", -1);
        for (int i = 0; i < all.length; i++) {
            p.number = i + 1;
            p.line(all[i]);
        }
        return new Scenario(name, p.version, p.rules, p.lines);
    }

    private void line(String raw) throws ScenarioSyntaxException {
        String stripped = raw.strip();
        if (stripped.isEmpty()) {
            return;
        }
        if (stripped.startsWith("#")) {
            lines.add(new ScenarioLine(number, new Step.Narration(stripped.substring(1))));
            return;
        }
        int hash = stripped.indexOf('#');
        String code = hash < 0 ? stripped : stripped.substring(0, hash);
        List<String> words = Arrays.asList(code.strip().split("\\s+"));
        String first = words.get(0);
        if (first.equals("hierarchy") || first.equals("rules")) {
            header(first, words.subList(1, words.size()));
            return;
        }
        Step step = first.equals("expect") ? expectation(words.subList(1, words.size())) : command(words);
        track(step);
        stepSeen = true;
        lines.add(new ScenarioLine(number, step));
    }

    private void header(String what, List<String> args) throws ScenarioSyntaxException {
        if (stepSeen) {
            throw error("\"" + what + "\" belongs before the first step");
        }
        exactly(args, 1, what + (what.equals("rules") ? " today|2007" : " v1|v2"));
        String word = args.get(0);
        if (what.equals("rules")) {
            rules = ReleaseRules.of(word);
            if (rules == null) {
                throw error("rules are \"today\" or \"2007\", not \"" + word + "\"");
            }
        } else if (word.equals("v1") || word.equals("v2")) {
            version = word.equals("v1") ? CgroupVersion.V1 : CgroupVersion.V2;
        } else {
            throw error("a hierarchy is \"v1\" or \"v2\", not \"" + word + "\"");
        }
    }

    private Step.Command command(List<String> words) throws ScenarioSyntaxException {
        String verb = words.get(0);
        List<String> args = words.subList(1, words.size());
        switch (verb) {
            case "mkdir":
                exactly(args, 1, "mkdir PATH");
                return new Step.Mkdir(cgroupBelowRoot(args.get(0)));
            case "rmdir":
                exactly(args, 1, "rmdir PATH");
                return new Step.Rmdir(cgroupBelowRoot(args.get(0)));
            case "set":
                exactly(args, 3, "set PATH FILE VALUE");
                if (!SETTABLE.contains(args.get(1))) {
                    throw error("set writes " + String.join(" or ", SETTABLE) + ", not \"" + args.get(1) + "\"");
                }
                return new Step.Set(cgroup(args.get(0)), args.get(1), args.get(2));
            case "agent":
                return agent(args);
            case "spawn":
                exactly(args, 2, "spawn NAME PATH");
                return new Step.Spawn(processName(args.get(0)), cgroup(args.get(1)));
            case "exit":
                exactly(args, 1, "exit NAME");
                return new Step.Exit(processName(args.get(0)));
            case "move":
                exactly(args, 2, "move NAME PATH");
                return new Step.Move(processName(args.get(0)), cgroup(args.get(1)));
            case "settle":
                exactly(args, 0, "settle");
                return new Step.Settle();
            default:
                throw error("unknown step \"" + verb + "\" (mkdir, rmdir, set, agent, spawn, exit, move, settle, expect)");
        }
    }

    private Step.Command agent(List<String> args) throws ScenarioSyntaxException {
        if (args.size() == 1 && args.get(0).equals("none")) {
            return new Step.Agent(null, false);
        }
        boolean removes = args.size() == 2 && args.get(1).equals("removes");
        if (args.size() != 1 && !removes) {
            throw error("agent takes one absolute path, optionally followed by \"removes\", or \"none\"");
        }
        if (!args.get(0).startsWith("/")) {
            throw error("the kernel starts an agent by its absolute path, not \"" + args.get(0) + "\"");
        }
        return new Step.Agent(args.get(0), removes);
    }

    private Step expectation(List<String> args) throws ScenarioSyntaxException {
        if (args.isEmpty()) {
            throw error("expect what? (releasable, not releasable, populated, empty, exists, gone, agent, file, error)");
        }
        String what = args.get(0);
        List<String> rest = args.subList(1, args.size());
        switch (what) {
            case "releasable":
                exactly(rest, 1, "expect releasable PATH");
                return new Step.ExpectReleasable(cgroup(rest.get(0)), true);
            case "not":
                if (rest.size() != 2 || !rest.get(0).equals("releasable")) {
                    throw error("expected: expect not releasable PATH");
                }
                return new Step.ExpectReleasable(cgroup(rest.get(1)), false);
            case "populated", "empty":
                exactly(rest, 1, "expect " + what + " PATH");
                return new Step.ExpectPopulated(cgroup(rest.get(0)), what.equals("populated"));
            case "exists", "gone":
                exactly(rest, 1, "expect " + what + " PATH");
                return new Step.ExpectExists(cgroup(rest.get(0)), what.equals("exists"));
            case "agent":
                return expectAgent(rest);
            case "file":
                if (rest.size() != 3 && rest.size() != 4) {
                    throw error("expected: expect file PATH FILE [KEY] VALUE");
                }
                String path = cgroup(rest.get(0));
                String file = fileName(rest.get(1));
                String key = rest.size() == 4 ? fileName(rest.get(2)) : null;
                return new Step.ExpectFile(path, file, key, rest.get(rest.size() - 1));
            case "error":
                if (rest.size() < 2) {
                    throw error("expected: expect error ERRNO STEP (EBUSY, ENOENT, EINVAL, ...)");
                }
                String errno = errnoName(rest.get(0));
                List<String> inner = rest.subList(1, rest.size());
                if (inner.get(0).equals("expect")) {
                    throw error("expect error wraps a step that acts (mkdir, rmdir, set, agent, spawn, exit, move), not an expect");
                }
                return new Step.ExpectError(errno, command(inner));
            default:
                throw error("unknown expectation \"" + what + "\" (releasable, not releasable, populated, empty, exists, gone, agent, file, error)");
        }
    }

    private Step expectAgent(List<String> paths) throws ScenarioSyntaxException {
        if (paths.isEmpty()) {
            throw error("expect agent takes the paths the agent was called with, or \"none\"");
        }
        if (paths.size() == 1 && paths.get(0).equals("none")) {
            return new Step.ExpectAgent(List.of());
        }
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            out.add(cgroupBelowRoot(p));
        }
        return new Step.ExpectAgent(out);
    }

    /** Processes are known by name: one must be started before it exits or moves, and only once at a time. */
    private void track(Step step) throws ScenarioSyntaxException {
        if (step instanceof Step.Spawn s && !running.add(s.name())) {
            throw error("a process named \"" + s.name() + "\" is running already");
        }
        if (step instanceof Step.Exit e && !running.remove(e.name())) {
            throw error("no process named \"" + e.name() + "\" is running (spawn starts one)");
        }
        if (step instanceof Step.Move m && !running.contains(m.name())) {
            throw error("no process named \"" + m.name() + "\" is running (spawn starts one)");
        }
    }

    private String cgroup(String path) throws ScenarioSyntaxException {
        try {
            Paths.components(path);
            return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    private String cgroupBelowRoot(String path) throws ScenarioSyntaxException {
        String p = cgroup(path);
        if (p.equals("/")) {
            throw error("the root of the hierarchy is no cgroup to make, remove or be released");
        }
        return p;
    }

    private String processName(String name) throws ScenarioSyntaxException {
        if (!PROCESS_NAME.matcher(name).matches()) {
            throw error("a process name is letters, digits, '_', '.' and '-', not \"" + name + "\"");
        }
        return name;
    }

    private String fileName(String name) throws ScenarioSyntaxException {
        if (!FILE_NAME.matcher(name).matches()) {
            throw error("not a file name of a cgroup: \"" + name + "\"");
        }
        return name;
    }

    private String errnoName(String name) throws ScenarioSyntaxException {
        for (int e = 1; e < ERRNO_LIMIT; e++) {
            if (Errno.name(e).equals(name)) {
                return name;
            }
        }
        throw error("unknown errno \"" + name + "\" (EBUSY, ENOENT, EINVAL, EEXIST, ESRCH, E2BIG, ...)");
    }

    private void exactly(List<String> args, int n, String form) throws ScenarioSyntaxException {
        if (args.size() != n || !args.stream().allMatch(a -> VALUE.matcher(a).matches())) {
            throw error("expected: " + form);
        }
    }

    private ScenarioSyntaxException error(String problem) {
        return new ScenarioSyntaxException(source, number, problem);
    }
}
