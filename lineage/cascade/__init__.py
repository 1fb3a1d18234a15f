"""The cascade file format: models, reading with line numbers, and reference checks."""

from lineage.cascade.errors import CascadeFileError, Problem
from lineage.cascade.links import CascadeLinks
from lineage.cascade.model import Cascade, Element, ElementKind, Indicator, Position, Tier
from lineage.cascade.reader import parse_cascade, read_cascade, read_cascade_file
from lineage.cascade.vocabulary import RegionKind, region_kind_of, tier_of_position

__all__ = [
    "Cascade",
    "CascadeFileError",
    "CascadeLinks",
    "Element",
    "ElementKind",
    "Indicator",
    "Position",
    "Problem",
    "RegionKind",
    "Tier",
    "parse_cascade",
    "read_cascade",
    "read_cascade_file",
    "region_kind_of",
    "tier_of_position",
]
