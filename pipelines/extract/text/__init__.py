"""Text: the bytes of an input file → the text a person reads, and a normalised view to scan.

Enters: files (a folder, paths, or bytes with a name). Leaves: records of text (`Record`: an id, the
text as read, the metadata that came with it; `Read` says why a file is quarantined), decoded from
whatever encoding and format it came in (readers/, decode.py: UTF-8/16, GB18030, Big5; Word, PDF,
HTML, tables, archives); the text's lines (`split_lines`); and `MappedText`, the view extractors scan
(traditional characters read as simplified, full-width folded, wrapped lines joined), every character
of which still points at its source line. scan.py and wordscan.py find patterns and word lists fast.
"""
from .decode import Decoded, decode_bytes, sha256_hex, split_lines
from .hanzi import to_simplified
from .ingest import ChangedSinceIngest, IngestedFile, ingest_folder, ingest_paths, input_files, read_ingested
from .readers import Limits, Read, Record, Unreadable, read_bytes, read_path
from .textmap import MappedText, fold, map_lines

__all__ = ["ChangedSinceIngest", "Decoded", "IngestedFile", "Limits", "MappedText", "Read", "Record", "Unreadable",
           "decode_bytes", "fold", "ingest_folder", "ingest_paths", "input_files", "map_lines", "read_bytes",
           "read_ingested", "read_path", "sha256_hex", "split_lines", "to_simplified"]
