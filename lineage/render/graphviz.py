"""Running Graphviz's `dot` on a diagram, fitted to a landscape page (SVG, PNG, or a one-page PDF
of the paper's size), and judging if it can be read.

`dot` scales a drawing down to the page (`size`), never up. The scale it chose is read back from
the SVG it writes (and used to choose the box width that prints largest); the smallest text in the boxes times that scale is the size it prints at. Below
MIN_READABLE_PT the diagram is still written, and the report says it is too small to read.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from enum import StrEnum

from lineage.render.diagram import Diagram
from lineage.render.dot import SMALLEST, to_dot, wrap_width

#: Printed text smaller than this (points) is hard to read on paper.
MIN_READABLE_PT = 6.0
#: Pixels per inch of the PNG: sharp when printed, small enough to mail.
PNG_DPI = 150
TIMEOUT_S = 120
#: The PDF page's margin (10 mm), around the drawing fitted to the page less margins.
MARGIN_IN = round(10 / 25.4, 3)
#: The `pad` the DOT source gives the drawing (dot.py), in inches.
DOT_PAD_IN = 0.1
#: Box widths (characters per line) tried on diagrams of up to TRY_WIDTHS_UP_TO boxes.
WRAPS = (16, 18, 20, 22, 26, 30, 38)
TRY_WIDTHS_UP_TO = 300


class Paper(StrEnum):
    a4 = "a4"
    a3 = "a3"

    @property
    def page_in(self) -> tuple[float, float]:
        """Width and height in inches of the landscape page."""
        width_mm, height_mm = {Paper.a4: (297, 210), Paper.a3: (420, 297)}[self]
        return (round(width_mm / 25.4, 2), round(height_mm / 25.4, 2))

    @property
    def printable_in(self) -> tuple[float, float]:
        """Width and height in inches of the landscape page less 10 mm margins."""
        width, height = self.page_in
        return (round(width - 20 / 25.4, 2), round(height - 20 / 25.4, 2))


class Format(StrEnum):
    svg = "svg"
    png = "png"
    #: one page of the paper's size, the drawing centred in its margins
    pdf = "pdf"

    @property
    def media_type(self) -> str:
        return {Format.svg: "image/svg+xml", Format.png: "image/png", Format.pdf: "application/pdf"}[self]


class GraphvizMissing(RuntimeError):
    """`dot` is not installed."""


class RenderFailed(RuntimeError):
    """`dot` refused the diagram or ran too long."""


@dataclass(frozen=True)
class Rendered:
    files: dict[Format, bytes]
    paper: Paper
    #: how much `dot` shrank the drawing to fit the page (1.0: printed at full size)
    scale: float

    @property
    def smallest_text_pt(self) -> float:
        return round(SMALLEST * self.scale, 1)

    @property
    def readable(self) -> bool:
        return self.smallest_text_pt >= MIN_READABLE_PT

    def describe(self) -> str:
        page = f"{self.paper.value.upper()} landscape"
        verdict = "readable" if self.readable else f"too small to read (under {MIN_READABLE_PT:g} pt)"
        return f"fits {page} at {self.scale:.0%}; smallest text {self.smallest_text_pt} pt, {verdict}"


def render(diagram: Diagram, formats: list[Format], *, paper: Paper = Paper.a3, lang: str = "id") -> Rendered:
    """Lay out `diagram` and write it in each of `formats`, fitted to `paper` (landscape)."""
    dot = shutil.which("dot")
    if dot is None:
        raise GraphvizMissing("Graphviz's `dot` is not installed; `bash scripts/setup` installs it (Debian: graphviz)")
    page = paper.printable_in
    best: tuple[float, bytes, bytes] | None = None
    for wrap in _wraps_to_try(diagram, page[0]):
        source = to_dot(diagram, page_in=page, lang=lang, wrap=wrap).encode()
        svg = _run(dot, ["-Tsvg"], source)
        if best is None or _scale(svg) > best[0]:
            best = (_scale(svg), source, svg)
    assert best is not None  # _wraps_to_try gives at least one width
    scale, source, svg = best
    files = {Format.svg: svg} if Format.svg in formats else {}
    if Format.png in formats:
        files[Format.png] = _run(dot, ["-Tpng", f"-Gdpi={PNG_DPI}"], source)
    if Format.pdf in formats:
        # The page's size less the pad is the room `dot` fits the drawing into: the same scale as above.
        width, height = paper.page_in
        files[Format.pdf] = _run(dot, ["-Tpdf", f"-Gpad={_pad(svg, paper)}", f"-Gsize={width},{height}"], source)
    return Rendered(files=files, paper=paper, scale=scale)


def _wraps_to_try(diagram: Diagram, page_width_in: float) -> list[int]:
    """Box widths (characters per line) to lay out; the one printed largest wins. Whether height
    or width limits a drawing depends on its shape, so small diagrams try several widths; big
    ones (slow to lay out) take the width that fits the widest row across."""
    fitted = wrap_width(diagram, page_width_in)
    if len(diagram.boxes) > TRY_WIDTHS_UP_TO:
        return [fitted]
    return sorted({fitted, *WRAPS}, reverse=True)  # on a tie (all fit at full size) the widest wins


def _run(dot: str, args: list[str], source: bytes) -> bytes:
    try:
        done = subprocess.run([dot, *args], input=source, capture_output=True, timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise RenderFailed(f"Graphviz took longer than {TIMEOUT_S} s; draw a smaller part of the cascade") from None
    if done.returncode != 0 or not done.stdout:
        raise RenderFailed(f"Graphviz failed: {done.stderr.decode(errors='replace').strip()[:500]}")
    return done.stdout


def _pad(svg: bytes, paper: Paper) -> str:
    """The `pad` (inches, across and down) that makes the drawing, as laid out in `svg`, fill a
    page of exactly `paper`'s size, centred: so the PDF is an A4 or A3 sheet, not the drawing's
    own size."""
    match = re.search(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    width_pt, height_pt = (float(match.group(1)), float(match.group(2))) if match else (0.0, 0.0)
    drawing = (width_pt / 72 - 2 * DOT_PAD_IN, height_pt / 72 - 2 * DOT_PAD_IN)
    page = paper.page_in
    return ",".join(f"{max((page[n] - drawing[n]) / 2, MARGIN_IN):.3f}" for n in (0, 1))


def _scale(svg: bytes) -> float:
    """The scale `dot` applied to fit the page, from the SVG's `<g id="graph0" transform="scale(s s) ...">`."""
    match = re.search(rb'id="graph0"[^>]*transform="scale\(([\d.]+)', svg)
    return round(float(match.group(1)), 3) if match else 1.0
