"""The Articles page's pieces: the list, the reader, the corrections. Pure builders first, then Streamlit.

Article text is untrusted. The reader escapes every piece of it with ``html.escape`` and wraps only
the mention spans in ``<mark>`` tags built here; names, titles and messages that go through
Streamlit's markdown are escaped with ``captions.md``. Nothing an article says is ever markup.
"""

from __future__ import annotations

import functools
import html
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from components.evidence import _short_source, format_date, safe_link
from components.quotes import KIND_LABELS
from components.style import TYPE_STYLES, type_label, type_style
from newsgraph import config
from newsgraph.resolve import Rule
from newsgraph.sources import paragraph_spans

ROOT = Path(__file__).resolve().parent.parent
VIEWS = ("Read", "Add", "Correct")
ACTIONS = {
    "merge": "Merge",
    "rename": "Rename",
    "split": "Split",
    "hide": "Hide",
}


# ------------------------------------------------------------------------------------------------
# The list


def articles_table(articles: pd.DataFrame) -> pd.DataFrame:
    """The list as shown: title, date, source site, counts; article text never goes in a table cell."""
    return pd.DataFrame(
        {
            "Title": [t if isinstance(t, str) and t else "Untitled article" for t in articles["title"]],
            "Published": [format_date(p) for p in articles["published"]],
            "Source": [_short_source(s) if isinstance(s, str) and s else "" for s in articles["source"]],
            "Words": articles["words"].astype("Int64"),
            "Actors": articles["actors"].astype("Int64"),
            "Events": articles["events"].astype("Int64"),
            "Quotes": articles["quotes"].astype("Int64"),
        }
    )


def list_caption(shown: int, *, search: str | None, filters_text: str, total: int) -> str:
    """'3 of 29 articles · matching “summit” · No filters', plain text (escape it for markdown)."""
    noun = "article" if total == 1 else "articles"
    parts = [f"{shown:,} of {total:,} {noun}" if shown != total else f"{total:,} {noun}"]
    if search:
        parts.append(f"title or text containing “{search}”")
    parts.append(filters_text)
    return " · ".join(parts)


# ------------------------------------------------------------------------------------------------
# The reader: the text with its mentions marked


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entity_id: str
    name: str
    type: str


def mentions_from(frame: pd.DataFrame) -> list[Mention]:
    """``queries.article_mentions`` rows as values; rows without offsets are dropped."""
    found = []
    for row in frame.itertuples(index=False):
        if row.start is None or row.end is None or row.start != row.start or row.end != row.end:
            continue
        found.append(Mention(int(row.start), int(row.end), str(row.entity_id), str(row.name), str(row.type)))
    return found


def chosen_mentions(text: str, mentions: Iterable[Mention]) -> list[Mention]:
    """The mentions to mark: inside the text, on one line, not overlapping (the longer one wins)."""
    ordered = sorted(
        (m for m in mentions if 0 <= m.start < m.end <= len(text) and "\n" not in text[m.start:m.end]),
        key=lambda m: (m.start, -(m.end - m.start)),
    )
    kept: list[Mention] = []
    for mention in ordered:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def type_class(code: str | None) -> str:
    """A CSS class for an entity type; anything but letters, digits and '-' is dropped."""
    return "ng-t-" + (re.sub(r"[^A-Za-z0-9-]", "", code or "") or "OTHER")


def mark_html(text: str, mention: Mention, *, focus: bool) -> str:
    label = f"{mention.name} · {type_label(mention.type)}"
    classes = f"ng-ent {type_class(mention.type if mention.type in TYPE_STYLES else None)}" + (" ng-focus" if focus else "")
    return (
        f'<mark class="{classes}" title="{html.escape(label, quote=True)}" '
        f'data-entity="{html.escape(mention.entity_id, quote=True)}">{html.escape(text[mention.start:mention.end])}</mark>'
    )


def article_html(
    text: str,
    mentions: Iterable[Mention],
    *,
    focus: Sequence[str] = (),
    types: Sequence[str] = (),
) -> str:
    """The article, escaped, one ``<p>`` per paragraph, mentions in ``<mark>`` (of ``types`` only, when given);
    mentions of the ``focus`` entities (the filter's actors) stand out."""
    wanted = [m for m in mentions if not types or m.type in types]
    marks = chosen_mentions(text, wanted)
    focused = set(focus)
    paragraphs = []
    cursor = 0
    for start, end in paragraph_spans(text) or [(0, len(text))]:
        pieces = []
        position = start
        while cursor < len(marks) and marks[cursor].start < end:
            mention = marks[cursor]
            cursor += 1
            if mention.start < position or mention.end > end:
                continue  # a mention across a paragraph break is left unmarked
            pieces.append(html.escape(text[position:mention.start]))
            pieces.append(mark_html(text, mention, focus=mention.entity_id in focused))
            position = mention.end
        pieces.append(html.escape(text[position:end]))
        paragraphs.append("<p>" + "".join(pieces).replace("\n", "<br>") + "</p>")
    return '<div class="ng-article">' + "".join(paragraphs) + "</div>"


