"""Relations between the actors of an article, each with the sentence that is its evidence.

The ``newsgraph_relations`` component stores ``doc._.ng_relations``: dicts with ``source``,
``target`` (local entity ids), ``kind``, ``cue`` (the word that says how), ``sent_start`` and
``sent_end``. ``kind`` is a typed label where the text says how two actors relate, else the weak
default "co-occurrence" (both named in one sentence):

- "meeting" (met, talks, summit), "agreement" (signed, memorandum, treaty), "membership"
  (member, joined, brings together), "observer" (observer status), "cooperation" (contacts,
  cooperation, partnership), "statement" (X said/called on/criticized ... Y, according to X ...)
  come from the dependency parse: the cue lemma lies on the path between the two mentions (or is
  the object of a verb on it), or two conjoined subjects share a verb ("X and Y signed ...");
- "leads" and "role" come from the people's roles the entities component found ("SCO Secretary
  General Anna Berg": Anna Berg -> SCO, "leads").

Symmetric kinds (meeting, agreement, cooperation, co-occurrence) have source < target; for the
others the source is the member, the speaker or the person and the target the organization or the
one spoken about.
"""

from __future__ import annotations

from itertools import combinations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

CO_OCCURRENCE = "co-occurrence"
MEETING, AGREEMENT, MEMBERSHIP, OBSERVER, COOPERATION, STATEMENT = (
    "meeting", "agreement", "membership", "observer", "cooperation", "statement",
)
LEADS, ROLE = "leads", "role"
TYPED_KINDS = (OBSERVER, MEMBERSHIP, AGREEMENT, MEETING, COOPERATION, STATEMENT, LEADS, ROLE)
SYMMETRIC_KINDS = {MEETING, AGREEMENT, COOPERATION, CO_OCCURRENCE}

# Cue lemmas, in order of precedence: the first kind with a cue on the path wins.
CUES: dict[str, frozenset[str]] = {
    OBSERVER: frozenset({"observer"}),
    MEMBERSHIP: frozenset({"member", "membership", "join", "accession", "accede", "admit", "admission", "unite", "comprise", "include", "group"}),
    AGREEMENT: frozenset({"sign", "agreement", "memorandum", "treaty", "accord", "deal", "pact", "mou", "protocol", "ratify", "contract", "signing"}),
    MEETING: frozenset({"meet", "meeting", "talk", "talks", "summit", "visit", "negotiate", "negotiation", "conversation", "host", "receive", "welcome"}),
    COOPERATION: frozenset({"cooperate", "cooperation", "contact", "partnership", "partner", "dialogue", "interaction",
                            "tie", "relation", "collaborate", "collaboration", "coordinate", "coordination", "support", "ally", "alliance"}),
}
STATEMENT_VERBS = frozenset({
    "say", "call", "criticize", "criticise", "condemn", "praise", "urge", "accuse", "warn", "congratulate",
    "thank", "blame", "denounce", "appeal", "demand", "reject", "oppose", "tell", "stress", "note", "state",
    "announce", "declare", "emphasize", "emphasise", "express", "insist", "assure", "invite", "commend",
})
# A place reached through these is where something happened, not a party to it.
_LOCATION_PREPOSITIONS = {"in", "at", "from", "near", "across", "throughout", "inside"}
# An actor reached through these is what is talked about, not a party.
_TOPIC_PREPOSITIONS = {"on", "about", "regarding", "concerning", "over", "toward", "towards", "against"}
_CLAUSE_EDGES = {"ccomp", "advcl", "relcl", "parataxis", "acl", "csubj", "xcomp", "pcomp"}
# Beyond this many dependency steps two mentions are not related by the words between them.
MAX_PATH = 7
_OBJECT_DEPS = {"dobj", "attr", "oprd", "acomp", "pobj", "npadvmod"}
_MODIFIER_DEPS = {"compound", "amod", "nmod", "poss"}
_COLLECTIVE_SUBJECTS = {"side", "party", "organization", "organisation", "country", "both", "state", "leader", "bloc", "alliance"}
PLACE_TYPES = {"GPE", "LOC", "FAC"}
# Verbs whose object names what two conjoined subjects did together ("X and Y held talks").
_JOINT_VERBS = {"hold", "conduct", "have", "conclude", "reach", "establish", "maintain", "develop", "strengthen", "expand", "deepen", "launch"}
MAX_CO_AGENTS = 4
# Verbs whose object is only wanted: "seek an agreement with", "want talks with", "hope for a deal".
_WISH_VERBS = frozenset({"seek", "want", "hope", "wish", "propose", "demand", "request", "try", "aim", "push"})
MEMBER_TYPES = {"ORG", "GPE", "PERSON"}
# Beyond this many actors a sentence is a list (a table row, a roll call): co-occurrence only.
MAX_ACTORS_FOR_PARSE = 14


