"""The audit: what an evaluator would find in a cascade (docs/audit.md).

- `rules`: the rule registry (ids, severities, wording, fixes) and the tables they use;
- `findings`: the finding model every path and format shares;
- `offline` (maps and sets of a file) and `database` (Cypher, the active load) detect the structural
  rules; `wording` (with `indonesian` and `similarity`) the duplicate rules, for both;
- `build` words detections into findings; `formats` writes the report; `service` filters and pages them.
"""
