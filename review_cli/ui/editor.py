"""Opening text in the user's editor, as `git commit` does: `$VISUAL`, else `$EDITOR`, else a
platform default, on a temp file; the text as saved comes back when the editor exits."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from review_cli.errors import ReviewError


def editor_command() -> str:
    return (os.environ.get("VISUAL") or os.environ.get("EDITOR")
            or ("notepad" if sys.platform == "win32" else "vi"))


def edit(text: str, name: str = "form.txt") -> str:
    """Open `text` in the editor and return what the user saved (UTF-8, LF)."""
    command = editor_command()
    with tempfile.TemporaryDirectory(prefix="review-") as folder:
        path = Path(folder) / name
        path.write_bytes(text.encode("utf-8"))
        if sys.platform == "win32":
            import shlex

            args = [*shlex.split(command, posix=False), str(path)]
            done = subprocess.run(args, check=False)
        else:
            # As git does: the editor setting may hold arguments (`code --wait`).
            done = subprocess.run(["sh", "-c", f'{command} "$@"', command, str(path)],
                                  check=False)
        if done.returncode != 0:
            raise ReviewError(f"the editor (`{command}`) exited with status {done.returncode}; "
                              "nothing was recorded",
                              hint="set $EDITOR to an editor that waits until you close the file "
                              "(e.g. `nano`, `vim`, `code --wait`)")
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return ""
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace").replace("\r\n", "\n")
