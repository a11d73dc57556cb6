"""Archives read member by member, in memory: zip, tar (plain, .tar.gz, .tar.bz2, .tar.xz), and a
lone .gz/.bz2/.xz (one member: the name without its suffix).

Why this shape: reports arrive bundled (a province's ten Word files in one zip, names in GBK), and
each member must come out as its own record so one bad file does not lose the other nine. The
archive is untrusted: nothing is extracted to disk and a member name is never used as a path (it is
only a label: '..', absolute paths and drive letters are dropped from it); every member is unpacked
in chunks and stopped at the size and ratio limits whatever its header claims; a member that cannot
be read becomes a quarantined record with its reason and the rest of the archive is still read.
"""
from __future__ import annotations

import bz2
import gzip
import io
import lzma
import re
import struct
import tarfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from .records import Limits, Read, Record, Unreadable

ARCHIVE_FORMATS = ("zip", "tar", "gzip", "bzip2", "xz")
_CHUNK = 1 << 16
# Below this many unpacked bytes a member is no bomb, whatever its ratio (a small XML part of
# repeated markup can compress 300:1 and is harmless).
RATIO_FLOOR_BYTES = 1 << 20
# The decoder of an .xz allocates the dictionary its header asks for: an untrusted header could ask
# for gigabytes. 256 MiB covers every preset (xz -9e uses 64 MiB).
_XZ_MEMLIMIT = 256 << 20
_ZIP_ENCRYPTED = 0x1
_ZIP_UTF8 = 0x800
_ZIP_UNICODE_PATH = 0x7075  # Info-ZIP extra field: the name in UTF-8, beside a legacy-code-page name
_JUNK_FOLDERS = {"__macosx"}
_JUNK_FILES = {".ds_store", "thumbs.db", "desktop.ini"}
_APPLE_DOUBLE = "._"
_STREAM_SUFFIXES = {"gzip": (".gz", ".gzip"), "bzip2": (".bz2", ".bzip2"), "xz": (".xz", ".lzma")}
_DRIVE = re.compile(r"^[A-Za-z]:")
_NOTE_NAMES = 10
# What a broken compressed stream or tar raises while being read.
_STREAM_ERRORS = (EOFError, OSError, zlib.error, lzma.LZMAError, tarfile.TarError, ValueError)


class MemberError(Exception):
    """One member cannot be read (the rest of the archive can): the message says why."""


class _OverLimit(Exception):
    """The archive as a whole unpacks past the limits: nothing further is read."""


# ---------------------------------------------------------------- names


def decode_name(raw: bytes) -> str:
    """A member name's bytes as text: UTF-8 when they are valid UTF-8 (written by a tool that did
    not set the flag), else GB18030 (a Chinese Windows' code page, GBK's superset)."""
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return raw.decode("cp437")


def zip_member_name(info: zipfile.ZipInfo) -> str:
    """The name as its writer meant it: UTF-8 when the zip says so (flag 0x800), else the UTF-8
    name of an Info-ZIP Unicode Path field, else the name's bytes (which Python's zipfile decoded
    as cp437) decoded by `decode_name`."""
    if info.flag_bits & _ZIP_UTF8:
        return info.filename
    raw = info.orig_filename.encode("cp437")
    return _unicode_path(info.extra, raw) or decode_name(raw)


def _unicode_path(extra: bytes, raw_name: bytes) -> str | None:
    pos = 0
    while pos + 4 <= len(extra):
        tag, size = struct.unpack_from("<HH", extra, pos)
        body = extra[pos + 4: pos + 4 + size]
        pos += 4 + size
        if tag == _ZIP_UNICODE_PATH and len(body) > 5 and body[0] == 1:
            if struct.unpack_from("<I", body, 1)[0] == zlib.crc32(raw_name):  # still the same name
                try:
                    return body[5:].decode("utf-8")
                except UnicodeDecodeError:
                    return None
    return None


def member_label(name: str) -> str:
    """A safe relative label for a member: folders kept ('dir/a.docx'), backslashes read as
    folder separators, and '.', '..', empty parts, a leading '/' and a drive letter dropped;
    characters that do not print become '?'. Only ever text: never opened as a path."""
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in name.replace("\\", "/"))
    parts = [part.strip() for part in cleaned.split("/")]
    if parts and _DRIVE.match(parts[0]):
        parts[0] = parts[0][2:]
    return "/".join(p for p in parts if p not in ("", ".", "..")) or "unnamed"


