"""Make the wave banners the year pages show, once, from the legacy originals.

Why: the legacy banners were made for a page twice as wide as the site's content column,
and the bottom one is a JPEG under a ``.png`` name (EPUBCheck rejects the e-book for it,
and browsers download 953 KiB for two decorations).  The content column is 736 CSS px
wide (furo's ``46em``), so each banner is resized to 1472 px, twice its display width,
sharp on a 2x screen; converted from its embedded colour profile to sRGB (the profile is
then dropped); and saved as a progressive JPEG under a ``.jpg`` name.  The year pages
give each banner its display ``width``/``height`` (half the pixel size), so the browser
reserves its box before the image arrives.

The output is committed (``_static/water-top.jpg``, ``_static/water-bottom.jpg``); the
originals are not.  To redo it (Pillow is in requirements-test.txt)::

    python -m tools.banners ../legacy-site/files/web _static
"""

from __future__ import annotations

import argparse
import io
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms

DISPLAY_WIDTH = 736
"""The content column of furo at its default font size (46em of 16 px), in CSS px."""

QUALITY = 50
"""JPEG quality: at 50 the thin blue lines on white still show no artefacts at 2x (compared
with 70 side by side), and the two banners weigh 54 + 89 KiB (at 70: 70 + 114), which
keeps the longest year page (2020, 59 KiB of HTML) under its 300 KiB first-load budget
(issue 12); at 55 it was 0.4 KiB over."""


@dataclass(frozen=True)
class Banner:
    legacy: str
    name: str


BANNERS = (Banner("water-top-small-min.png", "water-top.jpg"),
           Banner("water-bottom-min.png", "water-bottom.jpg"))


def to_srgb(image: Image.Image) -> Image.Image:
    """The image's pixels in sRGB, converted from its embedded profile if it has one."""
    profile = image.info.get("icc_profile")
    rgb = image.convert("RGB")
    if not profile:
        return rgb
    source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
    converted = ImageCms.profileToProfile(rgb, source, ImageCms.createProfile("sRGB"),
                                          outputMode="RGB")
    return converted if converted is not None else rgb


def optimise(source: Path, target: Path) -> tuple[int, int]:
    """Write ``source`` at twice the display width as a JPEG; return its pixel size."""
    with Image.open(source) as image:
        rgb = to_srgb(image)
    width = 2 * DISPLAY_WIDTH
    # an even height, so the display size (half) is whole pixels
    height = 2 * round(rgb.height * width / rgb.width / 2)
    resized = rgb.resize((width, height), Image.Resampling.LANCZOS)
    resized.save(target, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    return width, height


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("legacy", type=Path, help="folder of the legacy banners")
    parser.add_argument("out", type=Path, help="where the optimised copies go")
    args = parser.parse_args(argv)
    for banner in BANNERS:
        width, height = optimise(args.legacy / banner.legacy, args.out / banner.name)
        size = (args.out / banner.name).stat().st_size
        sys.stdout.write(f"{banner.name}: {width}x{height} px, shown at "
                         f"{width // 2}x{height // 2}, {size // 1024} KiB\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
