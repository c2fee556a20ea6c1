#!/bin/sh
# cgscope's recording release agent for one hierarchy, written by `cgscope agent install`.
# The kernel runs it as root with the released cgroup's path as its one argument and only HOME
# and PATH set. It appends one record to the log, then runs the agent configured before it with
# the same argument, whatever happened to the record. `cgscope agent uninstall` puts that agent back.
#
# A record is: time (UTC, milliseconds, "-" when date fails), the hierarchy's device number, the
# path's length in bytes, the path's bytes, a newline. The path is data: printf prints it, nothing
# evaluates it. dash's printf writes a record of up to 8 KiB in one write(2), and ">>" opens the
# log with O_APPEND, so records of concurrent calls never interleave.
hierarchy=@HIERARCHY@
previous=@PREVIOUS@
log=@LOG@
limit=@LIMIT@
# Bytes, not characters, are counted: the kernel's path need not be text.
LC_ALL=C
{
	if size=$(stat -c %s -- "$log") && [ "$size" -ge "$limit" ]; then
		mv -f -- "$log" "$log.1"
	fi
	now=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ) || now=-
	printf '%s %s %s %s\n' "$now" "$hierarchy" "${#1}" "$1" >>"$log"
} 2>/dev/null
[ -n "$previous" ] || exit 0
exec "$previous" "$1"
