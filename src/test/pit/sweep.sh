#!/bin/sh
# sweep.sh [--after PID] DIR: removes the private cgroup hierarchies the test kit left mounted
# below DIR, then DIR itself. With --after, first waits until process PID has ended.
#
# The mutation run starts each test JVM through minion-java.sh, which gives the JVM DIR as its
# temporary directory, so every hierarchy below DIR is that JVM's own. The mutation tool ends a
# JVM whose test ran too long with SIGKILL: no shutdown hook runs, the test's `sleep` processes
# live on in the hierarchy and the hierarchy stays mounted. Its processes are only the test's
# (no controller is bound, nothing else joins it), so all of them are killed.
set -u

# The machine's cgroup2 mount, where V2Sandbox makes its /cgscope-test-* cgroups.
v2=$(awk '{ for (i = 7; $i != "-"; i++) {} } $(i + 1) == "cgroup2" && $4 == "/" { print $5; exit }' /proc/self/mountinfo)

# Notes each v2 sandbox that holds a child process of the JVM $1: that sandbox is the JVM's own.
note_own_sandboxes() {
  [ -n "$v2" ] || return 0
  for procs in "$v2"/cgscope-test-*/cgroup.procs "$v2"/cgscope-test-*/*/cgroup.procs; do
    [ -f "$procs" ] || continue
    while read -r pid; do
      if [ "$(awk '{ print $4 }' "/proc/$pid/stat" 2>/dev/null)" = "$1" ]; then
        sandbox=${procs#"$v2"/}
        echo "$v2/${sandbox%%/*}" >> "$2"
      fi
    done < "$procs"
  done
}

# Removes a noted sandbox the JVM left: thaws it, kills its processes (only the test's own
# `sleep`s are in it) and removes its cgroups bottom-up.
remove_sandbox() {
  tries=0
  while [ -d "$1" ] && [ $tries -lt 100 ]; do
    find "$1" -name cgroup.freeze -exec sh -c 'echo 0 > "$1"' _ {} \; 2>/dev/null
    find "$1" -name cgroup.procs -exec cat {} + 2>/dev/null | xargs -r kill -9 2>/dev/null
    find "$1" -depth -type d -exec rmdir {} + 2>/dev/null
    tries=$((tries + 1))
    sleep 0.1
  done
}

if [ "${1:-}" = "--after" ]; then
  jvm=$2
  shift 2
  sandboxes="${1:?usage: sweep.sh [--after PID] DIR}.v2"
  while kill -0 "$jvm" 2>/dev/null; do
    note_own_sandboxes "$jvm" "$sandboxes"
    sleep 1
  done
  if [ -f "$sandboxes" ]; then
    for sandbox in $(sort -u "$sandboxes"); do
      remove_sandbox "$sandbox"
    done
    rm -f "$sandboxes"
  fi
fi
dir=${1:?usage: sweep.sh [--after PID] DIR}
[ -d "$dir" ] || exit 0
dir=$(cd "$dir" && pwd -P)

mounts_below() {
  awk -v d="$dir/" '{ for (i = 7; $i != "-"; i++) {} }
    $(i + 1) == "cgroup" && index($5, d) == 1 { print $5 }' /proc/self/mountinfo
}

# A hierarchy unmounted while a child cgroup still exists outlives the mount (see README, How it
# is built); mounting it again by name and unmounting it once the children are gone frees it.
listed() {
  grep -q ":name=$1:" /proc/self/cgroup
}

# Kills the processes in the child cgroups of the hierarchy, never those of its root: every
# process of the machine that no test moved is in the root of each v1 hierarchy.
kill_tasks_below_root() {
  find "$1" -mindepth 2 -name cgroup.procs -exec cat {} + 2>/dev/null | while read -r pid; do
    if grep -q ":name=$2:/." "/proc/$pid/cgroup" 2>/dev/null; then
      ${DRY_RUN:+echo} kill -9 "$pid"
    fi
  done
}

empty_and_remove_children() {
  tries=0
  while [ "$(find "$1" -mindepth 1 -type d | head -1)" ] && [ $tries -lt 100 ]; do
    kill_tasks_below_root "$1" "$2"
    [ -n "${DRY_RUN:-}" ] && return 1
    find "$1" -mindepth 1 -depth -type d -exec rmdir {} + 2>/dev/null
    tries=$((tries + 1))
    sleep 0.1
  done
}

for mnt in $(mounts_below); do
  name=$(awk -v m="$mnt" '$5 == m { print $NF }' /proc/self/mountinfo | tr ',' '\n' | sed -n 's/^name=//p')
  [ -n "$name" ] || continue
  empty_and_remove_children "$mnt" "$name" || continue
  umount "$mnt" || continue
  tries=0
  while listed "$name" && [ $tries -lt 100 ]; do
    tries=$((tries + 1))
    sleep 0.1
    if [ $((tries % 20)) -eq 0 ]; then
      mount -t cgroup -o "none,name=$name" cgroup "$mnt" && empty_and_remove_children "$mnt" "$name"; umount "$mnt"
    fi
  done
  if listed "$name"; then
    echo "sweep.sh: hierarchy $name still exists after it was unmounted" >&2
  fi
done
[ -n "${DRY_RUN:-}" ] || rm -rf "$dir"
[ -s "$dir.sweep.log" ] || rm -f "$dir.sweep.log"
