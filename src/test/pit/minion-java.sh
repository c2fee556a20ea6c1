#!/bin/sh
# The java of every JVM the mutation run starts (pitest-maven's <jvm>, see pom.xml).
#
# The mutation tool ends a JVM whose test ran too long with SIGKILL, so no shutdown hook cleans
# up after that test. Hence each JVM runs in a mount namespace of its own, where the machine's
# cgroup2 mounts are unmounted: the v2 tests (V2Sandbox, a child of the machine's own cgroup2
# root) find no cgroup2 and skip themselves. It gets a temporary directory of its own, where the
# test kit mounts its private v1 hierarchies, and a watcher in the same namespace that removes
# whatever is left there once the JVM has ended, however it ended (sweep.sh).
if [ -z "${CGSCOPE_MINION_NAMESPACE:-}" ]; then
  CGSCOPE_MINION_NAMESPACE=1 exec unshare --mount --propagation private "$0" "$@"
fi
here=$(cd "$(dirname "$0")" && pwd)
for v2 in $(awk '{ for (i = 7; $i != "-"; i++) {} } $(i + 1) == "cgroup2" { print $5 }' /proc/self/mountinfo); do
  umount "$v2" || { echo "minion-java.sh: cannot hide $v2 from the test JVM" >&2; exit 1; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cgscope-mutation-XXXXXX") || exit 1
setsid sh "$here/sweep.sh" --after $$ "$tmp" </dev/null >>"$tmp.sweep.log" 2>&1 &
exec "${CGSCOPE_JAVA:?the build sets CGSCOPE_JAVA to its own java}" -Djava.io.tmpdir="$tmp" "$@"
