"""`.review/screen/<stage>-<reviewer>.json`: the record a reviewer's screen was showing, so a
restart resumes exactly there. Machine-local and rebuildable: it is written without fsync
(it is on the keypress path), and a pointer lost or torn by a power cut only means resuming at
the top of the ranking.
"""

from __future__ import annotations

import json

from review_cli.model import Stage
from review_cli.project import Project


def load_pointer(project: Project, stage: Stage, reviewer: str) -> str | None:
    path = project.screen_state_path(stage, reviewer)
    try:
        value = json.loads(path.read_text(encoding="utf-8")).get("current")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def save_pointer(project: Project, stage: Stage, reviewer: str, record: str) -> None:
    path = project.screen_state_path(stage, reviewer)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"current": record}) + "\n", encoding="utf-8")
