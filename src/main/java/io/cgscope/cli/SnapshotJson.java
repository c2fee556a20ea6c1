package io.cgscope.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cgscope.model.Cgroup;
import io.cgscope.model.EscapedText;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Pids;
import io.cgscope.model.Snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes snapshots as the documented {@code dump --json} document, streaming: 100,000 cgroups go
 * out without building a tree of JSON nodes first. Names and paths are escaped as
 * {@link EscapedText} says, and the document says so in {@code nameEscaping}.
 */
final class SnapshotJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private SnapshotJson() {
    }

    /** {@code releaseAgents} holds, per snapshot, the hierarchy's release_agent or null. */
    static void write(List<Snapshot> snapshots, List<String> releaseAgents, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("nameEscaping", EscapedText.RULE);
            g.writeArrayFieldStart("hierarchies");
            for (int i = 0; i < snapshots.size(); i++) {
                writeHierarchy(g, snapshots.get(i), releaseAgents.get(i));
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void writeHierarchy(JsonGenerator g, Snapshot s, String releaseAgent) throws IOException {
        Hierarchy h = s.hierarchy();
        g.writeStartObject();
        g.writeStringField("mountPoint", EscapedText.of(h.mountPoint().toString()));
        g.writeNumberField("version", h.version().number());
        g.writeArrayFieldStart("controllers");
        for (String c : h.controllers()) {
            g.writeString(EscapedText.of(c));
        }
        g.writeEndArray();
        g.writeStringField("name", EscapedText.of(h.name()));
        g.writeStringField("releaseAgent", EscapedText.of(releaseAgent));
        g.writeStringField("releaseAgentOption", EscapedText.of(h.releaseAgentOption()));
        g.writeStringField("device", h.device());
        g.writeStringField("rootPath", EscapedText.of(s.rootPath()));
        g.writeStringField("readAt", s.readAt().toString());
        g.writeArrayFieldStart("cgroups");
        for (Cgroup c : s.cgroups()) {
            writeCgroup(g, c);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeCgroup(JsonGenerator g, Cgroup c) throws IOException {
        g.writeStartObject();
        g.writeStringField("path", EscapedText.of(c.path()));
        writeBoolean(g, "notifyOnRelease", c.notifyOnRelease());
        writeBoolean(g, "cloneChildren", c.cloneChildren());
        writeIds(g, "procs", c.procs());
        writeIds(g, "threads", c.threads());
        g.writeBooleanField("populated", c.populated());
        writeBoolean(g, "frozen", c.frozen());
        g.writeArrayFieldStart("children");
        for (String child : c.children()) {
            g.writeString(EscapedText.of(child));
        }
        g.writeEndArray();
        g.writeBooleanField("releasable", c.releasable());
        g.writeStringField("reason", EscapedText.of(c.reason()));
        g.writeArrayFieldStart("files");
        for (String f : c.interfaceFiles()) {
            g.writeString(EscapedText.of(f));
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeBoolean(JsonGenerator g, String field, Boolean value) throws IOException {
        g.writeFieldName(field);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeBoolean(value);
        }
    }

    /** Sorted ids; null when the file was unreadable. */
    private static void writeIds(JsonGenerator g, String field, Pids ids) throws IOException {
        g.writeFieldName(field);
        if (ids == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (int i = 0; i < ids.size(); i++) {
            g.writeNumber(ids.get(i));
        }
        g.writeEndArray();
    }
}
