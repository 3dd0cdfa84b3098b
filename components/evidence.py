"""Evidence: the sentence behind a tie, event or quote, highlighted in its paragraph, with its article.

Article text is untrusted: every piece of it goes through ``html.escape`` before our own ``<mark>``
and ``<b>`` tags wrap it, and the result is shown with ``st.html`` (which also sanitizes), so a
``<script>`` in an article is shown as text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import streamlit as st

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

EVIDENCE_CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.2rem; }
[data-testid="stSidebarUserContent"] { padding-top: 1rem; }
.ng-evidence { border-left: 4px solid #0072B2; background: #f7f8fa; padding: 0.55rem 0.9rem;
  margin: 0.35rem 0 0.6rem 0; border-radius: 0 6px 6px 0; line-height: 1.5; }
.ng-evidence mark { background: #ffe28a; color: inherit; padding: 0 0.12em; border-radius: 2px; }
.ng-evidence .ng-meta { color: #5a5a5a; font-size: 0.85rem; margin-top: 0.35rem; }
.ng-evidence .ng-meta a { color: #0b5c99; }
.ng-evidence .ng-kind { display: inline-block; font-size: 0.75rem; border: 1px solid #8a8a8a;
  border-radius: 10px; padding: 0 0.45rem; margin-right: 0.35rem; color: #3a3a3a; }
.ng-quote { font-size: 1.02rem; }
.ng-quote .ng-speaker { font-weight: 600; }
.ng-muted { color: #6b6b6b; }
</style>
"""


@dataclass(frozen=True)
class Evidence:
    sentence: str
    sentence_start: int | None
    sentence_end: int | None
    article_title: str | None
    published: date | None
    article_source: str | None
    kind: str | None = None  # a small label shown before the text ("agreement", "direct quote")


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` clipped to the text and without the spaces and line breaks at its ends."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph(s) around ``text[start:end]``: from the break before it to the break after it."""
    start, end = trim_span(text, start, end)
    before = [m.end() for m in _PARAGRAPH_BREAK.finditer(text, 0, start)]
    after = _PARAGRAPH_BREAK.search(text, end)
    return (before[-1] if before else 0), (after.start() if after else len(text))


def _emphasis_spans(text: str, start: int, end: int, terms: Sequence[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for term in sorted({t for t in terms if t and t.strip()}, key=len, reverse=True):
        for match in re.finditer(re.escape(term), text[start:end]):
            span = (start + match.start(), start + match.end())
            if all(span[1] <= s or span[0] >= e for s, e in spans):
                spans.append(span)
    return sorted(spans)


def highlight_html(
    text: str, start: int, end: int, *, window: tuple[int, int] | None = None, emphasis: Sequence[str] = ()
) -> str:
    """Escaped ``text[window]`` with ``[start, end)`` in ``<mark>`` and ``emphasis`` terms in bold."""
    lo, hi = window if window is not None else (0, len(text))
    start, end = trim_span(text, max(lo, start), min(hi, end))
    if start >= end:
        return html.escape(text[lo:hi])
    pieces = [html.escape(text[lo:start]), "<mark>"]
    cursor = start
    for s, e in _emphasis_spans(text, start, end, emphasis):
        pieces += [html.escape(text[cursor:s]), "<b>", html.escape(text[s:e]), "</b>"]
        cursor = e
    pieces += [html.escape(text[cursor:end]), "</mark>", html.escape(text[end:hi])]
    return "".join(pieces).replace("\n", "<br>")


def safe_link(url: str | None, label: str | None = None) -> str:
    """An escaped link for web addresses; anything else (a file path) as plain escaped text."""
    if not url:
        return ""
    shown = html.escape(label or url)
    if re.match(r"^https?://", url, re.IGNORECASE):
        return f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">{shown}</a>'
    return shown


def format_date(value) -> str:
    if value is None:
        return "undated"
    try:
        if value != value:  # NaT / NaN
            return "undated"
    except TypeError:
        pass
    if isinstance(value, (date, datetime)) or hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)[:10]


def meta_html(item: Evidence) -> str:
    title = html.escape(item.article_title or "Untitled article")
    parts = [f"<b>{title}</b>", html.escape(format_date(item.published))]
    if item.article_source:
        parts.append(safe_link(item.article_source, _short_source(item.article_source)))
    return " · ".join(parts)


def evidence_html(item: Evidence, *, text: str | None = None, emphasis: Sequence[str] = ()) -> str:
    """The evidence card: the paragraph with the sentence marked (or the sentence alone), then the article."""
    if text and item.sentence_start is not None and item.sentence_end is not None:
        window = paragraph_bounds(text, int(item.sentence_start), int(item.sentence_end))
        body = highlight_html(text, int(item.sentence_start), int(item.sentence_end), window=window, emphasis=emphasis)
    else:
        body = highlight_html(item.sentence or "", 0, len(item.sentence or ""), emphasis=emphasis)
    kind = f'<span class="ng-kind">{html.escape(item.kind)}</span>' if item.kind else ""
    return f'<div class="ng-evidence">{kind}{body}<div class="ng-meta">{meta_html(item)}</div></div>'


def _short_source(source: str) -> str:
    """The site of a web address ('en.kremlin.ru'), or the file name of a path."""
    match = re.match(r"^https?://(?:www\.)?([^/]+)", source, re.IGNORECASE)
    if match:
        return match.group(1)
    return source.rsplit("/", 1)[-1]


def evidence_from_row(row, *, kind: str | None = None) -> Evidence:
    """An ``Evidence`` from a query row (relations, events, quotes all share these column names)."""
    get = row.get if hasattr(row, "get") else (lambda k, d=None: getattr(row, k, d))
    start, end = get("sentence_start"), get("sentence_end")
    return Evidence(
        sentence=get("sentence") or "",
        sentence_start=None if start is None or start != start else int(start),
        sentence_end=None if end is None or end != end else int(end),
        article_title=get("article_title"),
        published=get("published"),
        article_source=get("article_source"),
        kind=kind,
    )


# ------------------------------------------------------------------------------------------------
# Streamlit


def render_evidence(item: Evidence, *, text: str | None = None, emphasis: Sequence[str] = ()) -> None:
    st.html(evidence_html(item, text=text, emphasis=emphasis))
