"""Quotes: direct speech in quotation marks with its speaker.

The ``newsgraph_quotes`` component stores ``doc._.ng_quotes``: kind ("direct"), the text exactly
as written between the marks (without a trailing comma), the speaker (display name and local
entity id) and the reporting cue.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.entities import mentions_by_token

SPEECH_VERBS = {
    "say", "tell", "state", "stress", "note", "add", "declare", "emphasize", "emphasise", "point",
    "remark", "explain", "announce", "warn", "insist", "argue", "claim", "ask", "reply", "answer",
    "underline", "underscore", "affirm", "assert", "observe", "comment", "continue", "conclude",
}
MIN_QUOTE_WORDS = 4
_QUOTE = re.compile(r"[“\"«]([^“”\"«»]+)[”\"»]")


@Language.factory("newsgraph_quotes")
def make_quotes_component(nlp: Language, name: str) -> "QuotesComponent":
    return QuotesComponent()


class QuotesComponent:
    def __call__(self, doc: Doc) -> Doc:
        quotes: list[dict] = []
        entity_of_token = mentions_by_token(doc)
        entities = doc._.ng_entities or []
        for match in _QUOTE.finditer(doc.text):
            inner_start, inner_end = match.span(1)
            text = match.group(1).strip()
            trimmed = text.rstrip(",")
            if len(trimmed.split()) < MIN_QUOTE_WORDS:
                continue
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is None:
                continue
            # A quote of several sentences keeps them all as its sentence.
            first, last = doc[span.start].sent, doc[span.end - 1].sent
            sentence = doc[first.start:max(last.end, first.end)]
            cue, speaker_local = find_speaker(sentence, span, entity_of_token, entities)
            start = inner_start + (len(match.group(1)) - len(match.group(1).lstrip()))
            quotes.append(
                {
                    "kind": "direct",
                    "text": trimmed,
                    "text_start": start,
                    "text_end": start + len(trimmed),
                    "speaker": entities[speaker_local]["name"] if speaker_local is not None else None,
                    "speaker_local": speaker_local,
                    "cue": cue,
                    "sent_start": sentence.start_char,
                    "sent_end": sentence.end_char,
                }
            )
        doc._.ng_quotes = quotes
        return doc


def find_speaker(sentence: Span, quote: Span, entity_of_token: dict[int, int], entities: list[dict]) -> tuple[str | None, int | None]:
    """The subject of a speech verb in the quote's sentence, outside the quote itself."""
    for token in sentence:
        if quote.start <= token.i < quote.end or token.pos_ != "VERB" or token.lemma_ not in SPEECH_VERBS:
            continue
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                for candidate in child.subtree:
                    local_id = entity_of_token.get(candidate.i)
                    if local_id is not None and entities[local_id]["type"] in ("PERSON", "ORG", "GPE", "NORP"):
                        return token.text, local_id
                return token.text, None
    return None, None
