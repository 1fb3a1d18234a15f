"""Printable diagrams over HTTP: the same SVG/PNG as `lineage render`, fitted to A4/A3 landscape."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from lineage.api.deps import DatabaseDep
from lineage.api.routes.cascades import CascadeId
from lineage.api.routes.indicators import IndicatorId
from lineage.render import Diagram, Format, Paper, Rendered, cascade_diagram, lineage_diagram, render

router = APIRouter(tags=["diagrams"])

IMAGES: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"image/svg+xml": {}, "image/png": {}, "application/pdf": {}},
        "description": "The diagram (`format=pdf`: one landscape page of `paper` with a header and a legend).",
    }
}


@dataclass
class DiagramOptions:
    """How to draw: the same choices as `lineage render`."""

    format: Annotated[Format, Query(description="svg or png")] = Format.svg
    paper: Annotated[Paper, Query(description="The landscape page the diagram is fitted to.")] = Paper.a3
    lang: Annotated[
        Literal["id", "en"], Query(description="Language of the row and box labels (data stays as written).")
    ] = "id"


Options = Annotated[DiagramOptions, Depends()]


@router.get(
    "/cascades/{cascade_id}/diagram",
    name="cascade_diagram",
    summary="The cascade as a printable diagram, one row per level",
    response_class=Response,
    responses=IMAGES,
)
def get_cascade_diagram(db: DatabaseDep, cascade_id: CascadeId, options: Options) -> Response:
    return _image(cascade_diagram(db.driver, cascade_id, database=db.name), options, cascade_id)


@router.get(
    "/indicators/{indicator_id}/diagram",
    name="indicator_diagram",
    summary="One indicator's lineage (its contributors and its paths to the top) as a printable diagram",
    response_class=Response,
    responses=IMAGES,
)
def get_indicator_diagram(db: DatabaseDep, indicator_id: IndicatorId, options: Options) -> Response:
    return _image(lineage_diagram(db.driver, indicator_id, database=db.name), options, indicator_id)


def _image(diagram: Diagram, options: DiagramOptions, name: str) -> Response:
    fmt = options.format
    rendered: Rendered = render(diagram, [fmt], paper=options.paper, lang=options.lang)
    return Response(
        content=rendered.files[fmt],
        media_type=fmt.media_type,
        headers={
            "Content-Disposition": f'inline; filename="{re.sub(r"[^A-Za-z0-9._-]", "-", name)}.{fmt.value}"',
            # How it prints: the scale `dot` applied, and the smallest text at that scale.
            "X-Lineage-Print-Scale": f"{rendered.scale:g}",
            "X-Lineage-Smallest-Text-Pt": f"{rendered.smallest_text_pt:g}",
            "X-Lineage-Readable": "true" if rendered.readable else "false",
        },
    )
