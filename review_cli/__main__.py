"""`review` (the console script) and `python -m review_cli`.

Kept apart from the command modules so that a Ctrl-C while they are imported and while Typer
builds the command line from them (the first few tenths of a second) ends the command quietly,
as one later does, not with a traceback. Only Python's own start-up, before this module runs,
is out of reach."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from review_cli.cli import main as run

        run()
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        sys.exit(130)


if __name__ == "__main__":
    main()
