#!/usr/bin/env bash
# The package check, as root on a Debian 12 machine where cgscope is not installed:
#
#   packaging/check.sh          builds the .deb (mvn -B -DskipTests -Pdeb package), then checks it
#   packaging/check.sh DEB      checks that .deb
#
# 1. inspects the .deb with dpkg-deb: its fields, that every shared library its ELF files link
#    against comes from a package it depends on, its files, its desktop entry
#    (desktop-file-validate) and metainfo (appstreamcli), and that it has no maintainer script;
# 2. installs it with apt-get (which brings its dependencies), then runs the installed `cgscope`:
#    `dump --json` and `watch` on a private named v1 hierarchy it mounts itself, with the JVM
#    options of cgscope.jvmopts and the class-data archive in force, and `--screenshot` without
#    a display, whose picture must not be blank;
# 3. purges it and checks that nothing of it is left: its files, the command, the menu entry.
# Whatever happens, the hierarchy is unmounted and freed, and a package it installed is purged.
set -euo pipefail
cd "$(dirname "$0")/.."
packaging=$PWD/packaging
jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}

fail() {
    echo "check.sh: FAILED: $*" >&2
    exit 1
}
passed=0
ok() {
    passed=$((passed + 1))
    echo "check.sh: ok: $*"
}
[ "$(id -u)" = 0 ] || fail "run as root: it installs a package and mounts a cgroup hierarchy"
if dpkg-query -W -f='${Status}' cgscope 2>/dev/null | grep -q installed; then
    fail "cgscope is installed already; this check installs and purges its own"
fi
for tool in dpkg-deb desktop-file-validate appstreamcli readelf apt-get; do
    command -v "$tool" >/dev/null || fail "no $tool (.ci/packages lists what the package check needs)"
done

started=$(date +%s)
if [ $# -ge 1 ]; then
    deb=$(readlink -f "$1")
else
    mvn -B -q -DskipTests -Pdeb package
    deb=$(readlink -f target/cgscope_*_amd64.deb)
fi
[ -f "$deb" ] || fail "no package $deb"
ok "package $deb ($(du -h "$deb" | cut -f1)), built or found in $(($(date +%s) - started)) s"

tmp=$(mktemp -d /tmp/cgscope-check-XXXXXX)
hierarchy=cgscope-pkg-$$-$RANDOM
mnt=$tmp/mnt
installed_here=false
mounted_here=false

hierarchy_listed() { # the kernel still has it, mounted or not
    grep -q ":name=$hierarchy:" /proc/self/cgroup
}
is_mounted() {
    awk -v d="$mnt" '$5 == d { found = 1 } END { exit !found }' /proc/self/mountinfo
}
unmount_hierarchy() {
    $mounted_here || return 0
    if is_mounted; then
        find "$mnt" -mindepth 1 -depth -type d -exec rmdir {} + 2>/dev/null || true
        umount "$mnt"
    fi
    # A v1 hierarchy unmounted while a child just removed still waits for its release (an RCU
    # grace period) lives on, unmounted; mounting it again by name and unmounting it frees it.
    for attempt in $(seq 1 200); do
        hierarchy_listed || break
        if [ $((attempt % 20)) = 0 ]; then
            mount -t cgroup -o "none,name=$hierarchy" cgroup "$mnt" && umount "$mnt"
        fi
        sleep 0.05
    done
    if hierarchy_listed || grep -q "name=$hierarchy" /proc/self/mountinfo; then
        echo "check.sh: FAILED: the hierarchy $hierarchy is still there after unmounting" >&2
        return 1
    fi
    mounted_here=false
    ok "hierarchy $hierarchy unmounted, gone from /proc/self/mountinfo and /proc/self/cgroup"
}
clean_up() {
    status=$?
    unmount_hierarchy || status=1
    if $installed_here && dpkg-query -W -f='${Status}' cgscope 2>/dev/null | grep -q installed; then
        echo "check.sh: purging cgscope after the failure above" >&2
        DEBIAN_FRONTEND=noninteractive apt-get remove --purge -y -qq cgscope >/dev/null || status=1
    fi
    rm -rf "$tmp"
    exit "$status"
}
trap clean_up EXIT
trap 'echo "check.sh: FAILED at line $LINENO: $BASH_COMMAND" >&2' ERR
trap 'echo "check.sh: interrupted" >&2; exit 130' INT TERM

# --- 1. the .deb as built -------------------------------------------------------------------
field() {
    dpkg-deb -f "$deb" "$1"
}
[ "$(field Package)" = cgscope ] || fail "Package is $(field Package)"
version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p;T;q' pom.xml)
[ "$(field Version)" = "${version//-/\~}" ] || fail "Version $(field Version), pom.xml says $version"
[ "$(field Section)" = admin ] || fail "Section is '$(field Section)'"
field Maintainer | grep -q '^[^<]*[a-z][^<]* <[^>]*@[^>]*>$' || fail "Maintainer is '$(field Maintainer)'"
case $(field Maintainer) in *Unknown*) fail "Maintainer is $(field Maintainer)" ;; esac
[ "$(field Description | wc -l)" -ge 3 ] || fail "Description has no long text"
depends=$(field Depends)
depends_names=" $(echo "$depends" | tr ',|' '\n\n' | sed 's/(.*)//; s/^ *//; s/ *$//' | sort -u | tr '\n' ' ')"
for pkg in libgtk-3-0 libgl1 libx11-6 libxtst6 libxxf86vm1 fonts-dejavu-core; do
    case $depends_names in *" $pkg "*) ;; *) fail "Depends lacks $pkg: $depends" ;; esac
