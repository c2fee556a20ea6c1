#!/bin/sh
# Builds cgscope's app image and its .deb from TARGET/cgscope.jar, the jar `mvn package` makes;
# run by `mvn -B -DskipTests -Pdeb package` (pom.xml passes the target directory and the version).
#
#   TARGET/package/runtime          the Java runtime, made by jlink with only the modules the jar uses
#   TARGET/package/image/cgscope    the app image (jpackage): bin/cgscope, lib/app, lib/runtime
#   TARGET/cgscope_VERSION_amd64.deb
#
# The app image's launchers, jpackage's bin/cgscope and packaging/cgscope as lib/app/cgscope (the
# package's command), start the jar with the JVM options of cgscope.jvmopts, the class-data
# archive lib/app/cgscope.jsa and JNA's native part in lib/app/native, as target/cgscope does.
# Java 17 maps an archive only for the class path it was recorded with: the image's archive is
# recorded here, for the image where it is built; the package's by its postinst, where dpkg puts
# the jar (class-archive.sh, shipped with it). The .deb is built from the image with dpkg-deb
# rather than by jpackage: its files go where Debian keeps them (/usr/lib/cgscope,
# /usr/bin/cgscope, the menu entry, icons and metainfo under /usr/share), and its maintainer
# scripts only record and remove that archive (jpackage's call xdg-desktop-menu, which fails on
# a machine without /etc/xdg/menus; dpkg's triggers refresh the menu and icon caches).
set -eu
[ $# -eq 2 ] || { echo "usage: package.sh TARGET VERSION" >&2; exit 2; }
target=$(readlink -f "$1")
version=$2
packaging=$(dirname "$(readlink -f "$0")")
jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
jar=$target/cgscope.jar
work=$target/package
maintainer='cgscope maintainers <maintainers@users.noreply.r-seed-9dfc2974.example>'

fail() {
    echo "package.sh: $*" >&2
    exit 1
}
[ -f "$jar" ] || fail "no $jar: run mvn package first"
for tool in "$jdk/bin/jlink" "$jdk/bin/jpackage" "$jdk/bin/jdeps" "$jdk/bin/jar"; do
    [ -x "$tool" ] || fail "no $tool: a full JDK 17 is needed (JAVA_HOME)"
done
for tool in dpkg-deb dpkg-shlibdeps rsvg-convert; do
    command -v "$tool" >/dev/null || fail "no $tool (.ci/packages lists the packages the build needs)"
done

# 0.1.0-SNAPSHOT: jpackage takes only numbers and dots; Debian sorts 0.1.0~SNAPSHOT before 0.1.0.
app_version=${version%%-*}
deb_version=$(printf '%s' "$version" | sed 's/-/~/')
rm -rf "$work" "$target"/cgscope_*.deb
mkdir -p "$work/input"
cp -p "$jar" "$work/input/"

# The runtime: the JDK modules the jar's classes refer to, found by jdeps (its own and those of
# the libraries shaded into it), and nothing else.
modules=$("$jdk/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "$jar")
[ -n "$modules" ] || fail "jdeps found no module"
echo "$modules" >"$work/modules"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
    --output "$work/runtime"

# The JVM options of cgscope.jvmopts (one option a line, # comments), as the launcher's; an
# option with a quote or a space inside would need the argument-file syntax jpackage lacks.
options=$(sed -e 's/#.*//' "$packaging/cgscope.jvmopts" | tr -s ' \t' '\n\n' | sed '/^$/d')
case $options in *\"* | *\'*) fail "cgscope.jvmopts: quoted options are not supported here" ;; esac
set --
for option in $options; do
    set -- "$@" --java-options "$option"
done
# $APPDIR is the launcher's: lib/app of the installed image, wherever it is.
# shellcheck disable=SC2016
set -- "$@" --java-options '-XX:SharedArchiveFile=$APPDIR/cgscope.jsa' \
    --java-options '-Djna.boot.library.path=$APPDIR/native'
mkdir -p "$work/icon"
rsvg-convert -w 128 -h 128 "$packaging/desktop/cgscope.svg" -o "$work/icon/cgscope.png"
"$jdk/bin/jpackage" --type app-image --name cgscope --dest "$work/image" \
    --input "$work/input" --main-jar cgscope.jar --main-class io.cgscope.Launcher \
    --runtime-image "$work/runtime" --app-version "$app_version" --icon "$work/icon/cgscope.png" \
    --description "A live view of the Linux cgroup filesystem and its release notification" "$@"
image=$work/image/cgscope
app=$image/lib/app

# JavaFX's native libraries next to the jar, where JavaFX looks first: otherwise it copies them
# out of the jar into each user's ~/.openjfx/cache at the first window.
fxlibs=$("$jdk/bin/jar" tf "$jar" | grep -E '^lib[^/]*\.so$')
(cd "$app" && "$jdk/bin/jar" xf "$jar" $fxlibs)

# The launcher (packaging/cgscope, which prefers the runtime at ../runtime), its JVM options, the
# class-data archive and JNA's native part, as for target/cgscope but with the image's runtime.
JAVA_HOME=$image/lib/runtime JAR_TOOL=$jdk/bin/jar sh "$packaging/launcher.sh" "$app"
[ -f "$app/cgscope.jsa" ] || fail "no class-data archive (see $app/class-archive)"
[ -f "$app/native/libjnidispatch.so" ] || fail "JNA's native part was not unpacked"
rm -rf "$app/class-archive"

# The .deb's tree, without the image's archive: it holds for the image's path only.
root=$work/root
mkdir -p "$root/DEBIAN" "$root/usr/lib" "$root/usr/bin"
cp -pR "$image" "$root/usr/lib/cgscope"
rm "$root/usr/lib/cgscope/lib/app/cgscope.jsa"
install -m 0755 "$packaging/class-archive.sh" "$root/usr/lib/cgscope/lib/class-archive.sh"
install -m 0755 "$packaging/deb/postinst" "$packaging/deb/prerm" "$packaging/deb/postrm" "$root/DEBIAN/"
# The command is the shell launcher, not jpackage's bin/cgscope: that one asks rpm and dpkg which
# package holds it at each start (dpkg -S reads every package's file list), about 170 ms here.
ln -s ../lib/cgscope/lib/app/cgscope "$root/usr/bin/cgscope"
install -D -m 0644 "$packaging/desktop/io.cgscope.cgscope.desktop" \
    "$root/usr/share/applications/io.cgscope.cgscope.desktop"
install -D -m 0644 "$packaging/desktop/io.cgscope.cgscope.metainfo.xml" \
    "$root/usr/share/metainfo/io.cgscope.cgscope.metainfo.xml"
install -D -m 0644 "$packaging/desktop/io.cgscope.cgscope.policy" \
    "$root/usr/share/polkit-1/actions/io.cgscope.cgscope.policy"
install -D -m 0644 "$packaging/desktop/cgscope.svg" "$root/usr/share/icons/hicolor/scalable/apps/cgscope.svg"
for size in 16 24 32 48 64 128 256; do
    dir=$root/usr/share/icons/hicolor/${size}x$size/apps
    mkdir -p "$dir"
    rsvg-convert -w "$size" -h "$size" "$packaging/desktop/cgscope.svg" -o "$dir/cgscope.png"
done
install -D -m 0644 "$packaging/deb/copyright" "$root/usr/share/doc/cgscope/copyright"

# Depends: the packages of the shared libraries that the package's ELF files link against (the
# runtime's, JavaFX's, JNA's, the launcher's), with the versions their symbols need, as Debian's
# own packages get them; plus a font, which JavaFX needs for any text and no library names.
mkdir -p "$work/shlibs/debian"
printf 'Source: cgscope\n\nPackage: cgscope\nArchitecture: amd64\n' >"$work/shlibs/debian/control"
find "$root/usr/lib/cgscope" -type f -exec sh -c \
    'for f; do [ "$(head -c 4 "$f")" = "$(printf "\177ELF")" ] && echo "$f"; done' _ {} + >"$work/elf-files"
shlibs=$(cd "$work/shlibs" && xargs dpkg-shlibdeps -O --ignore-missing-info \
    -l"$root/usr/lib/cgscope/lib/runtime/lib" -l"$root/usr/lib/cgscope/lib/runtime/lib/server" \
    <"$work/elf-files" 2>"$work/shlibdeps.log") || { cat "$work/shlibdeps.log" >&2; fail "dpkg-shlibdeps failed"; }
depends=${shlibs#shlibs:Depends=}
[ -n "$depends" ] || fail "dpkg-shlibdeps found no dependency"
sed -e "s/@VERSION@/$deb_version/" -e "s/@MAINTAINER@/$maintainer/" -e "s/@DEPENDS@/$depends/" \
    -e "s/@INSTALLED_SIZE@/$(du -sk "$root/usr" | cut -f1)/" "$packaging/deb/control" >"$root/DEBIAN/control"

deb=$target/cgscope_${deb_version}_amd64.deb
dpkg-deb --root-owner-group --build "$root" "$deb"
echo "cgscope: built $image and $deb"
