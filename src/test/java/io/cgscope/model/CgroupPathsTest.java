package io.cgscope.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cgroup paths as the kernel writes them; "within" guards every path the writer resolves. */
class CgroupPathsTest {
    @Test
    void aSiblingThatSharesANamePrefixIsNotWithin() {
        assertFalse(Paths.isWithin("/ab", "/a"));
        assertFalse(Paths.isWithin("/a", "/a/b"), "an ancestor is not within its descendant");
        assertFalse(Paths.isWithin("/b/c", "/a"));
    }

    @Test
    void aCgroupIsWithinItselfItsAncestorsAndTheRoot() {
        assertTrue(Paths.isWithin("/a", "/a"));
        assertTrue(Paths.isWithin("/a/b/c", "/a"));
        assertTrue(Paths.isWithin("/a/b", "/"));
        assertTrue(Paths.isWithin("/", "/"));
    }

    @Test
    void theRootHasNoParentAndTheParentOfATopLevelCgroupIsTheRoot() {
        assertNull(Paths.parent("/"));
        assertEquals("/", Paths.parent("/a"));
        assertEquals("/a", Paths.parent("/a/bc"));
    }

    @Test
    void depthCountsPathElements() {
        assertEquals(0, Paths.depth("/"));
        assertEquals(1, Paths.depth("/web"));
        assertEquals(3, Paths.depth("/system.slice/web/worker"));
    }
}
