"""Reading an input folder: one record per file, decoded or quarantined, duplicates marked."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Decoded(None, None, "", 0, f"cannot read file: {exc.strerror or exc}")
    return decode_bytes(data)


def ingest_folder(folder: Path) -> list[IngestRecord]:
    """Decode each file; a second file with the same bytes as an earlier one is a duplicate."""
    seen: dict[str, str] = {}
    out = []
    for path in input_files(folder):
        decoded = read_file(path)
        if not decoded.ok:
            out.append(IngestRecord(path.name, decoded, "quarantined", f"{path.name}: {decoded.error}"))
        elif decoded.sha256 in seen:
            out.append(IngestRecord(path.name, decoded, "duplicate",
                                    f"same bytes as {seen[decoded.sha256]}: its documents are counted once"))
        else:
            seen[decoded.sha256] = path.name
            out.append(IngestRecord(path.name, decoded, "ok", decoded.error))
    return out
