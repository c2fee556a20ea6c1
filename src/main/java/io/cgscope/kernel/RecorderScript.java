package io.cgscope.kernel;

import io.cgscope.model.NameBytes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The recorder's text (the resource {@code recorder.sh}) with one hierarchy's values filled in,
 * and the agent it chains to read back out of it. The values are shell words in single quotes,
 * where nothing is special but the quote itself, written {@code '\''}: an agent path with any
 * byte but NUL is kept exactly.
 */
final class RecorderScript {
    private static final String TEMPLATE = template();
    private static final String PREVIOUS = "\nprevious='";

    private RecorderScript() {
    }

    /** The recorder of {@code device} that logs to {@code log} and then runs {@code previous} ("" for none). */
    static byte[] render(String device, String previous, Path log, long limit) {
        String text = TEMPLATE.replace("@HIERARCHY@", quoted(device))
                .replace("@LOG@", quoted(log.toString()))
                .replace("@LIMIT@", Long.toString(limit))
                .replace("@PREVIOUS@", quoted(previous)); // last: its value may hold anything
        return NameBytes.encode(text);
    }

    /** The agent a recorder runs after logging, or null when {@code script} is no recorder. */
    static String previousOf(byte[] script) {
        String text = NameBytes.decode(script);
        int at = text.indexOf(PREVIOUS);
        if (at < 0) {
            return null;
        }
        StringBuilder value = new StringBuilder();
        int i = at + PREVIOUS.length();
        while (true) {
            int end = text.indexOf('\'', i);
            if (end < 0) {
                return null;
            }
            value.append(text, i, end);
            if (text.startsWith("'\\''", end)) {
                value.append('\'');
                i = end + 4;
            } else {
                return text.startsWith("'\n", end) ? value.toString() : null;
            }
        }
    }

    static String quoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static String template() {
        try (InputStream in = RecorderScript.class.getResourceAsStream("recorder.sh")) {
            if (in == null) {
                throw new IllegalStateException("recorder.sh is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
