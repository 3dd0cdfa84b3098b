"""Relations between the actors of an article, each with the sentence that is its evidence.

The ``newsgraph_relations`` component stores ``doc._.ng_relations``: one row per pair of actors in
a sentence. ``kind`` is "co-occurrence" (the weak default) unless the text says how they relate.
"""

from __future__ import annotations

from itertools import combinations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.entities import local_ids_in

CO_OCCURRENCE = "co-occurrence"


@Language.factory("newsgraph_relations")
def make_relations_component(nlp: Language, name: str) -> "RelationsComponent":
    return RelationsComponent()


class RelationsComponent:
    def __call__(self, doc: Doc) -> Doc:
        relations: list[dict] = []
        for sentence in doc.sents:
            actors = local_ids_in(sentence)
            for source, target in combinations(sorted(actors), 2):
                relations.append(
                    {
                        "source": source,
                        "target": target,
                        "kind": CO_OCCURRENCE,
                        "cue": None,
                        "sent_start": sentence.start_char,
                        "sent_end": sentence.end_char,
                    }
                )
        doc._.ng_relations = relations
        return doc
