"""Opening what a user hands over (a file, a folder of tables, a .zip archive) within the limits.

Why one module: every way into Lineage (`lineage load`, `validate`, `import`, `audit FILE`,
`POST /cascades`) must refuse the same inputs the same way before any parser sees them: a
file beyond the size limit (read no further than the limit, so `/dev/zero` ends too),
an archive that inflates beyond its limit, is encrypted or damaged, or holds two files that
would be read as one (`zz/tujuan.csv` beside `tujuan.csv`: one would silently replace the
other). Every refusal is a `CascadeFileError` naming the file; a limit, a `LimitExceeded`.
"""

from __future__ import annotations

import hashlib
import io
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lineage import limits  # the module: lineage.limits imports lineage.cascade, which imports this
from lineage.cascade.errors import CascadeFileError, Problem
from lineage.text import forbidden_character


@dataclass(frozen=True)
class Source:
    """Which file a cascade was read from, recorded with each load so an auditor can tell which
    file a version came from: its name as given, and the SHA-256 of the very bytes that were
    parsed, as `sha256sum` prints it (hashed as they are read, never from a second read, which
    could meet a file changed in between; None for a folder of tables)."""

    file: str
    sha256: str | None = None

    @classmethod
    def of(cls, file: str, content: bytes) -> Source:
        return cls(file, hashlib.sha256(content).hexdigest())


#: Folders an archiver adds beside the files (macOS Finder's resource forks): never tables.
_ARCHIVER_FOLDERS = {"__MACOSX"}


@dataclass
class Members:
    """The files read from a folder or an archive, by name, and those left out, with why."""

    files: dict[str, bytes] = field(default_factory=dict)
    not_read: list[Problem] = field(default_factory=list)


def refused(file: str, message: str) -> CascadeFileError:
    return CascadeFileError([Problem(file, None, "", message)])