def _tint(colour: str, alpha: float) -> str:
    value = colour.lstrip("#")
    red, green, blue = (int(value[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red}, {green}, {blue}, {alpha})"


def reader_css() -> str:
    """Styles of the reader: one tint and underline per entity type (the app's type colours)."""
    rules = [
        ".ng-article { font-size: 1.03rem; line-height: 1.7; max-width: 48rem; }",
        ".ng-article p { margin: 0 0 0.85rem 0; }",
        ".ng-article mark.ng-ent, .ng-legend mark.ng-ent { color: inherit; padding: 0 0.12em; border-radius: 2px; }",
        ".ng-article mark.ng-focus { outline: 2px solid #222222; font-weight: 600; }",
        ".ng-legend { font-size: 0.85rem; color: #4a4a4a; margin: 0.1rem 0 0.8rem 0; }",
        ".ng-legend mark { margin-right: 0.55rem; }",
        ".ng-article-meta { color: #4a4a4a; font-size: 0.92rem; margin: -0.4rem 0 0.6rem 0; }",
        ".ng-article-meta a { color: #0b5c99; }",
    ]
    for style in (*TYPE_STYLES.values(), type_style(None)):
        rules.append(
            f".{type_class(style.code)} {{ background: {_tint(style.colour, 0.2)}; "
            f"border-bottom: 2px solid {style.colour}; }}"
        )
    return "<style>\n" + "\n".join(rules) + "\n</style>"


def legend_html(types: Iterable[str], *, focus_names: Sequence[str] = ()) -> str:
    """The entity types marked in this text, each drawn as it is marked."""
    parts = []
    for code in dict.fromkeys(types):
        known = code if code in TYPE_STYLES else None
        parts.append(f'<mark class="ng-ent {type_class(known)}">{html.escape(type_label(code, plural=True))}</mark>')
    if focus_names:
        parts.append(
            f'<mark class="ng-ent ng-focus" style="background: none">{html.escape(", ".join(focus_names))}</mark> (the filter\'s actors)'
        )
    return '<div class="ng-legend">Marked: ' + " ".join(parts) + " · hover a name for its entity</div>"


def article_meta_html(article: Mapping) -> str:
    """Date · source (a link for web addresses) · licence · words · id, every value escaped."""
    parts = [f"Published {html.escape(format_date(article.get('published')))}"]
    source = article.get("source")
    if isinstance(source, str) and source:
        parts.append("Source: " + safe_link(source, _short_source(source)))
    licence = article.get("license")
    parts.append("Licence: " + html.escape(licence) if isinstance(licence, str) and licence else "Licence: not stated")
    words = article.get("words")
    if words is not None and words == words:
        parts.append(f"{int(words):,} words")
    parts.append(f"id <code>{html.escape(str(article.get('id', '')))}</code>")
    return '<div class="ng-article-meta">' + " · ".join(parts) + "</div>"


def article_entities(mentions: Sequence[Mention]) -> pd.DataFrame:
    """The entities of one article: id, name, type, mentions, most mentioned first."""
    if not mentions:
        return pd.DataFrame(columns=["id", "name", "type", "mentions"])
    frame = pd.DataFrame([(m.entity_id, m.name, m.type) for m in mentions], columns=["id", "name", "type"])
    counted = frame.groupby(["id", "name", "type"], as_index=False).size().rename(columns={"size": "mentions"})
    return counted.sort_values(["mentions", "name"], ascending=[False, True]).reset_index(drop=True)


def quote_item_html(row: Mapping) -> str:
    """A quote beside its article: kind, speaker, cue, the words; no article line (it is this one)."""
    kind = row.get("kind") or "direct"
    speaker = row.get("speaker") if isinstance(row.get("speaker"), str) and row.get("speaker") else "Unattributed"
    text = html.escape(row.get("text") or "")
    cue = row.get("cue")
    cue_html = f' <span class="ng-muted">· <i>{html.escape(cue)}</i></span>' if isinstance(cue, str) and cue else ""
    return (
        '<div class="ng-evidence ng-quote">'
        f'<span class="ng-kind">{html.escape(KIND_LABELS.get(kind, kind))}</span>'
        f'<span class="ng-speaker">{html.escape(speaker)}</span>{cue_html}'
        f'<div style="margin-top:0.3rem">{"“" + text + "”" if kind == "direct" else text}</div></div>'
    )


def event_item_html(row: Mapping) -> str:
    """An event beside its article: its date as precise as the text, the words, the summary, the actors."""
    actors = [str(a) for a in (row.get("actor_names") if row.get("actor_names") is not None else [])]
    meta = [f"“{html.escape(str(row.get('date_text') or ''))}”"]
    if actors:
        meta.append(html.escape(", ".join(actors)))
    return (
        '<div class="ng-evidence">'
        f'<span class="ng-kind">{html.escape(str(row.get("date") or ""))}</span>'
        f'{html.escape(str(row.get("summary") or row.get("sentence") or ""))}'
        f'<div class="ng-meta">{" · ".join(meta)}</div></div>'
    )


# ------------------------------------------------------------------------------------------------
# Corrections: rules for the overrides file


def overrides_file() -> Path:
    """The overrides file the app edits: ``NEWSGRAPH_OVERRIDES``, relative paths from the project folder."""
    path = config.overrides_path()
    return path if path.is_absolute() else ROOT / path


class RuleProblem(ValueError):
    """What is missing or wrong in a correction the user asked for, said in their words."""


def merge_rule(entities: Sequence[str], *, name: str = "", note: str = "") -> Rule:
    chosen = list(dict.fromkeys(e for e in entities if e))
    if len(chosen) < 2:
        raise RuleProblem("Pick at least two entities to merge.")
    return Rule("merge", tuple(chosen), name=name.strip() or None, note=note.strip() or None)


def rename_rule(entity: str | None, *, name: str, current: str | None = None, note: str = "") -> Rule:
    if not entity:
        raise RuleProblem("Pick the entity to rename.")
    if not name.strip():
        raise RuleProblem("Type the new name.")
    if current is not None and name.strip() == current:
        raise RuleProblem(f"“{current}” is already its name.")
    return Rule("rename", (entity,), name=name.strip(), note=note.strip() or None)


def split_rule(
    entity: str | None,
    *,
    names: Sequence[str] = (),
    articles: Sequence[str] = (),
    all_names: Sequence[str] = (),
    all_articles: Sequence[str] = (),
    name: str = "",
    note: str = "",
) -> Rule:
    if not entity:
        raise RuleProblem("Pick the entity to split.")
    if not names and not articles:
        raise RuleProblem("Pick the names or the articles that belong to another entity.")
    takes_names = bool(all_names) and set(all_names) <= set(names)
    takes_articles = bool(all_articles) and set(all_articles) <= set(articles)
    if takes_names or takes_articles:
        raise RuleProblem("That would move all of it; leave at least one name or article with the entity (or rename it).")
    return Rule("split", (entity,), name=name.strip() or None, names=tuple(names), articles=tuple(articles),
                note=note.strip() or None)


def hide_rule(entity: str | None, *, note: str = "") -> Rule:
    if not entity:
        raise RuleProblem("Pick the entity to hide.")
    return Rule("hide", (entity,), note=note.strip() or None)


def _quoted(refs: Iterable[str], names: Mapping[str, str]) -> list[str]:
    return [f"“{names.get(ref, ref)}”" for ref in refs]


def describe_rule(rule: Rule, names: Mapping[str, str]) -> str:
    """The rule in a sentence, entities by their current names where the store knows them."""
    refs = _quoted(rule.entities, names)
    if rule.action == "merge":
        text = f"Merge {', '.join(refs[:-1])} and {refs[-1]}"
        return text + (f" as “{rule.name}”" if rule.name else "")
    if rule.action == "rename":
        # once applied, the entity's current name is the new one: name it by what the rule says (its id)
        before = refs[0] if names.get(rule.entities[0]) != rule.name else f"“{rule.entities[0]}”"
        return f"Rename {before} to “{rule.name}”"
    if rule.action == "split":
        moved = [f"the name{'s' if len(rule.names) != 1 else ''} {', '.join(f'“{n}”' for n in rule.names)}"] if rule.names else []
        if rule.articles:
            moved.append(f"{len(rule.articles)} article{'s' if len(rule.articles) != 1 else ''}")
        text = f"Split {' and '.join(moved)} off {refs[0]}"
        return text + (f" as “{rule.name}”" if rule.name else "")
    if rule.action == "hide":
        return f"Hide {refs[0]}"
    return rule.action


def rules_table(rules: Sequence[Rule], names: Mapping[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "#": list(range(1, len(rules) + 1)),
            "Rule": [describe_rule(r, names) for r in rules],
            "Action": [r.action for r in rules],
            "Entities": [", ".join(r.entities) for r in rules],
            "Note": [r.note or "" for r in rules],
        }
    )


def apply_message(report, *, rule: Rule | None, names: Mapping[str, str], undone: bool = False) -> str:
    """What a correction did, from ``overrides.ApplyReport``: plain text (escape it for markdown)."""
    change = f"{report.entities_before:,} → {report.entities_after:,} entities"
    if rule is None:
        return f"Applied the {report.rules} rule{'s' if report.rules != 1 else ''} of the overrides file ({change})."
    done = "Undone" if undone else "Done"
    return f"{done}: {describe_rule(rule, names)} ({change})."


# ------------------------------------------------------------------------------------------------
# Streamlit

import streamlit as st  # noqa: E402

from components import data, upload  # noqa: E402
from components.captions import md  # noqa: E402
from newsgraph import overrides  # noqa: E402
from newsgraph.store import StoreBusy, StoreError  # noqa: E402

VIEW_KEY = "ng.articles.view"
SEARCH_KEY = "ng.articles.search"
OPEN_KEY = "ng.articles.open"
TABLE_KEY = "ng.articles.table"
TABLE_IDS_KEY = "ng.articles.table_ids"
TABLE_NONCE_KEY = "ng.articles.table_nonce"
UPLOAD_NONCE_KEY = "ng.add.nonce"
SUMMARY_KEY = "ng.add.summary"
PASTE_FORM_KEY = "ng.add.paste"
PASTE_NONCE_KEY = "ng.add.paste_nonce"
ACTION_KEY = "ng.correct.action"
MESSAGE_KEY = "ng.correct.message"
READ_BUTTONS = 5  # "Read ..." buttons under an upload's summary, one per added article
SIDE_HEIGHT = 720  # px: the quotes and events beside a long article scroll in a box this high

# Corrections from two sessions of this server must not interleave their read-edit-apply steps.
_corrections_lock = threading.Lock()


def views(page):
    """The page's three tabs (Read, Add, Correct); the one a link names is open. Only the open one runs."""
    page.option_from_url("view", key=VIEW_KEY, parse=_view_from_url, default=VIEWS[0])
    page.option_from_url("article", key=OPEN_KEY, parse=lambda values: values[-1] or None, default=None)
    page.option_from_url("q", key=SEARCH_KEY, parse=lambda values: values[-1], default="")
    st.html(reader_css())
    return st.tabs(list(VIEWS), key=VIEW_KEY, on_change="rerun", width="stretch")


def keep_view_in_url(page) -> None:
    """The open tab, and on Read the search and the open article, in the address bar."""
    view = st.session_state.get(VIEW_KEY) or VIEWS[0]
    reading = view == VIEWS[0]
    page.keep_in_url(
        view=None if reading else view.lower(),
        q=(st.session_state.get(SEARCH_KEY) or None) if reading else None,
        article=st.session_state.get(OPEN_KEY) if reading else None,
    )


def _view_from_url(values: list[str]) -> str | None:
    wanted = values[-1].strip().lower()
    return next((v for v in VIEWS if v.lower() == wanted), None)


# The list and the reader ------------------------------------------------------------------------


def render_read(page) -> None:
    opened = st.session_state.get(OPEN_KEY)
    if opened:
        article = data.lookup(page.store, "article", opened)
        if article is not None:
            render_article(page, article)
            return
        st.warning(md(f"No article with id {opened} in this store; showing the list."), icon=":material/link_off:")
        st.session_state[OPEN_KEY] = None
    render_list(page)


def render_list(page) -> None:
    if page.is_empty:
        st.info("The store has no articles yet. Add some in the **Add** tab.", icon=":material/article:")
        return
    search = st.text_input(
        "Search titles and text", key=SEARCH_KEY, placeholder="a word or phrase, e.g. a name or a place",
        help="Finds the articles whose title or text contains these words as written (case does not matter). "
        "The sidebar's actors and dates narrow the list too.",
    ).strip()
    found = data.filtered(page.store, "articles", page.filters, search=search or None)
    st.caption(md(list_caption(len(found), search=search, filters_text=page.describe_filters(), total=page.corpus["articles"])))
    if found.empty:
        st.info(md(page.empty("articles", conditions=[f"containing “{search}”"] if search else [],
                              remedies=["change the search"] if search else [])), icon=":material/search_off:")
        return
    st.session_state[TABLE_IDS_KEY] = list(found["id"])
    nonce = st.session_state.get(TABLE_NONCE_KEY, 0)
    st.dataframe(
        articles_table(found),
        key=f"{TABLE_KEY}.{nonce}",
        on_select=functools.partial(_open_selected, f"{TABLE_KEY}.{nonce}"),
        selection_mode=["single-row", "single-cell"],  # a click on any cell opens its row's article
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(found), 520),
        column_config={
            "Title": st.column_config.TextColumn("Title", width="large"),
            "Published": st.column_config.TextColumn("Published", help="Publication date; undated when the source gives none"),
            "Source": st.column_config.TextColumn("Source", help="The site or file the article came from"),
            "Actors": st.column_config.NumberColumn("Actors", help="Distinct entities mentioned"),
            "Events": st.column_config.NumberColumn("Events", help="Dated events found in the text"),
            "Quotes": st.column_config.NumberColumn("Quotes", help="Direct quotes and reported statements"),
        },
    )
    st.caption("Click an article to read it with its actors marked, its quotes and its events.")


