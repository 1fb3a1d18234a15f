"""Printable diagrams of a cascade, or of one indicator's roll-up, as SVG and PNG.

Why Graphviz (`dot`): its layered layout is made for exactly this picture (ranks top to
bottom, few crossings, orthogonal-ish edges), it is a Debian package that runs offline, and it
writes both SVG and PNG from one description. The diagram is described here from the same
answers the API gives (`diagram.py`), written as DOT with one row per cascade level like the
source diagram (`dot.py`), and laid out and fitted to an A4/A3 landscape page (`graphviz.py`).
"""

from lineage.render.diagram import Diagram, TooBig, cascade_diagram, lineage_diagram
from lineage.render.graphviz import Format, GraphvizMissing, Paper, Rendered, RenderFailed, render

__all__ = [
    "Diagram",
    "Format",
    "GraphvizMissing",
    "Paper",
    "RenderFailed",
    "Rendered",
    "TooBig",
    "cascade_diagram",
    "lineage_diagram",
    "render",
]
