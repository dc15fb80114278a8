#!/usr/bin/env python3
"""The lookups on a library against grep reading the same files, medians of each.

Usage: scripts/vs-grep.py DIR [--bin BINARY] [--runs N]. Runs `grep -rc '' DIR` and the
cached `kwx --corpus DIR` lookups (`toc`, `timeline`, `timeline --json`, a month of the
timeline), each N times (default 21) after one run that fills the cache, and prints each
median and its ratio to grep's.

Every command writes to a regular file, never /dev/null: GNU grep stops reading as soon as
it knows its output is /dev/null (a library of 66 MB "counted" in 3 ms), so a run against
/dev/null times grep opening the files, not reading them. Both sides pay for writing what
they print.
"""
import os, statistics, subprocess, tempfile, time

from options import library_binary_runs

library, binary, runs = library_binary_runs(__doc__, runs=21)


def median_ms(command, sink):
    times = []
    for _ in range(runs):
        with open(sink, "wb") as out:
            start = time.perf_counter()
            subprocess.run(command, stdout=out, check=True)
            times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


with tempfile.TemporaryDirectory() as scratch:
    sink = os.path.join(scratch, "out")
    grep = median_ms(["grep", "-rc", "", library], sink)
    print(f"{'grep -rc':<34} {grep:8.1f} ms")
    for lookup in (["toc"], ["timeline"], ["timeline", "--json"],
                   ["timeline", "--from", "1950-06", "--to", "1950-06"]):
        command = [binary, "--corpus", library] + lookup
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        ms = median_ms(command, sink)
        size = os.path.getsize(sink) / 1e6
        print(f"{'kwx ' + ' '.join(lookup):<34} {ms:8.1f} ms  {ms / grep:5.1f}x grep  ({size:.1f} MB out)")