def _open_selected(table_key: str) -> None:
    selection = st.session_state[table_key].selection
    rows = list(selection.rows) or [cell[0] for cell in selection.get("cells", [])]
    ids = st.session_state.get(TABLE_IDS_KEY) or []
    if rows and 0 <= rows[0] < len(ids):
        st.session_state[OPEN_KEY] = ids[rows[0]]


def close_article() -> None:
    st.session_state[OPEN_KEY] = None
    # a new table: the old one still has the row selected and would open it again
    st.session_state[TABLE_NONCE_KEY] = st.session_state.get(TABLE_NONCE_KEY, 0) + 1


def render_article(page, article: Mapping) -> None:
    st.button("All articles", icon=":material/arrow_back:", on_click=close_article, key="ng.articles.back", type="tertiary")
    st.subheader(md(article.get("title") or "Untitled article"))
    st.html(article_meta_html(article))
    mentions = mentions_from(data.lookup(page.store, "article_mentions", article["id"]))
    if page.filters.types:
        mentions = [m for m in mentions if m.type in page.filters.types]
    focus = [a for a in page.filters.actors if any(m.entity_id == a for m in mentions)]
    text_column, side = st.columns([3, 2], gap="large")
    with text_column:
        st.html(legend_html(sorted({m.type for m in mentions}, key=_type_order),
                            focus_names=[page.name_of(a) for a in focus]))
        st.html(article_html(article["text"], mentions, focus=focus))
    with side:
        quotes = data.lookup(page.store, "article_quotes", article["id"])
        events = data.lookup(page.store, "article_events", article["id"])
        entities = article_entities(mentions)
        quote_tab, event_tab, actor_tab = st.tabs(
            [f"Quotes ({len(quotes)})", f"Events ({len(events)})", f"Actors ({len(entities)})"]
        )
        # scrolling boxes beside the text, so a long list does not push the page down
        height = SIDE_HEIGHT if len(article["text"]) > 2500 else "content"
        with quote_tab, st.container(height=height, border=False):
            if quotes.empty:
                st.caption("No quote found in this article.")
            for row in quotes.to_dict("records"):
                st.html(quote_item_html(row))
        with event_tab, st.container(height=height, border=False):
            if events.empty:
                st.caption("No dated event found in this article.")
            for row in events.to_dict("records"):
                st.html(event_item_html(row))
        with actor_tab:
            if entities.empty:
                st.caption("No actor found in this article.")
            else:
                st.dataframe(
                    entities.assign(type=[type_label(t) for t in entities["type"]])[["name", "type", "mentions"]],
                    hide_index=True, width="stretch", height=min(38 + 35 * len(entities), 600),
                    column_config={"name": "Name", "type": "Type", "mentions": st.column_config.NumberColumn("Mentions")},
                )
                st.caption("A wrong name or grouping? Correct it in the **Correct** tab.")