done
ok "fields: $(field Package) $(field Version), section $(field Section), maintainer $(field Maintainer)"

root=$tmp/deb
dpkg-deb -x "$deb" "$root"
dpkg-deb -e "$deb" "$tmp/control"
# jpackage's maintainer scripts call xdg-desktop-menu, which fails without /etc/xdg/menus; this
# package's only record and remove the class-data archive (dpkg's triggers refresh the menus).
for script in postinst prerm postrm; do
    [ -x "$tmp/control/$script" ] || fail "the package has no $script"
done
[ ! -e "$tmp/control/preinst" ] || fail "the package has a preinst"
! grep -n 'xdg-\|update-desktop-database\|gtk-update-icon-cache' "$tmp/control/"p* ||
    fail "a maintainer script calls the desktop's tools"
ok "maintainer scripts: postinst, prerm, postrm, none calls the desktop's tools"

# Every library an ELF file of the package needs, and the package does not carry, comes from a
# package in Depends (or from libc6, which every Debian system has).
missing=()
for soname in $(find "$root" -type f -exec sh -c 'for f; do [ "$(head -c 4 "$f")" = "$(printf "\177ELF")" ] && echo "$f"; done' _ {} + |
    xargs -r readelf -d 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u); do
    [ -z "$(find "$root" -name "$soname" -print -quit)" ] || continue
    path=$(ldconfig -p | awk -v l="$soname" '$1 == l && /x86-64/ && !found { print $NF; found = 1 }')
    [ -n "$path" ] || fail "$soname, needed by the package, is not on this machine"
    owner=
    for candidate in "$path" "$(readlink -f "$path")" "/usr$path" "${path#/usr}"; do
        owner=$(dpkg -S "$candidate" 2>/dev/null | awk -F: 'NR == 1 { print $1 }') && [ -n "$owner" ] && break
    done
    [ -n "$owner" ] || fail "no package owns $path ($soname)"
    case "$depends_names libc6 " in *" $owner "*) ;; *) missing+=("$soname from $owner") ;; esac
