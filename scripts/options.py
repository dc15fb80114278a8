"""The measuring scripts' shared option: `take(args, "--bin", default)` removes a flag and its
value from `args` and gives the value, else the default."""
import sys


def take(args, flag, default, kind=str):
    if flag not in args:
        return default
    at = args.index(flag)
    if at + 1 >= len(args):
        sys.exit(f"{flag} needs a value")
    value = args[at + 1]
    del args[at : at + 2]
    return kind(value)