def _type_order(code: str) -> int:
    order = list(TYPE_STYLES)
    return order.index(code) if code in order else len(order)


# Adding -----------------------------------------------------------------------------------------


def render_add(page) -> None:
    limit = upload.limits(server_mb=int(st.get_option("server.maxUploadSize")))
    _render_summary()
    st.markdown("#### Upload files")
    nonce = st.session_state.get(UPLOAD_NONCE_KEY, 0)
    files = st.file_uploader(
        f"Article files · {limit.describe()}",
        type=list(upload.UPLOAD_TYPES),
        accept_multiple_files=True,
        key=f"ng.add.files.{nonce}",
        max_upload_size=limit.widget_mb,
        help=(
            f"Formats: {', '.join('.' + t for t in upload.UPLOAD_TYPES)} (as `python -m newsgraph ingest` reads them). "
            f"JSON, JSON Lines and CSV hold one article per object or row, with a `text` field and optionally "
            f"`title`, `published`, `url`, `license`. Each file may be up to {limit.file_mb} MB "
            f"({config.MAX_FILE_MB.name}), one upload up to {limit.upload_mb} MB in total ({config.MAX_UPLOAD_MB.name})."
        ),
    )
    files = list(files or [])
    label = f"Add {len(files)} file{'s' if len(files) != 1 else ''} to the store" if files else "Add to the store"
    if st.button(label, type="primary", disabled=not files, icon=":material/upload_file:", key="ng.add.go"):
        uploads = upload.uploads_from_files((f.name, f.getvalue()) for f in files)
        _run_upload(page, uploads)

    st.markdown("#### Or paste a text")
    paste = st.session_state.get(PASTE_NONCE_KEY, 0)
    with st.form(f"{PASTE_FORM_KEY}.{paste}", clear_on_submit=False):
        title = st.text_input("Title", key=f"ng.add.title.{paste}", placeholder="the article's headline")
        left, right = st.columns(2)
        published = left.date_input("Published", value=None, format="YYYY-MM-DD", key=f"ng.add.published.{paste}",
                                    help="Relative dates in the text (“last year”, “on Monday”) are resolved from it; "
                                    "leave it empty when unknown and they stay unresolved.")
        source = right.text_input("Source (web address)", key=f"ng.add.source.{paste}", placeholder="https://…")
        text = st.text_area("Article text", key=f"ng.add.text.{paste}", height=220,
                            placeholder="Paste the article; separate paragraphs with a blank line.")
        submitted = st.form_submit_button("Add this text", icon=":material/post_add:")
    if submitted:
        article = upload.pasted_article(text, title=title, published=published, source=source)
        if isinstance(article, upload.SourceProblem):
            st.error(md(f"Not added: {article.reason}."), icon=":material/error:")
        else:
            _run_upload(page, [upload.Upload(upload.PASTED, article=article)], clear_paste=True)