def _is_junk(label: str) -> bool:
    parts = label.lower().split("/")
    return (any(p in _JUNK_FOLDERS for p in parts) or parts[-1] in _JUNK_FILES
            or parts[-1].startswith(_APPLE_DOUBLE))


# ---------------------------------------------------------------- zip members within limits


def open_zip(data: bytes, what: str = "zip archive") -> zipfile.ZipFile:
    """The zip's directory, or Unreadable when it cannot be read (a cut-off download loses it)."""
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise Unreadable(f"cut off or corrupt {what}: its directory cannot be read ({exc})") from None


def ratio_over(unpacked: int, packed: int, limits: Limits) -> bool:
    return unpacked > RATIO_FLOOR_BYTES and unpacked > limits.max_ratio * max(packed, 1)


def unpack_zip_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits,
                      budget: int | None = None) -> bytes:
    """A member's bytes, unpacked in chunks and stopped at the member limit, the ratio limit and
    `budget` (what is left of the archive's total), as declared in its header and as actually
    unpacked. MemberError says why it could not be read."""
    limit = limits.max_member_bytes
    if info.flag_bits & _ZIP_ENCRYPTED:
        raise MemberError("encrypted: needs a password")
    if info.file_size > limit:
        raise MemberError(f"unpacked size {info.file_size:,} bytes over the {limit:,}-byte limit")
    if ratio_over(info.file_size, info.compress_size, limits):
        raise MemberError(_ratio_reason(info.file_size, info.compress_size, limits))
    if budget is not None and info.file_size > budget:
        raise MemberError(f"not read: the archive unpacks to more than the {limits.max_unpacked_bytes:,}-byte limit")
    out = bytearray()
    try:
        with zf.open(info) as member:
            while chunk := member.read(_CHUNK):
                out += chunk
                if len(out) > limit:
                    raise MemberError(f"unpacks to more than the {limit:,}-byte limit "
                                      f"(its header said {info.file_size:,})")
                if ratio_over(len(out), info.compress_size, limits):
                    raise MemberError(_ratio_reason(len(out), info.compress_size, limits))
                if budget is not None and len(out) > budget:
                    raise MemberError(f"not read: the archive unpacks to more than the "
                                      f"{limits.max_unpacked_bytes:,}-byte limit")
    except zipfile.BadZipFile as exc:
        raise MemberError(f"corrupt ({exc})") from None
    except NotImplementedError as exc:
        raise MemberError(f"not read: {exc}") from None
    except RuntimeError as exc:  # zipfile's word for an encrypted member it was not told about
        raise MemberError(f"encrypted: needs a password ({exc})") from None
    except (zlib.error, lzma.LZMAError, EOFError, OSError, ValueError) as exc:
        raise MemberError(f"cut off or corrupt ({exc})") from None
    return bytes(out)


def _ratio_reason(unpacked: int, packed: int, limits: Limits) -> str:
    return (f"compression ratio {unpacked / max(packed, 1):,.0f}:1 over the {limits.max_ratio:g}:1 limit "
            f"(a decompression bomb?)")


# ---------------------------------------------------------------- compressed streams


class _Decompressing(io.RawIOBase):
    """A .bz2 or .xz stream decompressed on demand (several concatenated streams read as one)."""

    def __init__(self, data: bytes, kind: str) -> None:
        self._kind = kind
        self._src = data
        self._pos = 0
        self._dec = self._new()

    def _new(self):
        if self._kind == "bzip2":
            return bz2.BZ2Decompressor()
        return lzma.LZMADecompressor(format=lzma.FORMAT_AUTO, memlimit=_XZ_MEMLIMIT)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while True:
            if self._dec.eof:
                rest = self._dec.unused_data + self._src[self._pos:]
                if not rest.strip(b"\0"):
                    return 0
                self._src, self._pos, self._dec = rest, 0, self._new()
                continue
            chunk = b""
            if self._dec.needs_input:
                if self._pos >= len(self._src):
                    raise EOFError("compressed stream ended before its end marker (cut off)")
                chunk = self._src[self._pos: self._pos + _CHUNK]
                self._pos += len(chunk)
            out = self._dec.decompress(chunk, len(buffer))
            if out:
                buffer[: len(out)] = out
                return len(out)