@Language.factory("newsgraph_relations")
def make_relations_component(nlp: Language, name: str) -> "RelationsComponent":
    return RelationsComponent()


class RelationsComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_relations = extract(doc)
        return doc


def extract(doc: Doc) -> list[dict]:
    entities = doc._.ng_entities or []
    types = {e["local_id"]: e["type"] for e in entities}
    relations: list[dict] = []
    typed_pairs: set[tuple[int, int, int]] = set()  # (sent_start, a, b) that have a typed relation

    for entity in entities:
        for role in entity.get("roles") or []:
            if role.get("org_local") is None or "sent_start" not in role:
                continue
            relations.append(_relation(entity["local_id"], role["org_local"], role.get("kind") or ROLE, role["role"],
                                       role["sent_start"], role["sent_end"]))
            typed_pairs.add((role["sent_start"], *sorted((entity["local_id"], role["org_local"]))))

    for sentence, anchors in _mentions_by_sentence(doc):
        actors = sorted(anchors)
        if len(actors) < 2:
            continue
        typed: list[dict] = []
        if len(actors) <= MAX_ACTORS_FOR_PARSE:
            typed = typed_relations(sentence, anchors, types)
        for relation in typed:
            relations.append(relation)
            typed_pairs.add((sentence.start_char, *sorted((relation["source"], relation["target"]))))
        for a, b in combinations(actors, 2):
            if (sentence.start_char, a, b) not in typed_pairs:
                relations.append(_relation(a, b, CO_OCCURRENCE, None, sentence.start_char, sentence.end_char))
    return _deduplicated(relations)


def _relation(source: int, target: int, kind: str, cue: str | None, start: int, end: int) -> dict:
    if kind in SYMMETRIC_KINDS and source > target:
        source, target = target, source
    return {"source": source, "target": target, "kind": kind, "cue": cue, "sent_start": start, "sent_end": end}


def _deduplicated(relations: list[dict]) -> list[dict]:
    seen: set[tuple] = set()
    result = []
    for r in relations:
        key = (r["source"], r["target"], r["kind"], r["sent_start"])
        if key in seen or r["source"] == r["target"]:
            continue
        seen.add(key)
        result.append(r)
    return result


def _mentions_by_sentence(doc: Doc) -> list[tuple[Span, dict[int, list[Token]]]]:
    """Each sentence with its actors' mention head tokens; one pass over sorted mentions."""
    mentions = sorted(doc._.ng_mentions or [], key=lambda m: m["tok_start"])
    result = []
    position = 0
    for sentence in doc.sents:
        anchors: dict[int, list[Token]] = {}
        while position < len(mentions) and mentions[position]["tok_start"] < sentence.start:
            position += 1
        k = position
        while k < len(mentions) and mentions[k]["tok_start"] < sentence.end:
            m = mentions[k]
            if m["tok_end"] <= sentence.end:
                anchors.setdefault(m["local_id"], []).append(doc[m["tok_start"]:m["tok_end"]].root)
            k += 1
        position = k
        result.append((sentence, anchors))
    return result


# --------------------------------------------------------------------------------------------
# Typed relations from the parse


