#!/usr/bin/env python3
"""When the explorer shows search over the whole library, for an `s` pressed at a given moment
after start.

Usage: scripts/search-open.py DIR [DELAY...] [--bin BINARY]. Starts the explorer on the
library DIR in tmux at 100x30 with a state directory of its own, sends `s` DELAY seconds after
start (default 0.3, five times), and prints when the search pane counts every note of the
library (`of N notes`), reading the screen every 50 ms. Each run then lets the background
build finish before the explorer is killed, so the cache ($KWX_CACHE_DIR, else the default)
stays whole for the next; run it once to fill the cache, then again for a warm start.
"""
import json, os, subprocess, sys, tempfile, time

from options import BINARY, take

args = sys.argv[1:]
binary = take(args, "--bin", BINARY)
if not args:
    sys.exit(__doc__)
library, delays = args[0], [float(d) for d in args[1:]] or [0.3] * 5
toc = json.loads(subprocess.run([binary, "--corpus", library, "--json", "toc"],
                                capture_output=True, text=True, check=True).stdout)
notes = sum(part["notes"] for doc in toc for part in doc["parts"])
wanted = f"of {notes} notes"


def tmux(socket, *command, **kw):
    return subprocess.run(["tmux", "-L", socket, *command], **kw)


for run, delay in enumerate(delays):
    # A server of its own each run: one being shut down cannot take the next session.
    socket = f"kwx-search-open-{os.getpid()}-{run}"
    # (A saved state could open search by itself.)
    state = tempfile.mkdtemp(prefix="kwx-search-open-")
    start = time.perf_counter()
    tmux(socket, "-f", "/dev/null", "new-session", "-d", "-s", "m", "-x", "100", "-y", "30",
         "-e", f"XDG_STATE_HOME={state}", binary, "--corpus", library)
    time.sleep(delay)
    tmux(socket, "send-keys", "-t", "=m:", "s")
    opened = None
    while time.perf_counter() - start < 30:
        screen = tmux(socket, "capture-pane", "-p", "-t", "=m:", capture_output=True, text=True).stdout
        if wanted in screen:
            opened = time.perf_counter() - start
            break
        time.sleep(0.05)
    time.sleep(8)
    tmux(socket, "kill-server", stderr=subprocess.DEVNULL)
    shown = f"{opened:.2f} s" if opened else "not within 30 s"
    print(f"s at {delay:.1f} s: search over {notes} notes at {shown}")
