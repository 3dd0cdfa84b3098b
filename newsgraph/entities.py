"""Article-local entities: canonical actors with their aliases, mentions and roles.

The ``newsgraph_entities`` component turns the model's named entities into article-local
entities (one per distinct actor in the article) stored on ``doc._.ng_entities`` and
``doc._.ng_mentions``. Cross-article identity is decided later, in ``newsgraph.resolve``.

What it does to the model's output, in order (each step a small function below):

0. people's names the model cut are joined again: over name particles ("Ursula von der" +
   "Leyen", "Abdulaziz" + "bin Salman"), two pieces written together ("Jorge Almeida" +
   "Rebelo") and a first name left out ("Luiz" + "Inácio Lula da Silva"); a courtesy title
   ("Prince", "Sheikh", "King") is a role, not part of the name; a name pairing two subject
   words that the model cut at its "and" ("[AU Peace] and [Security Council]") is joined;
1. acronym definitions ("Shanghai Cooperation Organization (SCO)", "SCO (Shanghai Cooperation
   Organization)", "(SCO or the Organization)") found with Schwartz-Hearst; the spans the model cut
   around them ("the Pacific (ESCAP") are replaced by the long form and the acronym;
2. spans trimmed (determiners, possessives, honorifics, unbalanced parentheses); spans the model
   cut in the middle ("Belt and", "States on") dropped;
3. mislabels dropped by form: diseases, documents ("the UN Charter", "Convention on ..."), events
   ("... Summit" keeps the organization it names), programme titles ("Formation of ...");
4. countries: every official name and abbreviation is one place ("PRC" = "China"); a country
   name glued to a person ("President of Belarus Alexander Lukashenko") is split off;
5. adjectives of nationality ("Chinese") are not actors; they only tell a role's country;
6. a defined acronym or a name the model missed elsewhere in the article is still a mention;
7. capitalized back-references ("the Organization", "the Alliance") join the organization of
   the article whose name they head; with no such organization they are dropped;
8. people: "Anna Berg", "Ms Berg" and "Berg" are one person, and so is any word of a full name
   but its particles and first name ("Lula", "Akol") when one person has it; roles from titles and
   appositions ("SCO Secretary General Anna Berg", "Maria Zakharova, the Foreign Ministry
   spokeswoman") stored as ``{"role", "org_local", "org_name"}`` plus the evidence sentence.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.names import (
    CAPITALS_ALSO_NAMES,
    FUNCTION_WORDS,
    capital_of,
    acronym_fits,
    initials,
    acronym_overlaps,
    country_of,
    country_of_code,
    country_of_demonym,
    identity_key,
    looks_like_acronym,
    name_key,
)

ACTOR_LABELS = ("ORG", "PERSON", "GPE", "LOC", "NORP", "FAC")
PLACE_LABELS = ("GPE", "LOC", "FAC")
_LEADING_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "madam", "mme", "mister", "dame", "lord", "lady"}
# Royal and courtesy titles: "Prince Abdulaziz bin Salman" is Abdulaziz bin Salman with the title
# Prince (a role, see role_before), not a person named "Prince Abdulaziz".
ROYAL_TITLES = {"prince", "princess", "sheikh", "sheikha", "king", "queen", "emir", "sultan", "crown"}
# Lower-case particles inside personal names: "Ursula von der Leyen", "Lula da Silva", "bin Salman".
NAME_PARTICLES = {
    "von", "van", "der", "den", "de", "da", "di", "du", "dos", "das", "del", "della", "bin", "ibn", "bint",
    "al", "el", "la", "le", "ter", "ten", "zu",
}

# Head nouns of organization names. A capitalized one after "the" refers back to the organization
# of the article it heads ("the Organization" -> the Shanghai Cooperation Organization).
BACKREF_HEADS = {
    "organization", "organisation", "alliance", "bloc", "union", "commission", "council", "committee",
    "assembly", "association", "community", "bank", "fund", "agency", "secretariat", "federation",
    "forum", "group", "party", "parliament", "ministry", "court", "institute", "foundation",
    "league", "coalition", "movement", "conference", "cabinet", "board", "authority", "bureau",
}
ORG_HEADS = BACKREF_HEADS | {
    "government", "department", "administration", "corporation", "company", "service", "centre", "center",
    "force", "forces", "army", "front", "senate", "congress", "duma", "chamber", "university", "school",
    "academy", "network", "society", "partnership", "office", "program", "programme", "organizations",
    "organisations", "nations", "states", "republic", "kingdom", "emirates", "station", "mission",
}
# A name headed by one of these is a document, not an actor ("the UN Charter", "Convention on ...").
DOCUMENT_HEADS = {
    "charter", "convention", "treaty", "declaration", "protocol", "strategy", "resolution", "pact",
    "accord", "accords", "memorandum", "communique", "communiqué", "doctrine", "concept", "roadmap",
    "agreement", "agreements", "statement", "constitution", "act", "initiative", "agenda", "law", "code",
    "covenant", "manifesto", "plan", "principles", "guidelines", "regulation", "directive",
}
# These head documents only when they come first: "Program of Cooperation on ..." is a document,
# "United Nations Development Program" an organization.
HEAD_FIRST_DOCUMENT_HEADS = {"program", "programme", "framework", "action", "programs", "programmes"}
# A name headed by one of these is an event; what precedes the head is the actor it names.
EVENT_HEADS = {
    "summit", "summits", "meeting", "meetings", "session", "sessions", "talks", "visit", "ceremony",
    "games", "olympics", "expo", "festival", "war", "crisis", "election", "elections", "ministerial",
}
DISEASE = re.compile(
    r"\b(covid(-?19)?|coronavirus|sars(-cov-2)?|mers|ebola|hiv|aids|h1n1|h5n1|zika|mpox|monkeypox|malaria|"
    r"influenza|tuberculosis|polio|cholera|measles|dengue|omicron|delta variant)\b",
    re.IGNORECASE,
)
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_NAME_PREPOSITIONS = {"of", "on", "for", "in", "against", "between", "to", "with", "at"}
_BROKEN_ENDINGS = {"and", "of", "the", "on", "for", "in", "to", "at", "with", "a", "an", "&", "or", "-", "–"}

# Titles. A role is a run of these with at least one core word ("Foreign Minister", "Secretary General").
ROLE_CORE = {
    "president", "premier", "minister", "secretary", "spokesman", "spokeswoman", "spokesperson",
    "chairman", "chairwoman", "chairperson", "chair", "director", "head", "ambassador", "envoy",
    "chancellor", "governor", "mayor", "commissioner", "king", "queen", "emir", "prince", "princess",
    "leader", "commander", "representative", "adviser", "advisor", "ceo", "founder", "speaker", "chief",
    "officer", "counsellor", "counselor", "senator", "emperor", "sultan", "pope", "consul", "rapporteur",
    "coordinator", "negotiator", "president-elect", "vice-president", "vice-premier", "secretary-general",
    "director-general", "attaché", "chargé", "deputy", "executive", "general", "administrator", "sheikh",
    # occupations that are roles at an organization ("an analyst at Energy Aspects")
    "analyst", "economist", "fellow", "researcher", "strategist", "lecturer", "correspondent", "editor",
    "scientist", "lawmaker", "legislator", "parliamentarian", "judge", "prosecutor",
}
ROLE_MODIFIERS = {
    "vice", "acting", "first", "former", "interim", "foreign", "prime", "senior", "special", "permanent",
    "high", "defence", "defense", "interior", "finance", "economy", "economic", "trade", "energy", "justice",
    "health", "education", "culture", "agriculture", "transport", "emergency", "external", "affairs",
    "state", "assistant", "associate", "supreme", "national", "security", "executive", "press", "grand",
    "industry", "development", "digital", "labour", "labor", "environment", "science", "sports", "youth",
    "information", "communications", "international", "relations", "main", "general", "military",
    "home", "managing", "shadow", "commerce", "treasury", "chief", "operating", "financial", "technology",
    "technical", "political", "policy", "legal", "regional", "junior", "principal", "lead", "crown",
    # portfolios and postings: "humanitarian affairs minister", "country director", "opposition leader"
    "country", "humanitarian", "parliamentary", "opposition", "cabinet", "climate", "mining", "oil",
    "petroleum", "tourism", "housing", "migration", "immigration", "refugee", "social", "welfare", "public",
    "works", "planning", "budget", "fisheries", "forestry", "veterans", "family", "consumer", "competition",
    "sport", "heritage", "aviation", "maritime", "telecommunications", "media", "equality", "disaster",
    "relief", "water", "women", "children", "communication", "investment", "infrastructure",
}
# Head titles make the tie to the organization "leads"; every other title is a "role".
LEADING_ROLES = {
    "president", "premier", "prime minister", "chairman", "chairwoman", "chairperson", "chair",
    "secretary general", "secretary-general", "general secretary", "director general", "director-general",
    "director", "head", "leader", "chief", "chief executive", "ceo", "king", "queen", "emir", "chancellor",
    "governor", "mayor", "commander", "executive secretary", "sultan", "emperor", "pope", "president-elect",
    "executive director", "managing director", "secretary", "administrator", "chief executive officer",
}
_ROLE_CONNECTORS = {"of", "for", "the", "-", "and", "'s", "’s"}
_POSSESSIVE = {"'s", "’s"}
# Titles that exist only inside an organization: with no organization in the title, the one
# organization of the sentence is theirs ("The North Atlantic Treaty Organization (NATO) will ...,
# Secretary General Henrik Dahl said").
ORGANIZATION_TITLES = {
    "secretary general", "secretary-general", "deputy secretary general", "deputy secretary-general",
    "director general", "director-general", "executive director", "managing director", "chief executive",
    "chief executive officer", "ceo", "executive secretary", "chairman", "chairwoman", "chairperson",
    "high representative", "spokesperson", "spokesman", "spokeswoman", "chief economist",
    "chief financial officer", "chief operating officer", "chief technology officer", "cfo", "coo", "cto",
    "finance director", "country director",
}
# Head nouns of an apposition that make the name beside it an organization.
APPOSITION_ORG_NOUNS = frozenset(
    {"chamber", "house", "parliament", "assembly", "legislature", "court", "council", "committee", "body",
     "institution", "commission", "bloc", "alliance", "group", "company", "firm", "party", "union", "coalition",
     "movement", "agency", "organization", "organisation", "association", "federation", "bank", "lender",
     "insurer", "carrier", "airline", "maker", "manufacturer", "producer", "retailer", "broadcaster",
     "newspaper", "operator", "startup", "conglomerate", "regulator", "watchdog", "charity", "ministry"}
)  # fmt: skip
# Lower-case nouns that stand for an organization named earlier, in "the bank's president".
_ORGANIZATION_REFERENCES = BACKREF_HEADS | {"company", "firm", "bank", "group", "fund", "government", "lender", "bloc"}
# Nouns that describe what kind of organization a name right after them is ("consultancy Energy Aspects").
ORGANIZATION_DESCRIPTORS = {
    "bloc", "alliance", "group", "company", "firm", "charity", "consultancy", "organisation", "organization",
    "agency", "party", "union", "coalition", "movement", "network", "lender", "bank", "insurer", "carrier",
    "airline", "maker", "manufacturer", "producer", "retailer", "broadcaster", "newspaper", "operator",
    "developer", "startup", "conglomerate", "think-tank", "tank", "publisher", "giant", "rival", "fund",
    "watchdog", "regulator", "militia", "association",
}


# --------------------------------------------------------------------------------------------
# Schwartz-Hearst, without the package's side effect on logging

def _import_schwartz_hearst():
    root = logging.getLogger()
    handlers = list(root.handlers)
    level = root.level
    from abbreviations import schwartz_hearst  # calls logging.basicConfig on import

    for handler in root.handlers[len(handlers):]:
        root.removeHandler(handler)
    root.setLevel(level)
    return schwartz_hearst


_sh = _import_schwartz_hearst()


# --------------------------------------------------------------------------------------------
# Data the steps pass along


@dataclass
class Candidate:
    """A span that may become a mention of an actor."""

    start: int  # token offsets in the doc
    end: int
    label: str
    country: str | None = None  # ISO code when the span names a country
    backref: str | None = None  # the head noun, when the span is "the Organization"
    definition: int | None = None  # index of the acronym definition it belongs to
    acronym: bool = False  # the short form of a definition
    certain: bool = False  # the label comes from the words around it, not the model ("the bloc Mercosur")


@dataclass(frozen=True)
class Definition:
    long: tuple[int, int]  # token span of "Shanghai Cooperation Organization"
    short: tuple[int, int]  # token span of "SCO"
    backref: str | None  # "organization" for "(SCO or the Organization)"


# --------------------------------------------------------------------------------------------
# Small helpers


def _is_capitalized(token: Token) -> bool:
    return bool(token.text[:1].isupper())


def _head_index(doc: Doc, start: int, end: int) -> int:
    """Index of a name's head noun: the last word before its first preposition ("Council of ...")."""
    for i in range(start + 1, end):
        if doc[i].lower_ in _NAME_PREPOSITIONS:
            return i - 1
    return end - 1


