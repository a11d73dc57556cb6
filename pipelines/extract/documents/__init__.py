"""Documents: a record's text → the documents in it, each typed, placed and dated.

Enters: `RecordText` (a record's id and text, where its report starts, its metadata's hints) and a
`RegionIndex` of division names (`default_index`). Leaves: `PlacedDocument`s (title, doc_type:
work_report, news, other; the division code it speaks for; report, plan and delivery years; its lines
in the record) and the rows where a record's metadata and its text disagree (the text wins). How a
file is split (split.py), what marks a work report and its speaker (report_cues.py), its dates
(dating.py), where it is (regions.py over divisions.py, the division codes since 1981), and what
metadata may say (metadata_hints.py).
"""
from .divisions import Division, load_divisions
from .metadata_hints import record_hints
from .regions import RegionIndex, default_index
from .split import (Document, PlacedDocument, RecordText, build_documents, documents_of_file, documents_of_records,
                    is_delivery_line)

__all__ = ["Division", "Document", "PlacedDocument", "RecordText", "RegionIndex", "build_documents", "default_index",
           "documents_of_file", "documents_of_records", "is_delivery_line", "load_divisions", "record_hints"]
