"""``python -m tools.migrate PAGE YEAR [--out DIR] [--force]``: the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __doc__ as package_doc
from .page import COURSE, migrate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.migrate", description=(
        package_doc or "").split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("page", type=Path, help="legacy page, e.g. index2020.markdown")
    parser.add_argument("year", type=int, help="the course year, e.g. 2020")
    parser.add_argument("--out", type=Path, default=Path("."),
                        help="site root to write years/<year>/index.md into (default: .)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing page")
    parser.add_argument("--course", default=COURSE, help=f"course name (default: {COURSE})")
    args = parser.parse_args(argv)
    try:
        result = migrate(args.page, args.year, args.out, force=args.force, course=args.course)
    except (OSError, FileExistsError) as error:
        print(f"migrate: {error}", file=sys.stderr)
        return 1
    for warning in result.report.warnings:
        print(warning, file=sys.stderr)
    print(f"migrate: wrote {args.out / 'years' / str(args.year) / 'index.md'} with "
          f"{len(result.report.warnings)} warning(s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
