package io.cgscope.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cgroup superblocks the kernel lists in {@code /proc/self/mountinfo}, read here with nothing
 * of the code under test: what the tests hold hierarchy discovery and {@code dump} to.
 *
 * @param versions per superblock ({@code major:minor}), 1 for {@code cgroup}, 2 for {@code cgroup2}
 * @param mountPoints per superblock, every place it is mounted
 */
public record CgroupMounts(Map<String, Integer> versions, Map<String, Set<Path>> mountPoints) {
    private static final Pattern OCTAL_ESCAPE = Pattern.compile("\\\\([0-7]{3})");

    /** The cgroup mounts listed now; a hierarchy mounted at several places is one superblock. */
    public static CgroupMounts now() throws IOException {
        // 36 25 0:31 / /sys/fs/cgroup/cpu rw,relatime shared:13 - cgroup cgroup rw,cpu
        //       ^device  ^mount point                             ^filesystem type
        Map<String, Integer> versions = new TreeMap<>();
        Map<String, Set<Path>> mountPoints = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String type = line.substring(line.indexOf(" - ") + 3).split(" ")[0];
            if (type.equals("cgroup") || type.equals("cgroup2")) {
                String[] fields = line.split(" ");
                versions.put(fields[2], type.equals("cgroup") ? 1 : 2);
                mountPoints.computeIfAbsent(fields[2], d -> new TreeSet<>()).add(Path.of(unescape(fields[4])));
            }
        }
        return new CgroupMounts(versions, mountPoints);
    }

    /** Per superblock, its version: shorthand for {@code now().versions()}. */
    public static Map<String, Integer> listed() throws IOException {
        return now().versions();
    }

    /** mountinfo writes a space in a path as {@code \040}. */
    private static String unescape(String field) {
        Matcher m = OCTAL_ESCAPE.matcher(field);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 8))));
        }
        return m.appendTail(out).toString();
    }
}
