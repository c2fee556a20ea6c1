package io.cgscope.testkit;

import java.nio.file.Path;

/** The java launcher of the JVM running the tests, for the JVMs they start. */
public final class ThisJava {
    private ThisJava() {
    }

    /**
     * {@code java.home}'s {@code bin/java}: the first {@code java} on PATH may be another version,
     * or missing where the build was given its JDK through JAVA_HOME alone.
     */
    public static String command() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