def typed_relations(sentence: Span, anchors: dict[int, list[Token]], types: dict[int, str]) -> list[dict]:
    found: list[dict] = []
    owner = {token.i: local_id for local_id, tokens in anchors.items() for token in tokens}
    inside = _mention_tokens(sentence)
    for a, b in combinations(sorted(anchors), 2):
        best: tuple[str, str, int, int] | None = None  # kind, cue, source, target
        for ta in anchors[a]:
            for tb in anchors[b]:
                result = _classify_pair(ta, tb, types.get(a, ""), types.get(b, ""), inside)
                if result is None or (best is not None and _rank(result[0]) >= _rank(best[0])):
                    continue
                kind, cue, direction = result
                best = (kind, cue, a, b) if direction == "ab" else (kind, cue, b, a)
        if best is not None:
            kind, cue, source, target = best
            found.append(_relation(source, target, kind, cue, sentence.start_char, sentence.end_char))
    found.extend(_collective_subject_relations(sentence, anchors, types, found))
    found.extend(_led_by(sentence, anchors, types, owner))
    found.extend(_according_to(sentence, anchors, owner, found))
    return found


def _mention_tokens(sentence: Span) -> set[int]:
    """Tokens inside any mention: "Treaty" in "Collective Security Treaty Organization" is no cue."""
    inside: set[int] = set()
    for m in sentence.doc._.ng_mentions or []:
        if m["tok_start"] >= sentence.start and m["tok_end"] <= sentence.end:
            inside.update(range(m["tok_start"], m["tok_end"]))
    return inside


def _rank(kind: str) -> int:
    return TYPED_KINDS.index(kind) if kind in TYPED_KINDS else len(TYPED_KINDS)


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def _path(a: Token, b: Token) -> tuple[list[Token], list[Token], Token] | None:
    """(a up to the common ancestor, b up to it, the common ancestor); None across sentences."""
    up_a, up_b = _ancestors(a), _ancestors(b)
    index_b = {t.i: k for k, t in enumerate(up_b)}
    for k, token in enumerate(up_a):
        if token.i in index_b:
            return up_a[:k], up_b[:index_b[token.i]], token
    return None


def _classify_pair(a: Token, b: Token, type_a: str, type_b: str, inside: set[int]) -> tuple[str, str, str] | None:
    """(kind, cue, "ab" if a is the source else "ba") for two mention heads, or None."""
    found = _path(a, b)
    if found is None:
        return None
    side_a, side_b, top = found
    between = _between_cue(top, side_a, side_b, inside)
    if between is not None:
        return between  # "cooperation between NATO and the European Union"
    if _place_modifier(a, type_a, inside) or _place_modifier(b, type_b, inside):
        return None  # "talks with Myanmar's opposition National Unity Government": Myanmar only says whose
    relative = _relative_clause_membership(a, b, side_a, side_b, top, type_a, type_b)
    if relative is not None:
        return relative  # "The Pacific Islands Forum, which brings together ... Australia"
    # Co-agents: "X and Y signed a memorandum", "the heads of X and Y held a summit"; not places
    # where the subject is ("conditions in X and Y met two thresholds").
    if (any(t.dep_ == "conj" for t in side_a + side_b) and _only_noun_links(side_a + side_b)
            and not (_located(side_a, type_a) or _located(side_b, type_b))):
        verb = _governing_verb(top)
        if verb is not None and _in_subject(top, verb) and not _located_on_way(top, verb) and _conjuncts(top) <= MAX_CO_AGENTS:
            # The verb itself ("met", "signed") or a joint act ("held talks", "concluded a treaty");
            # two of many who "attended the summit" did not meet each other for that.
            if verb.lemma_ in _JOINT_VERBS or any(verb.lemma_ in CUES[k] for k in (AGREEMENT, MEETING, COOPERATION)):
                kind, cue = _cue_near(verb, kinds=(AGREEMENT, MEETING, COOPERATION), skip=inside)
                if kind is not None:
                    return kind, cue, "ab"
        return None
    # Statement: the speaker is the subject of a statement verb the other depends on.
    if top.lemma_ in STATEMENT_VERBS and top.pos_ in ("VERB", "AUX") and len(side_a) + len(side_b) <= MAX_PATH + 2:
        # "told reporters in Geneva": the place where it was said is not what it was said of
        if (_speaker_side(side_a, top) and not _via_subject(side_b, top) and not _crosses(side_b, {"advcl", "relcl", "acl"})
                and not _located(side_b, type_b)):
            return STATEMENT, top.lemma_, "ab"
        if (_speaker_side(side_b, top) and not _via_subject(side_a, top) and not _crosses(side_a, {"advcl", "relcl", "acl"})
                and not _located(side_a, type_a)):
            return STATEMENT, top.lemma_, "ba"
    path = side_a + side_b + [top]
    if len(path) > MAX_PATH or _crosses(side_a + side_b, _CLAUSE_EDGES):
        return None  # far apart or in different clauses: only co-occurrence
    if top.lemma_ in _WISH_VERBS:
        return None  # "would seek an agreement with X": wanted, not made
    if _blocked(side_a, type_a) or _blocked(side_b, type_b):
        return None
    if top.pos_ in ("VERB", "AUX") and not (_via_subject(side_a, top) or _via_subject(side_b, top)):
        return None  # two objects of one verb ("established contacts with X, Y") are not parties to each other
    for kind in (OBSERVER, MEMBERSHIP, AGREEMENT, MEETING, COOPERATION):
        cue = _cue_on(path, CUES[kind], skip=inside)
        if cue is None:
            continue
        if kind == MEETING and cue.lower().startswith(("host", "receiv", "welcom")) and "PERSON" not in (type_a, type_b):
            continue  # "the network will be hosted by the WHO Hub": housing, not a meeting
        if kind in (OBSERVER, MEMBERSHIP):
            direction = _member_direction(side_a, side_b, top, type_a, type_b)
            if direction is None:
                continue
            return kind, cue, direction
        return kind, cue, "ab"
    return None


