"""Reading an input folder: each file read into records (or quarantined), duplicates marked."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .readers import Read, Record, read_path
from .decode import sha256_hex


@dataclass(frozen=True)
class IngestedFile:
    """One input file: its fingerprint, what the readers made of it, and its status."""

    source_file: str
    sha256: str
    n_bytes: int
    read: Read
    status: str  # ok, duplicate, quarantined
    error: str | None

    @property
    def records(self) -> list[Record]:
        """The file's records that were read as text (none unless the file is ok)."""
        return [r for r in self.read.records if r.ok] if self.status == "ok" else []

    @property
    def text(self) -> str | None:
        """The text of a file that is one record (a plain text, a Word file, a PDF)."""
        plain = [r for r in self.records if r.record_id == ""]
        return plain[0].text if plain else None


def input_files(folder: Path) -> list[Path]:
    """Every visible regular file: a misnamed file is quarantined, never silently skipped."""
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def read_input(path: Path) -> tuple[str, int, Read]:
    """(sha256, size, records) of one file; the records' texts are what every later step reads."""
    data, read = read_path(path)
    return (sha256_hex(data), len(data), read) if data is not None else ("", 0, read)


def _status(read: Read) -> tuple[str, str | None]:
    if read.ok:
        return "ok", read.error
    if read.records:  # a container none of whose records could be read
        reasons = sorted({r.reason or r.status for r in read.records})
        return "quarantined", "no record holds a readable report: " + "; ".join(reasons[:3])
    return "quarantined", read.error or "not readable"


def ingest_paths(paths: list[Path], originals: dict[str, str] | None = None) -> list[IngestedFile]:
    """Read each file; one with the same bytes as an original (sha256 → file name) is a duplicate.

    `originals` holds files read before (in an earlier run); within `paths`, the first file by
    name is the original. A file is never a duplicate of itself.
    """
    seen = dict(originals or {})
    out = []
    for path in sorted(paths, key=lambda p: p.name):
        sha, size, read = read_input(path)
        status, note = _status(read)
        if status == "quarantined":
            out.append(IngestedFile(path.name, sha, size, read, status, f"{path.name}: {note}"))
        elif seen.get(sha, path.name) != path.name:
            out.append(IngestedFile(path.name, sha, size, read, "duplicate",
                                    f"same bytes as {seen[sha]}: its documents are counted once"))
        else:
            seen[sha] = path.name
            out.append(IngestedFile(path.name, sha, size, read, "ok", note))
    return out


class ChangedSinceIngest(ValueError):
    """A file whose bytes differ from what ingest_log recorded: its rows would not match its text."""


def read_ingested(path: Path, sha256: str) -> list[Record]:
    """The readable records of a file ingest read as `ok`, read again; its bytes must still be the ones
    ingest_log fingerprinted, or documents and facts would describe a text nobody stored."""
    sha, _, read = read_input(path)
    if sha != sha256 or not read.ok:
        found = "gone" if not path.exists() else f"now sha256 {(sha or '?')[:12]}"
        raise ChangedSinceIngest(f"{path.name}: changed since it was ingested (recorded sha256 {sha256[:12]}, "
                                 f"{found}); materialise ingest_log for it again")
    return [r for r in read.records if r.ok]


def ingest_folder(folder: Path) -> list[IngestedFile]:
    """Every file of the folder, ingested together."""
    return ingest_paths(input_files(folder))
