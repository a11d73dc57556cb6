"""Readers: the bytes of one input file → its records (an id, the text as read, metadata).

Enters: a file's bytes and its name (the name only labels; the format is judged by the bytes).
Leaves: `Read` — the file's format and encoding and a list of `Record`s, or why the whole file is
quarantined. A plain text, a Word file, a PDF or a web page is one record with id ''; a table has a
record per data row ('3', or 'Sheet2!3' when a workbook has several sheets); an archive a record
per member ('dir/a.docx', 'dir/t.xlsx#3' for a table's row inside it). Everything downstream
(documents, facts) reads records: lines and snippets count lines of a record's text.
"""
from .records import Limits, Read, Record, Unreadable
from .dispatch import read_bytes, read_path

__all__ = ["Limits", "Read", "Record", "Unreadable", "read_bytes", "read_path"]