def _text(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text


def clean_span(span: Span) -> Span | None:
    """Trim determiners, possessives, honorifics and an unbalanced parenthesis off an entity span."""
    bounds = _clean_bounds(span.doc, span.start, span.end, span.label_)
    if bounds is None:
        return None
    return Span(span.doc, bounds[0], bounds[1], label=span.label_)


def _clean_bounds(doc: Doc, start: int, end: int, label: str) -> tuple[int, int] | None:
    while start < end and (doc[start].lower_ in _LEADING_DETERMINERS or not doc[start].text[:1].isalnum()):
        start += 1
    if label == "PERSON":
        while start < end - 1 and (doc[start].lower_.rstrip(".") in HONORIFICS or _royal_title_at(doc, start, end)):
            start += 1
            if start < end and doc[start].text == ".":
                start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].text in ("'s", "’s", "'", "’")):
        end -= 1
    texts = [t.text for t in doc[start:end]]
    if "(" in texts and ")" not in texts:
        end = start + texts.index("(")
    elif ")" in texts and "(" not in texts:
        cut = texts.index(")")
        start, end = (start + cut + 1, end) if cut < len(texts) / 2 else (start, start + cut)
    while end > start and not doc[end - 1].text[-1:].isalnum() and doc[end - 1].text != ".":
        end -= 1
    while end > start and doc[end - 1].text == "." and end - start == 1:
        end -= 1
    if end <= start:
        return None
    return start, end


def _royal_title_at(doc: Doc, i: int, end: int) -> bool:
    """ "Prince", "Sheikh", "Crown Prince" opening a person's span, with a name after it."""
    word = doc[i].lower_
    if word == "crown":
        return i + 1 < end - 1 and doc[i + 1].lower_ in ("prince", "princess")
    return word in ROYAL_TITLES and doc[i].text[:1].isupper() and doc[i + 1].text[:1].isupper()


# --------------------------------------------------------------------------------------------
# 0. Personal names the model cut


