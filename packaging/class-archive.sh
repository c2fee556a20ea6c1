#!/bin/sh
# class-archive.sh JAVA JAR JVMOPTS ARCHIVE WORK: records ARCHIVE, a class-data archive of the
# classes cgscope loads as it starts, from two runs of JAR by JAVA with the JVM options of the
# file JVMOPTS (the window rendered once, headless, and a dump of the machine's cgroups); WORK
# keeps the class lists and the runs' logs. The JVM then maps those classes already parsed and
# verified instead of reading them from the jar. Exit 0 with the archive; 1 without it, with one
# line that says why (the archive is optional: cgscope starts without it, only slower).
#
# Used by launcher.sh for target/cgscope, and by the package's postinst where the jar is
# installed: Java 17 maps an archive only for the very class path it was recorded with (the
# jar's path, size and time), so a package's archive is recorded where the package put the jar.
set -u
java=$1
jar=$2
options=$3
archive=$4
work=$5
rm -f "$archive"
mkdir -p "$work"

record() { # NAME ARGS...: one run of the jar that lists the classes it loads
    name=$1
    shift
    if ! "$java" "@$options" -XX:DumpLoadedClassList="$work/$name.classes" \
            -jar "$jar" "$@" >"$work/$name.log" 2>&1; then
        echo "cgscope: no class-data archive: the $name run failed (see $work/$name.log)"
        exit 1
    fi
}
record window --screenshot "$work/window.png"
record dump dump --json
cat "$work/window.classes" "$work/dump.classes" >"$work/all.classes"
if ! "$java" -Xshare:dump -XX:SharedClassListFile="$work/all.classes" \
        -XX:SharedArchiveFile="$archive" -cp "$jar" >"$work/archive.log" 2>&1; then
    echo "cgscope: no class-data archive: see $work/archive.log"
    rm -f "$archive"
    exit 1
fi
