package io.cgscope.scenario;

/** A line the scenario language does not allow; the message names the line. */
public final class ScenarioSyntaxException extends Exception {
    private final int line;

    public ScenarioSyntaxException(String source, int line, String problem) {
        super(source + " line " + line + ": " + problem);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