def repair_person_spans(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """People's names the small model cut in pieces, joined again.

    - a name ending in, or followed by, lower-case particles goes on over the capitalized words
      after them ("Ursula von der" + "Leyen", "Prince Abdulaziz" + "bin Salman");
    - two pieces written together where the first modifies the second are one name ("Jorge
      Almeida" + "Rebelo", an "Ion" tagged as an organization + "Vasilescu-Rusu");
    - a capitalized first name the model left out before the rest is taken in ("Luiz" before
      "Inácio Lula da Silva").
    The pieces a repaired name takes over are dropped.
    """
    people = [c for c in candidates if c.label == "PERSON" and c.definition is None]
    if not people:
        return candidates
    owner: dict[int, Candidate] = {}
    for c in candidates:
        for i in range(c.start, c.end):
            owner[i] = c
    # Token.sent scans the document: the sentence bounds once, looked up by bisection.
    starts = [sentence.start for sentence in doc.sents]
    bounds = Bounds(starts, [*starts[1:], len(doc)])
    taken: set[int] = set()  # ids of candidates a repaired name took over
    repaired: dict[int, Candidate] = {}
    for c in sorted(people, key=lambda c: c.start):
        if id(c) in taken:
            continue
        sentence_start, sentence_end = bounds.of(c.start)
        start, end = _name_start(doc, c, owner, sentence_start), _name_end(doc, c, owner, sentence_end)
        if (start, end) == (c.start, c.end):
            continue
        for i in range(start, end):
            other = owner.get(i)
            if other is not None and other is not c:
                taken.add(id(other))
        repaired[id(c)] = replace(c, start=start, end=end)
    return [repaired.get(id(c), c) for c in candidates if id(c) not in taken]


# Subject words that organizations pair in their names: "Peace and Security Council", "Trade and
# Development Board", "Science and Technology Committee".
NAME_TOPIC_WORDS = frozenset(
    "peace security trade development cooperation economic social science technology culture cultural "
    "defence defense health human rights environment environmental energy agriculture finance financial "
    "justice education research transport industry planning policy reconstruction investment climate "
    "water foreign affairs commerce communications information safety".split()
)


def join_coordinated_names(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """One organization for "Peace and Security Council": the model often cuts a name that pairs two
    subject words at the "and" ("[African Union Peace] and [Security Council]"), or tags only its end.

    The span on the right must be an organization starting with a subject word, and the word before
    the "and" a capitalized subject word. The joined name starts at the subject words; what the model
    tagged before them stays an organization of its own (the parent, "African Union"), so that a
    parent written out, abbreviated or left out names the same body. Two names joined by "and" stay
    two: "the Council and the Security Council", "Russia and the Security Council".
    """
    owner = {i: c for c in candidates for i in range(c.start, c.end)}
    result = list(candidates)
    joined_any = False
    for right in candidates:
        conjunction, last = right.start - 1, right.start - 2
        if right.label != "ORG" or last < 0 or doc[conjunction].lower_ not in ("and", "&"):
            continue
        if doc[right.start].lower_ not in NAME_TOPIC_WORDS or doc[right.end - 1].lower_ not in ORG_HEADS:
            continue
        if doc[last].lower_ not in NAME_TOPIC_WORDS or not _is_capitalized(doc[last]) or doc[right.start].is_sent_start:
            continue
        left = owner.get(last)
        if left is not None and (left.label != "ORG" or doc[left.end - 1].lower_ in ORG_HEADS or left.end != conjunction):
            continue
        start = last
        while start - 1 >= 0 and doc[start - 1].lower_ in NAME_TOPIC_WORDS and _is_capitalized(doc[start - 1]) \
                and not doc[start].is_sent_start:
            start -= 1
        result = [c for c in result if c is not right and c is not left]
        if left is not None and left.start < start:
            result.append(Candidate(left.start, start, "ORG"))  # the parent: "African Union"
        joined = Candidate(start, right.end, "ORG")
        result.append(joined)
        owner.update({i: joined for i in range(start, right.end)})
        joined_any = True
    return sorted(result, key=lambda c: (c.start, c.end)) if joined_any else candidates


def _capitalized_word(token: Token) -> bool:
    return token.is_alpha and token.text[:1].isupper() and not token.is_upper or (token.is_alpha and len(token.text) == 1 and token.is_upper)


@dataclass(frozen=True)
class Bounds:
    """Sentence starts and ends (token offsets), for lookups without Token.sent."""

    starts: list[int]
    ends: list[int]

    def of(self, i: int) -> tuple[int, int]:
        k = max(0, bisect_right(self.starts, i) - 1)
        return self.starts[k], self.ends[k]


def _name_end(doc: Doc, person: Candidate, owner: dict[int, Candidate], sentence_end: int) -> int:
    end = person.end
    k = end
    while k > person.start + 1 and doc[k - 1].lower_ in NAME_PARTICLES:
        k -= 1  # "Ursula von der": the particles already inside the span
    j = end
    if k == end:
        while j < sentence_end and doc[j].lower_ in NAME_PARTICLES and doc[j].is_lower and doc[j - 1].whitespace_:
            j += 1  # "Abdulaziz" then "bin Salman"
    if j < sentence_end and j > end - (end - k) and doc[j].text in ("-", "‐") and not doc[j - 1].whitespace_:
        j += 1  # "al-Sudani"
    words = j
    if k < end or j > end:
        while words < sentence_end and words - j < 3 and _capitalized_word(doc[words]):
            words += 1
            if words + 1 < sentence_end and doc[words].text == "-" and not doc[words - 1].whitespace_ and _capitalized_word(doc[words + 1]):
                words += 1  # "Okonkwo-Bello"
        if words > j:
            return _through_owner(owner, words, person)
    if k == end:
        after = owner.get(end)
        last = doc[end - 1]
        if (after is not None and after.label == "PERSON" and after.start == end and after.definition is None
                and last.dep_ == "compound" and after.start <= last.head.i < after.end and last.whitespace_):
            return after.end  # "Jorge Almeida" + "Rebelo"
    return person.end


def _through_owner(owner: dict[int, Candidate], end: int, person: Candidate) -> int:
    """The repaired end, stretched to the end of a span it cuts into ("bin Salman" whole)."""
    other = owner.get(end - 1)
    return max(end, other.end) if other is not None and other is not person and other.definition is None else end


def _name_start(doc: Doc, person: Candidate, owner: dict[int, Candidate], sentence_start: int) -> int:
    k = person.start - 1
    while k >= sentence_start and doc[k].lower_ in NAME_PARTICLES and doc[k].is_lower and doc[k].whitespace_:
        k -= 1  # "van der" + "Bellen": the particles, then the given names before them
    if k < person.start - 1:
        first = k + 1
        while k >= sentence_start and person.start - k <= 8 and (
            _capitalized_word(doc[k]) and not _is_title_word(doc[k]) and doc[k].lower_.rstrip(".") not in HONORIFICS | ROYAL_TITLES
            or doc[k].text == "-" and k > sentence_start and not doc[k].whitespace_ and not doc[k - 1].whitespace_
        ):
            first = k if doc[k].text != "-" else first
            k -= 1
        return first
    if k < sentence_start or not doc[k].whitespace_:
        return person.start
    token = doc[k]
    if not (token.pos_ == "PROPN" and token.dep_ == "compound" and person.start <= token.head.i < person.end):
        return person.start
    if not _capitalized_word(token) or token.is_upper or _is_title_word(token) or token.lower_.rstrip(".") in HONORIFICS | ROYAL_TITLES:
        return person.start
    text = token.text
    if token.lower_ in FUNCTION_WORDS or country_of(text) or capital_of(text) or country_of_demonym(text):
        return person.start
    other = owner.get(k)
    if other is not None and (other.end - other.start != 1 or other.definition is not None or other.acronym):
        return person.start
    return k  # "Luiz" + "Inácio Lula da Silva", "Ion" + "Vasilescu-Rusu"


# --------------------------------------------------------------------------------------------
# 1. Acronym definitions

_PAREN = re.compile(r"\(([^()]{2,80})\)")
_FORWARD = re.compile(
    r"^\s*(?P<acr>[A-Za-z][\w&.\-]{1,9})\s*"
    r"(?:(?:,|;|or|also|hereinafter(?: referred to as)?|hereafter(?: referred to as)?|further)\s+(?:as\s+)?"
    r"(?:the\s+)?[\"“']?(?P<ref>[A-Z][a-z]+)[\"”']?\s*)?$"
)


def find_definitions(doc: Doc, candidates: list[Candidate]) -> list[Definition]:
    """Acronym definitions in either order, with the back-reference a definition may announce."""
    found: list[Definition] = []
    ends_at: dict[int, Candidate] = {c.end: c for c in candidates}
    for sentence in doc.sents:
        text = sentence.text
        if "(" not in text:
            continue
        base = sentence.start_char
        for match in _PAREN.finditer(text):
            inner = match.group(1)
            forward = _FORWARD.match(inner)
            definition = None
            if forward and looks_like_acronym(forward.group("acr")):
                definition = _forward_definition(doc, text, base, match, forward, ends_at)
            elif " " in inner.strip():
                definition = _reverse_definition(doc, text, base, match)
            if definition is not None:
                found.append(definition)
    return found


def _forward_definition(doc: Doc, text: str, base: int, match: re.Match, forward: re.Match, ends_at) -> Definition | None:
    acronym = forward.group("acr")
    acr_start = match.start(1) + forward.start("acr")
    # Only the text after the previous parenthesis or clause mark can hold the long form, or one
    # definition would swallow the one before it ("... Program (UNDP), the ... (UNESCO)").
    window_start = max(text.rfind(mark, 0, match.start()) for mark in (")", ";", ":")) + 1
    window = text[window_start:match.start()].rstrip()
    long_span = None
    if window:
        sentence = f"{window} ({acronym})"
        candidate = _sh.Candidate(acronym)
        candidate.set_position(len(window) + 2, len(window) + 2 + len(acronym))
        try:
            rough = _sh.get_definition(candidate, sentence)
            long_text = _sh.select_definition(rough, candidate)
            stop = rough.stop
            start = stop - len(long_text)
            if long_text[:1].isupper():
                long_span = doc.char_span(base + window_start + start, base + window_start + stop, alignment_mode="expand")
        except (ValueError, IndexError):
            long_span = None
    if long_span is None:
        # "the Educational, Scientific and Cultural Organization (UNESCO)": the letters are not all
        # there, but a name the model found right before the parenthesis shares their order.
        paren_token = doc.char_span(base + match.start(), base + match.start() + 1, alignment_mode="expand")
        before = ends_at.get(paren_token.start) if paren_token is not None else None
        if before is None or before.label not in ("ORG", "GPE", "FAC", "LOC"):
            return None
        bounds = _clean_bounds(doc, before.start, before.end, before.label)
        if bounds is None or not acronym_overlaps(acronym, _text(doc, *bounds)):
            return None
        long_span = doc[bounds[0]:bounds[1]]
    short = doc.char_span(base + acr_start, base + acr_start + len(acronym), alignment_mode="expand")
    if short is None or long_span is None or long_span.end > short.start:
        return None
    ref = forward.group("ref")
    return Definition((long_span.start, long_span.end), (short.start, short.end), ref.casefold() if ref else None)


def _reverse_definition(doc: Doc, text: str, base: int, match: re.Match) -> Definition | None:
    """ "SCO (Shanghai Cooperation Organization)": the acronym comes first."""
    inner = match.group(1).strip()
    if not inner[:1].isupper() or len(inner.split()) > 12:
        return None
    before = text[:match.start()].rstrip()
    word = re.search(r"([\w&.\-]+)$", before)
    if word is None or not looks_like_acronym(word.group(1)):
        return None
    acronym = word.group(1)
    if not (acronym_fits(acronym, inner) or _schwartz_hearst_fits(acronym, inner)):
        return None
    inner_start = match.start(1) + (len(match.group(1)) - len(match.group(1).lstrip()))
    long_span = doc.char_span(base + inner_start, base + inner_start + len(inner), alignment_mode="expand")
    short = doc.char_span(base + word.start(1), base + word.end(1), alignment_mode="expand")
    if long_span is None or short is None:
        return None
    return Definition((long_span.start, long_span.end), (short.start, short.end), None)


def _schwartz_hearst_fits(acronym: str, long_form: str) -> bool:
    definition = _sh.Candidate(long_form)
    definition.set_position(0, len(long_form))
    try:
        matched = _sh.select_definition(definition, acronym)
    except (ValueError, IndexError):
        return False
    # The whole long form, not a tail of it, must be what the letters spell.
    return len(matched.split()) == len(long_form.split())


def apply_definitions(doc: Doc, candidates: list[Candidate], definitions: list[Definition]) -> list[Candidate]:
    """Replace the model's spans around each definition by its long form and its acronym."""
    result = list(candidates)
    for index, definition in enumerate(definitions):
        region = (definition.long[0], max(definition.short[1] + 1, definition.long[1]))
        overlapping = [c for c in result if c.start < region[1] and c.end > region[0]]
        reverse = definition.short[0] < definition.long[0]
        if reverse:
            region = (definition.short[0], definition.long[1] + 1)
            overlapping = [c for c in result if c.start < region[1] and c.end > region[0]]
        label = _definition_label(doc, definition, overlapping)
        if label is None:
            continue
        result = [c for c in result if c not in overlapping]
        long_text = _text(doc, *definition.long)
        if DISEASE.search(long_text) or doc[_head_index(doc, *definition.long)].lower_ in DOCUMENT_HEADS:
            continue  # "Treaty on the Non-Proliferation of Nuclear Weapons (NPT)": a document
        long_bounds = _clean_bounds(doc, *definition.long, label)
        if long_bounds is None:
            continue
        result.append(Candidate(*long_bounds, label, definition=index))
        result.append(Candidate(*definition.short, label, definition=index, acronym=True))
    return result


def _definition_label(doc: Doc, definition: Definition, overlapping: list[Candidate]) -> str | None:
    weights: Counter[str] = Counter()
    for c in overlapping:
        weights[c.label] += c.end - c.start
    if weights:
        if "ORG" in weights:
            return "ORG"
        return weights.most_common(1)[0][0]
    # The model saw nothing there: keep it only when the long form is headed like an organization.
    head = doc[_head_index(doc, *definition.long)].lower_
    return "ORG" if head in ORG_HEADS else None


# --------------------------------------------------------------------------------------------
# 2.-3. Trimming and mislabels


def classify(doc: Doc, candidate: Candidate) -> Candidate | None:
    """The candidate trimmed and relabelled, or None when it is not an actor at all."""
    bounds = _clean_bounds(doc, candidate.start, candidate.end, candidate.label)
    if bounds is None:
        return None
    start, end = bounds
    if candidate.label != "PERSON" and end - start >= 2 and doc[candidate.start].lower_.rstrip(".") in HONORIFICS:
        return classify(doc, Candidate(candidate.start, candidate.end, "PERSON"))  # "Ms Diallo" tagged as an organization
    text = _text(doc, start, end)
    if DISEASE.search(text):
        return None
    if not _LATIN.search(text):
        return None  # "Китай" in an English article is a transliteration note, not another actor
    if candidate.acronym or candidate.definition is not None:
        return Candidate(start, end, candidate.label, definition=candidate.definition, acronym=candidate.acronym)
    if doc[end - 1].lower_ in _BROKEN_ENDINGS:
        return None  # the model cut the name in the middle ("Belt and", "States on")
    while (end - start > 1 and candidate.label != "PERSON" and doc[end - 1].lower_ in ROLE_CORE
           and end < len(doc) and _is_title_word(doc[end])):
        end -= 1  # "CCP General" + "Secretary Xi Jinping": the title's first word went to the party
    if doc[start].is_lower and candidate.label != "PERSON":
        return None
    head = _head_index(doc, start, end)
    head_word = doc[head].lower_
    organization_noun_after = end < len(doc) and doc[end].is_lower and doc[end].lemma_.lower() in ORGANIZATION_DESCRIPTORS
    if head_word in DOCUMENT_HEADS or (head_word in HEAD_FIRST_DOCUMENT_HEADS and head < end - 1):
        if organization_noun_after and candidate.label == "ORG":
            return Candidate(start, end, "ORG")  # "the Liberal Initiative party" names a party, not a plan
        return None
    if head == start and end - start > 1 and head_word not in ORG_HEADS and re.search(r"(tion|ment|ance|ence|ing|ure)$", head_word):
        return None  # a programme's title: "Formation of a Common Gas Market"
    if doc[start].tag_ == "VBG" and end - start > 1:
        return None  # "Countering Terrorism", "Ensuring International Information Security"
    if head_word in EVENT_HEADS:
        # "Shanghai Cooperation Organisation Summit" names the organization; the summit is an event.
        if head == start:
            return None
        end = head
        if end - start == 1 and not doc[start].is_upper:
            # "Beijing Summit", "Ufa Summit": summits are named after the city that hosts them.
            return Candidate(start, end, "GPE")
    if _only_title_words(doc, start, end):
        return None
    if end - start == 1:
        token = doc[start]
        if token.lower_ in BACKREF_HEADS and not token.is_upper:
            return Candidate(start, end, "ORG", backref=_singular(token.lower_))
        if token.tag_ in ("NNS", "NNPS") and not token.is_upper and token.lower_ not in ORG_HEADS | {"philippines"}:
            return None  # "member States", "Precursors"
        if token.lower_ in ORG_HEADS and not token.is_upper:
            return None  # "State", "Government": a common noun capitalized
    if _quoted_concept(doc, start, end):
        return None
    if candidate.label in PLACE_LABELS and head < end - 1 and head_word in ORG_HEADS and doc[head + 1].lower_ in ("for", "of", "on"):
        return Candidate(start, end, "ORG")  # "Center for Global Development", "Institute of ..." name organizations
    if candidate.label == "PERSON" and end - start == 1:
        token = doc[start]
        if token.is_upper and token.is_alpha and len(token.text) >= 3 and country_of(token.text) is None and capital_of(token.text) is None:
            return Candidate(start, end, "ORG")  # "polled by LSEG": people are not written in capitals
        if country_of(token.text) is None and capital_of(token.text) is None and country_of_demonym(token.text) is not None:
            return Candidate(start, end, "NORP")  # "Moldovan football": an adjective of nationality
    return Candidate(start, end, candidate.label)


def _singular(word: str) -> str:
    return "organization" if word == "organisation" else word


def _only_title_words(doc: Doc, start: int, end: int) -> bool:
    words = [t.lower_ for t in doc[start:end] if t.text not in ("-",)]
    return bool(words) and all(w in ROLE_CORE or w in ROLE_MODIFIERS for w in words)


def _quoted_concept(doc: Doc, start: int, end: int) -> bool:
    """ "Helsinki spirit" in quotation marks names an idea, not the city."""
    if start == 0 or doc[start - 1].text not in ("“", '"', "«", "'", "‘"):
        return False
    mark = doc[start - 1]
    if mark.whitespace_ or (mark.i > 0 and not doc[mark.i - 1].whitespace_ and mark.text in ('"', "'")):
        return False  # a closing mark: '“We are ready,” Lund said' names the speaker
    after = doc[end:end + 3]
    return bool(after) and after[0].is_lower and any(t.text in ("”", '"', "»", "'", "’") for t in after)


# --------------------------------------------------------------------------------------------
# 4. Countries and people glued together


def correct_place_labels(doc: Doc, candidates: list[Candidate]) -> None:
    """Known places the model labelled otherwise: a country as a person ("Niger said"), a capital
    as a person or an organization ("Vilnius", "Niamey").

    A person's label stays when the article names a person with that word in their name ("Chad
    Miller ... Chad said") or an honorific precedes it ("Ms Georgia").
    """
    person_words = {
        t.lower_ for c in candidates if c.label == "PERSON" and c.end - c.start >= 2 for t in doc[c.start:c.end]
    }
    for candidate in candidates:
        if candidate.backref or candidate.definition is not None or candidate.label not in ("PERSON", "ORG", "NORP"):
            continue
        text = _text(doc, candidate.start, candidate.end)
        if candidate.label in ("ORG", "PERSON") and _names_a_place_unit(doc, candidate):
            candidate.label = "GPE"  # "Upper Nile and Jonglei states": a state, whatever the model said
            continue
        capital = capital_of(text)
        if candidate.label == "PERSON":
            if name_key(text) in CAPITALS_ALSO_NAMES or any(t.lower_ in person_words for t in doc[candidate.start:candidate.end]):
                continue
            if candidate.start > 0 and doc[candidate.start - 1].lower_.rstrip(".") in HONORIFICS:
                continue
            if capital is not None or country_of(text) is not None:
                candidate.label = "GPE"  # map_countries marks the country itself
        elif capital is not None and not doc[candidate.start].is_upper:
            candidate.label = "GPE"


# Lower-case nouns after a name that make it a place: "Jonglei state", "Kachin and Shan states".
PLACE_UNIT_NOUNS = frozenset(
    {"state", "states", "province", "provinces", "region", "regions", "district", "districts", "county",
     "counties", "governorate", "governorates", "oblast", "prefecture", "municipality", "department", "departments"}
)  # fmt: skip


def _names_a_place_unit(doc: Doc, candidate: Candidate) -> bool:
    """A name right before "state"/"province" (or coordinated with one that is), written in
    lower case: a region of a country."""
    end = candidate.end
    if end < len(doc) and doc[end].is_lower and doc[end].lower_ in PLACE_UNIT_NOUNS and (
        doc[end - 1].dep_ in ("compound", "nmod", "amod") or doc[end - 1].head.i == end
    ):
        return True
    root = doc[candidate.start:end].root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head  # "Kachin and Shan states": Shan is coordinated with the modifier of "states"
    head = root.head
    return root.dep_ in ("compound", "nmod", "amod") and head.is_lower and head.lower_ in PLACE_UNIT_NOUNS and head.i > root.i


def organizations_by_apposition(doc: Doc, candidates: list[Candidate]) -> None:
    """ "the Bundesrat, the upper chamber," / "Mercosur, the South American trade bloc,": a name
    whose apposition is an organization's head noun is an organization, whatever the model said."""
    for candidate in candidates:
        if candidate.label not in ("NORP", "PERSON", "GPE") or candidate.country or candidate.definition is not None:
            continue
        root = doc[candidate.start:candidate.end].root
        appositions = [child for child in root.children if child.dep_ == "appos" and child.i >= candidate.end]
        if root.dep_ == "appos" and root.head.i < candidate.start:
            appositions.append(root.head)  # "the upper chamber, the Bundesrat"
        for noun in appositions:
            if noun.pos_ == "NOUN" and noun.is_lower and (noun.lemma_.lower() in APPOSITION_ORG_NOUNS):
                if country_of(_text(doc, candidate.start, candidate.end)) is None:
                    candidate.label = "ORG"
                    candidate.certain = True
                break


def map_countries(doc: Doc, candidates: list[Candidate]) -> None:
    """Mark every span that names a country; flag-table codes ("KAZ", "RUS") when there are several."""
    codes = [c for c in candidates if c.end - c.start == 1 and doc[c.start].is_upper and country_of_code(doc[c.start].text)]
    use_codes = len({doc[c.start].text for c in codes}) >= 2
    for candidate in candidates:
        if candidate.backref or candidate.label == "PERSON":
            continue
        text = _text(doc, candidate.start, candidate.end)
        country = country_of(text)
        if country is None and use_codes and candidate.end - candidate.start == 1 and not candidate.acronym:
            country = country_of_code(text) if doc[candidate.start].is_upper else None
        if country is not None and candidate.definition is None or (country is not None and candidate.label == "GPE"):
            candidate.country = country.code
            candidate.label = "GPE"


def split_glued_people(doc: Doc, candidates: list[Candidate], person_keys: set[str]) -> list[Candidate]:
    """ "Belarus Alexander Lukashenko" -> the country and the person; "CCP Xi Jinping" likewise."""
    result: list[Candidate] = []
    for candidate in candidates:
        pieces = _split_one(doc, candidate, person_keys)
        result.extend(pieces)
    return result


def _split_one(doc: Doc, candidate: Candidate, person_keys: set[str]) -> list[Candidate]:
    start, end = candidate.start, candidate.end
    if candidate.definition is not None or candidate.backref:
        return [candidate]
    if end - start == 2 and candidate.label == "ORG" and looks_like_acronym(doc[end - 1].text) and doc[start].is_title:
        # "Astana SCO summit": the host city and the organization
        return [Candidate(start, start + 1, "GPE"), Candidate(start + 1, end, "ORG")]
    if end - start < 3:
        return [candidate]
    # A known person's name at the end of the span.
    for size in (3, 2):
        if end - size > start and identity_key(_text(doc, end - size, end)) in person_keys:
            return [*_prefix_piece(doc, candidate, end - size), Candidate(end - size, end, "PERSON")]
    # A country name at the start, two or more capitalized words after it: "Tajikistan Emomali Rahmon".
    for size in (3, 2, 1):
        if end - (start + size) < 2:
            continue
        country = country_of(_text(doc, start, start + size))
        rest = doc[start + size:end]
        if country and all(_is_capitalized(t) or t.text == "-" for t in rest) and doc[_head_index(doc, start, end)].lower_ not in ORG_HEADS:
            preceded_by_title = start > 0 and (doc[start - 1].lower_ == "of" or doc[start - 1].lower_ in ROLE_CORE)
            if candidate.label == "PERSON" or preceded_by_title:
                return [Candidate(start, start + size, "GPE", country=country.code), Candidate(start + size, end, "PERSON")]
    return [candidate]


def _prefix_piece(doc: Doc, candidate: Candidate, cut: int) -> list[Candidate]:
    bounds = _clean_bounds(doc, candidate.start, cut, candidate.label)
    if bounds is None:
        return []
    label = candidate.label if candidate.label != "PERSON" else "ORG"
    prefix = Candidate(*bounds, label)
    if _only_title_words(doc, *bounds):
        return []
    return [prefix]


# --------------------------------------------------------------------------------------------
# 6.-7. Mentions the model missed, back-references


def add_missed_mentions(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """Other occurrences of a defined acronym or of a multiword name found elsewhere in the article,
    and people's surnames used alone ("Dahl said") that the model did not tag.

    A known name also wins over shorter spans the model cut inside it: "the AU Peace and Security
    Council" after "the African Union's Peace and Security Council" is that council, not the
    "Security Council" the model kept.
    """
    covered = bytearray(len(doc))
    covered[:dateline_token_end(doc)] = b"\x01" * dateline_token_end(doc)
    owner: dict[int, Candidate] = {}
    for c in candidates:
        covered[c.start:c.end] = b"\x01" * (c.end - c.start)
        for i in range(c.start, c.end):
            owner[i] = c
    texts: list[str] = []
    tags: list[str] = []
    for token in doc:  # one pass over the doc, then plain list work
        texts.append(token.text)
        tags.append(token.pos_)
    forms: dict[tuple[str, ...], Candidate] = {}
    for c in candidates:
        if c.backref:
            continue
        words = tuple(texts[c.start:c.end])
        if c.acronym or len(words) >= 2 or (c.label == "ORG" and looks_like_acronym(words[0])):
            forms.setdefault(words, c)
    added = _missed_acronyms(doc, candidates, texts, covered)
    replaced: set[int] = set()  # ids of the model's spans a longer known name took over
    if forms:
        by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for words in forms:
            by_first[words[0]].append(words)
        for i, text in enumerate(texts):
            if text not in by_first:
                continue
            for words in sorted(by_first[text], key=len, reverse=True):
                end = i + len(words)
                if end > len(texts) or tuple(texts[i:end]) != words:
                    continue
                inside = _spans_inside(owner, covered, i, end)
                if inside is None:
                    continue
                model = forms[words]
                replaced.update(id(c) for c in inside)
                added.append(Candidate(i, end, model.label, country=model.country, definition=model.definition, acronym=model.acronym))
                covered[i:end] = b"\x01" * len(words)
                break
    added += _missed_surnames(doc, candidates, covered, texts)
    added += _missed_capitals(texts, tags, covered)
    return [c for c in candidates if id(c) not in replaced] + added


def _missed_capitals(texts: list[str], tags: list[str], covered: bytearray) -> list[Candidate]:
    """A country's capital the model did not tag ("a delegation to Chișinău"): a capitalized proper
    noun, not next to another one, that the gazetteer knows as a capital."""
    added = []
    last = len(texts) - 1
    for i, text in enumerate(texts):
        if covered[i] or tags[i] != "PROPN" or len(text) < 4 or not text.istitle() or not text.isalpha():
            continue
        if (i > 0 and tags[i - 1] == "PROPN" and texts[i - 1][:1].isupper()) or (i < last and tags[i + 1] == "PROPN" and texts[i + 1][:1].isupper()):
            continue  # "Dakar Rally" is not the city
        if name_key(text) in CAPITALS_ALSO_NAMES or capital_of(text) is None:
            continue
        added.append(Candidate(i, i + 1, "GPE"))
        covered[i] = 1
    return added


def _spans_inside(owner: dict[int, Candidate], covered: bytearray, start: int, end: int) -> list[Candidate] | None:
    """The model's spans inside [start, end) that a longer known name may replace, or None when a
    span crosses its edges, is a definition, or the range is already taken by an added mention."""
    inside: dict[int, Candidate] = {}
    for i in range(start, end):
        if not covered[i]:
            continue
        candidate = owner.get(i)
        if candidate is None or candidate.start < start or candidate.end > end or candidate.definition is not None:
            return None
        if candidate.end - candidate.start == end - start:
            return None  # the same span: already a mention
        inside[id(candidate)] = candidate
    return list(inside.values())


def _missed_surnames(doc: Doc, candidates: list[Candidate], covered: bytearray, texts: list[str]) -> list[Candidate]:
    """ "Dahl said" after "Henrik Dahl": a surname alone, as a proper noun, where only one person
    of the article has it. Grouping then joins it to the full name."""
    owners: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for c in candidates:
        if c.label != "PERSON" or c.end - c.start < 2:
            continue
        words = tuple(t.lower_ for t in doc[c.start:c.end] if t.text not in ("-", "."))
        if len(words) < 2:
            continue
        # The surname, and the other words after the first name ("Akol" of "Albino Akol Deng",
        # "Lula" of "Luiz Inácio Lula da Silva"): the first name alone is rarely how news refers.
        for token in doc[c.start + 1:c.end]:
            if token.is_alpha and len(token.text) >= 2 and token.text[:1].isupper() and token.lower_ not in NAME_PARTICLES:
                owners[token.lower_].add(words)
    surnames = {
        word for word, people in owners.items()
        if len(people) == 1 and word not in FUNCTION_WORDS and country_of(word) is None and capital_of(word) is None
    }
    if not surnames:
        return []
    added = []
    for i, text in enumerate(texts):
        if covered[i] or not text[:1].isupper() or text.lower() not in surnames:
            continue
        token = doc[i]
        # The tagger takes some surnames for plural nouns ("Tavares told"); a capitalized noun
        # is a name only where capitals do not just open a sentence.
        if token.pos_ != "PROPN" and not (token.pos_ == "NOUN" and not token.is_sent_start and doc[token.i - 1].text not in (".", "!", "?", ":", "\n")):
            continue
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is not None and following.is_alpha and following.text[:1].isupper() and following.pos_ == "PROPN":
            continue  # "Dahl Industries": part of another name
        added.append(Candidate(token.i, token.i + 1, "PERSON"))
        covered[token.i] = 1
    return added


def _missed_acronyms(doc: Doc, candidates: list[Candidate], texts: list[str], covered: bytearray) -> list[Candidate]:
    """All-caps words the model skipped: one that spells an organization of the article ("The
    EAEU wants ..."), or one right before a title ("WHO Director-General ...")."""
    long_orgs = [_text(doc, c.start, c.end) for c in candidates if c.label == "ORG" and c.end - c.start >= 2]
    added = []
    for i, text in enumerate(texts):
        dotted = _DOTTED_ACRONYM.fullmatch(text) is not None
        if covered[i] or not (dotted or (text.isupper() and text.isalpha() and 2 <= len(text) <= 8)):
            continue
        spells = not dotted and any(_initials_equal(text, name) or acronym_fits(text, name) for name in long_orgs)
        if spells or _title_follows(texts, i + 1, capitalized=not dotted):
            country = country_of(text)
            added.append(Candidate(i, i + 1, "GPE" if country else "ORG", country=country.code if country else None))
            covered[i] = 1
    return added


_DOTTED_ACRONYM = re.compile(r"(?:[A-Z]\.){2,4}")


def _title_follows(texts: list[str], i: int, *, capitalized: bool) -> bool:
    """A title starts at i: "Director-General", "Managing Director", "spokeswoman" (lower case only
    after a dotted acronym such as "U.N.", which is never a word)."""
    for k in range(i, min(i + 3, len(texts))):
        word = texts[k]
        if capitalized and not word[:1].isupper():
            return False
        if word.lower() in ROLE_CORE:
            return True
        if word.lower() not in ROLE_MODIFIERS:
            return False
    return False


def add_backreferences(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """ "the Organization", "the Organization's", "The Alliance" the model did not mark."""
    covered = bytearray(len(doc))
    for c in candidates:
        covered[c.start:c.end] = b"\x01" * (c.end - c.start)
    added = []
    for token in doc:
        if covered[token.i] or token.lower_ not in BACKREF_HEADS or not token.text[:1].isupper() or token.is_upper:
            continue
        if token.i == 0 or doc[token.i - 1].lower_ != "the":
            continue
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is not None and (following.lower_ == "of" or (_is_capitalized(following) and following.is_alpha)):
            continue  # "the Union of ...", "the Council Chamber": part of a longer name
        added.append(Candidate(token.i, token.i + 1, "ORG", backref=_singular(token.lower_)))
    return candidates + added


# --------------------------------------------------------------------------------------------
# 8. Roles


@dataclass(frozen=True)
class RoleMatch:
    role: str
    org: Candidate | None
    org_name: str | None
    country: str | None  # ISO code, when only an adjective ("Chinese Foreign Minister") tells the country
    start: int  # token span of the whole title phrase
    end: int


def _token_classes(doc: Doc, candidates: list[Candidate], adjectives: list[Candidate]) -> dict[int, Candidate]:
    index: dict[int, Candidate] = {}
    for c in (*candidates, *adjectives):
        for i in range(c.start, c.end):
            index[i] = c
    return index


def _is_title_word(token: Token) -> bool:
    word = token.lower_
    return word in ROLE_CORE or word in ROLE_MODIFIERS


def role_before(doc: Doc, person: Candidate, owner: dict[int, Candidate]) -> RoleMatch | None:
    """ "SCO Secretary General", "Premier of the State Council of ...", "Chinese Foreign Minister",
    "foreign minister" (lower case), "a spokeswoman for the Commission," and "Its chief executive,"."""
    sentence_start = doc[person.start].sent.start
    i = _before_royal_title(doc, person.start - 1, sentence_start)
    if i >= sentence_start and doc[i].text == "," and i - 1 >= sentence_start and (
        (_is_title_word(doc[i - 1]) and (doc[i - 1].lower_ in ROLE_CORE or doc[i - 1].text[:1].isupper()))
        or _is_party(owner.get(i - 1), person)
    ):
        i -= 1  # "the Russian President, Vladimir Putin", "a spokeswoman for the Commission, Marta Ferreira"
    elif i >= sentence_start and doc[i].text == ",":
        domain = _title_domain_start(doc, i, sentence_start, owner)
        if domain is not None:
            i = domain  # "Kenya's special envoy for trade, Grace Wanjiru": the domain is left out
    items: list[tuple[int, int, str, Candidate | None]] = []  # (start, end, class, candidate)
    while i >= sentence_start:
        token = doc[i]
        candidate = owner.get(i)
        if _is_party(candidate, person):
            items.append((candidate.start, candidate.end, "ent", candidate))
            i = candidate.start - 1
        elif items and items[-1][2] == "connector" and doc[items[-1][0]].text in _POSSESSIVE and (
            referred := _organization_referred(doc, i, person, owner)
        ) is not None:
            items.append((i, i + 1, "ent", referred))  # "the association's president, Ion Vasilescu-Rusu"
            i -= 1
        elif _is_title_word(token) and (
            token.text[:1].isupper() or token.lower_ in ROLE_CORE or (items and items[-1][2] == "title")
        ):
            items.append((i, i + 1, "title", None))  # a lower-case modifier only inside a title: "foreign minister"
            i -= 1
        elif token.lower_ in _ROLE_CONNECTORS and items:
            items.append((i, i + 1, "connector", None))
            i -= 1
        else:
            break
    items.reverse()
    while items and items[0][2] == "connector":
        items.pop(0)
    match = _role_from_items(doc, items)
    if match is not None and match.org is None and match.org_name is None and i >= 0 and doc[i].lower_ == "its" and items[0][2] == "title":
        antecedent = _antecedent_organization(doc, i, owner)
        if antecedent is not None:
            match = replace(match, org=antecedent, start=i)  # "Its foreign minister, Gabor Varga,"
    return match


def _before_royal_title(doc: Doc, i: int, sentence_start: int) -> int:
    """ "Energy Minister Prince Abdulaziz": the office is the role; the courtesy title before the
    name is skipped when an office precedes it (alone, "King Charles", it is the role)."""
    k = i
    while k >= sentence_start and doc[k].lower_ in ROYAL_TITLES and doc[k].text[:1].isupper():
        k -= 1
    if k == i:
        return i
    j = k
    while j >= sentence_start and _is_title_word(doc[j]) and doc[j].lower_ not in ROYAL_TITLES:
        if doc[j].lower_ in ROLE_CORE:
            return k
        j -= 1
    return i


def _title_domain_start(doc: Doc, comma: int, sentence_start: int, owner: dict[int, Candidate]) -> int | None:
    """The title word before "for trade," / "for Health Emergencies," ending at ``comma``."""
    k = comma - 1
    while k > sentence_start and comma - k <= 3 and owner.get(k) is None and doc[k].is_alpha and doc[k].lower_ not in ("for", "of"):
        k -= 1
    if k > sentence_start and doc[k].lower_ in ("for", "of") and k < comma - 1 and _is_title_word(doc[k - 1]) and doc[k - 1].lower_ in ROLE_CORE:
        return k - 1
    return None


def _is_party(candidate: Candidate | None, person: Candidate) -> bool:
    return candidate is not None and candidate is not person and candidate.label != "PERSON"


def _antecedent_organization(doc: Doc, i: int, owner: dict[int, Candidate]) -> Candidate | None:
    """What "Its" at token i stands for: the organization or country that is the subject of the
    sentence before ("Hungary has yet to approve the plan. Its foreign minister, ..."), else the
    nearest organization or country before it in that sentence or this one."""
    sentence = doc[i].sent
    previous = doc[sentence.start - 1].sent if sentence.start > 0 else None
    start = previous.start if previous is not None else sentence.start
    seen: list[Candidate] = []
    for k in range(i - 1, start - 1, -1):
        candidate = owner.get(k)
        if candidate is None or candidate.label in ("PERSON", "NORP") or candidate.backref or (seen and seen[-1] is candidate):
            continue
        seen.append(candidate)
    if not seen:
        return None
    for candidate in seen:
        root = doc[candidate.start:candidate.end].root
        if root.dep_ in ("nsubj", "nsubjpass"):
            return candidate
    return next((c for c in seen if c.label == "ORG"), seen[0])


def role_after(doc: Doc, person: Candidate, owner: dict[int, Candidate]) -> RoleMatch | None:
    """ "Maria Zakharova, the Foreign Ministry spokeswoman,", "Olaf Scholz, Chancellor of Germany",
    "Ingrid Maurer, the bank's president,", "Amrita Nair, an analyst at consultancy Energy Aspects"."""
    sentence_end = doc[person.start].sent.end
    i = person.end
    if i >= sentence_end or doc[i].text != ",":
        return None
    i += 1
    if i < sentence_end and doc[i].lower_ in ("the", "a", "an"):
        i += 1
    items: list[tuple[int, int, str, Candidate | None]] = []
    referred = _organization_referred(doc, i, person, owner) if i + 1 < sentence_end else None
    if referred is not None:
        items += [(i, i + 1, "ent", referred), (i + 1, i + 2, "connector", None)]  # "the bank's"
        i += 2
    while i < sentence_end:
        token = doc[i]
        candidate = owner.get(i)
        if candidate is not None and candidate.label != "PERSON":
            items.append((candidate.start, candidate.end, "ent", candidate))
            i = candidate.end
        elif _is_title_word(token):
            items.append((i, i + 1, "title", None))
            i += 1
        elif (token.lower_ in _ROLE_CONNECTORS or token.lower_ == "at") and items:
            items.append((i, i + 1, "connector", None))
            i += 1
            if token.lower_ in ("at", "of", "for"):
                i = _after_descriptors(doc, i, sentence_end, owner)  # "at consultancy Energy Aspects"
        elif token.text[:1].isupper() and token.is_alpha and doc[i].lower_ in ORG_HEADS | {"foreign"}:
            items.append((i, i + 1, "orgword", None))
            i += 1
        else:
            break
    while items and items[-1][2] == "connector":
        items.pop()
    while len(items) >= 2 and items[-1][2] == "title" and doc[items[-1][0]].lower_ not in ROLE_CORE and items[-2][2] == "connector":
        items.pop()  # "Director-General for Health Emergencies": the domain is not part of the title
        items.pop()
    # An apposition ends at a comma, the sentence end, a verb or a phrase of its own ("for trade");
    # not in the middle of a name.
    if items and items[-1][1] < sentence_end:
        following = doc[items[-1][1]]
        acronym_after = following.text == "(" and items[-1][2] == "ent"  # "of the Christian Democratic Union (CDU),"
        if following.text not in (",", ".", ";", ":", ")", "—", "–") and following.pos_ not in ("VERB", "AUX", "ADP") and not acronym_after:
            return None
    return _role_from_items(doc, items)


def _organization_referred(doc: Doc, i: int, person: Candidate, owner: dict[int, Candidate]) -> Candidate | None:
    """ "the bank's" / "the commission's" / "the company's" right after a name: the organization of
    the article that word stands for, the nearest before it whose name has that word (any
    organization for "company", "firm", "group")."""
    token = doc[i]
    if token.lower_ not in _ORGANIZATION_REFERENCES or not token.is_lower or doc[i + 1].text not in _POSSESSIVE:
        return None
    generic = token.lower_ in ("company", "firm", "group", "lender")
    seen: set[int] = set()
    for k in range(person.start - 1, -1, -1):
        candidate = owner.get(k)
        if candidate is None or id(candidate) in seen or candidate.label != "ORG" or candidate.backref:
            continue
        seen.add(id(candidate))
        words = {w.lower() for w in _text(doc, candidate.start, candidate.end).split()}
        if generic or _singular(token.lower_) in {_singular(w) for w in words}:
            return candidate
    return None


def _after_descriptors(doc: Doc, i: int, end: int, owner: dict[int, Candidate]) -> int:
    """Skip "the" and up to two lower-case nouns before an organization's name ("at the think tank X")."""
    k = i
    if k < end and doc[k].lower_ == "the":
        k += 1
    for _ in range(2):
        if k < end and owner.get(k) is not None:
            return k
        if k < end and doc[k].is_lower and doc[k].pos_ in ("NOUN", "ADJ", "PROPN"):
            k += 1
    return k if k < end and owner.get(k) is not None else i


def _role_from_items(doc: Doc, items: list[tuple[int, int, str, Candidate | None]]) -> RoleMatch | None:
    titles = [k for k, item in enumerate(items) if item[2] == "title"]
    if not titles or not any(doc[items[k][0]].lower_ in ROLE_CORE for k in titles):
        return None
    # The role is the run of title words (with "of Foreign Affairs" and hyphens inside it).
    first = titles[0]
    last = first
    for k in range(first + 1, len(items)):
        kind = items[k][2]
        if kind == "title":
            last = k
        elif kind == "connector" and doc[items[k][0]].lower_ in ("of", "-", "and") and k + 1 < len(items) and items[k + 1][2] == "title":
            continue
        elif kind == "ent" and k + 1 < len(items) and items[k + 1][2] == "title" and doc[items[k][0]].text[:1].isupper() and looks_like_acronym(doc[items[k][0]:items[k][1]].text):
            continue  # "deputy U.N. ambassador": the organization sits inside the title
        else:
            break
    role_words = doc[items[first][0]:items[last][1]]
    # A role ends with its core word ("Foreign Minister"), never with a lone modifier.
    while len(role_words) > 1 and role_words[-1].lower_ not in ROLE_CORE and role_words[-1].lower_ not in ("affairs",):
        role_words = role_words[:-1]
    role = role_words.text.strip()
    if not role or role.lower() in ("general", "executive", "deputy", "acting", "former"):
        return None
    entities = [item[3] for item in items if item[2] == "ent"]
    # "Britain's U.N. ambassador", "Nigeria's president": the possessor is whom the title serves.
    possessors = [
        item[3] for k, item in enumerate(items)
        if item[2] == "ent" and k + 1 < len(items) and doc[items[k + 1][0]].text in _POSSESSIVE
    ]
    org, org_name, country = _pick_role_org(doc, possessors or entities)
    if org is None and org_name is None:
        words = [doc[item[0]].text for item in items if item[2] == "orgword"]
        if words and doc[items[-1][0]].lower_ in ORG_HEADS:
            org_name = " ".join(words)
    start, end = items[0][0], items[-1][1]
    return RoleMatch(role, org, org_name, country, start, end)


def _pick_role_org(doc: Doc, entities: list[Candidate]) -> tuple[Candidate | None, str | None, str | None]:
    for preferred in ("ORG", "GPE", "LOC", "FAC"):
        for candidate in entities:
            if candidate.label == preferred and not candidate.backref:
                return candidate, None, None
    for candidate in entities:
        if candidate.backref:
            return candidate, None, None
    for candidate in entities:
        if candidate.label == "NORP":
            country = country_of_demonym(_text(doc, candidate.start, candidate.end))
            if country is not None:
                return None, country.name, country.code
    return None, None, None


def role_kind(role: str) -> str:
    """ "leads" for a head's title (President, Secretary General, Premier), else "role"."""
    words = name_key(role)
    if re.match(r"^(vice|deputy|acting|assistant|associate|former|first deputy|under)\b", words):
        return "role"
    if words in LEADING_ROLES or words.replace(" ", "-") in LEADING_ROLES:
        return "leads"
    last_two = " ".join(words.split()[-2:])
    return "leads" if last_two in LEADING_ROLES and last_two not in ("secretary", "director") else "role"


# --------------------------------------------------------------------------------------------
# Grouping into article-local entities


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _person_tokens(doc: Doc, candidate: Candidate) -> list[str]:
    return [t.lower_ for t in doc[candidate.start:candidate.end] if t.text not in ("-", ".")]


def group_candidates(doc: Doc, candidates: list[Candidate], definitions: list[Definition]) -> list[list[Candidate]]:
    """Candidates that name the same actor, grouped; back-references without an antecedent dropped."""
    named = [c for c in candidates if not c.backref]
    groups = _UnionFind(len(named))
    by_key: dict[tuple[str, str], int] = {}
    by_definition: dict[int, int] = {}
    for index, candidate in enumerate(named):
        text = _text(doc, candidate.start, candidate.end)
        # The same words in one article name the same actor whatever label the model gave each time.
        keys = [("country", candidate.country)] if candidate.country else [("name", identity_key(text))]
        if candidate.definition is not None:
            if candidate.definition in by_definition:
                groups.union(by_definition[candidate.definition], index)
            else:
                by_definition[candidate.definition] = index
            keys.append(("acronym" if candidate.acronym else "long", identity_key(text)))
        for key in keys:
            if key in by_key:
                groups.union(by_key[key], index)
            else:
                by_key[key] = index
    _join_acronyms(doc, named, groups)
    _join_short_organization_names(doc, named, groups)
    _join_party_members(doc, named, groups)
    _join_partial_names(doc, named, groups)

    clusters: dict[int, list[Candidate]] = defaultdict(list)
    for index, candidate in enumerate(named):
        clusters[groups.find(index)].append(candidate)
    cluster_list = list(clusters.values())
    _attach_backreferences(doc, [c for c in candidates if c.backref], cluster_list, definitions)
    return cluster_list


def _join_acronyms(doc: Doc, named: list[Candidate], groups: _UnionFind) -> None:
    """A bare acronym joins the one multiword organization of the article whose initials it spells."""
    long_orgs: dict[int, str] = {
        i: _text(doc, c.start, c.end) for i, c in enumerate(named) if c.label == "ORG" and c.end - c.start >= 2
    }
    for index, candidate in enumerate(named):
        text = _text(doc, candidate.start, candidate.end)
        if candidate.label != "ORG" or candidate.end - candidate.start != 1 or not looks_like_acronym(text):
            continue
        # Initials only first ("SCO" = Shanghai Cooperation Organisation), then letters from inside
        # words too ("EAEU"), so that a cut span ("Shanghai Cooperation") does not compete.
        strict = {groups.find(i) for i, name in long_orgs.items() if _initials_equal(text, name)}
        matches = strict or {groups.find(i) for i, name in long_orgs.items() if acronym_fits(text, name)}
        if len(matches) == 1:
            groups.union(matches.pop(), index)


# Head nouns of party names the members' plural leaves out: "Social Democrats" of the "Social
# Democratic Party", "Christian Democrats" of the "Christian Democratic Union", "Greens", "Socialists".
PARTY_HEADS = frozenset({"party", "union", "alliance", "front", "movement", "league", "congress", "bloc"})


def _stem(word: str) -> str:
    word = word.lower().removesuffix("s")
    for suffix in ("ic", "ian", "ist", "ive"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _party_key(words: list[str]) -> tuple[str, ...]:
    return tuple(_stem(w) for w in words)


def _join_party_members(doc: Doc, named: list[Candidate], groups: _UnionFind) -> None:
    """ "the Social Democrats" (members, often tagged as a nationality) join the "Social Democratic
    Party" of the same article: the same words up to the party's head noun, by stem."""
    parties: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for i, c in enumerate(named):
        words = [t.text for t in doc[c.start:c.end]]
        if c.label == "ORG" and len(words) >= 2 and words[-1].lower() in PARTY_HEADS and not c.acronym:
            parties[_party_key(words[:-1])].add(i)
    if not parties:
        return
    for index, c in enumerate(named):
        words = [t.text for t in doc[c.start:c.end]]
        if c.label not in ("NORP", "ORG") or c.country or not words[-1].endswith("s") or words[-1].lower() in PARTY_HEADS:
            continue
        fits = {groups.find(i) for i in parties.get(_party_key(words), ())}
        if len(fits) == 1:
            groups.union(fits.pop(), index)


def _initials_equal(acronym: str, name: str) -> bool:
    return "".join(c for c in acronym if c.isalpha()).upper() == initials(name)


def _join_short_organization_names(doc: Doc, named: list[Candidate], groups: _UnionFind) -> None:
    """ "Nordvik" and "Baltic Grid" after "Nordvik Energy" and "Baltic Grid Holdings", "Fed" after
    "Federal Reserve": a shorter organization name that starts the one longer organization name
    of the article (its first words, or a clipping of its first word) is that organization."""
    long_orgs = [(i, [t.text for t in doc[c.start:c.end]]) for i, c in enumerate(named)
                 if c.label == "ORG" and c.end - c.start >= 2 and not c.acronym and not c.backref]
    for index, candidate in enumerate(named):
        if candidate.label != "ORG" or candidate.acronym or candidate.definition is not None or candidate.country:
            continue
        words = [t.text for t in doc[candidate.start:candidate.end]]
        if looks_like_acronym(words[0]) and len(words) == 1:
            continue  # acronyms are joined by their letters
        fits = {
            groups.find(i) for i, longer in long_orgs
            if len(longer) > len(words) and (
                longer[:len(words)] == words
                or (len(words) == 1 and len(words[0]) >= 3 and longer[0] != words[0] and longer[0].startswith(words[0]))
            )
        }
        fits.discard(groups.find(index))
        if len(fits) == 1:
            groups.union(fits.pop(), index)


def _name_parts(words: list[str]) -> set[str]:
    """The words of a full name that can stand for the person alone: not its particles."""
    return {w for w in words if w not in NAME_PARTICLES and len(w) >= 2}


def _join_partial_names(doc: Doc, named: list[Candidate], groups: _UnionFind) -> None:
    """ "Berg" and "Ms Berg" join "Anna Berg", "Lula" joins "Luiz Inácio Lula da Silva": a
    word of one full name (not a particle) when exactly one person of the article fits."""
    full = [(i, _person_tokens(doc, c)) for i, c in enumerate(named) if c.label == "PERSON" and c.end - c.start >= 2]
    known_parts = {w for _, words in full for w in _name_parts(words)}
    for c in named:
        # "Diallo" tagged as an organization or a place after "Amina Diallo" in the same article
        # is the person, unless the word is a country or a capital.
        text = _text(doc, c.start, c.end)
        if (c.label in ("ORG", "GPE", "LOC", "NORP") and c.end - c.start == 1 and not c.country and c.definition is None
                and not doc[c.start].is_upper and doc[c.start].lower_ in known_parts
                and country_of(text) is None and capital_of(text) is None and country_of_demonym(text) is None):
            c.label = "PERSON"
    people = [(i, _person_tokens(doc, c)) for i, c in enumerate(named) if c.label == "PERSON"]
    for index, words in people:
        fits = set()
        for other, other_words in full:
            if len(other_words) <= len(words) or groups.find(other) == groups.find(index):
                continue
            if len(words) == 1 and words[0] in _name_parts(other_words):
                fits.add(groups.find(other))
            elif len(words) >= 2 and _contiguous(words, other_words):
                fits.add(groups.find(other))
        if len(fits) == 1:
            groups.union(fits.pop(), index)


def _contiguous(part: list[str], whole: list[str]) -> bool:
    return any(whole[i:i + len(part)] == part for i in range(len(whole) - len(part) + 1))


def _attach_backreferences(doc: Doc, backrefs: list[Candidate], clusters: list[list[Candidate]], definitions: list[Definition]) -> None:
    if not backrefs:
        return
    announced: dict[str, list[Candidate]] = {}
    for cluster in clusters:
        for c in cluster:
            if c.definition is not None and definitions[c.definition].backref:
                announced.setdefault(_singular(definitions[c.definition].backref), cluster)
    heads: dict[int, set[str]] = {}
    for k, cluster in enumerate(clusters):
        words: set[str] = set()
        for c in cluster:
            if c.label == "ORG" and not c.acronym:
                words.update(identity_key(_text(doc, c.start, c.end)).replace("organisation", "organization").split())
        heads[k] = words
    for ref in sorted(backrefs, key=lambda c: c.start):
        cluster = announced.get(ref.backref)
        if cluster is None:
            fitting = [k for k, words in heads.items() if ref.backref in words]
            before = [k for k in fitting if min(c.start for c in clusters[k]) < ref.start]
            pool = before or fitting
            if not pool:
                continue  # no antecedent: no node
            k = max(pool, key=lambda k: (len(clusters[k]), -min(c.start for c in clusters[k])))
            cluster = clusters[k]
        cluster.append(ref)


def _entity_name(doc: Doc, cluster: list[Candidate]) -> tuple[str, list[str]]:
    """(canonical local name, other names written) for one cluster."""
    forms: Counter[str] = Counter()
    long_forms: Counter[str] = Counter()
    for c in cluster:
        if c.backref:
            continue
        text = _text(doc, c.start, c.end)
        forms[text] += 1
        if c.definition is not None and not c.acronym:
            long_forms[text] += 1
        elif c.label == "ORG" and any(other.label == "NORP" for other in cluster):
            long_forms[text] += 1  # "Social Democratic Party", not its members' "Social Democrats"
    labels = Counter(c.label for c in cluster if not c.backref)
    multiword = Counter({n: k for n, k in forms.items() if len(n.split()) >= 2})
    if long_forms:
        name = sorted(long_forms, key=lambda n: (-long_forms[n], -len(n), n))[0]
    elif labels.most_common(1)[0][0] == "PERSON":
        name = sorted(forms, key=lambda n: (-len(n.split()), -forms[n], n))[0]
    elif any(c.country for c in cluster):
        named = Counter({n: k for n, k in forms.items() if country_of(n) is not None}) or forms
        name = sorted(named, key=lambda n: (looks_like_acronym(n), -named[n], len(n), n))[0]
        if country_of(name) is None:
            country = country_of_demonym(name)  # only "Chinese" in a title: the country's own name
            name = country.name if country is not None else name
    elif multiword and any(looks_like_acronym(n) for n in forms):
        # "SCO" and "Shanghai Cooperation Organisation" in one article: the name spelled out.
        name = sorted(multiword, key=lambda n: (-multiword[n], -len(n), n))[0]
    else:
        name = sorted(forms, key=lambda n: (-forms[n], -len(n), n))[0]
    aliases = []
    seen = {identity_key(name)}
    person = labels.most_common(1)[0][0] == "PERSON"
    for text in sorted(forms, key=lambda n: (-forms[n], n)):
        key = identity_key(text)
        if key in seen:
            continue
        if any(c.country for c in cluster) and country_of(text) is None and country_of_demonym(text) is not None:
            continue  # "Chinese" names China in a title; it is not another name of China
        if person and len(text.split()) < 2:
            continue  # "Berg" is a mention, not an alias: across articles people match by full name
        seen.add(key)
        aliases.append(text)
    return name, aliases


def _entity_type(cluster: list[Candidate]) -> str:
    if any(c.country for c in cluster):
        return "GPE"
    labels = Counter()
    for c in cluster:
        if not c.backref:
            labels[c.label] += 1 + (2 if c.definition is not None or c.certain else 0)
    if "ORG" in labels and "NORP" in labels:
        del labels["NORP"]  # "the Social Democrats" of a named party: members of the organization
    return sorted(labels.items(), key=lambda kv: (-kv[1], kv[0] != "PERSON", kv[0] == "NORP", kv[0]))[0][0]


# --------------------------------------------------------------------------------------------
# The component


@Language.factory("newsgraph_entities")
def make_entities_component(nlp: Language, name: str) -> "EntitiesComponent":
    return EntitiesComponent()


class EntitiesComponent:
    def __call__(self, doc: Doc) -> Doc:
        entities, mentions = extract(doc)
        doc._.ng_entities = entities
        doc._.ng_mentions = mentions
        return doc


def extract(doc: Doc) -> tuple[list[dict], list[dict]]:
    """The article-local entities and their mentions (plain data, see the module docstring)."""
    body_start = dateline_token_end(doc)
    raw = [Candidate(e.start, e.end, e.label_) for e in doc.ents if e.label_ in ACTOR_LABELS and e.start >= body_start]
    definitions = find_definitions(doc, raw)
    candidates = apply_definitions(doc, raw, definitions)
    candidates = repair_person_spans(doc, candidates)
    candidates = join_coordinated_names(doc, candidates)
    candidates = [c for c in (classify(doc, c) for c in candidates) if c is not None]
    correct_place_labels(doc, candidates)
    organizations_by_apposition(doc, candidates)
    map_countries(doc, candidates)
    adjectives = [c for c in candidates if c.label == "NORP" and _is_adjectival(doc, c)]
    candidates = [c for c in candidates if c not in adjectives]
    # Names of two words or more ("Vasilescu-Rusu" is one word of three tokens, not a full name).
    person_keys = {identity_key(_text(doc, c.start, c.end)) for c in candidates
                   if c.label == "PERSON" and " " in _text(doc, c.start, c.end).strip()}
    candidates = split_glued_people(doc, candidates, person_keys)
    map_countries(doc, candidates)
    candidates = _without_overlaps(candidates)
    candidates = _with_company_suffixes(doc, candidates)
    candidates = add_missed_mentions(doc, candidates)
    candidates = add_backreferences(doc, candidates)

    owner = _token_classes(doc, candidates, adjectives)
    roles: dict[int, list[RoleMatch]] = defaultdict(list)  # id(candidate) -> roles
    for candidate in candidates:
        if candidate.backref or candidate.definition is not None or candidate.country:
            continue
        match = role_before(doc, candidate, owner) or role_after(doc, candidate, owner)
        if match is None:
            continue
        if candidate.label != "PERSON" and _looks_like_personal_name(doc, candidate):
            candidate.label = "PERSON"  # "President Kassym-Jomart Tokayev" tagged as an organization
        if candidate.label == "PERSON":
            roles[id(candidate)].append(_with_sentence_organization(doc, match, candidates))
    candidates += _countries_of_titles(doc, roles, candidates, adjectives)

    clusters = group_candidates(doc, candidates, definitions)
    clusters = [c for c in clusters if any(not m.backref for m in c)]
    clusters.sort(key=lambda cluster: min(c.start for c in cluster))
    local_of: dict[int, int] = {}
    local_of_country: dict[str, int] = {}
    for local_id, cluster in enumerate(clusters):
        for c in cluster:
            local_of[id(c)] = local_id
            if c.country:
                local_of_country.setdefault(c.country, local_id)

    entities: list[dict] = []
    mentions: list[dict] = []
    for local_id, cluster in enumerate(clusters):
        name, aliases = _entity_name(doc, cluster)
        entities.append(
            {"local_id": local_id, "name": name, "type": _entity_type(cluster), "aliases": aliases, "roles": [],
             "mentions": len(cluster)}
        )
        for c in cluster:
            span = doc[c.start:c.end]
            mentions.append(
                {"local_id": local_id, "start": span.start_char, "end": span.end_char, "tok_start": c.start,
                 "tok_end": c.end, "text": span.text}
            )
    for local_id, cluster in enumerate(clusters):
        seen: set[tuple[str, int | None, str | None]] = set()
        for c in cluster:
            for match in roles.get(id(c), ()):
                org_local = local_of.get(id(match.org)) if match.org is not None else local_of_country.get(match.country or "")
                org_name = entities[org_local]["name"] if org_local is not None else match.org_name
                key = (name_key(match.role), org_local, org_name)
                if key in seen or org_local == local_id:
                    continue
                seen.add(key)
                sentence = doc[c.start].sent
                entities[local_id]["roles"].append(
                    {"role": match.role, "org_local": org_local, "org_name": org_name, "kind": role_kind(match.role),
                     "sent_start": sentence.start_char, "sent_end": sentence.end_char}
                )
    for entity in entities:
        # "President" alone adds nothing when the same article says "President of Russia".
        with_org = {name_key(r["role"]) for r in entity["roles"] if r["org_name"]}
        entity["roles"] = [r for r in entity["roles"] if r["org_name"] or name_key(r["role"]) not in with_org]
    mentions.sort(key=lambda m: m["start"])
    return entities, mentions


# Legal forms of companies written after their name ("Kablo AB", "Halvorsen Maritime ASA").
COMPANY_SUFFIXES = frozenset(
    {"ab", "asa", "ag", "sa", "plc", "ltd", "inc", "corp", "gmbh", "nv", "bv", "spa", "llc", "co", "oyj", "as",
     "se", "kgaa", "pte", "bhd", "pjsc", "ojsc", "jsc", "srl", "sas", "lp", "llp"}
)


def _with_company_suffixes(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """A name followed by a company's legal form is one organization ("Kablo AB", not the place
    "Kablo" and an organization "AB"); a name after a noun that says what kind of organization it
    is ("the trade bloc Mercosur", "consultancy Energy Aspects") is an organization."""
    by_start = {c.start: c for c in candidates}
    result: list[Candidate] = []
    skip: set[int] = set()
    for c in candidates:
        if id(c) in skip:
            continue
        if c.backref or c.definition is not None:
            result.append(c)
            continue
        end = c.end
        if end < len(doc) and doc[end].text.rstrip(".").lower() in COMPANY_SUFFIXES and doc[end].text[:1].isupper() and c.label != "PERSON":
            suffix = by_start.get(end)
            if suffix is None or suffix.end == end + 1:
                if suffix is not None:
                    skip.add(id(suffix))
                result.append(Candidate(c.start, end + 1, "ORG", certain=True))
                continue
        before = doc[c.start - 1] if c.start > 0 else None
        if (before is not None and c.label in ("PERSON", "GPE", "NORP") and before.is_lower
                and before.lemma_.lower() in ORGANIZATION_DESCRIPTORS and not c.country and country_of(_text(doc, c.start, c.end)) is None):
            result.append(Candidate(c.start, c.end, "ORG", certain=True))
            continue
        result.append(c)
    return result


def dateline_token_end(doc: Doc) -> int:
    """The first token after a wire dateline ("BRUSSELS, June 14 (Reuters) -"), else 0: the place
    and the agency of the dateline are where the story was filed, not actors of it."""
    dateline = doc._.ng_dateline
    if not dateline:
        return 0
    span = doc.char_span(dateline["start"], dateline["end"], alignment_mode="expand")
    return span.end if span is not None else 0


def _with_sentence_organization(doc: Doc, match: RoleMatch, candidates: list[Candidate]) -> RoleMatch:
    """A title that exists only in an organization ("Secretary General", "chief executive") with no
    organization of its own belongs to the one organization its sentence names."""
    if match.org is not None or match.org_name is not None or match.country is not None:
        return match
    if name_key(match.role) not in ORGANIZATION_TITLES and not name_key(match.role).endswith(tuple(ORGANIZATION_TITLES)):
        return match
    sentence = doc[match.start].sent
    organizations = {}
    for c in candidates:
        if c.label == "ORG" and not c.backref and sentence.start <= c.start < sentence.end and not match.start <= c.start < match.end:
            organizations.setdefault(identity_key(_text(doc, c.start, c.end)) if c.definition is None else f"def{c.definition}", c)
    if len(organizations) > 1:
        return match
    if not organizations:
        # "chief executive Priya Raman said": the company the story is about, the organization
        # that was last the subject of a sentence before this one (company offices only: a
        # spokesman or a secretary general without an organization may serve anyone)
        if name_key(match.role) not in COMPANY_TITLES:
            return match
        subject = _recent_subject_organization(doc, match.start, candidates)
        return replace(match, org=subject) if subject is not None else match
    return replace(match, org=next(iter(organizations.values())))


COMPANY_TITLES = frozenset(
    {"chief executive", "chief executive officer", "ceo", "chief financial officer", "cfo", "chief operating officer",
     "coo", "chief technology officer", "cto", "finance director", "managing director", "chairman", "chairwoman"}
)
RECENT_SUBJECT_SENTENCES = 8  # how far back a title without an organization looks for one


def _recent_subject_organization(doc: Doc, i: int, candidates: list[Candidate]) -> Candidate | None:
    sentence = doc[i].sent
    earliest = sentence.start
    for _ in range(RECENT_SUBJECT_SENTENCES):
        if earliest == 0:
            break
        earliest = doc[earliest - 1].sent.start
    best: Candidate | None = None
    for c in candidates:
        if c.label != "ORG" or c.backref or not earliest <= c.start < sentence.start:
            continue
        if doc[c.start:c.end].root.dep_ in ("nsubj", "nsubjpass") and (best is None or c.start > best.start):
            best = c
    return best


def _countries_of_titles(doc: Doc, roles: dict[int, list[RoleMatch]], candidates: list[Candidate],
                         adjectives: list[Candidate]) -> list[Candidate]:
    """ "Chinese Premier Zhou Weimin": the adjective in a title is a mention of the country it names,
    so that the role ties the person to that country even where the article never names it."""
    by_start = {a.start: a for a in adjectives}
    added: list[Candidate] = []
    for matches in roles.values():
        for match in matches:
            if match.org is not None or match.country is None:
                continue
            for i in range(match.start, match.end):
                adjective = by_start.get(i)
                if adjective is not None and country_of_demonym(_text(doc, adjective.start, adjective.end)) is not None:
                    added.append(Candidate(adjective.start, adjective.end, "GPE", country=match.country))
                    del by_start[i]
                    break
    return added


def _is_adjectival(doc: Doc, candidate: Candidate) -> bool:
    if candidate.country:
        return False
    root = doc[candidate.start:candidate.end].root
    return root.pos_ == "ADJ" or root.dep_ in ("amod", "compound", "nmod", "npadvmod") or root.tag_ == "JJ"


def _looks_like_personal_name(doc: Doc, candidate: Candidate) -> bool:
    tokens = [t for t in doc[candidate.start:candidate.end] if t.text != "-"]
    if not 2 <= len(tokens) <= 4:
        return False
    if any(not _is_capitalized(t) or t.is_upper or t.lower_ in ORG_HEADS or t.lower_ in FUNCTION_WORDS for t in tokens):
        return False
    return country_of(_text(doc, candidate.start, candidate.end)) is None


def _without_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the longer of two overlapping spans (definitions first)."""
    ordered = sorted(candidates, key=lambda c: (c.definition is None, -(c.end - c.start), c.start))
    taken = []
    occupied: set[int] = set()
    for c in ordered:
        if any(i in occupied for i in range(c.start, c.end)):
            continue
        taken.append(c)
        occupied.update(range(c.start, c.end))
    return sorted(taken, key=lambda c: c.start)


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
