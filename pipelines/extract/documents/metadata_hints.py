"""A record's metadata (a vendor's columns, a crawler's header) as hints: never over the text.

A report is placed by what it says of itself (the congress it is delivered to, its title, the
government that speaks). Metadata only places a report whose text does not say (no title, no
delivery line, a place guessed from the names the body mentions most), and only when the place
it names is named in the text too: vendors mislabel rows, e.g. a row filed under one county that
holds the report of a like-named county in another province. A report placed only by the names
its body mentions most (at the speaker's level, when it says 我代表县人民政府) counts as unsaid. Where the metadata and the text
disagree, the text wins and the disagreement is listed (metadata_disagreements).

Hints arrive as {hint: (column as written, value)}: year, division_code, province, city, county,
issuer, speaker (see readers.hints).
"""
from __future__ import annotations

from .regions import RegionIndex

# The cues of documents.place_and_date_report that are the text guessing, not the text saying: the
# place its body names most (at the speaker's level, for 我代表区人民政府, which names no place).
_WEAK_CUES = (None, "body", "speaker")
_PLACE_HINTS = ("province", "city", "county")
_GOVERNMENT_HINTS = ("issuer", "speaker")  # 保定市人民政府, 保定市人民政府市长 于群


def hinted_place(hints: dict[str, tuple[str, str]], index: RegionIndex, context: str = "") -> str | None:
    """The division the metadata names: its code when the index knows it, else its names read together."""
    code = hints.get("division_code", ("", ""))[1]
    if code in index.by_code:
        return code
    names = " ".join(hints[k][1] for k in _PLACE_HINTS if hints.get(k, ("", ""))[1])
    if names:
        return index.resolve_title(names, context)
    government = " ".join(hints[k][1] for k in _GOVERNMENT_HINTS if hints.get(k, ("", ""))[1])
    return index.resolve_title(government, context) if government else None


def _named_in(index: RegionIndex, code: str, text: str) -> bool:
    """Whether the text names the division (in full or by a short form)."""
    return any(code in m.codes for m in index.mentions(text))


def place_by_hints(doc, hints: dict[str, tuple[str, str]], index: RegionIndex) -> None:
    """Place a work report its text did not place (or placed only by body votes) where the metadata
    says, if the text names that place too; the text's own placement is never changed."""
    if doc.doc_type != "work_report" or doc.placed_by not in _WEAK_CUES:
        return
    code = hinted_place(hints, index, doc.view)
    if code and code != doc.city_code and _named_in(index, code, doc.view):
        doc.city_code, doc.placed_by = code, "hint"


def disagreements(docs, hints: dict[str, tuple[str, str]], index: RegionIndex) -> list[tuple]:
    """Rows of metadata_disagreements: (source_file, source_record, doc_id, hint, column, metadata value,
    text value) for the record's main document (its longest work report, else its longest document)."""
    if not docs:
        return []
    reports = [d for d in docs if d.doc_type == "work_report"] or docs
    doc = max(reports, key=lambda d: len(d.text))
    out = []

    def differ(hint: str, column: str, value: str, text_value: str) -> None:
        out.append((doc.source_file, doc.source_record, doc.doc_id, hint, column, value, text_value))

    if "year" in hints:
        column, value = hints["year"]
        years = {y for y in (doc.plan_year, doc.report_year, doc.doc_date.year if doc.doc_date else None) if y}
        if value.isdigit() and years and int(value) not in years:
            said = ", ".join(f"{k} {v}" for k, v in (("report_year", doc.report_year), ("plan_year", doc.plan_year))
                             if v)
            differ("year", column, value, said or f"doc_date {doc.doc_date}")
    hinted = hinted_place(hints, index, doc.view)
    # Metadata naming the province of a city's report is less specific, not contrary.
    if doc.city_code and hinted and hinted != doc.city_code and hinted not in index.ancestors(doc.city_code):
        column, value = next((hints[k] for k in ("division_code", *_PLACE_HINTS, *_GOVERNMENT_HINTS) if k in hints),
                             ("", ""))
        which = "division_code" if hints.get("division_code", ("", ""))[1] == hinted else "place"
        shown = " ".join(hints[k][1] for k in (*_PLACE_HINTS,) if k in hints) or value
        differ(which, column, shown if which == "place" else value, _describe(index, doc.city_code))
    return out


def _describe(index: RegionIndex, code: str) -> str:
    d = index.by_code.get(code)
    if d is None:
        return code
    parents = [index.by_code[p].name for p in (d.province_code, d.prefecture_code) if p and p != code and p in index.by_code]
    return f"{''.join(dict.fromkeys(parents))}{d.name} ({code})"


def record_hints(record) -> dict[str, tuple[str, str]]:
    """{hint: (column as written, normalised value)} of a readers.Record's metadata."""
    from ..text.readers.hints import hints_with_columns  # the alias vocabulary (vocab/metadata_columns.csv), read once

    return {k: cv for k, cv in hints_with_columns(record.metadata).items() if cv[1]}