def _run_upload(page, uploads: Sequence[upload.Upload], *, clear_paste: bool = False) -> None:
    """Process with one progress bar per file, keep the summary for the next run, rerun so every
    part of the app (the sidebar's counts, the list) reads the new store."""
    st.markdown("#### Adding")
    status = st.empty()
    status.caption("Reading the files…")
    bars = [st.progress(0.0, text=md(f"{u.name}: waiting")) for u in uploads]
    total_new = [0]

    def on_plan(outcomes: Sequence[upload.FileOutcome], new: Sequence[int]) -> None:
        total_new[0] = sum(new)
        status.caption(f"Processing {total_new[0]} new article{'s' if total_new[0] != 1 else ''} with spaCy…"
                       if total_new[0] else "Nothing new to process.")
        for bar, outcome, count in zip(bars, outcomes, new):
            bar.progress(0.0 if count else 1.0, text=md(f"{outcome.name}: {outcome.plan(count)}"))

    def on_progress(index: int, done: int, total: int) -> None:
        share = min(done / total, 1.0) if total else 1.0
        bars[index].progress(share, text=md(f"{uploads[index].name}: {done} of {total} processed"))

    def on_wait() -> None:
        status.info("Another session is adding articles; this upload starts when it is done.", icon=":material/hourglass_top:")

    def on_writing() -> None:
        status.caption("Writing to the store…")

    summary = upload.add_uploads(
        page.store, uploads, overrides=overrides_file(), on_plan=on_plan, on_progress=on_progress, on_wait=on_wait,
        on_writing=on_writing,
    )
    st.session_state[SUMMARY_KEY] = summary
    if not summary.busy and not summary.refused:
        st.session_state[UPLOAD_NONCE_KEY] = st.session_state.get(UPLOAD_NONCE_KEY, 0) + 1
        if clear_paste:  # fresh, empty widgets for the next text
            st.session_state[PASTE_NONCE_KEY] = st.session_state.get(PASTE_NONCE_KEY, 0) + 1
    st.rerun()


