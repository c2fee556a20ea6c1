#!/bin/sh
# Puts the launcher next to the jar in TARGET (the build directory) and builds TARGET/cgscope.jsa:
# a class-data archive of the classes cgscope loads as it starts, recorded from two runs of the
# jar just built (the window rendered once, headless, and a dump of the machine's cgroups). The
# launcher's JVM then maps those classes already parsed and verified instead of reading them from
# the jar. The archive is optional: when a recording run fails, the build goes on without it and
# the launcher starts the same jar, only slower.
#
# It also unpacks JNA's native part (libjnidispatch.so) from the jar into TARGET/native, where the
# launcher points JNA: otherwise JNA writes it to a cache directory (~/.cache/JNA) and loads it
# from there at every start, about 20 ms of each start here.
set -u
target=$(readlink -f "$1")
packaging=$(dirname "$(readlink -f "$0")")
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
jar=$target/cgscope.jar
work=$target/class-archive
dispatch=com/sun/jna/linux-x86-64/libjnidispatch.so

install -m 0755 "$packaging/cgscope" "$target/cgscope"
install -m 0644 "$packaging/cgscope.jvmopts" "$target/cgscope.jvmopts"
rm -rf "$work" "$target/cgscope.jsa" "$target/native"
mkdir -p "$work"

# Same JNA as the jar's, or none: a native part of another JNA version would refuse to load.
# JAR_TOOL names the jar tool when JAVA_HOME is a runtime without one (the package's, made by
# jlink; see package.sh).
if (cd "$work" && "${JAR_TOOL:-${JAVA_HOME:+$JAVA_HOME/bin/}jar}" xf "$jar" "$dispatch") && [ -f "$work/$dispatch" ]; then
    install -D -m 0644 "$work/$dispatch" "$target/native/libjnidispatch.so"
else
    echo "cgscope: JNA's native part stays in the jar (JNA unpacks it at each start)"
fi

record() { # NAME ARGS...: one run of the jar that lists the classes it loads
    name=$1
    shift
    if ! "$java" "@$target/cgscope.jvmopts" -XX:DumpLoadedClassList="$work/$name.classes" \
            -jar "$jar" "$@" >"$work/$name.log" 2>&1; then
        echo "cgscope: no class-data archive: the $name run failed (see $work/$name.log)"
        exit 0
    fi
}
record window --screenshot "$work/window.png"
record dump dump --json
cat "$work/window.classes" "$work/dump.classes" >"$work/all.classes"
if ! "$java" -Xshare:dump -XX:SharedClassListFile="$work/all.classes" \
        -XX:SharedArchiveFile="$target/cgscope.jsa" -cp "$jar" >"$work/archive.log" 2>&1; then
    echo "cgscope: no class-data archive: see $work/archive.log"
    rm -f "$target/cgscope.jsa"
    exit 0
fi
echo "cgscope: built $target/cgscope and $target/cgscope.jsa"
