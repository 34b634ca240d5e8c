"""Render an example PRISMA 2020 diagram to docs/prisma.png (the picture in the README).

Builds the synthetic review of `bench_prisma` at a realistic size, runs `review prisma` and
converts the SVG with `rsvg-convert` (Debian/Ubuntu: `apt-get install librsvg2-bin`), which is a
documentation tool, not a dependency of `review`.

    .venv/bin/python -m benchmarks.render_prisma [--records 4000] [--out docs/prisma.png]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks._common import ROOT
from benchmarks.bench_prisma import build


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=4000)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "prisma.png")
    parser.add_argument("--zoom", type=float, default=1.5)
    args = parser.parse_args()
    renderer = shutil.which("rsvg-convert")
    if renderer is None:
        sys.exit("rsvg-convert not found: apt-get install librsvg2-bin")
    from review_cli.stages import prisma

    with tempfile.TemporaryDirectory() as tmp:
        project, _ = build(Path(tmp) / "review", args.records)
        prisma.run(project)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([renderer, "--zoom", str(args.zoom), "--background-color", "white",
                        str(project.prisma_svg_path), "-o", str(args.out)], check=True)
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
