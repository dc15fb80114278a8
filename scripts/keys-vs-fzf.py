#!/usr/bin/env python3
"""Keys in kwx's search against fzf over the same notes, in a real pty at 200x50.

Usage: scripts/keys-vs-fzf.py DIR [--bin BINARY] [--runs N]. Starts `kwx --corpus DIR`, waits
for the library's search index, opens search and types "Shtykov Vyshinsky"; starts fzf on
the lines of `kwx --corpus DIR notes` and types the same. Then, N times each (default 15),
presses backspace and retypes the letter, and prints the medians from the key to the first
byte of the answer and to the end of it (the last byte before 50 ms of quiet), and each
program's start: to kwx's first frame, to fzf's count of every line read.
"""
import os, pty, select, signal, statistics, subprocess, sys, tempfile, time

from options import library_binary_runs

library, binary, runs = library_binary_runs(__doc__, runs=15)
QUERY = "Shtykov Vyshinsky"


class Pty:
    def __init__(self, argv, stdin=None):
        self.start = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            if stdin is not None:
                os.dup2(os.open(stdin, os.O_RDONLY), 0)
            os.environ["TERM"] = "xterm-256color"
            os.execvp(argv[0], argv)
        import fcntl, struct, termios
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
        self.seen = b""

    def read(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return b""
        try:
            chunk = os.read(self.fd, 1 << 16)
        except OSError:
            return b""
        self.seen += chunk
        return chunk

    def wait_for(self, marker, limit=60):
        end = time.perf_counter() + limit
        while marker not in self.seen[-(1 << 20):]:
            if time.perf_counter() > end:
                sys.exit(f"timed out waiting for {marker!r}")
            self.read(0.05)
        return time.perf_counter()

    def quiet(self, gap=0.3):
        while self.read(gap):
            pass

    def answer(self, key):
        """Seconds from the key to the first byte, and to the last before 50 ms of quiet."""
        self.quiet()
        sent = time.perf_counter()
        os.write(self.fd, key)
        while not self.read(5):
            pass
        first = time.perf_counter()
        last = first
        while self.read(0.05):
            last = time.perf_counter()
        return first - sent, last - sent

    def close(self):
        os.kill(self.pid, signal.SIGTERM)
        os.waitpid(self.pid, 0)


def measure(p):
    backs, ends = [], []
    for _ in range(runs):
        first, last = p.answer(b"\x7f")
        backs.append(first)
        ends.append(last)
        p.answer(QUERY[-1].encode())
    return statistics.median(backs) * 1000, statistics.median(ends) * 1000


with tempfile.TemporaryDirectory() as scratch:
    notes = os.path.join(scratch, "notes.txt")
    with open(notes, "wb") as out:
        subprocess.run([binary, "--corpus", library, "notes"], stdout=out, check=True)
    lines = sum(1 for _ in open(notes, "rb"))

    kwx = Pty([binary, "--corpus", library])
    framed = kwx.wait_for(b"READ") - kwx.start
    kwx.quiet(1.0)
    os.write(kwx.fd, b"s")
    kwx.wait_for(b"Search notes", 120)
    # The library's index, not the first document's: the count is of every note.
    kwx.wait_for(f"of {lines} notes".encode(), 120)
    os.write(kwx.fd, QUERY.encode())
    kwx.quiet(1.0)
    kwx_first, kwx_end = measure(kwx)
    kwx.close()

    fzf = Pty(["fzf", "--no-mouse"], stdin=notes)
    counted = fzf.wait_for(f"{lines}/{lines}".encode()) - fzf.start
    os.write(fzf.fd, QUERY.encode())
    fzf.quiet(1.0)
    fzf_first, fzf_end = measure(fzf)
    fzf.close()

print(f"{lines} notes; medians of {runs}")
print(f"kwx: first frame {framed * 1000:.0f} ms; backspace {kwx_first:.1f} ms to the first byte, {kwx_end:.1f} ms to the end")
print(f"fzf: all lines read {counted * 1000:.0f} ms; backspace {fzf_first:.1f} ms to the first byte, {fzf_end:.1f} ms to the end")
