#!/usr/bin/env python3
"""When the explorer draws the timeline, for a `t` pressed at a given moment after start.

Usage: scripts/timeline-open.py DIR [DELAY...] [--bin BINARY]. Starts the explorer on the
library DIR in tmux at 200x50, sends `t` DELAY seconds after start (default 0.1 0.6 1.0 1.5
2.2), and prints when the whole library's timeline is on screen, reading the screen every
20 ms. Run it twice: the first run fills the cache ($KWX_CACHE_DIR, else the default) and
the second shows what a warm start does.
"""
import os, subprocess, sys, time

from options import BINARY, take

args = sys.argv[1:]
binary = take(args, "--bin", BINARY)
if not args:
    sys.exit(__doc__)
library, delays = args[0], [float(d) for d in args[1:]] or [0.1, 0.6, 1.0, 1.5, 2.2]
# The library's timeline lists what `kwx timeline` prints, some of it hidden by precision.
listed = subprocess.run([binary, "--corpus", library, "timeline"], capture_output=True,
                        text=True, check=True).stdout.count("\n")


def events_on(title):
    """Events the timeline's title counts, shown and hidden."""
    words = title.replace("·", " ").split()
    count = lambda label: next((int(words[i - 1]) for i, w in enumerate(words)
                                if w == label and words[i - 1].isdigit()), 0)
    return count("events") + count("year-only")


def tmux(socket, *command, **kw):
    return subprocess.run(["tmux", "-L", socket, *command], **kw)


for run, delay in enumerate(delays):
    # A server of its own each run: one being shut down cannot take the next session.
    socket = f"kwx-timeline-open-{os.getpid()}-{run}"
    start = time.perf_counter()
    tmux(socket, "-f", "/dev/null", "new-session", "-d", "-s", "m", "-x", "200", "-y", "50",
         binary, "--corpus", library)
    time.sleep(delay)
    tmux(socket, "send-keys", "-t", "=m:", "t")
    opened = None
    while time.perf_counter() - start < 10:
        screen = tmux(socket, "capture-pane", "-p", "-t", "=m:", capture_output=True, text=True).stdout
        first = screen.splitlines()[0] if screen else ""
        # The pane's title (right of the contents, if shown); the first document's own
        # timeline may show before the library is read.
        title = first[first.find("Timeline"):] if "Timeline" in first else ""
        if title and events_on(title) == listed:
            opened = time.perf_counter() - start
            break
        time.sleep(0.02)
    tmux(socket, "kill-server", stderr=subprocess.DEVNULL)
    shown = f"{opened:.2f} s" if opened else "not within 10 s"
    print(f"t at {delay:.1f} s: timeline at {shown}")