class _Counted(io.RawIOBase):
    """Unpacked bytes counted against the archive's total and ratio limits as they are read (a tar
    skips a member's data by reading it: that is counted too)."""

    def __init__(self, raw, limits: Limits, packed: int) -> None:
        self._raw = raw
        self._limits = limits
        self._packed = packed
        self.total = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self._raw.readinto(buffer)
        self.total += n or 0
        if self.total > self._limits.max_unpacked_bytes:
            raise _OverLimit(f"unpacks to more than the {self._limits.max_unpacked_bytes:,}-byte limit")
        if ratio_over(self.total, self._packed, self._limits):
            raise _OverLimit(_ratio_reason(self.total, self._packed, self._limits))
        return n


def _stream(data: bytes, kind: str, limits: Limits) -> io.BufferedReader:
    raw = gzip.GzipFile(fileobj=io.BytesIO(data), mode="rb") if kind == "gzip" else _Decompressing(data, kind)
    return io.BufferedReader(_Counted(raw, limits, len(data)), buffer_size=_CHUNK)


def _holds_tar(data: bytes, kind: str, limits: Limits) -> bool:
    """Whether a compressed stream's first 512 unpacked bytes are a valid tar header."""
    try:
        head = _stream(data, kind, limits).read(tarfile.BLOCKSIZE)
        tarfile.TarInfo.frombuf(head, "utf-8", "surrogateescape")
    except (*_STREAM_ERRORS, _OverLimit):
        return False
    return True


def _read_limited(stream, limit: int) -> bytes:
    out = bytearray()
    while chunk := stream.read(_CHUNK):
        out += chunk
        if len(out) > limit:
            raise MemberError(f"unpacks to more than the {limit:,}-byte limit")
    return bytes(out)


def _lone_label(name: str, kind: str) -> str:
    base = member_label(name).rsplit("/", 1)[-1]
    for suffix in _STREAM_SUFFIXES[kind]:
        if base.lower().endswith(suffix) and len(base) > len(suffix):
            return base[: -len(suffix)]
    return f"{base} (unpacked)"


# ---------------------------------------------------------------- the archive's records


@dataclass
class _Members:
    """Records of the members read so far, and what the Read's note will say."""

    limits: Limits
    depth: int
    read_member: Callable[[bytes, str, Limits, int], Read]  # dispatch.read_bytes: a member may be any format
    records: list[Record] = field(default_factory=list)
    junk: list[str] = field(default_factory=list)
    not_files: list[str] = field(default_factory=list)
    stopped: str | None = None
    total: int = 0
    _labels: set[str] = field(default_factory=set)

    def unique(self, label: str) -> str:
        """Two members with one name (a zip may hold both) get distinct record ids."""
        candidate, n = label, 1
        while candidate in self._labels:
            n += 1
            candidate = f"{label} ({n})"
        self._labels.add(candidate)
        return candidate

    def quarantine(self, label: str, why: str, fmt: str | None = None) -> None:
        self.records.append(Record(label, None, fmt or "unknown", status="quarantined", reason=f"{label}: {why}"))

    def add(self, label: str, blob: bytes) -> None:
        """The member's own records, their ids prefixed with the member's path."""
        # an archive inside shares this one's budget: nesting must not multiply the unpacked limit
        left = max(self.limits.max_unpacked_bytes - self.total, 0)
        sub = self.read_member(blob, label, replace(self.limits, max_unpacked_bytes=left), self.depth + 1)
        if sub.format in ARCHIVE_FORMATS:  # what the inner archive unpacked counts here too
            self.total += sum(len(r.text.encode("utf-8")) for r in sub.records if r.text)
        if not sub.records:
            self.quarantine(label, sub.error or "no text", sub.format)
            return
        nested = sub.format in ARCHIVE_FORMATS
        for record in sub.records:
            if not record.record_id:
                rid = label
            else:
                rid = f"{label}/{record.record_id}" if nested else f"{label}#{record.record_id}"
                rid = self.unique(rid)  # a member named like a nested one (inner.zip/a.txt) stays apart
            reason = record.reason
            if nested and record.status == "quarantined" and reason:
                reason = f"{rid}: {reason.removeprefix(record.record_id + ': ')}"
            self.records.append(replace(record, record_id=rid, reason=reason))

    def note(self) -> str | None:
        notes = []
        if self.junk:
            notes.append(f"skipped OS junk: {_names(self.junk)}")
        if self.not_files:
            notes.append(f"skipped links and special files: {_names(self.not_files)}")
        if self.stopped:
            notes.append(self.stopped)
        return "; ".join(notes) or None


def _names(labels: list[str]) -> str:
    shown = ", ".join(labels[:_NOTE_NAMES])
    return shown + (f" and {len(labels) - _NOTE_NAMES} more" if len(labels) > _NOTE_NAMES else "")


