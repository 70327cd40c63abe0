"""The pre-pass every uploaded .xlsx goes through before any spreadsheet library sees it.

Why: python-calamine builds a dense grid from the cells it finds (``Range::from_sparse``), so
a 1.5 KB file with one cell at XFD1048576 asks for 549 GB and the process aborts (Rust's
allocation failure is an ``abort()``, not an exception; tafia/calamine#693). This pass reads
the package as a stream with a hard bound on every dimension and refuses a file before a
reader can allocate by it — whatever the reader's version:

- the zip: at most ``MAX_PARTS`` parts, each part's declared size and its real decompressed
  size bounded (a part that inflates past its declared size or past the cap stops the
  read), and a part larger than 1 MB may not inflate more than ``MAX_RATIO`` times (zip
  bombs inflate a thousandfold);
- every XML part a reader will parse is parsed with defusedxml (no DTD, no entity
  declarations, no external references: XXE and "billion laughs" are refused);
- no external links (``xl/externalLinks/``) and no macros;
- the first worksheet, streamed: the declared ``<dimension>`` is read but not trusted; the
  real extent of the cells that carry a value (what calamine allocates by) must stay within
  ``MAX_ROWS`` + 1 rows and ``MAX_COLS`` columns; no formula anywhere; no cell and no shared
  string longer than ``MAX_CELL_CHARS`` (Excel's own limit).

It imports nothing from Django: it runs in the memory-capped child process
(``child.py``) as well as in tests. Problems are raised as ``Refused(code, **params)``;
the caller turns the code into a message in the user's language.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from xml.parsers import expat

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_PARTS = 500
MAX_SHEET_BYTES = 256 * 1024 * 1024
MAX_STRINGS_BYTES = 128 * 1024 * 1024
MAX_OTHER_BYTES = 16 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_RATIO = 200
MAX_ROWS = 100_000  # data rows; the header is one more
MAX_COLS = 64
MAX_CELL_CHARS = 32_767

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STRICT_REL_NS = "http://purl.oclc.org/ooxml/officeDocument/relationships"


class Refused(Exception):
    """The file is refused; ``code`` names why, ``params`` fill the message."""

    def __init__(self, code: str, **params):
        super().__init__(code, params)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Facts:
    """What the pass found in the first worksheet."""

    sheet: str  # the part's path, e.g. xl/worksheets/sheet1.xml
    sheet_name: str
    declared: str  # the <dimension ref>, "" when absent
    rows: int  # last row holding a value (1-based), 0 for an empty sheet
    cols: int  # last column holding a value (1-based)
    cells: int  # cells holding a value


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def col_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n


def col_letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


class _Bounded(io.RawIOBase):
    """A decompressing stream that stops at ``limit`` bytes, whatever the zip header says."""

    def __init__(self, raw, limit: int, name: str):
        self.raw, self.limit, self.name, self.seen = raw, limit, name, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        chunk = self.raw.read(min(len(buf), 1 << 16))
        self.seen += len(chunk)
        if self.seen > self.limit:
            raise Refused("part_too_large", part=self.name, limit=self.limit)
        buf[: len(chunk)] = chunk
        return len(chunk)


def _open(z: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int):
    return io.BufferedReader(_Bounded(z.open(info), min(limit, info.file_size), info.filename))


def _parse(z: zipfile.ZipFile, info: zipfile.ZipInfo):
    """A small XML part, parsed with defusedxml (no DTD, no entities)."""
    with _open(z, info, MAX_OTHER_BYTES) as f:
        try:
            return DET.parse(f, forbid_dtd=True).getroot()
        except DefusedXmlException as exc:
            raise Refused("xml_dtd", part=info.filename) from exc
        except DET.ParseError as exc:
            raise Refused("xml_broken", part=info.filename) from exc


def _stream(z: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, handler: _Handler) -> None:
    """Feed a large part to expat with defusedxml's protections (a DOCTYPE is refused, so no
    entity can be declared, and no external entity is ever fetched). Plain expat with
    callbacks, because defusedxml's ``iterparse`` runs on the pure-Python tree builder and
    takes four times as long over a 100,000-row sheet."""
    p = expat.ParserCreate()
    p.buffer_text = True
    p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def forbid(*_args):
        raise Refused("xml_dtd", part=info.filename)

    p.StartDoctypeDeclHandler = forbid
    p.EntityDeclHandler = forbid
    p.UnparsedEntityDeclHandler = forbid
    p.ExternalEntityRefHandler = forbid
    p.StartElementHandler = handler.start
    p.EndElementHandler = handler.end
    p.CharacterDataHandler = handler.text
    with _open(z, info, limit) as f:
        try:
            while chunk := f.read(1 << 16):
                p.Parse(chunk, False)
            p.Parse(b"", True)
        except expat.ExpatError as exc:
            raise Refused("xml_broken", part=info.filename) from exc


class _Handler:
    def start(self, name: str, attrs: dict) -> None: ...

    def end(self, name: str) -> None: ...

    def text(self, data: str) -> None: ...


def _rels(z: zipfile.ZipFile, parts: dict, path: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (target part path, target mode) for the part at ``path``."""
    folder, name = posixpath.split(path)
    rels_path = posixpath.join(folder, "_rels", name + ".rels")
    if rels_path not in parts:
        return {}
    out = {}
    for rel in _parse(z, parts[rels_path]):
        target = rel.get("Target", "")
        mode = rel.get("TargetMode", "")
        if mode != "External":
            target = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
        out[rel.get("Id", "")] = (target, mode)
    return out