STATUS_ICONS = {
    "added": ":material/check_circle:",
    "partly added": ":material/rule:",
    "already stored": ":material/content_copy:",
    "failed": ":material/cancel:",
    "not added": ":material/block:",
}


def _render_summary() -> None:
    summary: upload.UploadSummary | None = st.session_state.get(SUMMARY_KEY)
    if summary is None:
        return
    with st.container(border=True, key="ng-add-summary"):
        headline = md(summary.headline())
        if summary.busy:
            st.warning(headline, icon=":material/hourglass_top:")
        elif summary.refused:
            st.error(headline, icon=":material/error:")
        elif summary.failed:
            st.warning(headline, icon=":material/warning:")
        elif summary.added:
            st.success(headline + ". The other pages show them now.", icon=":material/check_circle:")
        else:
            st.info(headline, icon=":material/info:")
        if summary.refused:
            names = ", ".join(outcome.name for outcome in summary.files)
            st.caption(md(f"Not added: {names}."))
        for outcome in summary.files if not summary.refused else ():
            icon = STATUS_ICONS.get(outcome.status, ":material/description:")
            st.markdown(f"{icon} **{md(outcome.name)}** — {md(outcome.message())}")
        added = [a for outcome in summary.files for a in outcome.added]
        row = st.container(horizontal=True, gap="small")
        for article in added[:READ_BUTTONS]:
            row.button(md(f"Read “{_short(article.title or 'Untitled article')}”"), key=f"ng.add.read.{article.id}",
                       icon=":material/menu_book:", on_click=open_article, args=(article.id,))
        row.button("Dismiss", key="ng.add.dismiss", on_click=lambda: st.session_state.pop(SUMMARY_KEY, None), type="tertiary")


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def open_article(article_id: str) -> None:
    """For a button: show this article in the Read tab."""
    st.session_state[OPEN_KEY] = article_id
    st.session_state[VIEW_KEY] = "Read"


# Correcting -------------------------------------------------------------------------------------


def render_correct(page) -> None:
    path = overrides_file()
    st.caption(md(
        f"Corrections are rules in the overrides file {path.name} ({path}), applied to the store at once, without "
        "reprocessing any text. They stay when articles are added, and each one can be undone."
    ))
    message = st.session_state.get(MESSAGE_KEY)
    if message:
        kind, text = message
        {"success": st.success, "warning": st.warning, "error": st.error}[kind](md(text))
    try:
        rules = overrides.load_rules(path)
    except overrides.OverridesError as error:
        st.error(md(f"The overrides file cannot be read, so nothing can be corrected here until it is fixed: {error}"))
        return
    if page.is_empty:
        st.info("The store has no entities yet. Add articles in the **Add** tab first.", icon=":material/info:")
    else:
        _render_correction_form(page, path)
    _render_rules(page, path, rules)


