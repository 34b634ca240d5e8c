"""`review` (the console script) and `python -m review_cli`.

Kept apart from the command modules so that a Ctrl-C while they are being imported (the first
tenth of a second) ends the command quietly, as one later does, not with a traceback."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from review_cli.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        sys.exit(130)
    run()


if __name__ == "__main__":
    main()
