package io.cgscope.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The lessons shipped inside the jar: scenarios under {@code io/cgscope/scenario/lessons/}, in
 * the order of {@code index.txt} there (a jar cannot be listed, so the index names them).
 */
public final class Lessons {
    private static final String DIR = "/io/cgscope/scenario/lessons/";

    private Lessons() {
    }

    /** The lessons' names, in teaching order. */
    public static List<String> names() {
        return Arrays.stream(resource("index.txt").split("\n")).map(String::strip)
                .filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
    }

    /** Whether {@code name} is a lesson. */
    public static boolean exists(String name) {
        return names().contains(name);
    }

    /** The lesson {@code name}, parsed. */
    public static Scenario load(String name) throws ScenarioSyntaxException {
        if (!exists(name)) {
            throw new IllegalArgumentException("no lesson named " + name);
        }
        return ScenarioParser.parse(name, text(name));
    }

    /** The lesson's text as shipped. */
    public static String text(String name) {
        return resource(name + ".scenario");
    }

    private static String resource(String file) {
        try (InputStream in = Lessons.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + DIR + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
