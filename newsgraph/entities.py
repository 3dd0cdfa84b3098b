"""Article-local entities from the model's named entities.

The ``newsgraph_entities`` component turns ``doc.ents`` into article-local entities (one per
distinct actor in the article) and their mentions, stored on ``doc._.ng_entities`` and
``doc._.ng_mentions``. Cross-article identity is decided later, in ``newsgraph.resolve``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.names import name_key

ACTOR_LABELS = ("ORG", "PERSON", "GPE", "LOC", "NORP", "FAC")
_LEADING_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}


def clean_span(span: Span) -> Span | None:
    """Trim determiners, possessives and an unbalanced parenthesis off an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in _LEADING_DETERMINERS:
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].text in ("'s", "’s", "'", "’")):
        end -= 1
    texts = [t.text for t in doc[start:end]]
    if "(" in texts and ")" not in texts:
        end = start + texts.index("(")
    while end > start and not doc[end - 1].text[-1:].isalnum() and doc[end - 1].text not in (".",):
        end -= 1
    if end <= start:
        return None
    return Span(doc, start, end, label=span.label_)


@Language.factory("newsgraph_entities")
def make_entities_component(nlp: Language, name: str) -> "EntitiesComponent":
    return EntitiesComponent()


class EntitiesComponent:
    def __call__(self, doc: Doc) -> Doc:
        entities: list[dict] = []
        by_key: dict[tuple[str, str], int] = {}
        mentions: list[dict] = []
        for ent in doc.ents:
            if ent.label_ not in ACTOR_LABELS:
                continue
            span = clean_span(ent)
            if span is None:
                continue
            key = (span.label_, name_key(span.text))
            if not key[1]:
                continue
            local_id = by_key.get(key)
            if local_id is None:
                local_id = len(entities)
                by_key[key] = local_id
                entities.append(
                    {"local_id": local_id, "name": span.text, "type": span.label_, "aliases": [], "roles": [], "mentions": 0}
                )
            entities[local_id]["mentions"] += 1
            mentions.append(
                {
                    "local_id": local_id,
                    "start": span.start_char,
                    "end": span.end_char,
                    "tok_start": span.start,
                    "tok_end": span.end,
                    "text": span.text,
                }
            )
        doc._.ng_entities = entities
        doc._.ng_mentions = mentions
        return doc


def mentions_by_token(doc: Doc) -> dict[int, int]:
    """Token index -> local entity id, for the components that run after this one."""
    index: dict[int, int] = {}
    for mention in doc._.ng_mentions or []:
        for i in range(mention["tok_start"], mention["tok_end"]):
            index[i] = mention["local_id"]
    return index


def local_ids_in(span: Span) -> list[int]:
    """Distinct local entity ids mentioned inside a span, in order of first mention."""
    seen: dict[int, None] = {}
    for mention in span.doc._.ng_mentions or []:
        if mention["tok_start"] >= span.start and mention["tok_end"] <= span.end:
            seen.setdefault(mention["local_id"], None)
    return list(seen)
