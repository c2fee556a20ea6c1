package io.cgscope.scenario;

import java.util.List;

/**
 * One line of a scenario, parsed. Commands change the hierarchy ({@link Command}); expectations
 * check it; narration only tells. Each record prints itself back as the line it came from
 * ({@link #text()}), without the comment, so that outputs name a step the way its author wrote it.
 */
public sealed interface Step {
    /** The step as written in the scenario language, canonical spacing, no comment. */
    String text();

    /** A step that acts on the hierarchy; the one kind {@code expect error} may wrap. */
    sealed interface Command extends Step {
    }

    /** A step that checks what the hierarchy, its processes or its agent show now. */
    sealed interface Expectation extends Step {
    }

    /** A line starting with '#': what a teacher says between the steps. */
    record Narration(String words) implements Step {
        @Override
        public String text() {
            return "#" + words;
        }
    }

    record Mkdir(String path) implements Command {
        @Override
        public String text() {
            return "mkdir " + path;
        }
    }

    record Rmdir(String path) implements Command {
        @Override
        public String text() {
            return "rmdir " + path;
        }
    }

    /** A write of {@code value} to {@code file} ({@code notify_on_release} or {@code cgroup.clone_children}). */
    record Set(String path, String file, String value) implements Command {
        @Override
        public String text() {
            return "set " + path + " " + file + " " + value;
        }
    }

    /**
     * The hierarchy's release agent: {@code agent} is null for "agent none". With {@code removes}
     * the agent also removes the cgroup it is called for, as clean-up agents do; that rmdir runs
     * at the next {@code settle}, so a task that joins before it makes it fail.
     */
    record Agent(String agent, boolean removes) implements Command {
        @Override
        public String text() {
            return "agent " + (agent == null ? "none" : agent) + (removes ? " removes" : "");
        }
    }

    record Spawn(String name, String path) implements Command {
        @Override
        public String text() {
            return "spawn " + name + " " + path;
        }
    }

    record Exit(String name) implements Command {
        @Override
        public String text() {
            return "exit " + name;
        }
    }

    record Move(String name, String path) implements Command {
        @Override
        public String text() {
            return "move " + name + " " + path;
        }
    }

    record Settle() implements Command {
        @Override
        public String text() {
            return "settle";
        }
    }

    /** {@code expect releasable PATH} or, with {@code releasable} false, {@code expect not releasable PATH}. */
    record ExpectReleasable(String path, boolean releasable) implements Expectation {
        @Override
        public String text() {
            return "expect " + (releasable ? "" : "not ") + "releasable " + path;
        }
    }

    /** {@code expect populated PATH} or {@code expect empty PATH}: a task in the subtree, or none. */
    record ExpectPopulated(String path, boolean populated) implements Expectation {
        @Override
        public String text() {
            return "expect " + (populated ? "populated " : "empty ") + path;
        }
    }

    /** {@code expect exists PATH} or {@code expect gone PATH}. */
    record ExpectExists(String path, boolean exists) implements Expectation {
        @Override
        public String text() {
            return "expect " + (exists ? "exists " : "gone ") + path;
        }
    }

    /** The agent's calls since the previous {@code expect agent}, in any order; empty for "none". */
    record ExpectAgent(List<String> paths) implements Expectation {
        public ExpectAgent {
            paths = List.copyOf(paths);
        }

        @Override
        public String text() {
            return "expect agent " + (paths.isEmpty() ? "none" : String.join(" ", paths));
        }
    }

    /**
     * {@code expect file PATH FILE VALUE}: the file reads VALUE (trimmed); for a file of
     * "key value" lines ({@code cgroup.events}) {@code expect file PATH FILE KEY VALUE} reads one key.
     */
    record ExpectFile(String path, String file, String key, String value) implements Expectation {
        @Override
        public String text() {
            return "expect file " + path + " " + file + (key == null ? "" : " " + key) + " " + value;
        }
    }

    /** {@code expect error ERRNO COMMAND}: the command is refused with this errno. */
    record ExpectError(String errno, Command command) implements Expectation {
        @Override
        public String text() {
            return "expect error " + errno + " " + command.text();
        }
    }
}
