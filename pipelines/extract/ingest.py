"""Reading an input folder: one record per file, decoded or quarantined, duplicates marked."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .html_text import html_to_text, looks_like_html
from .text import Decoded, decode_bytes, split_lines


@dataclass(frozen=True)
class IngestRecord:
    source_file: str
    decoded: Decoded
    status: str  # ok, duplicate, quarantined
    error: str | None

    @property
    def text(self) -> str | None:
        return self.decoded.text if self.status == "ok" else None

    @property
    def n_lines(self) -> int:
        return len(split_lines(self.text)) if self.text is not None else 0


def input_files(folder: Path) -> list[Path]:
    """Every visible regular file: a misnamed file is quarantined, never silently skipped."""
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def read_file(path: Path) -> Decoded:
    """Decode a file; a web page saved as text becomes its visible text (line numbers then count that text)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Decoded(None, None, "", 0, f"cannot read file: {exc.strerror or exc}")
    decoded = decode_bytes(data)
    if decoded.ok and looks_like_html(decoded.text):
        text = html_to_text(decoded.text)
        if not text.strip():
            return replace(decoded, text=None, error="HTML page with no visible text")
        note = "HTML page: converted to its visible text; line numbers count that text"
        return replace(decoded, text=text, error=f"{decoded.error}; {note}" if decoded.error else note)
    return decoded


def ingest_paths(paths: list[Path], originals: dict[str, str] | None = None) -> list[IngestRecord]:
    """Decode each file; one with the same bytes as an original (sha256 → file name) is a duplicate.

    `originals` holds files read before (in an earlier run); within `paths`, the first file by
    name is the original. A file is never a duplicate of itself.
    """
    seen = dict(originals or {})
    out = []
    for path in sorted(paths, key=lambda p: p.name):
        decoded = read_file(path)
        if not decoded.ok:
            out.append(IngestRecord(path.name, decoded, "quarantined", f"{path.name}: {decoded.error}"))
        elif seen.get(decoded.sha256, path.name) != path.name:
            out.append(IngestRecord(path.name, decoded, "duplicate",
                                    f"same bytes as {seen[decoded.sha256]}: its documents are counted once"))
        else:
            seen[decoded.sha256] = path.name
            out.append(IngestRecord(path.name, decoded, "ok", decoded.error))
    return out


class ChangedSinceIngest(ValueError):
    """A file whose bytes differ from what ingest_log recorded: its rows would not match its text."""


def read_ingested(path: Path, sha256: str) -> str:
    """The decoded text of a file ingest read as `ok`, read again; its bytes must still be the ones
    ingest_log fingerprinted, or documents and facts would describe a text nobody stored."""
    decoded = read_file(path)
    if decoded.sha256 != sha256 or decoded.text is None:
        found = "gone" if not path.exists() else f"now sha256 {(decoded.sha256 or '?')[:12]}"
        raise ChangedSinceIngest(f"{path.name}: changed since it was ingested (recorded sha256 {sha256[:12]}, "
                                 f"{found}); materialise ingest_log for it again")
    return decoded.text


def ingest_folder(folder: Path) -> list[IngestRecord]:
    """Every file of the folder, ingested together."""
    return ingest_paths(input_files(folder))
