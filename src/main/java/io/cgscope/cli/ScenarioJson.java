package io.cgscope.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cgscope.scenario.SideBySide;
import io.cgscope.scenario.StepOutcome;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;

/**
 * {@code scenario run --json}: one object a line for each step (narration has none):
 * {@code {"line":7,"step":"exit web","ok":true,"agentCalls":["/job"],"message":""}}; with
 * {@code --rules both} the outcomes sit under "today" and "2007", and "differ" says whether they do.
 */
final class ScenarioJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ScenarioJson() {
    }

    static void line(StepOutcome o, PrintStream out) throws IOException {
        if (o.isNarration()) {
            return;
        }
        StringWriter s = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(s)) {
            g.writeStartObject();
            g.writeNumberField("line", o.line().number());
            g.writeStringField("step", o.line().step().text());
            writeOutcome(g, o);
            g.writeEndObject();
        }
        out.println(s);
    }

    static void sideBySide(SideBySide both, PrintStream out) throws IOException {
        for (SideBySide.Row row : both.rows()) {
            if (row.today().isNarration()) {
                continue;
            }
            StringWriter s = new StringWriter();
            try (JsonGenerator g = FACTORY.createGenerator(s)) {
                g.writeStartObject();
                g.writeNumberField("line", row.today().line().number());
                g.writeStringField("step", row.today().line().step().text());
                g.writeBooleanField("differ", row.differ());
                g.writeObjectFieldStart("today");
                writeOutcome(g, row.today());
                g.writeEndObject();
                g.writeObjectFieldStart("2007");
                writeOutcome(g, row.y2007());
                g.writeEndObject();
                g.writeEndObject();
            }
            out.println(s);
        }
    }

    private static void writeOutcome(JsonGenerator g, StepOutcome o) throws IOException {
        g.writeBooleanField("ok", o.ok());
        g.writeArrayFieldStart("agentCalls");
        for (String c : o.agentCalls()) {
            g.writeString(c);
        }
        g.writeEndArray();
        g.writeStringField("message", o.message());
    }
}
