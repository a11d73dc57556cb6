"""Facts: one document's text → its facts, as named tuples of plain values.

Enters: `DocumentText` (the document's id, type, division code, dates, and its lines). Leaves: `Facts`,
the document's facts by kind: plan-year targets (targets.py, read with measures.py's grammar) and the
reviewed year's outcomes (outcomes.py) of a work report; named projects and counts of anonymous ones
(projects.py, names judged by project_names.py); money that is no project's (funds.py, amounts by
numbers.py); dates and periods (dates.py); each with its source line and snippet. No ids, tables or
columns: the wiring (pipelines/defs/assets/facts.py) makes rows of them.
"""
from .collect import DocumentText, Facts, extract_facts, warm_up

__all__ = ["DocumentText", "Facts", "extract_facts", "warm_up"]