def _between_cue(top: Token, side_a: list[Token], side_b: list[Token], inside: set[int]) -> tuple[str, str, str] | None:
    """Two conjoined names after "between" whose head noun says how they relate ("talks between X
    and Y", "an agreement between X and Y")."""
    if not all(t.dep_ in ("conj", "cc", "compound", "det", "amod", "punct") for t in side_a + side_b):
        return None
    if not any(t.dep_ == "conj" for t in side_a + side_b):
        return None
    if top.dep_ != "pobj" or top.head.lower_ != "between":
        return None
    noun = top.head.head
    if noun.i in inside:
        return None
    for kind in (AGREEMENT, MEETING, COOPERATION):
        if noun.lemma_.lower() in CUES[kind] or noun.lower_ in CUES[kind]:
            return kind, noun.text, "ab"
    return None


def _place_modifier(token: Token, entity_type: str, inside: set[int]) -> bool:
    """A place in the possessive or as a modifier of another named actor only says whose it is."""
    return entity_type in PLACE_TYPES and token.dep_ in ("poss", "compound") and token.head.i in inside


# Verbs whose object lists the members of their subject ("X brings together A, B and C").
_MEMBERSHIP_VERBS = frozenset({"include", "unite", "comprise", "group", "gather", "encompass"})


def _relative_clause_membership(a: Token, b: Token, side_a: list[Token], side_b: list[Token], top: Token,
                                type_a: str, type_b: str) -> tuple[str, str, str] | None:
    """ "X, which brings together A and B" / "X, which includes A": membership in X, told by a
    relative clause on X's name."""
    for organization, member, side, direction in ((a, b, side_b, "ba"), (b, a, side_a, "ab")):
        if top.i != organization.i or not side or side[-1].dep_ != "relcl" or side[-1].head.i != organization.i:
            continue
        verb = side[-1]
        member_type = type_b if member is b else type_a
        organization_type = type_a if organization is a else type_b
        if _member_of_which(verb, member) and organization_type == "ORG" and member_type in MEMBER_TYPES:
            return MEMBERSHIP, "member", direction  # "X, of which Y is a member" / "X, which Y joined"
        together = verb.lemma_ == "bring" and any(c.lower_ == "together" for c in verb.children)
        if not (together or verb.lemma_ in _MEMBERSHIP_VERBS):
            continue
        if not any(t.dep_ in ("dobj", "pobj", "conj", "appos") for t in side[:-1]) and member.dep_ not in ("dobj", "pobj", "conj"):
            continue
        member_type = type_b if member is b else type_a
        organization_type = type_a if organization is a else type_b
        if organization_type != "ORG" or member_type not in MEMBER_TYPES:
            continue
        return MEMBERSHIP, "brings together" if together else verb.text, direction
    return None