def _entity_options(page) -> dict[str, str]:
    choices = data.actor_choices(page.store)
    options = {row.id: f"{row.name} · {type_label(row.type)} · {row.mentions:,} mentions" for row in choices.itertuples()}
    opened = st.session_state.get(OPEN_KEY)
    if opened:  # the open article's entities, however rarely mentioned
        for m in mentions_from(data.lookup(page.store, "article_mentions", opened)):
            options.setdefault(m.entity_id, f"{m.name} · {type_label(m.type)}")
    return options


def _render_correction_form(page, path: Path) -> None:
    options = _entity_options(page)
    action = st.segmented_control(
        "Correction", options=list(ACTIONS), format_func=ACTIONS.get, key=ACTION_KEY, default="merge",
        required=True, help="Merge: several entities are one. Rename: show another name. Split: some names or "
        "articles belong to another entity. Hide: not an actor (it disappears from every page).",
    )
    label = options.get

    def entity_picker(text: str, key: str) -> str | None:
        return st.selectbox(text, options=list(options), format_func=label, index=None, key=key,
                            placeholder="Search entities by name")

    with st.container(border=True):
        if action == "merge":
            chosen = st.multiselect("Entities that are one", options=list(options), format_func=label,
                                    key="ng.correct.merge", placeholder="Pick two or more; the first keeps its id",
                                    help="The first one's id is kept, so links to it still work.")
            name = st.text_input("Name to show (optional)", key="ng.correct.merge_name",
                                 placeholder="empty: the name the articles use most")
            note = st.text_input("Why (optional, for the next reviewer)", key="ng.correct.note.merge")
            st.button("Merge", type="primary", key="ng.correct.do.merge", on_click=_correct,
                      args=(page.store, path, "merge"), kwargs={"entities": chosen, "name": name, "note": note},
                      disabled=len(chosen) < 2)
        elif action == "rename":
            entity = entity_picker("Entity", "ng.correct.rename_entity")
            current = data.entity(page.store, entity)["name"] if entity and data.entity(page.store, entity) else None
            name = st.text_input("New name", key="ng.correct.rename_name", placeholder=current or "")
            note = st.text_input("Why (optional, for the next reviewer)", key="ng.correct.note.rename")
            st.button("Rename", type="primary", key="ng.correct.do.rename", on_click=_correct,
                      args=(page.store, path, "rename"),
                      kwargs={"entity": entity, "name": name, "current": current, "note": note},
                      disabled=not entity)
        elif action == "split":
            entity = entity_picker("Entity to split", "ng.correct.split_entity")
            names = data.lookup(page.store, "entity_local_names", entity) if entity else pd.DataFrame(columns=["name", "articles"])
            found_in = data.lookup(page.store, "entity_articles", entity) if entity else pd.DataFrame(columns=["id", "title", "published"])
            name_labels = {r.name: f"{r.name} ({r.articles} article{'s' if r.articles != 1 else ''})" for r in names.itertuples()}
            article_labels = {r.id: f"{r.title or 'Untitled article'} · {format_date(r.published)}" for r in found_in.itertuples()}
            moved_names = st.multiselect("Names that belong to another entity", options=list(name_labels),
                                         format_func=name_labels.get, key="ng.correct.split_names",
                                         help="Every mention under these names moves to the new entity.")
            moved_articles = st.multiselect("…or articles where it means another entity", options=list(article_labels),
                                            format_func=article_labels.get, key="ng.correct.split_articles")
            name = st.text_input("Name of the new entity (optional)", key="ng.correct.split_name",
                                 placeholder="empty: the first name moved")
            note = st.text_input("Why (optional, for the next reviewer)", key="ng.correct.note.split")
            st.button("Split", type="primary", key="ng.correct.do.split", on_click=_correct,
                      args=(page.store, path, "split"),
                      kwargs={"entity": entity, "names": moved_names, "articles": moved_articles, "name": name,
                              "all_names": list(name_labels), "all_articles": list(article_labels), "note": note},
                      disabled=not entity)
        else:
            entity = entity_picker("Entity to hide", "ng.correct.hide_entity")
            st.caption("A hidden entity is left out of every page, chart and export; the article text keeps its words.")
            note = st.text_input("Why (optional, for the next reviewer)", key="ng.correct.note.hide")
            st.button("Hide", type="primary", key="ng.correct.do.hide", on_click=_correct,
                      args=(page.store, path, "hide"), kwargs={"entity": entity, "note": note}, disabled=not entity)


FORM_DEFAULTS = {  # each correction form's widgets and their empty values, to clear it once done
    "merge": {"ng.correct.merge": [], "ng.correct.merge_name": "", "ng.correct.note.merge": ""},
    "rename": {"ng.correct.rename_entity": None, "ng.correct.rename_name": "", "ng.correct.note.rename": ""},
    "split": {"ng.correct.split_entity": None, "ng.correct.split_names": [], "ng.correct.split_articles": [],
              "ng.correct.split_name": "", "ng.correct.note.split": ""},
    "hide": {"ng.correct.hide_entity": None, "ng.correct.note.hide": ""},
}


