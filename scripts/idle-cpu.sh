#!/bin/sh
# CPU time an idle explorer uses over 10 seconds, from /proc/PID/stat (utime + stime, in
# clock ticks). Runs kwx in a detached tmux session at 80x24.
set -eu
bin=${1:-target/release/kwx}
sock=kwx-idle-$$
tmux -L "$sock" -f /dev/null new-session -d -x 80 -y 24 "XDG_STATE_HOME=/tmp/kwx-idle $bin"
sleep 1
pid=$(pgrep -n -f "^$bin")
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
before=$(ticks)
sleep 10
after=$(ticks)
tmux -L "$sock" kill-server
echo "idle CPU over 10 s: $((after - before)) ticks of $(getconf CLK_TCK)/s"
