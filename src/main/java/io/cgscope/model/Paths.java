package io.cgscope.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Cgroup paths as the kernel writes them: "/" for the root, "/a/b" below. A name is any
 * non-empty string without '/' and NUL, other than "." and "..": {@link #components} refuses
 * anything else, so that a path handed in from outside can never climb out of its hierarchy.
 */
public final class Paths {
    private Paths() {
    }

    public static String child(String parent, String name) {
        requireName(name);
        return "/".equals(parent) ? "/" + name : parent + "/" + name;
    }

    /** The parent path, or null for the root. */
    public static String parent(String path) {
        if ("/".equals(path)) {
            return null;
        }
        int slash = path.lastIndexOf('/');
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    public static String name(String path) {
        return "/".equals(path) ? "/" : path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * The names along {@code path}, root first ("/" has none).
     *
     * @throws IllegalArgumentException for a path that is not absolute, or holds an empty
     *                                  component, ".", "..", or NUL
     */
    public static List<String> components(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("not a cgroup path (it must start with /): " + EscapedText.of(path));
        }
        List<String> out = new ArrayList<>();
        if (path.length() == 1) {
            return out;
        }
        int from = 1;
        while (true) {
            int slash = path.indexOf('/', from);
            String name = path.substring(from, slash < 0 ? path.length() : slash);
            if (!isName(name)) {
                throw new IllegalArgumentException("not a cgroup path (\"" + EscapedText.of(name)
                        + "\" is not a cgroup name): " + EscapedText.of(path));
            }
            out.add(name);
            if (slash < 0) {
                return out;
            }
            from = slash + 1;
        }
    }

    /** True for a name the kernel can hold as one directory: not empty, ".", "..", no '/' or NUL. */
    public static boolean isName(String name) {
        return !name.isEmpty() && !".".equals(name) && !"..".equals(name) && name.indexOf('/') < 0
                && name.indexOf('\0') < 0;
    }

    private static void requireName(String name) {
        if (!isName(name)) {
            throw new IllegalArgumentException("not a cgroup name: \"" + EscapedText.of(name) + "\"");
        }
    }

    /**
     * True when {@code path} is {@code ancestor} or lies below it, compared name by name: both
     * are checked as {@link #components} checks them, so "/a/.." is never within "/a".
     */
    public static boolean isWithin(String path, String ancestor) {
        requirePath(path);
        requirePath(ancestor);
        if ("/".equals(ancestor) || path.equals(ancestor)) {
            return true;
        }
        return path.startsWith(ancestor) && path.length() > ancestor.length() && path.charAt(ancestor.length()) == '/';
    }

    /** {@link #components}' check without building the list. */
    public static void requirePath(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("not a cgroup path (it must start with /): " + EscapedText.of(path));
        }
        int from = 1;
        while (from < path.length() || (from == path.length() && from > 1)) {
            int slash = path.indexOf('/', from);
            int end = slash < 0 ? path.length() : slash;
            if (end == from || (end - from == 1 && path.charAt(from) == '.')
                    || (end - from == 2 && path.charAt(from) == '.' && path.charAt(from + 1) == '.')
                    || path.lastIndexOf('\0', end - 1) >= from) {
                components(path); // throws with the offending name
            }
            if (slash < 0) {
                return;
            }
            from = slash + 1;
        }
    }

    /** The number of path elements: 0 for the root. */
    public static int depth(String path) {
        if ("/".equals(path)) {
            return 0;
        }
        int d = 0;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                d++;
            }
        }
        return d;
    }
}