def _member_of_which(verb: Token, member: Token) -> bool:
    """The relative clause says its subject is a member of what it describes: "of which Belize is a
    member", "which Egypt joined in 2019"."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i != member.i:
        return False
    if verb.lemma_ == "join":
        return any(c.dep_ == "dobj" and c.tag_ == "WDT" for c in verb.children)
    if verb.lemma_ != "be":
        return False
    relative = any(t.tag_ == "WDT" for t in verb.subtree if t.i < member.i)
    return relative and any(c.dep_ == "attr" and c.lemma_.lower() in ("member", "signatory", "founder") for c in verb.children)


# Verbs of leading, in the passive participle after an organization: "the Social Democrats, led by X".
LEAD_VERBS = frozenset({"lead", "head", "chair", "run"})


def _led_by(sentence: Span, anchors: dict[int, list[Token]], types: dict[int, str], owner: dict[int, int]) -> list[dict]:
    """ "the Social Democrats, led by former finance minister X": X leads them."""
    result = []
    for person, tokens in anchors.items():
        if types.get(person) != "PERSON":
            continue
        for token in tokens:
            by = token.head
            if token.dep_ != "pobj" or by.lower_ != "by" or by.dep_ != "agent":
                continue
            verb = by.head
            if verb.lemma_ not in LEAD_VERBS or verb.dep_ not in ("acl", "relcl") or verb.tag_ != "VBN":
                continue
            organization = owner.get(verb.head.i)
            if organization is not None and types.get(organization) == "ORG":
                result.append(_relation(person, organization, LEADS, verb.text, sentence.start_char, sentence.end_char))
    return result


def _only_noun_links(tokens: list[Token]) -> bool:
    return all(t.dep_ in ("conj", "cc", "compound", "prep", "pobj", "appos", "det", "amod", "poss") or t.pos_ in ("NOUN", "PROPN") for t in tokens)


def _conjuncts(token: Token) -> int:
    head = token
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return 1 + sum(1 for t in head.subtree if t.dep_ == "conj" and t.head.i != t.i)


def _governing_verb(token: Token) -> Token | None:
    current = token
    for _ in range(8):
        if current.pos_ in ("VERB", "AUX"):
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _in_subject(token: Token, verb: Token) -> bool:
    current = token
    while current.i != verb.i:
        if current.head.i == verb.i:
            return current.dep_ in ("nsubj", "nsubjpass")
        current = current.head
    return False


def _located_on_way(token: Token, verb: Token) -> bool:
    """ "conditions in X and Y met ...": the names sit in a place phrase of the subject."""
    current = token
    while current.i != verb.i and current.head.i != current.i:
        if current.dep_ == "prep" and current.lower_ in _LOCATION_PREPOSITIONS:
            return True
        current = current.head
    return False


def _crosses(tokens: list[Token], edges: set[str]) -> bool:
    return any(t.dep_ in edges for t in tokens)


def _speaker_side(side: list[Token], top: Token) -> bool:
    """The mention itself is the subject of ``top``: not an organization inside a title before it."""
    return len(side) == 1 and _via_subject(side, top)


def _via_subject(side: list[Token], top: Token) -> bool:
    return bool(side) and side[-1].dep_ in ("nsubj", "nsubjpass") and side[-1].head.i == top.i


def _located(side: list[Token], entity_type: str) -> bool:
    """A place reached through "in"/"at"/"from" on its way up: where, not whom."""
    return entity_type in PLACE_TYPES and any(
        (token.dep_ == "prep" or token.pos_ == "ADP") and token.lower_ in _LOCATION_PREPOSITIONS for token in side[1:]
    )


def _blocked(side: list[Token], entity_type: str) -> bool:
    """A place reached through "in"/"at", or anything reached through "on"/"about", is no party."""
    for token in side[1:]:
        if token.dep_ == "prep" or token.pos_ == "ADP":
            word = token.lower_
            if word in _TOPIC_PREPOSITIONS:
                return True
            if word in _LOCATION_PREPOSITIONS and entity_type in PLACE_TYPES:
                return True
    return False


def _context(token: Token) -> list[Token]:
    """A path token with the objects and modifiers that say what it is about."""
    found = [token]
    for child in token.children:
        if child.dep_ in _OBJECT_DEPS or child.dep_ in _MODIFIER_DEPS or child.dep_ == "prt":
            found.append(child)
            found.extend(c for c in child.children if c.dep_ in _MODIFIER_DEPS)
    return found


def _cue_on(path: list[Token], lemmas: frozenset[str], *, skip: set[int]) -> str | None:
    for token in path:
        for candidate in _context(token):
            if candidate.i in skip or candidate.lower_ == "according":
                continue
            lemma = candidate.lemma_.lower()
            if lemma in lemmas or candidate.lower_ in lemmas:
                if lemma in ("include", "unite", "comprise", "group") and candidate.pos_ != "VERB":
                    continue
                return candidate.text
            if lemma == "bring" and any(c.lower_ == "together" for c in candidate.children) and lemmas is CUES[MEMBERSHIP]:
                return "brings together"
    return None


def _cue_near(verb: Token, *, kinds: tuple[str, ...], skip: set[int] = frozenset()) -> tuple[str | None, str | None]:
    context = [t for t in _context(verb) if t.i not in skip and t.lower_ != "according"]
    for kind in kinds:
        for token in context:
            if token.lemma_.lower() in CUES[kind] or token.lower_ in CUES[kind]:
                return kind, token.text
    return None, None


def _member_direction(side_a: list[Token], side_b: list[Token], top: Token, type_a: str, type_b: str) -> str | None:
    """Which of the two is the member ("ab": a is the member, b the organization)."""
    if type_a not in MEMBER_TYPES or type_b not in MEMBER_TYPES:
        return None  # "radical Islamism in the CSTO member states" is no member
    if type_a == "ORG" and type_b != "ORG":
        return "ba"
    if type_b == "ORG" and type_a != "ORG":
        return "ab"
    if type_a != "ORG" and type_b != "ORG":
        return None  # membership and observer status are in an organization
    # Both organizations: the subject of "brings together"/"includes" is the organization.
    if top.lemma_ in ("include", "unite", "comprise", "bring", "group"):
        return "ba" if _via_subject(side_a, top) else "ab"
    return "ab" if _via_subject(side_a, top) else "ba"


def _collective_subject_relations(sentence: Span, anchors: dict[int, list[Token]], types: dict[int, str], found: list[dict]) -> list[dict]:
    """ "The SCO and the CSTO ... : the two sides signed a memorandum" - the sentence's two actors."""
    parties = [a for a in anchors if types.get(a) not in PLACE_TYPES]
    if len(parties) != 2:
        return []
    a, b = sorted(parties)
    result = []
    for token in sentence:
        if token.dep_ not in ("nsubj", "nsubjpass") or token.i in {t.i for ts in anchors.values() for t in ts}:
            continue
        words = {t.lemma_.lower() for t in token.subtree}
        if not (words & _COLLECTIVE_SUBJECTS and words & {"two", "both"}) and token.lower_ not in ("both",):
            continue
        if any(t.i in {x.i for ts in anchors.values() for x in ts} for t in token.subtree):
            continue
        kind, cue = _cue_near(token.head, kinds=(AGREEMENT, MEETING, COOPERATION), skip=_mention_tokens(sentence))
        if kind is not None and not any(r["kind"] == kind and {r["source"], r["target"]} == {a, b} for r in found):
            result.append(_relation(a, b, kind, cue, sentence.start_char, sentence.end_char))
    return result


def _according_to(sentence: Span, anchors: dict[int, list[Token]], owner: dict[int, int], found: list[dict]) -> list[dict]:
    """ "According to Anna Berg, the SCO has ...": a statement by Anna Berg about the SCO."""
    result = []
    for token in sentence:
        if token.lower_ != "according" or token.i + 1 >= sentence.end or token.doc[token.i + 1].lower_ != "to":
            continue
        speakers = [owner[t.i] for t in token.doc[token.i + 1].subtree if t.i in owner]
        if not speakers:
            continue
        speaker = speakers[0]
        for other in anchors:
            if other == speaker or other in speakers:
                continue
            if not any(r["kind"] == STATEMENT and r["source"] == speaker and r["target"] == other for r in found):
                result.append(_relation(speaker, other, STATEMENT, "according to", sentence.start_char, sentence.end_char))
    return result
