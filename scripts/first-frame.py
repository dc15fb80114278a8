#!/usr/bin/env python3
"""Time from process start to the first complete frame of the explorer, in a real pty.

Usage: scripts/first-frame.py [BINARY] [RUNS]. Prints each run and the median in ms. The
frame counts as drawn when the status bar ("READ") has been written.
"""
import os, pty, select, signal, statistics, struct, sys, time, fcntl, termios

binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/kwx"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
times = []
for _ in range(runs):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["XDG_STATE_HOME"] = "/tmp/kwx-first-frame"
        os.execv(binary, [binary])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen = b""
    while b"READ" not in seen:
        r, _, _ = select.select([fd], [], [], 5)
        if not r:
            sys.exit("no frame within 5 s")
        seen += os.read(fd, 65536)
    times.append((time.perf_counter() - start) * 1000)
    os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)
    os.close(fd)
print("runs (ms):", " ".join(f"{t:.1f}" for t in times))
print(f"median first frame: {statistics.median(times):.1f} ms")