def read_archive(data: bytes, kind: str, name: str, limits: Limits, depth: int,
                 read_member: Callable[[bytes, str, Limits, int], Read]) -> Read:
    """All members' records (format 'zip' or 'tar'; a lone compressed file: 'gzip', 'bzip2' or
    'xz'). Unreadable when the archive itself cannot be read or holds no file. Each member is read by
    `read_member(bytes, label, limits, depth)` (dispatch.read_bytes, which calls this reader: passed in,
    not imported, so the two modules do not import each other)."""
    if depth > limits.max_depth:
        raise Unreadable(f"archive nested more than {limits.max_depth} deep inside archives: not read")
    box = _Members(limits, depth, read_member)
    if kind == "zip":
        fmt = "zip"
        _read_zip(data, box)
    elif kind == "tar":
        fmt = "tar"
        _read_tar(io.BufferedReader(_Counted(io.BytesIO(data), limits, len(data))), box)
    elif kind in _STREAM_SUFFIXES:
        if _holds_tar(data, kind, limits):
            fmt = "tar"
            _read_tar(_stream(data, kind, limits), box)
        else:
            fmt = kind
            _read_lone(data, kind, name, box)
    else:
        raise Unreadable(f"not an archive format this reader knows: {kind}")
    if not box.records:
        raise Unreadable("archive holds no files" + (f" ({box.note()})" if box.note() else ""))
    return Read(fmt, None, box.records, box.note())


def _read_zip(data: bytes, box: _Members) -> None:
    limits = box.limits
    zf = open_zip(data)
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        raise Unreadable(f"archive with {len(infos):,} members, over the {limits.max_members:,}-member limit")
    for info in infos:
        if info.is_dir():
            continue
        label = box.unique(member_label(zip_member_name(info)))
        if _is_junk(label):
            box.junk.append(label)
            continue
        try:
            blob = unpack_zip_member(zf, info, limits, budget=limits.max_unpacked_bytes - box.total)
        except MemberError as exc:
            box.quarantine(label, str(exc))
            continue
        box.total += len(blob)
        box.add(label, blob)


def _read_tar(stream, box: _Members) -> None:
    """A tar read as a stream, member after member (a .tar.gz is never unpacked whole). A stream
    that breaks (cut off, corrupt, over the limits) ends the reading: the members before are kept."""
    limits = box.limits
    try:
        tar = tarfile.open(fileobj=stream, mode="r|", encoding="utf-8", errors="surrogateescape")
        members = iter(tar)
        member = next(members, None)
    except (*_STREAM_ERRORS, _OverLimit) as exc:
        raise Unreadable(f"cut off or corrupt tar archive ({exc})") from None
    count = 0
    while member is not None:
        count += 1
        if count > limits.max_members:
            raise Unreadable(f"archive with more than {limits.max_members:,} members")
        label = box.unique(member_label(decode_name(member.name.encode("utf-8", "surrogateescape"))))
        if member.isdir():
            pass
        elif _is_junk(label):
            box.junk.append(label)
        elif not member.isreg():
            box.not_files.append(label)
        elif member.size > limits.max_member_bytes:
            box.quarantine(label, f"unpacked size {member.size:,} bytes over the {limits.max_member_bytes:,}-byte limit")
        else:
            try:
                blob = _read_limited(tar.extractfile(member), limits.max_member_bytes)
            except (MemberError, _OverLimit) as exc:
                box.quarantine(label, str(exc))
                box.stopped = f"archive not read past {label}"
                return
            except _STREAM_ERRORS as exc:
                box.quarantine(label, f"cut off or corrupt ({exc})")
                box.stopped = f"archive not read past {label}"
                return
            box.add(label, blob)
        try:
            member = next(members, None)
        except (*_STREAM_ERRORS, _OverLimit) as exc:
            box.stopped = f"archive cut off or corrupt after {label} ({exc}): members after it not read"
            return


def _read_lone(data: bytes, kind: str, name: str, box: _Members) -> None:
    label = _lone_label(name, kind)
    try:
        blob = _read_limited(_stream(data, kind, box.limits), box.limits.max_member_bytes)
    except (MemberError, _OverLimit) as exc:
        raise Unreadable(f"{kind} file: {exc}") from None
    except _STREAM_ERRORS as exc:
        raise Unreadable(f"cut off or corrupt {kind} file ({exc})") from None
    box.add(box.unique(label), blob)
