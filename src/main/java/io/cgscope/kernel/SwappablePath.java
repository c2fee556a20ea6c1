package io.cgscope.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who besides root could make an absolute path name another file: the owner of a directory on
 * the way, anyone who may write such a directory (and so rename, remove or create the next name
 * in it), and the owner of a symbolic link on the way. The path is walked as the kernel resolves
 * it: one name at a time from "/", each link replaced by its target. The last name's own file is
 * the caller's to judge.
 */
final class SwappablePath {
    /** The kernel gives up with ELOOP after 40 links (MAXSYMLINKS). */
    private static final int MAX_LINKS = 40;
    private static final int TYPE = 0170000;
    private static final int LINK = 0120000;
    private static final int GROUP_WRITE = 0020;
    private static final int OTHER_WRITE = 0002;
    /** The sticky bit: only an entry's owner (or the directory's) may rename or remove it. */
    private static final int STICKY = 01000;
    private static final Path ROOT = Path.of("/");

    private final Path path;

    SwappablePath(Path absolute) {
        this.path = absolute;
    }

    /** One clause for each way someone other than root could swap the file, in walking order. */
    List<String> risks() {
        Set<String> risks = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(names(path));
        Path at = ROOT;
        judgeDirectory(at, risks);
        int links = 0;
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                // at is always a real directory (links were replaced), so its parent is the kernel's ".."
                at = at.getParent() == null ? at : at.getParent();
                continue;
            }
            Path next = at.resolve(name);
            Map<String, Object> a;
            try {
                a = Files.readAttributes(next, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
            } catch (IOException | UnsupportedOperationException e) {
                risks.add("cannot inspect " + next + " on the way to it");
                break;
            }
            int mode = (Integer) a.get("mode");
            int uid = (Integer) a.get("uid");
            if ((mode & TYPE) == LINK) {
                if (uid != 0) {
                    risks.add("the symbolic link " + next + " on the way is owned by uid " + uid + ", not root");
                }
                Path target;
                try {
                    target = Files.readSymbolicLink(next);
                } catch (IOException e) {
                    risks.add("cannot read the symbolic link " + next + " on the way to it");
                    break;
                }
                if (++links > MAX_LINKS) {
                    risks.add("more than " + MAX_LINKS + " symbolic links lie on the way to it");
                    break;
                }
                List<String> parts = names(target);
                for (int i = parts.size() - 1; i >= 0; i--) {
                    todo.push(parts.get(i));
                }
                if (target.isAbsolute()) {
                    at = ROOT;
                }
                continue;
            }
            if (!todo.isEmpty()) {
                at = next;
                judgeDirectory(at, uid, mode, risks);
            }
        }
        return new ArrayList<>(risks);
    }

    private static void judgeDirectory(Path dir, Set<String> risks) {
        try {
            Map<String, Object> a = Files.readAttributes(dir, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
            judgeDirectory(dir, (Integer) a.get("uid"), (Integer) a.get("mode"), risks);
        } catch (IOException | UnsupportedOperationException e) {
            risks.add("cannot inspect the directory " + dir + " above it");
        }
    }

    private static void judgeDirectory(Path dir, int uid, int mode, Set<String> risks) {
        if (uid != 0) {
            risks.add("the directory " + dir + " above it is owned by uid " + uid + ", not root");
        }
        // in a sticky directory of root's, only root and each entry's owner may swap that entry,
        // and the owner of the next entry on the way is judged in its turn (/tmp is such a directory)
        boolean sticky = (mode & STICKY) != 0 && uid == 0;
        if ((mode & (GROUP_WRITE | OTHER_WRITE)) != 0 && !sticky) {
            risks.add("the directory " + dir + " above it is "
                    + ((mode & OTHER_WRITE) != 0 ? "writable by others" : "group-writable"));
        }
    }

    private static List<String> names(Path p) {
        List<String> names = new ArrayList<>();
        for (Path n : p) {
            names.add(n.toString());
        }
        return names;
    }
}
