#!/bin/sh
# sweep.sh [--after PID] DIR: removes the private cgroup hierarchies the test kit left mounted
# below DIR, then DIR itself. With --after, first waits until process PID has ended.
#
# minion-java.sh starts each JVM of the mutation run with DIR as its temporary directory, so
# every hierarchy below DIR is that JVM's own. The mutation tool ends a JVM whose test ran too
# long with SIGKILL: no shutdown hook runs, the test's `sleep` processes live on in the hierarchy
# and the hierarchy stays mounted.
set -u

if [ "${1:-}" = "--after" ]; then
  while kill -0 "$2" 2>/dev/null; do sleep 1; done
  shift 2
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
# process of the machine that no test moved is in the root of each v1 hierarchy. No controller
# is bound and nothing else joins a test's hierarchy, so its child cgroups hold only the test's
# own processes.
kill_tasks_below_root() {
  find "$1" -mindepth 2 -name cgroup.procs -exec cat {} + 2>/dev/null | while read -r pid; do
    if grep -q ":name=$2:/." "/proc/$pid/cgroup" 2>/dev/null; then
      kill -9 "$pid"
    fi
  done
}

empty_and_remove_children() {
  tries=0
  while [ "$(find "$1" -mindepth 1 -type d | head -1)" ] && [ $tries -lt 100 ]; do
    kill_tasks_below_root "$1" "$2"
    find "$1" -mindepth 1 -depth -type d -exec rmdir {} + 2>/dev/null
    tries=$((tries + 1))
    sleep 0.1
  done
}

unmount_and_free() {
  mnt=$1 name=$2
  empty_and_remove_children "$mnt" "$name"
  umount "$mnt" || return
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
}

for mnt in $(mounts_below); do
  name=$(awk -v m="$mnt" '$5 == m { print $NF }' /proc/self/mountinfo | tr ',' '\n' | sed -n 's/^name=//p')
  [ -n "$name" ] && unmount_and_free "$mnt" "$name"
done
# A JVM ended while its hierarchy was unmounted but not yet freed: the test kit names the
# hierarchy's scratch directory after it ("cgscope-" and 12 characters, then digits).
for scratch in "$dir"/cgscope-*; do
  name=$(basename "$scratch" | cut -c1-20)
  if [ -d "$scratch/mnt" ] && listed "$name" && mount -t cgroup -o "none,name=$name" cgroup "$scratch/mnt"; then
    unmount_and_free "$scratch/mnt" "$name"
  fi
done
rm -rf "$dir"
[ -s "$dir.sweep.log" ] || rm -f "$dir.sweep.log"
