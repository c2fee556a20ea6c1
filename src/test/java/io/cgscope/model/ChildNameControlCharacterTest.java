package io.cgscope.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A line break or NUL anywhere in a new cgroup's name is refused, first character included. */
class ChildNameControlCharacterTest {
    @Test
    void aNameStartingWithALineBreakIsRefused() {
        for (String name : List.of("\nweb", "\rweb")) {
            Check c = ChildName.check(name, List.of());
            assertTrue(c.refused(), name);
            assertTrue(c.refusal().contains("line break"), c.refusal());
        }
    }

    @Test
    void aNameStartingWithNulIsRefused() {
        Check c = ChildName.check("\0web", List.of());

        assertTrue(c.refused());
        assertTrue(c.refusal().contains("NUL"), c.refusal());
    }
}