def read_file(path: Path, setting: str = "LINEAGE_MAX_FILE_BYTES") -> bytes:
    """The bytes of a regular file no larger than the limit `setting` names."""
    name = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise refused(name, "no such file") from None
    except OSError as exc:
        raise refused(name, f"cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise refused(name, "is a folder, not a file")
    most = limits.limit(setting)
    if info.st_size > most:
        raise limits.exceeded(name, f"the file holds {limits.megabytes(info.st_size)}", setting)
    try:
        with path.open("rb") as handle:
            # Bounded: a file that grows while it is read, a pipe (`<(...)`, /dev/stdin), or a
            # device that never ends (/dev/zero) are read to the limit and no further. Never one
            # read of the limit's size, which first takes that much memory (a limit set to a
            # petabyte failed with MemoryError on a file of a few bytes): the size the file says
            # it has, in one read (one copy in memory), then a MiB at a time until its end.
            chunks = []
            left = most + 1
            size = max(info.st_size + 1, 1 << 20)
            while left and (chunk := handle.read(min(left, size))):
                chunks.append(chunk)
                left -= len(chunk)
                size = 1 << 20
            content = b"".join(chunks)  # one chunk (a regular file): that very object, no copy
    except OSError as exc:
        raise refused(name, f"cannot be read ({exc.strerror or exc})") from None
    if len(content) > most:
        raise limits.exceeded(name, "more than the limit could be read from it", setting)
    return content


def read_folder(path: Path, suffixes: tuple[str, ...], key: Callable[[str], str] = str.casefold) -> Members:
    """The files of a folder (not its subfolders) whose names end with `suffixes`; the other
    entries are listed as not read. Their sizes together stay within LINEAGE_MAX_FILE_BYTES."""
    name = str(path)
    try:
        entries = sorted(path.iterdir())
    except OSError as exc:
        raise refused(name, f"cannot be read ({exc.strerror or exc})") from None
    members = Members()
    wanted = []
    for entry in entries:
        if entry.name.lower().endswith(suffixes) and entry.is_file():
            wanted.append(entry)
        else:
            members.not_read.append(Problem(name, None, "", f"{entry.name}: not a {'/'.join(suffixes)} file: not read"))
    _check_count(name, len(wanted))
    _check_names(name, [e.name for e in wanted], key)
    total = 0
    for entry in wanted:
        content = read_file(entry)
        total += len(content)
        if total > limits.limit("LINEAGE_MAX_FILE_BYTES"):
            raise limits.exceeded(name, f"its files hold more than {limits.megabytes(total)}", "LINEAGE_MAX_FILE_BYTES")
        members.files[entry.name] = content
    return members


def read_archive(
    name: str, content: bytes, suffixes: tuple[str, ...], instead: str = "", key: Callable[[str], str] = str.casefold
) -> Members:
    """The files of a .zip whose names end with `suffixes`, by their names without folders.

    Refused before anything is inflated when the files would inflate beyond
    LINEAGE_MAX_INFLATED_BYTES (`instead` says what to do then) or are more than
    LINEAGE_MAX_ARCHIVE_FILES; refused when two would have the same `key` (by default their
    names without folders, case ignored), when one is encrypted, damaged or compressed in a
    way Python does not read. Folders, other files and macOS resource forks are listed as not read.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
            _check_count(name, len(infos))
            members = Members()
            wanted = _select(name, infos, suffixes, members)
            _check_names(name, [PurePosixPath(m.filename).name for m in wanted], key, [m.filename for m in wanted])
            problem = inflates_beyond_limit(name, wanted, instead)
            if problem:
                raise problem
            for member in wanted:
                members.files[PurePosixPath(member.filename).name] = _inflate(name, archive, member)
            return members
    except zipfile.BadZipFile as exc:
        raise refused(name, f"not a readable .zip archive ({exc})") from None


def _select(
    name: str, infos: list[zipfile.ZipInfo], suffixes: tuple[str, ...], members: Members
) -> list[zipfile.ZipInfo]:
    wanted = []
    for info in infos:
        path = PurePosixPath(info.filename.replace("\\", "/"))
        why = forbidden_character(info.filename)
        if why:
            raise refused(name, f"the name of a file in it {why}")
        if info.is_dir():
            continue
        if _ARCHIVER_FOLDERS & set(path.parts) or path.name.startswith("._"):
            members.not_read.append(Problem(name, None, "", f"{info.filename}: archiver's metadata, not read"))
        elif path.name.lower().endswith(suffixes):
            wanted.append(info)
        else:
            members.not_read.append(
                Problem(name, None, "", f"{info.filename}: not a {'/'.join(suffixes)} file: not read")
            )
    return sorted(wanted, key=lambda m: m.filename)


def _inflate(name: str, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    if member.flag_bits & 0x1:
        raise refused(name, f"{member.filename} is encrypted; Lineage reads archives without a password")
    try:
        return archive.read(member)
    except NotImplementedError as exc:  # a compression method Python's zipfile lacks (Deflate64, ...)
        raise refused(name, f"{member.filename}: {exc}; save the archive with plain zip compression") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise refused(name, f"not a readable .zip archive ({exc})") from None


def inflates_beyond_limit(name: str, members: Iterable[zipfile.ZipInfo], instead: str = "") -> CascadeFileError | None:
    """Why `members` of archive `name` are not inflated, if their sizes add up to more than
    LINEAGE_MAX_INFLATED_BYTES. Those sizes are the sender's word, but zipfile holds it to them:
    it never inflates a member beyond its stated size, and one holding more fails its CRC check."""
    inflated = sum(m.file_size for m in members)
    if inflated <= limits.limit("LINEAGE_MAX_INFLATED_BYTES"):
        return None
    return limits.exceeded(
        name,
        f"its files inflate to {limits.megabytes(inflated)}" + (f" ({instead})" if instead else ""),
        "LINEAGE_MAX_INFLATED_BYTES",
    )


def _check_count(name: str, count: int) -> None:
    if count > limits.limit("LINEAGE_MAX_ARCHIVE_FILES"):
        raise limits.exceeded(name, f"it holds {count:,} files", "LINEAGE_MAX_ARCHIVE_FILES")


def _check_names(name: str, names: list[str], key: Callable[[str], str], full: list[str] | None = None) -> None:
    """Two files read as the same table would silently replace one another: refuse them."""
    seen: dict[str, str] = {}
    for short, written in zip(names, full or names, strict=True):
        k = key(short)
        if k in seen:
            raise refused(
                name, f"{seen[k]} and {written} would be read as the same table; keep one of them (or rename one)"
            )
        seen[k] = written
