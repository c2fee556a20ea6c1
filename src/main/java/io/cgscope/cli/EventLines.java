package io.cgscope.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cgscope.host.WatchMode;
import io.cgscope.model.Change;
import io.cgscope.model.ChangeBatch;
import io.cgscope.model.ChangeKind;
import io.cgscope.model.EscapedText;
import io.cgscope.model.Field;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The lines {@code watch} prints: one {@code ready} line after the first read, then one line per
 * change, as JSON for programs or as text for people. Each batch is flushed as soon as written.
 * Names and paths are shown escaped ({@link EscapedText}) in both.
 */
abstract class EventLines {
    /** ISO-8601 in UTC, always with milliseconds: {@code 2026-11-28T14:45:01.123Z}. */
    static final DateTimeFormatter JSON_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    static EventLines of(boolean json, OutputStream out) {
        return json ? new Json(out) : new Text(out);
    }

    abstract void ready(Instant time, List<Snapshot> snapshots, Map<Hierarchy, WatchMode> modes);

    abstract void batch(ChangeBatch batch);

    /** True once the output can no longer be written (the reader went away). */
    abstract boolean failed();

    /**
     * <pre>
     * {"time":"2026-11-28T14:45:01.123Z","event":"ready","hierarchies":[{"mountPoint":"/mnt/demo",
     *   "path":"/","version":1,"cgroups":12,"mode":"inotify"}]}
     * {"time":"2026-11-28T14:45:02.004Z","event":"changed","mountPoint":"/mnt/demo","path":"/a",
     *   "fields":["procs","threads","populated"]}
     * </pre>
     */
    static final class Json extends EventLines {
        private static final JsonFactory FACTORY = new JsonFactory()
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        private final PrintStream out;
        private final JsonGenerator g;

        Json(OutputStream target) {
            this.out = new PrintStream(target, false, StandardCharsets.UTF_8);
            try {
                this.g = FACTORY.createGenerator(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            g.setRootValueSeparator(null);
        }

        @Override
        void ready(Instant time, List<Snapshot> snapshots, Map<Hierarchy, WatchMode> modes) {
            writeAndFlush(() -> {
                g.writeStartObject();
                g.writeStringField("time", JSON_TIME.format(time));
                g.writeStringField("event", "ready");
                g.writeStringField("nameEscaping", EscapedText.RULE);
                g.writeArrayFieldStart("hierarchies");
                for (Snapshot s : snapshots) {
                    g.writeStartObject();
                    g.writeStringField("mountPoint", EscapedText.of(s.hierarchy().mountPoint().toString()));
                    g.writeStringField("path", EscapedText.of(s.rootPath()));
                    g.writeNumberField("version", s.hierarchy().version().number());
                    g.writeNumberField("cgroups", s.size());
                    WatchMode m = modes.get(s.hierarchy());
                    g.writeStringField("mode", m == null ? null : m.label());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
                g.writeRaw('\n');
            });
        }

        @Override
        void batch(ChangeBatch batch) {
            writeAndFlush(() -> {
                for (Change c : batch.changes()) {
                    g.writeStartObject();
                    g.writeStringField("time", JSON_TIME.format(c.time()));
                    g.writeStringField("event", c.kind().jsonName());
                    g.writeStringField("mountPoint", EscapedText.of(c.hierarchy().mountPoint().toString()));
                    g.writeStringField("path", EscapedText.of(c.path()));
                    if (c.kind() == ChangeKind.CHANGED) {
                        g.writeArrayFieldStart("fields");
                        for (Field f : c.fields().stream().sorted().toList()) {
                            g.writeString(f.jsonName());
                        }
                        g.writeEndArray();
                    }
                    g.writeEndObject();
                    g.writeRaw('\n');
                }
            });
        }

        /** Lines written to the generator, then flushed: each batch reaches a pipe as it happens. */
        private void writeAndFlush(Lines lines) {
            try {
                lines.write();
                g.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private interface Lines {
            void write() throws IOException;
        }

        @Override
        boolean failed() {
            return out.checkError();
        }
    }

    /**
     * <pre>
     * 14:45:01.123  ready  name=demo (v1) /mnt/demo: 12 cgroups from /, inotify
     * 14:45:02.004  name=demo  /a  changed  procs,threads,populated
     * 14:45:03.010  name=demo  /a  released
     * </pre>
     */
    static final class Text extends EventLines {
        private static final DateTimeFormatter CLOCK =
                DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());
        private final PrintStream out;

        Text(OutputStream target) {
            this.out = new PrintStream(target, false, StandardCharsets.UTF_8);
        }

        @Override
        void ready(Instant time, List<Snapshot> snapshots, Map<Hierarchy, WatchMode> modes) {
            String what = snapshots.stream().map(s -> {
                WatchMode m = modes.get(s.hierarchy());
                return EscapedText.of(s.hierarchy().label()) + ": " + s.size() + (s.size() == 1 ? " cgroup" : " cgroups")
                        + " from " + EscapedText.of(s.rootPath()) + (m == null ? "" : ", " + m.label());
            }).collect(Collectors.joining("; "));
            out.println(CLOCK.format(time) + "  ready  " + what);
            out.flush();
        }

        @Override
        void batch(ChangeBatch batch) {
            StringBuilder line = new StringBuilder(96);
            for (Change c : batch.changes()) {
                line.setLength(0);
                line.append(CLOCK.format(c.time())).append("  ").append(EscapedText.of(c.hierarchy().title())).append("  ")
                        .append(EscapedText.of(c.path())).append("  ").append(c.kind().jsonName());
                if (c.kind() == ChangeKind.CHANGED) {
                    line.append("  ").append(c.fields().stream().sorted().map(Field::jsonName)
                            .collect(Collectors.joining(",")));
                }
                out.println(line);
            }
            out.flush();
        }

        @Override
        boolean failed() {
            return out.checkError();
        }
    }
}
