#!/bin/sh
# Puts the launcher next to the jar in TARGET (the build directory), and TARGET/cgscope.jsa: a
# class-data archive of the classes cgscope loads as it starts, recorded by class-archive.sh from
# two runs of the jar just built. The archive is optional: when a recording run fails, the build
# goes on without it and the launcher starts the same jar, only slower.
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

if sh "$packaging/class-archive.sh" "$java" "$jar" "$target/cgscope.jvmopts" "$target/cgscope.jsa" "$work"; then
    echo "cgscope: built $target/cgscope and $target/cgscope.jsa"
fi
