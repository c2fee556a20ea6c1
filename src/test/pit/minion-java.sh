#!/bin/sh
# The java of every JVM the mutation run starts (pitest-maven's <jvm>, see pom.xml). The JVM gets
# a temporary directory of its own, where the test kit mounts its private hierarchies; a watcher
# started here removes whatever is left there once the JVM has ended, however it ended: the
# mutation tool ends a JVM whose test ran too long with SIGKILL, and then no shutdown hook runs.
here=$(dirname "$0")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cgscope-mutation-XXXXXX") || exit 1
setsid sh "$here/sweep.sh" --after $$ "$tmp" </dev/null >>"$tmp.sweep.log" 2>&1 &
exec "${CGSCOPE_JAVA:?the build sets CGSCOPE_JAVA to its own java}" -Djava.io.tmpdir="$tmp" "$@"
