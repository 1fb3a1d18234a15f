"""GET /vocabulary: the levels, tiers and kinds of region, with their labels in both languages.

Why served: the page draws rows and captions from it instead of keeping its own copy in
JavaScript, so a level or tier added in `lineage/cascade/vocabulary.py` reaches the page, the
diagrams and the audit at once.
"""

from __future__ import annotations

from fastapi import APIRouter

from lineage.cascade.vocabulary import Vocabulary, vocabulary

router = APIRouter(tags=["vocabulary"])


@router.get(
    "/vocabulary",
    response_model=Vocabulary,
    name="get_vocabulary",
    summary="Levels, tiers and region kinds of a cascade, with their labels (Indonesian and English)",
)
def get_vocabulary() -> Vocabulary:
    return vocabulary()
