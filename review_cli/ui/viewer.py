"""Opening a report in the system's viewer (`xdg-open`, `open`, `os.startfile`), never waiting
for it: the screen stays responsive while the PDF is read."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

_started: list[subprocess.Popen[bytes]] = []


def open_report(path: Path) -> str:
    """Start the viewer on `path`; returns what the screen tells the reviewer."""
    for p in list(_started):  # collect the launchers that have exited (no zombies left)
        if p.poll() is not None:
            _started.remove(p)
    try:
        if sys.platform == "win32":
            os.startfile(path)  # type: ignore[attr-defined,unused-ignore]
        else:
            command = "open" if sys.platform == "darwin" else "xdg-open"
            # Its own session: Ctrl-C in the screen does not reach the viewer, and nothing it
            # prints lands on the screen.
            _started.append(subprocess.Popen(
                [command, str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, start_new_session=True,
            ))
    except OSError as e:
        return f"Could not open {path.name} ({e.strerror or e}); it is {path}."
    return f"Opened {path.name} in the system viewer."
