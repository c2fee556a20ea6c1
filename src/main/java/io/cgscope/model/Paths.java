package io.cgscope.model;

/** Cgroup paths as the kernel writes them: "/" for the root, "/a/b" below. */
public final class Paths {
    private Paths() {
    }

    public static String child(String parent, String name) {
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

    /** True when {@code path} is {@code ancestor} or lies below it. */
    public static boolean isWithin(String path, String ancestor) {
        if ("/".equals(ancestor) || path.equals(ancestor)) {
            return true;
        }
        return path.startsWith(ancestor) && path.length() > ancestor.length() && path.charAt(ancestor.length()) == '/';
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
