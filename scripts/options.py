"""The measuring scripts' shared options: `take(args, "--bin", default)` removes a flag and its
value from `args` and gives the value, else the default; `library_binary_runs` reads the
common `DIR [--bin BINARY] [--runs N]`."""
import sys

BINARY = "target/release/kwx"


def take(args, flag, default, kind=str):
    if flag not in args:
        return default
    at = args.index(flag)
    if at + 1 >= len(args):
        sys.exit(f"{flag} needs a value")
    value = args[at + 1]
    del args[at : at + 2]
    return kind(value)


def library_binary_runs(usage, runs):
    """(DIR, binary, runs) from `DIR [--bin BINARY] [--runs N]`; else exits with `usage`."""
    args = sys.argv[1:]
    binary = take(args, "--bin", BINARY)
    runs = take(args, "--runs", runs, int)
    if len(args) != 1:
        sys.exit(usage)
    return args[0], binary, runs
