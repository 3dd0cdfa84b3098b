"""Temporal expressions and dated events.

``newsgraph_dates`` resolves the model's DATE spans against the article's publication date
(``newsgraph.dates.normalize``) into ``doc._.ng_dates``; ``newsgraph_events`` turns each sentence
that holds a resolved date into an event with its actors, stored on ``doc._.ng_events``.
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.dates import normalize
from newsgraph.entities import local_ids_in

SUMMARY_WORDS = 18


def anchor_of(doc: Doc) -> date | None:
    published = doc._.ng_published
    return date.fromisoformat(published) if published else None


@Language.factory("newsgraph_dates")
def make_dates_component(nlp: Language, name: str) -> "DatesComponent":
    return DatesComponent()


class DatesComponent:
    def __call__(self, doc: Doc) -> Doc:
        anchor = anchor_of(doc)
        found: list[dict] = []
        for ent in doc.ents:
            if ent.label_ != "DATE":
                continue
            value = normalize(ent.text, anchor)
            if value is None:
                continue
            found.append(
                {
                    "start": ent.start_char,
                    "end": ent.end_char,
                    "tok_start": ent.start,
                    "tok_end": ent.end,
                    "text": ent.text,
                    "date": value.value,
                    "precision": value.precision,
                    "date_start": value.start.isoformat(),
                    "date_end": value.end.isoformat(),
                }
            )
        doc._.ng_dates = found
        return doc


@Language.factory("newsgraph_events")
def make_events_component(nlp: Language, name: str) -> "EventsComponent":
    return EventsComponent()


class EventsComponent:
    def __call__(self, doc: Doc) -> Doc:
        events: list[dict] = []
        seen: set[tuple[str, str]] = set()
        for expression in doc._.ng_dates or []:
            sentence = doc[expression["tok_start"]].sent
            summary = summarize(sentence)
            key = (expression["date"], summary.casefold())
            if key in seen:
                continue
            seen.add(key)
            events.append(
                {
                    "date": expression["date"],
                    "precision": expression["precision"],
                    "date_start": expression["date_start"],
                    "date_end": expression["date_end"],
                    "date_text": expression["text"],
                    "summary": summary,
                    "sent_start": sentence.start_char,
                    "sent_end": sentence.end_char,
                    "actors": local_ids_in(sentence),
                }
            )
        doc._.ng_events = events
        return doc


def summarize(sentence: Span) -> str:
    words = sentence.text.split()
    text = " ".join(words[:SUMMARY_WORDS])
    return text if len(words) <= SUMMARY_WORDS else text.rstrip(",;:") + "…"