done
[ ${#missing[@]} = 0 ] || fail "Depends misses: ${missing[*]}"
ok "Depends covers every shared library the package links against"

for file in /usr/bin/cgscope /usr/lib/cgscope/bin/cgscope /usr/lib/cgscope/lib/app/cgscope.jar \
    /usr/lib/cgscope/lib/app/cgscope /usr/lib/cgscope/lib/app/cgscope.jvmopts \
    /usr/lib/cgscope/lib/class-archive.sh /usr/lib/cgscope/lib/app/cgscope.cfg \
    /usr/lib/cgscope/lib/app/native/libjnidispatch.so /usr/lib/cgscope/lib/app/libglassgtk3.so \
    /usr/lib/cgscope/lib/runtime/lib/modules /usr/share/applications/io.cgscope.cgscope.desktop \
    /usr/share/metainfo/io.cgscope.cgscope.metainfo.xml /usr/share/icons/hicolor/scalable/apps/cgscope.svg \
    /usr/share/polkit-1/actions/io.cgscope.cgscope.policy /usr/share/doc/cgscope/copyright; do
    [ -e "$root$file" ] || fail "the package has no $file"
done
[ "$(readlink "$root/usr/bin/cgscope")" = ../lib/cgscope/lib/app/cgscope ] ||
    fail "/usr/bin/cgscope leads to $(readlink "$root/usr/bin/cgscope"), not the launcher"
cmp -s "$root/usr/lib/cgscope/lib/app/cgscope" packaging/cgscope || fail "the launcher is not packaging/cgscope"
cmp -s "$root/usr/lib/cgscope/lib/app/cgscope.jvmopts" packaging/cgscope.jvmopts || fail "the JVM options are not packaging/cgscope.jvmopts"
[ ! -e "$root/usr/lib/cgscope/lib/app/cgscope.jsa" ] || fail "the package carries a class-data archive made elsewhere"
for size in 16 24 32 48 64 128 256; do
    png=$root/usr/share/icons/hicolor/${size}x$size/apps/cgscope.png
    [ -f "$png" ] || fail "no ${size}x$size icon"
    [ "$(od -An -tu1 -j16 -N8 "$png" | awk '{ print $3 * 256 + $4, $7 * 256 + $8 }')" = "$size $size" ] ||
        fail "the ${size}x$size icon is not ${size}x$size"
done
modules=$(cat "$root/usr/lib/cgscope/lib/runtime/release" | sed -n 's/^MODULES="\(.*\)"/\1/p')
ok "files: command, app, runtime (modules: $modules), icons in 7 sizes and scalable"

desktop=$root/usr/share/applications/io.cgscope.cgscope.desktop
desktop-file-validate "$desktop" || fail "desktop-file-validate rejects the desktop entry"
grep -qx 'Categories=System;Monitor;' "$desktop" || fail "Categories is not System;Monitor;"
grep -q '^Keywords=.*cgroup' "$desktop" || fail "Keywords lack cgroup"
for key in Name GenericName Comment Icon Exec; do
    grep -q "^$key=" "$desktop" || fail "the desktop entry has no $key"
done
# JavaFX names the window's class after the Application class: docks match it with the entry.
wm_class=$(sed -n 's/^StartupWMClass=//p' "$desktop")
"$jdk/bin/jar" tf "$root/usr/lib/cgscope/lib/app/cgscope.jar" | grep -x "${wm_class//.//}.class" >/dev/null ||
    fail "StartupWMClass=$wm_class names no class of the jar"
grep -qx 'Exec=pkexec /usr/lib/cgscope/lib/app/cgscope' "$desktop" || fail "no root action through pkexec"
grep -q '>/usr/lib/cgscope/lib/app/cgscope<' "$root/usr/share/polkit-1/actions/io.cgscope.cgscope.policy" ||
    fail "the polkit action is not for /usr/lib/cgscope/lib/app/cgscope"
appstreamcli validate --no-net "$root/usr/share/metainfo/io.cgscope.cgscope.metainfo.xml" >"$tmp/appstream.log" 2>&1 ||
    { cat "$tmp/appstream.log" >&2; fail "appstreamcli rejects the metainfo"; }
ok "desktop entry valid (desktop-file-validate), metainfo valid (appstreamcli)"

# --- 2. installed ----------------------------------------------------------------------------
[ -d /etc/xdg/menus ] && echo "check.sh: note: this machine has /etc/xdg/menus"
installed_here=true
install_started=$(date +%s)
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log" >&2; fail "apt-get install failed"; }
[ "$(dpkg-query -W -f='${Status}' cgscope)" = "install ok installed" ] || fail "not installed cleanly"
[ "$(command -v cgscope)" = /usr/bin/cgscope ] || fail "cgscope on the PATH is '$(command -v cgscope)'"
grep -q '^cgscope: class-data archive recorded' "$tmp/install.log" ||
    { cat "$tmp/install.log" >&2; fail "postinst recorded no class-data archive"; }
[ -f /usr/lib/cgscope/lib/app/cgscope.jsa ] || fail "no /usr/lib/cgscope/lib/app/cgscope.jsa"
ok "installed in $(($(date +%s) - install_started)) s (with its dependencies and the archive); cgscope is /usr/bin/cgscope"

# The installed command runs the runtime installed with it, whatever JAVA_HOME says.
JAVA_HOME=$jdk JAVA_TOOL_OPTIONS=-Xlog:class+path=info cgscope --help >"$tmp/class-path" 2>&1
grep -q 'bootstrap loader class path=/usr/lib/cgscope/lib/runtime/lib/modules$' "$tmp/class-path" ||
    fail "the installed command runs another runtime: $(grep 'bootstrap loader' "$tmp/class-path")"
ok "the installed command runs the bundled runtime, also with JAVA_HOME=$jdk"

# The JVM options of cgscope.jvmopts are the installed command's: each -XX option's value.
for option in $(sed -e 's/#.*//' packaging/cgscope.jvmopts); do
    case $option in
    -XX:+*) name=${option#-XX:+} value=true ;;
    -XX:-*) name=${option#-XX:-} value=false ;;
    -XX:*=*) name=${option#-XX:} value=${name#*=} name=${name%%=*} ;;
    *) continue ;;
    esac
    JAVA_TOOL_OPTIONS=-XX:+PrintFlagsFinal cgscope --help 2>/dev/null >"$tmp/flags"
    awk -v n="$name" -v v="$value" '$2 == n && $4 == v { found = 1 } END { exit !found }' "$tmp/flags" ||
        fail "the installed command runs without $option"
    ok "the installed command runs with $option"
done

mkdir "$mnt"
mounted_here=true
mount -t cgroup -o "none,name=$hierarchy" cgroup "$mnt"
mkdir -p "$mnt/a/b" "$mnt/c"
echo 1 >"$mnt/c/notify_on_release"
# -Xshare:on: the JVM refuses to start unless it maps the class-data archive, which holds only
# for the jar and the runtime it was made with; the class log says where classes came from.
JAVA_TOOL_OPTIONS="-Xshare:on -Xlog:class+load=info:file=$tmp/classes.log -Duser.home=$tmp/home" \
    cgscope dump --json --root "$mnt" >"$tmp/dump.json" 2>"$tmp/dump.err" ||
    { cat "$tmp/dump.err" >&2; fail "cgscope dump --json failed (or could not map its class-data archive)"; }
python3 - "$tmp/dump.json" "$mnt" "$hierarchy" <<'EOF' || fail "dump --json does not show the hierarchy as made"
import json, sys
dump = json.load(open(sys.argv[1]))
(h,) = dump["hierarchies"]
cgroups = {c["path"]: c for c in h["cgroups"]}
assert h["mountPoint"] == sys.argv[2] and h["name"] == sys.argv[3], h
assert sorted(cgroups) == ["/", "/a", "/a/b", "/c"], sorted(cgroups)
assert cgroups["/c"]["notifyOnRelease"] and cgroups["/c"]["releasable"], cgroups["/c"]
assert not cgroups["/a/b"]["notifyOnRelease"] and not cgroups["/a/b"]["releasable"], cgroups["/a/b"]
EOF
grep -q 'io.cgscope.Launcher source: shared objects file' "$tmp/classes.log" ||
    fail "cgscope's classes did not come from the class-data archive"
shared=$(grep -c 'source: shared objects file' "$tmp/classes.log")
ok "cgscope dump --json --root $mnt: /, /a, /a/b, /c, /c releasable; $shared of $(wc -l <"$tmp/classes.log") classes from the archive"

echo | cgscope watch --json --root "$mnt" --until-eof >"$tmp/watch.json" 2>"$tmp/watch.err" ||
    { cat "$tmp/watch.err" >&2; fail "cgscope watch failed"; }
grep -q '"event":"ready".*"cgroups":4' "$tmp/watch.json" || fail "watch did not report 4 cgroups ready"
ok "cgscope watch --json --root $mnt: ready with 4 cgroups"

# The window, drawn off-screen: no display, and a home of its own to see what it writes there.
mkdir -p "$tmp/home"
env -u DISPLAY -u WAYLAND_DISPLAY JAVA_TOOL_OPTIONS="-Duser.home=$tmp/home" \
    cgscope --screenshot "$tmp/window.png" --root "$mnt" >"$tmp/shot.log" 2>&1 ||
    { cat "$tmp/shot.log" >&2; fail "cgscope --screenshot failed"; }
"$jdk/bin/java" packaging/check/NotBlank.java "$tmp/window.png" || fail "the screenshot is blank"
[ ! -e "$tmp/home/.openjfx" ] || fail "JavaFX copied its native libraries into the user's home"
ok "cgscope --screenshot without a display: a picture, not blank; nothing of JavaFX in the home"
if [ -n "${CGSCOPE_CHECK_KEEP:-}" ]; then
    cp "$tmp/window.png" "$CGSCOPE_CHECK_KEEP"
fi
unmount_hierarchy

# --- 3. purged -------------------------------------------------------------------------------
DEBIAN_FRONTEND=noninteractive apt-get remove --purge -y -qq cgscope >"$tmp/remove.log" 2>&1 ||
    { cat "$tmp/remove.log" >&2; fail "apt-get remove --purge failed"; }
installed_here=false
! dpkg-query -W cgscope >/dev/null 2>&1 || fail "dpkg still knows cgscope: $(dpkg-query -W -f='${Status}' cgscope)"
hash -r
! command -v cgscope >/dev/null || fail "cgscope is still on the PATH: $(command -v cgscope)"
left=$(cd "$root" && find . ! -type d | sed 's/^\.//' | while read -r f; do [ ! -e "$f" ] && [ ! -L "$f" ] || echo "$f"; done)
[ -z "$left" ] || fail "left after purge: $left"
for dir in /usr/lib/cgscope /usr/share/doc/cgscope; do
    [ ! -e "$dir" ] || fail "left after purge: $dir"
done
[ -z "$(ls -d /tmp/cgscope-class-archive-* 2>/dev/null)" ] || fail "postinst left its work directory in /tmp"
[ -z "$(ls /var/lib/dpkg/info/cgscope.* 2>/dev/null)" ] || fail "dpkg's records of cgscope are left"
[ -z "$(grep -rl cgscope /usr/share/applications 2>/dev/null)" ] || fail "a menu entry names cgscope: $(grep -rl cgscope /usr/share/applications)"
[ -z "$(find /usr/share/icons /usr/share/pixmaps /usr/share/metainfo /usr/share/polkit-1 -name '*cgscope*' 2>/dev/null)" ] ||
    fail "left after purge: $(find /usr/share/icons /usr/share/pixmaps /usr/share/metainfo /usr/share/polkit-1 -name '*cgscope*')"
ok "purged: no file of the package, no command, no menu entry, no icon, no dpkg record"
echo "check.sh: all passed in $(($(date +%s) - started)) s"
echo "package-check: $passed passed, 0 failed"
