"""Read article files into ``Article`` values.

Formats: plain text (``.txt``, with the header lines scraped pages carry), Markdown, HTML (through
trafilatura, offline), JSON (one object or an array), JSON Lines and CSV. A folder is read
recursively. Reading never raises for bad input: every problem becomes a ``SourceProblem`` that names
the file (and line) so a batch can go on with the rest.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from newsgraph import config
from newsgraph.dates import parse_header_date

TEXT_FIELDS = ("text", "body", "content")
TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = ("published", "date")
SOURCE_FIELDS = ("url", "source")
LICENSE_FIELDS = ("license", "licence")

SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".ndjson", ".csv")


@dataclass(frozen=True)
class Article:
    title: str | None
    published: date | None
    source: str | None
    text: str
    license: str | None = None
    origin: str = ""  # where it was read from: "folder/file.jsonl:3"

    @property
    def id(self) -> str:
        return article_id(self.text)

    @property
    def words(self) -> int:
        return len(re.findall(r"\w+", self.text))

    def ref(self) -> ArticleRef:
        return ArticleRef(id=self.id, title=self.title, published=self.published, source=self.source,
                          origin=self.origin, words=self.words)


@dataclass(frozen=True)
class ArticleRef:
    """An article without its text: what a report of a long run keeps to name and count it."""

    id: str
    title: str | None
    published: date | None
    source: str | None
    origin: str
    words: int


@dataclass(frozen=True)
class SourceProblem:
    """A file (or one record in it) that could not be read; ``fatal`` False means read with a warning."""

    origin: str
    reason: str
    fatal: bool = True

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


@dataclass
class ReadResult:
    articles: list[Article] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)

    @property
    def failures(self) -> list[SourceProblem]:
        return [p for p in self.problems if p.fatal]

    @property
    def warnings(self) -> list[SourceProblem]:
        return [p for p in self.problems if not p.fatal]


def normalized_text(text: str) -> str:
    """The text as compared for identity: Unicode-normalized, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def article_id(text: str) -> str:
    return hashlib.sha256(normalized_text(text).encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------------------------
# Entry points


def read_paths(paths: Iterable[str | Path], *, published: date | None = None) -> ReadResult:
    """Read files and folders; ``published`` overrides every article's date."""
    result = ReadResult()
    for path in paths:
        for item in iter_path(Path(path)):
            if isinstance(item, SourceProblem):
                result.problems.append(item)
            else:
                result.articles.append(replace(item, published=published) if published else item)
    return result


def iter_path(path: Path) -> Iterator[Article | SourceProblem]:
    if not path.exists():
        yield SourceProblem(str(path), "no such file or folder")
    elif path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if any(part.startswith(".") for part in child.relative_to(path).parts):
                continue
            if child.suffix.lower() not in SUPPORTED_SUFFIXES:
                yield SourceProblem(str(child), f"skipped: {child.suffix or 'no'} extension is not an article format", fatal=False)
                continue
            yield from iter_file(child)
    else:
        yield from iter_file(path)


def iter_file(path: Path) -> Iterator[Article | SourceProblem]:
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > config.max_file_bytes():
            yield SourceProblem(origin, _too_large(size))
            return
        data = path.read_bytes()
    except OSError as error:
        yield SourceProblem(origin, f"cannot read: {error.strerror or error}")
        return
    yield from iter_bytes(data, name=path.name, origin=origin)


def iter_bytes(data: bytes, *, name: str, origin: str | None = None) -> Iterator[Article | SourceProblem]:
    """Read one file's content; ``name`` gives the format by its extension (used for uploads too)."""
    origin = origin or name
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        yield SourceProblem(origin, f"unsupported file type {suffix or '(no extension)'}; expected one of {', '.join(SUPPORTED_SUFFIXES)}")
        return
    if len(data) > config.max_file_bytes():
        yield SourceProblem(origin, _too_large(len(data)))
        return
    if not data.strip():
        yield SourceProblem(origin, "empty file")
        return
    if _looks_binary(data):
        yield SourceProblem(origin, "binary file, not text")
        return
    text, warning = decode(data)
    if warning:
        yield SourceProblem(origin, warning, fatal=False)
    stem = Path(name).stem
    if suffix in (".json",):
        yield from _from_json(text, origin)
    elif suffix in (".jsonl", ".ndjson"):
        yield from _from_json_lines(text, origin)
    elif suffix == ".csv":
        yield from _from_csv(text, origin)
    elif suffix in (".html", ".htm"):
        yield _from_html(text, origin, stem)
    elif suffix in (".md", ".markdown"):
        yield _checked(_from_markdown(text, origin, stem))
    else:
        yield _checked(from_plain_text(text, origin=origin, fallback_title=stem))


def _too_large(size: int) -> str:
    return (
        f"file is {human_size(size)}, over the {config.MAX_FILE_MB.get()} MB limit "
        f"(set {config.MAX_FILE_MB.name} to change it)"
    )


def human_size(size: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


def _checked(article: Article | SourceProblem) -> Article | SourceProblem:
    if isinstance(article, Article) and not article.text.strip():
        return SourceProblem(article.origin, "no article text")
    return article


# --------------------------------------------------------------------------------------------
# Bytes to text


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 text has NULs too; it carries a byte order mark.
        return not head.startswith((b"\xff\xfe", b"\xfe\xff"))
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode bytes as UTF-8, else the encoding charset-normalizer finds, with a warning."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        first_bad = error.start
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding not in ("utf_8", "utf-8"):
        return str(best), f"not valid UTF-8 (first bad byte at offset {first_bad}); decoded as {best.encoding}"
    return data.decode("utf-8", errors="replace"), (
        f"not valid UTF-8 (first bad byte at offset {first_bad}); undecodable bytes replaced with \ufffd"
    )


# --------------------------------------------------------------------------------------------
# Structured formats


def _field(record: dict, names: tuple[str, ...]) -> object:
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    for name in names:
        value = lowered.get(name)
        if value not in (None, ""):
            return value
    return None


def from_record(record: object, origin: str) -> Article | SourceProblem:
    """One JSON object or CSV row: ``text`` (or body/content), optional title, published, url."""
    if not isinstance(record, dict):
        return SourceProblem(origin, f"expected an object with a text field, found {type(record).__name__}")
    text = _field(record, TEXT_FIELDS)
    if not isinstance(text, str) or not text.strip():
        return SourceProblem(origin, f"no article text (expected a non-empty field: {', '.join(TEXT_FIELDS)})")
    title = _field(record, TITLE_FIELDS)
    source = _field(record, SOURCE_FIELDS)
    license_ = _field(record, LICENSE_FIELDS)
    raw_date = _field(record, DATE_FIELDS)
    published = parse_header_date(str(raw_date)) if raw_date is not None else None
    article = Article(
        title=str(title).strip() if title else None,
        published=published,
        source=str(source).strip() if source else None,
        text=normalize_body(text),
        license=str(license_).strip() if license_ else None,
        origin=origin,
    )
    if raw_date is not None and published is None:
        # Kept without a date rather than refused: the text is still worth having.
        return _with_warning(article, f"published {raw_date!r} is not a full date; kept without a date")
    return article


@dataclass(frozen=True)
class _ArticleWithWarning:
    article: Article
    warning: SourceProblem


def _with_warning(article: Article, message: str) -> _ArticleWithWarning:
    return _ArticleWithWarning(article, SourceProblem(article.origin, message, fatal=False))


def _emit(item: Article | SourceProblem | _ArticleWithWarning) -> Iterator[Article | SourceProblem]:
    if isinstance(item, _ArticleWithWarning):
        yield item.warning
        yield item.article
    else:
        yield item


def _from_json(text: str, origin: str) -> Iterator[Article | SourceProblem]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        yield SourceProblem(f"{origin}:{error.lineno}", f"invalid JSON: {error.msg} (column {error.colno})")
        return
    records = data if isinstance(data, list) else [data]
    if not records:
        yield SourceProblem(origin, "empty JSON array")
    for index, record in enumerate(records):
        yield from _emit(from_record(record, f"{origin}[{index}]" if isinstance(data, list) else origin))


def _from_json_lines(text: str, origin: str) -> Iterator[Article | SourceProblem]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield SourceProblem(f"{origin}:{number}", f"invalid JSON: {error.msg} (column {error.colno})")
            continue
        yield from _emit(from_record(record, f"{origin}:{number}"))


def _from_csv(text: str, origin: str) -> Iterator[Article | SourceProblem]:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    columns = [c.strip().lower() for c in (reader.fieldnames or [])]
    if not any(c in TEXT_FIELDS for c in columns):
        found = ", ".join(reader.fieldnames or []) or "none"
        yield SourceProblem(origin, f"no text column (expected one of: {', '.join(TEXT_FIELDS)}; found: {found})")
        return
    try:
        for row in reader:
            yield from _emit(from_record(row, f"{origin}:{reader.line_num}"))
    except csv.Error as error:
        yield SourceProblem(f"{origin}:{reader.line_num}", f"malformed CSV: {error}")


# --------------------------------------------------------------------------------------------
# Documents


def _from_html(text: str, origin: str, fallback_title: str) -> Article | SourceProblem:
    import trafilatura

    extracted = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, favor_precision=True, url=None
    )
    if extracted is None:
        return SourceProblem(origin, "no article text found in the HTML")
    meta = extracted if isinstance(extracted, dict) else extracted.as_dict()
    body = meta.get("text") or ""
    if not body.strip():
        return SourceProblem(origin, "no article text found in the HTML")
    published = parse_header_date(meta["date"]) if meta.get("date") else None
    return Article(
        title=(meta.get("title") or fallback_title).strip(),
        published=published,
        source=meta.get("url") or origin,
        text=normalize_body(body),
        license=meta.get("license"),
        origin=origin,
    )


_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


def _from_markdown(text: str, origin: str, fallback_title: str) -> Article | SourceProblem:
    from markdown_it import MarkdownIt

    fields: dict[str, str] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        for line in match.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep:
                fields[key.strip().lower()] = value.strip().strip("'\"")
        text = text[match.end():]

    title = fields.get("title")
    blocks: list[str] = []
    inline: list[str] = []
    for token in MarkdownIt("commonmark").parse(text):
        if token.type == "heading_open" and token.tag == "h1" and title is None:
            inline = ["\x00title"]
        elif token.type == "inline":
            inline.extend(_markdown_inline_text(token))
        elif token.type in ("paragraph_close", "heading_close") and inline:
            if inline[0] == "\x00title":
                title = "".join(inline[1:]).strip()
            else:
                blocks.append("".join(inline).strip())
            inline = []
        elif token.type in ("fence", "code_block"):
            continue
    raw_date = fields.get("published") or fields.get("date")
    published = parse_header_date(raw_date) if raw_date else None
    body = "\n\n".join(b for b in blocks if b)
    header = split_header(body)
    return Article(
        title=title or header.title or fallback_title,
        published=published or header.published,
        source=fields.get("url") or fields.get("source") or origin,
        text=header.body,
        license=fields.get("license"),
        origin=origin,
    )


def _markdown_inline_text(token) -> list[str]:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return parts


def from_plain_text(text: str, *, origin: str, fallback_title: str | None = None) -> Article:
    header = split_header(text)
    return Article(
        title=header.title or fallback_title,
        published=header.published,
        source=origin,
        text=header.body,
        origin=origin,
    )


# --------------------------------------------------------------------------------------------
# Header lines and site furniture of scraped text

_DATE_LINE = re.compile(
    r"^(?:date of publication|date published|publication date|published(?: on)?|posted(?: on)?|date|updated)\s*[:\-–]?\s*(?P<date>.+)$",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?…:;\"”»)]$")
MAX_HEADER_LINES = 6


@dataclass(frozen=True)
class Header:
    title: str | None
    published: date | None
    body: str


def _is_furniture(line: str, max_words: int = 3) -> bool:
    """Site furniture: a lone symbol, a number, a short label without sentence punctuation."""
    words = re.findall(r"\w+", line)
    if not words:
        return True
    if all(w.isdigit() for w in words):
        return True
    return len(words) <= max_words and not _SENTENCE_END.search(line)


def _is_headline(line: str) -> bool:
    words = re.findall(r"\w+", line)
    return 2 <= len(words) <= 30 and not line.rstrip().endswith((".", ",", ";", ":"))


def split_header(text: str) -> Header:
    """Read a scraped page's header (title line, date line) and drop furniture at both ends."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    title: str | None = None
    published: date | None = None

    start = 0
    seen = 0
    while start < len(lines) and seen < MAX_HEADER_LINES:
        line = lines[start]
        if not line:
            start += 1
            continue
        date_match = _DATE_LINE.match(line)
        if date_match and parse_header_date(date_match.group("date")):
            published = parse_header_date(date_match.group("date"))
            start += 1
            seen += 1
            break
        if published is None and len(line) < 40 and parse_header_date(line):
            published = parse_header_date(line)
            start += 1
            seen += 1
            continue
        if title is None and _is_headline(line) and _next_text_line(lines, start) is not None:
            title = line
            start += 1
            seen += 1
            continue
        if title is None and _is_furniture(line):
            start += 1
            seen += 1
            continue
        break
    if title is not None and published is None:
        # A headline-like first line is a title only where a page header clearly follows it; an
        # ordinary paragraph that happens to lack a full stop stays part of the body.
        title_index = next(i for i, line in enumerate(lines) if line == title)
        if not _blank_follows(lines, title_index):
            title = None
            start = title_index

    end = len(lines)
    # Trailing labels ("Comments", "Read on the topic", "Share this article") run a little longer.
    while end > start and (not lines[end - 1] or _is_furniture(lines[end - 1], max_words=6)):
        end -= 1
    return Header(title=title, published=published, body=normalize_body("\n".join(lines[start:end])))


def _next_text_line(lines: list[str], index: int) -> int | None:
    for i in range(index + 1, len(lines)):
        if lines[i]:
            return i
    return None


def _blank_follows(lines: list[str], index: int) -> bool:
    return index + 1 < len(lines) and not lines[index + 1]


def normalize_body(text: str) -> str:
    """Paragraphs separated by one blank line; hard-wrapped lines inside a paragraph re-joined.

    A block whose lines are all long is a hard-wrapped paragraph; otherwise each line of the block
    is a paragraph of its own (a headline, a kicker or a list line must not glue onto the next).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [re.sub(r"[ \t]+", " ", line).strip() for line in block.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        if len(lines) > 1 and _hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return "\n\n".join(paragraphs)


def _hard_wrapped(lines: list[str]) -> bool:
    body_lines = lines[:-1]  # the last line of a wrapped paragraph is short
    if not all(len(line) >= 50 for line in body_lines):
        return False
    # A wrapped line ends mid-sentence more often than not.
    mid_sentence = sum(1 for line in body_lines if not _SENTENCE_END.search(line))
    return mid_sentence * 2 >= len(body_lines)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs of a normalized body."""
    spans = []
    for match in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        spans.append((match.start(), match.end()))
    return spans