def _first_sheet(z: zipfile.ZipFile, parts: dict) -> tuple[str, str]:
    book_path = "xl/workbook.xml"
    if "_rels/.rels" in parts:
        for rel in _parse(z, parts["_rels/.rels"]):
            if rel.get("Type", "").endswith("/officeDocument"):
                book_path = rel.get("Target", "").lstrip("/")
                break
    if book_path not in parts:
        raise Refused("not_xlsx")
    root = _parse(z, parts[book_path])
    sheets = [el for el in root.iter() if _local(el.tag) == "sheet"]
    if not sheets:
        raise Refused("no_sheet")
    first = sheets[0]
    rid = first.get(f"{{{_REL_NS}}}id") or first.get(f"{{{_STRICT_REL_NS}}}id") or ""
    target = _rels(z, parts, book_path).get(rid, ("", ""))[0]
    if target not in parts:
        raise Refused("no_sheet")
    return target, first.get("name", "")


def _check_parts(z: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos = z.infolist()
    if len(infos) > MAX_PARTS:
        raise Refused("too_many_parts", n=len(infos), limit=MAX_PARTS)
    parts = {i.filename: i for i in infos}
    if "[Content_Types].xml" not in parts:
        raise Refused("not_xlsx")
    total = 0
    for info in infos:
        name = info.filename
        if name.startswith("xl/externalLinks/"):
            raise Refused("external_link")
        if name.lower().endswith(("vbaproject.bin", ".bin")) and "vba" in name.lower():
            raise Refused("macro")
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise Refused("bomb", part=name)
        if info.file_size > (1 << 20) and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise Refused("bomb", part=name)
    return parts


class _Strings(_Handler):
    """The shared strings: each no longer than a cell may be."""

    def __init__(self):
        self.count = 0
        self.length = 0
        self.in_t = False

    def start(self, name, attrs):
        if name.rsplit(":", 1)[-1] == "t":
            self.in_t = True

    def end(self, name):
        local = name.rsplit(":", 1)[-1]
        if local == "t":
            self.in_t = False
        elif local == "si":
            self.count += 1
            self.length = 0

    def text(self, data):
        if self.in_t:
            self.length += len(data)
            if self.length > MAX_CELL_CHARS:
                raise Refused("cell_too_long", cell=f"#{self.count + 1}", limit=MAX_CELL_CHARS)


class _Sheet(_Handler):
    """The first worksheet: real extent of valued cells, formulas, cell lengths. Called for
    every element of a sheet that may hold a million of them, so it is written for speed."""

    def __init__(self, strings: int, part: str):
        self.strings, self.part = strings, part
        self.declared = ""
        self.max_row = self.max_col = self.cells = 0
        self.row = self.col = 0
        self.shared = False
        self.has_value = False
        self.text_len = 0
        self.in_text = False
        self.value = ""
        self.columns: dict[str, int] = {}

    def _cell(self) -> str:
        return f"{col_letters(self.col)}{self.row}"

    def start(self, name, attrs):
        if ":" in name:
            name = name.rsplit(":", 1)[1]
        if name == "c":
            ref = attrs.get("r")
            if ref:
                letters = ref.rstrip("0123456789")
                col = self.columns.get(letters)
                if col is None:
                    col = self.columns[letters] = col_number(letters.lstrip("$"))
                digits = ref[len(letters) :]
                if not digits or not letters:
                    raise Refused("xml_broken", part=self.part)
                self.col, self.row = col, int(digits)
            else:
                self.col += 1
            self.shared = attrs.get("t") == "s"
            self.has_value = False
            self.text_len = 0
            self.value = ""
        elif name == "v" or name == "t":
            self.has_value = self.in_text = True
        elif name == "is":
            self.has_value = True
        elif name == "f":
            raise Refused("formula", cell=self._cell())
        elif name == "row":
            r = attrs.get("r", "")
            self.row = int(r) if r.isdigit() else self.row + 1
            self.col = 0
        elif name == "dimension":
            self.declared = attrs.get("ref", "")

    def text(self, data):
        if self.in_text:
            self.text_len += len(data)
            if self.text_len > MAX_CELL_CHARS:
                raise Refused("cell_too_long", cell=self._cell(), limit=MAX_CELL_CHARS)
            if self.shared:
                self.value += data

    def end(self, name):
        if ":" in name:
            name = name.rsplit(":", 1)[1]
        if name == "v" or name == "t":
            self.in_text = False
        elif name == "c" and self.has_value:
            self.cells += 1
            row, col = self.row, self.col
            if row > MAX_ROWS + 1 or row < 1:
                raise Refused("too_many_rows", cell=self._cell(), limit=MAX_ROWS)
            if col > MAX_COLS or col < 1:
                raise Refused("too_many_cols", cell=self._cell(), limit=MAX_COLS)
            if self.shared:
                v = self.value.strip()
                if not v.isdigit() or int(v) >= self.strings:
                    raise Refused("xml_broken", part=self.part)
            if row > self.max_row:
                self.max_row = row
            if col > self.max_col:
                self.max_col = col


def inspect(data: bytes) -> Facts:
    """Check an uploaded .xlsx (module docstring); raises ``Refused`` or returns what it found."""
    if len(data) > MAX_FILE_BYTES:
        raise Refused("file_too_large", limit=MAX_FILE_BYTES)
    if not data.startswith(b"PK\x03\x04"):
        raise Refused("not_xlsx")
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise Refused("not_xlsx") from exc
    try:
        with z:
            parts = _check_parts(z)
            sheet, sheet_name = _first_sheet(z, parts)
            for name, info in parts.items():
                # every XML part a reader parses; other worksheets are never opened
                if name.endswith((".xml", ".rels")) and name != sheet:
                    if name == "xl/sharedStrings.xml" or "/worksheets/" in name:
                        continue
                    _parse(z, info)
            strings = _Strings()
            if "xl/sharedStrings.xml" in parts:
                _stream(z, parts["xl/sharedStrings.xml"], MAX_STRINGS_BYTES, strings)
            found = _Sheet(strings.count, sheet)
            _stream(z, parts[sheet], MAX_SHEET_BYTES, found)
            return Facts(
                sheet, sheet_name, found.declared, found.max_row, found.max_col, found.cells
            )
    except (zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError) as exc:
        # RuntimeError: encrypted members; NotImplementedError: unknown compression
        raise Refused("not_xlsx") from exc
