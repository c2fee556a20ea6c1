package io.cgscope.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every path the writer resolves is checked first: the quick check ({@link Paths#requirePath})
 * and the one that splits the path into names ({@link Paths#components}) accept and refuse the
 * same paths, the names next to "." and ".." included, since a wrong bound in either would let
 * a path climb out of its cgroup or refuse a cgroup the kernel allows.
 */
class PathCheckTest {
    @ParameterizedTest
    @ValueSource(strings = {"/", "/a", "/a/b", "/...", "/.a", "/a.", "/..a", "/a..", "/a/.b/c", "/a/...", "/x/y z",
            "/\u00e9t\u00e9", "/a\\b"})
    void aPathOfCgroupNamesIsAccepted(String path) {
        assertDoesNotThrow(() -> Paths.requirePath(path));
        List<String> names = Paths.components(path);
        assertEquals(path, names.isEmpty() ? "/" : "/" + String.join("/", names), "the names make the path again");
        assertTrue(Paths.isWithin(path, "/"));
        assertEquals(names.size(), Paths.depth(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a/b", "//", "/a/", "/a//b", "/.", "/..", "/a/.", "/a/..", "/./a", "/../a",
            "/a/../b", "/a\0", "/\0", "/a/b\0c"})
    void aPathThatIsNotOneIsRefusedByBothChecks(String path) {
        IllegalArgumentException quick = assertThrows(IllegalArgumentException.class, () -> Paths.requirePath(path));
        IllegalArgumentException split = assertThrows(IllegalArgumentException.class, () -> Paths.components(path));
        assertEquals(split.getMessage(), quick.getMessage(), "one sentence, whichever check refuses");
        assertThrows(IllegalArgumentException.class, () -> Paths.isWithin(path, "/"));
        assertThrows(IllegalArgumentException.class, () -> Paths.isWithin("/", path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "/", "a\0"})
    void aChildIsNamedByACgroupNameOnly(String name) {
        assertThrows(IllegalArgumentException.class, () -> Paths.child("/a", name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"b", "...", ".b", "b c"})
    void aChildIsItsParentAndItsName(String name) {
        assertEquals("/a/" + name, Paths.child("/a", name));
        assertEquals("/" + name, Paths.child("/", name));
        assertEquals(name, Paths.name(Paths.child("/a", name)));
        assertEquals("/a", Paths.parent(Paths.child("/a", name)));
    }
}
