package io.cgscope.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON schema of {@code dump} and {@code watch} as README's tables give it: the one
 * description that people read and the tests hold the output to, so the two cannot drift apart.
 *
 * <p>A table is named by its first header cell ({@code | cgroup | meaning |}); each row names its
 * keys in backquotes in the first cell ({@code | `procs`, `threads` | ... |}), and in a table whose
 * second header cell is {@code keys}, the row lists its keys in the second cell.
 */
record ReadmeSchema(Map<String, Table> tables) {
    private static final Path README = Path.of("README.md");
    private static final Pattern QUOTED = Pattern.compile("`([^`]+)`");

    /** One README table: its rows, by the name in the first cell, with the names in the second. */
    record Table(Map<String, List<String>> rows) {
        /** The keys the first cells name, in README's order. */
        List<String> keys() {
            List<String> keys = new ArrayList<>();
            rows.keySet().forEach(cell -> keys.addAll(quoted(cell)));
            return keys;
        }
    }

    /** The tables of README's section {@code heading} (a line such as "### `dump`"). */
    static ReadmeSchema ofSection(String heading) {
        List<String> lines;
        try {
            lines = Files.readAllLines(README);
        } catch (IOException e) {
            throw new UncheckedIOException("README.md, read from the project's directory", e);
        }
        int start = lines.indexOf(heading);
        assertTrue(start >= 0, "README has a section " + heading);
        Map<String, Table> tables = new LinkedHashMap<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
            if (lines.get(i).startsWith("|") && i + 1 < lines.size() && lines.get(i + 1).matches("\\|(---\\|)+")) {
                String name = cells(lines.get(i)).get(0);
                Map<String, List<String>> rows = new LinkedHashMap<>();
                for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
                    List<String> cells = cells(lines.get(i));
                    rows.put(cells.get(0), quoted(cells.get(1)));
                }
                tables.put(name, new Table(rows));
            }
        }
        return new ReadmeSchema(tables);
    }

    /** The keys of the table named {@code name}, e.g. "cgroup" or "`ready` hierarchy". */
    List<String> keysOf(String name) {
        return table(name).keys();
    }

    /** Per event of the table "event", the keys its second column lists. */
    Map<String, List<String>> eventKeys() {
        Map<String, List<String>> events = new LinkedHashMap<>();
        table("event").rows().forEach((cell, keys) -> events.put(quoted(cell).get(0), keys));
        return events;
    }

    /** The table named {@code name}; the test fails when README has none. */
    Table table(String name) {
        Table t = tables.get(name);
        assertNotNull(t, "README's table \"" + name + "\"; it has " + tables.keySet());
        return t;
    }

    /**
     * Asserts that {@code node} has exactly the keys of README's table {@code name}: a key missing
     * from the output, or one README does not document, fails with both named.
     */
    void assertKeys(String name, List<String> expected, JsonNode node) {
        Set<String> actual = new TreeSet<>();
        node.fieldNames().forEachRemaining(actual::add);
        Set<String> documented = new TreeSet<>(expected);
        Set<String> missing = new TreeSet<>(documented);
        missing.removeAll(actual);
        Set<String> undocumented = new TreeSet<>(actual);
        undocumented.removeAll(documented);
        String text = node.toString();
        assertEquals(documented, actual, name + ": missing from the output " + missing + ", not in README "
                + undocumented + ", in " + (text.length() > 300 ? text.substring(0, 300) + "..." : text));
    }

    void assertKeys(String name, JsonNode node) {
        assertKeys(name, keysOf(name), node);
    }

    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        for (String cell : row.substring(1, row.lastIndexOf('|')).split("\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }

    private static List<String> quoted(String cell) {
        List<String> names = new ArrayList<>();
        Matcher m = QUOTED.matcher(cell);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