def build_rule(action: str, **fields) -> Rule:
    if action == "merge":
        return merge_rule(fields.get("entities") or (), name=fields.get("name") or "", note=fields.get("note") or "")
    if action == "rename":
        return rename_rule(fields.get("entity"), name=fields.get("name") or "", current=fields.get("current"),
                           note=fields.get("note") or "")
    if action == "split":
        return split_rule(fields.get("entity"), names=fields.get("names") or (), articles=fields.get("articles") or (),
                          all_names=fields.get("all_names") or (), all_articles=fields.get("all_articles") or (),
                          name=fields.get("name") or "", note=fields.get("note") or "")
    if action == "hide":
        return hide_rule(fields.get("entity"), note=fields.get("note") or "")
    raise RuleProblem(f"Unknown correction {action!r}.")


def _names_for(store, refs: Iterable[str]) -> dict[str, str]:
    found = data.entity_names(store, tuple(dict.fromkeys(refs)))
    return dict(zip(found["id"], found["name"]))


def _say(kind: str, text: str) -> None:
    st.session_state[MESSAGE_KEY] = (kind, text)


def _correct(store, path: Path, action: str, **fields) -> None:
    """Button callback: write the rule, apply the file to the store; on a busy store the rule is kept
    in the file (it applies at the next ingest or 'Apply the rules again')."""
    try:
        rule = build_rule(action, **fields)
    except RuleProblem as problem:
        _say("error", str(problem))
        return
    names = _names_for(store, rule.entities)  # before the rule changes them
    with _corrections_lock:
        try:
            overrides.add_rule(rule, path)
        except overrides.OverridesError as error:
            _say("error", f"Not saved: {error}")
            return
        _apply(store, path, rule=rule, names=names)
    # set, not deleted: a deleted key lets the browser send the old value back on the next run
    for key, empty in FORM_DEFAULTS.get(action, {}).items():
        st.session_state[key] = empty


def _apply(store, path: Path, *, rule: Rule | None, names: Mapping[str, str], undone: bool = False) -> None:
    try:
        report = overrides.apply_overrides(store, path)
    except StoreBusy as error:
        _say("warning", f"Saved in the overrides file, but not applied yet: {error}. Press “Apply the rules again” "
             "in a moment (they also apply at the next ingest).")
        return
    except (StoreError, overrides.OverridesError) as error:
        _say("error", f"Saved in the overrides file, but not applied: {error}")
        return
    if undone and rule is not None:  # the entities are back as they were: say the names they have again
        names = {**names, **_names_for(store, rule.entities)}
    text = apply_message(report, rule=rule, names=names, undone=undone)
    if report.problems:
        _say("warning", text + " The rules report: " + "; ".join(report.problems))
    else:
        _say("success", text)


def _undo_last(store, path: Path) -> None:
    with _corrections_lock:
        try:
            removed = overrides.undo_last(path)
        except overrides.OverridesError as error:
            _say("error", f"Not undone: {error}")
            return
        if removed is None:
            _say("warning", "There is no rule to undo.")
            return
        _apply(store, path, rule=removed, names={}, undone=True)


def _remove(store, path: Path, key: str) -> None:
    number = st.session_state.get(key)
    if not number:
        _say("error", "Pick the rule to remove.")
        return
    with _corrections_lock:
        try:
            removed = overrides.remove_rule(number - 1, path)
        except overrides.OverridesError as error:
            _say("error", f"Not removed: {error}")
            return
        _apply(store, path, rule=removed, names={}, undone=True)
    st.session_state[key] = None


def _reapply(store, path: Path) -> None:
    with _corrections_lock:
        _apply(store, path, rule=None, names={})


def _render_rules(page, path: Path, rules: Sequence[Rule]) -> None:
    st.markdown(f"#### Rules in the overrides file ({len(rules)})")
    if not rules:
        st.caption("No rule yet: every entity is as the automatic resolution grouped it.")
        return
    names = _names_for(page.store, [ref for rule in rules for ref in rule.entities])
    st.dataframe(
        rules_table(rules, names)[["#", "Rule", "Note"]], hide_index=True, width="stretch",
        height=min(38 + 35 * len(rules), 420),
        column_config={"#": st.column_config.NumberColumn("#", width="small"), "Rule": st.column_config.TextColumn("Rule", width="large")},
    )
    row = st.container(horizontal=True, gap="small", vertical_alignment="bottom")
    row.button(md(f"Undo the last rule ({describe_rule(rules[-1], names)})"), key="ng.correct.undo",
               icon=":material/undo:", on_click=_undo_last, args=(page.store, path))
    picked = row.selectbox("Remove rule", options=list(range(1, len(rules) + 1)), index=None, key="ng.correct.remove_pick",
                           placeholder="rule number", width=160)
    row.button("Remove", key="ng.correct.remove", icon=":material/delete:", on_click=_remove,
               args=(page.store, path, "ng.correct.remove_pick"), disabled=picked is None)
    row.button("Apply the rules again", key="ng.correct.reapply", icon=":material/refresh:", on_click=_reapply,
               args=(page.store, path), help="After editing the file by hand, or when the store was busy.")
