"""Temporal expressions and dated events.

``newsgraph_dates`` finds the temporal expressions of an article and resolves them against its
publication date (``newsgraph.dates.normalize``) into ``doc._.ng_dates``. ``newsgraph_events``
turns each expression that dates a happening into an event on ``doc._.ng_events``: the date, the
actors of the clause the date attaches to, and a headline-like summary built from that clause's
verb and its arguments.

Finding expressions
-------------------
The model's DATE spans are the backbone. The small model cuts ranges ("31 August to 1 September
2025" comes out as "31 August" and "September 2025", "9 and 10 June 2018" as "June 2018") and
misses some ("between 3 and 4 July 2024", year ranges it calls CARDINAL), so a light pattern pass
over the text proposes the common written forms with a month name, and year ranges. Where
candidates overlap, the longest that resolves wins and the others that do not overlap it are
tried too ("2001 and 2006" is two years). Bare numbers are never proposed by the pattern pass:
whether "2000" is a year or a count is the model's call.

Context decides what the words alone cannot:
- the tense of the governing verb picks the year of "in March" / "on September 1" (future for
  will/shall/going to/is due to/plans to, past for past and perfect); with no tense to go by (a
  noun, a present-tense verb, a "would" that looks ahead from some past moment) the reading
  nearest to the publication date wins. A past verb with a day a year back,
  while the other reading is within a week of the publication date, takes that reading:
  publication dates drift by a day or two (time zones, updates); a year-old day without its
  year is not what a news story reports.
- words that look ahead beat the tense of an outer verb (``date_form``): a noun called "next",
  "upcoming" or "planned" ("agreed ... before the next meeting in December"), "from/starting/as
  of <month>", the object of an expectation ("expected a cut on June 6"). A past only found by
  climbing out of an untensed clause ("agreed to cut production in November") loses to a
  reading at most three months ahead when its own is nine months or more back; the clause's own
  past verb ("met in November") is never overruled.
- "the next day", "that day" and "the 18th" resolve against the previous date of the paragraph
  (``reference`` in ``normalize``), also in an article without a publication date, since that
  date is itself written in the text.
- a "today" that describes the present ("today the situation continues", "today's world",
  "we have the opportunity today") is not a date; "today" with a past, perfect, progressive or
  future verb is the publication day.

From expressions to events
--------------------------
Each resolved expression is attached through the dependency tree to what it dates:
- a verb ("signed ... in 2007", "In September 2021, ... held"): the event is that verb's clause;
  a day hung on the verb's object ("reported a jump in revenue on Tuesday") dates the verb, and
  so does an event noun whose verb ends, starts or calls it off ("concluded negotiations",
  "cancelled the visit") or that names nobody it befalls ("won ... in Sunday's election");
- an event noun ("its foundation in June 2001", "a March meeting with X", "the Beijing Summit in
  2012") or a document dated by its signing ("the Treaty of May 29, 2014", "the 1992 treaty"):
  the event is the happening the noun names ("SCO founded", "Jean Martin meets X");
- a noun that merely frames a happening through a topic preposition ("Regarding the events in
  Kazakhstan in January, X took ..."): the verb the framing belongs to.
Not events: a date that modifies another noun ("the 2030 agenda", "the 1967 borders", "the
activity in 2019" as an object), a date that is itself the subject or object ("1992 and 2002
were difficult times"), the start of a state or a deadline ("since 2001", "until 2035", "for
2018-2022", "by 2030"), a clause without a subject (a gerund naming an activity: "cooperation in
ensuring security in 2022-2023"), a stative present ("this means ..."), a dateline, a heading or
a "Label: value" line.
A sentence opening with "Then," after a sentence dated to a month or a year happened then too
(after a day, "then" may well be the next day). The same event told twice (same date and verb,
one's actors among the other's) is one event; a nominal event whose sentence dates the same
happening more finely ("The 2024 summit ... held on 3-4 July 2024") gives way to the finer one.

Headlines keep what negates the clause ("no longer", "never"); a relative clause's subject is
its antecedent, corrected by the verb's number and for a name the parser hung it on ("a deal
with the UAE, which is expected" -> "Deal with UAE expected"). "The two sides" are the last two
entities told together ("X and Y"), else the last two mentioned. A "today" inside a direct
quotation is the speaker's day, not the article's: no event.

Actors are the article-local entities mentioned in the event's clause (not in coordinated
clauses with their own subject), plus those a pronoun or description in it refers to: people
through ``newsgraph.coref`` ("him", "the Chinese minister"), organizations and places by the
nearest fitting mention ("its", "the organization", "the two sides"). When the clause names
nobody, the sentence's actors are used.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.coref import PERSON_NOUNS as COREF_PERSON_NOUNS
from newsgraph.coref import PRONOUN_GENDER, Coreference
from newsgraph.dates import TemporalValue, Tense, normalize

SUMMARY_WORDS = 16  # a headline, not a sentence: pieces are dropped whole to stay within this
CLAUSE_OBJECT_WORDS = 9  # a reported clause longer than this is left to the quote browser

# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

# Prepositions that relate a happening to a time it is not at: a state since, a plan until, a
# period for, a deadline by, or something before / after. Their dates are not event dates.
NON_EVENT_PREPOSITIONS = frozenset(
    {"since", "until", "till", "for", "through", "throughout", "over", "within", "by", "before",
     "after", "prior", "ahead", "up", "to", "towards", "toward"}
)  # fmt: skip
# A noun inside one of these frames the happening of the clause around it.
FRAMING_PREPOSITIONS = frozenset({"regarding", "concerning", "amid", "following", "about", "over", "on"})

# Verbs that only report; the event is what they report, or where they spoke.
SPEECH_VERBS = frozenset(
    {"say", "tell", "state", "stress", "note", "add", "declare", "emphasize", "emphasise",
     "point", "remark", "explain", "announce", "warn", "insist", "argue", "claim", "reply",
     "underline", "underscore", "affirm", "assert", "observe", "comment", "conclude", "recall",
     "report", "write", "believe", "think"}
)  # fmt: skip
# Verbs that begin, end, interrupt or call off what their object names: "concluded negotiations",
# "cancelled the visit", "resumed talks". The headline tells the verb with its object.
PHASE_VERBS = frozenset(
    {"conclude", "complete", "finish", "end", "finalize", "finalise", "wrap", "begin", "start", "launch",
     "open", "resume", "restart", "relaunch", "suspend", "halt", "pause", "freeze", "break", "cancel",
     "postpone", "delay", "abandon", "boycott", "skip", "shorten", "extend", "prolong"}
)  # fmt: skip
# Verbs that describe a state: in the present tense they tell no happening ("this means").
STATIVE_VERBS = frozenset(
    {"be", "mean", "have", "remain", "seem", "include", "contain", "belong", "exist", "consist",
     "represent", "constitute", "know", "need", "want", "matter", "hold", "lie", "stand"}
)  # fmt: skip

# Nouns that name a happening. Value: how a headline tells it.
#   ("agent", verb): the doer acts, an object follows ("Jean Martin meets Anna Berg")
#   ("patient", participle): something undergoes it ("SCO founded")
#   ("plain", None): the happening itself is the headline ("SCO summit")
EVENT_NOUNS: dict[str, tuple[str, str | None]] = {
    "meeting": ("agent", "meet"), "talks": ("agent", "hold talks"),
    "negotiation": ("agent", "negotiate"), "negotiations": ("agent", "negotiate"),
    "visit": ("agent", "visit"), "trip": ("agent", "travel"), "call": ("agent", "speak"),
    "conversation": ("agent", "speak"), "arrival": ("agent", "arrive"), "speech": ("agent", "speak"),
    "accession": ("agent", "join"),
    "foundation": ("patient", "founded"), "founding": ("patient", "founded"),
    "establishment": ("patient", "established"), "creation": ("patient", "created"),
    "formation": ("patient", "formed"), "launch": ("patient", "launched"),
    "signing": ("patient", "signed"), "adoption": ("patient", "adopted"),
    "election": ("patient", "elected"), "appointment": ("patient", "appointed"),
    "inauguration": ("patient", "inaugurated"), "ratification": ("patient", "ratified"),
    "dissolution": ("patient", "dissolved"),
    "summit": ("plain", None), "summits": ("plain", None), "conference": ("plain", None),
    "session": ("plain", None), "forum": ("plain", None), "ceremony": ("plain", None),
    "congress": ("plain", None), "referendum": ("plain", None), "vote": ("plain", None),
    "elections": ("plain", None), "parade": ("plain", None), "exercise": ("plain", None),
    "exercises": ("plain", None), "drill": ("plain", None), "drills": ("plain", None),
    "celebration": ("plain", None), "celebrations": ("plain", None), "war": ("plain", None),
    "coup": ("plain", None), "invasion": ("plain", None), "protests": ("plain", None),
    "earthquake": ("plain", None), "festival": ("plain", None), "games": ("plain", None),
    "olympics": ("plain", None),
}  # fmt: skip
# Documents are dated by their signing or adoption: "the Treaty of May 29, 2014", "the 1992 treaty".
DOCUMENT_NOUNS: dict[str, str] = {
    "treaty": "signed", "agreement": "signed", "accord": "signed", "accords": "signed",
    "memorandum": "signed", "protocol": "signed", "convention": "signed", "contract": "signed",
    "declaration": "adopted", "charter": "adopted", "resolution": "adopted",
    "constitution": "adopted", "decree": "signed",
}  # fmt: skip
# Capitalized event nouns inside names ("the Beijing Summit in 2012") still name a happening.
_PROPER_EVENT_NOUNS = frozenset({"summit", "summits", "conference", "forum", "congress", "games", "olympics"})

ORG_NOUNS = frozenset(
    {"organization", "organisation", "bloc", "alliance", "union", "association", "group",
     "company", "commission", "council", "committee", "agency", "ministry", "secretariat"}
)  # fmt: skip
PLACE_NOUNS = frozenset({"country", "republic", "kingdom", "city", "capital"})
PEOPLE_GROUP_NOUNS = frozenset({"president", "leader", "minister", "premier", "head", "diplomat", "official"})
GROUP_NOUNS = frozenset(
    {"side", "party", "country", "nation", "organization", "organisation", "state", "government", "bloc"}
)  # fmt: skip

FUTURE_GOVERNORS = frozenset(
    {"plan", "intend", "schedule", "expect", "aim", "prepare", "due", "set", "go", "invite",
     "promise", "pledge", "vow"}
)  # fmt: skip
MODALS_OF_FUTURE = frozenset({"will", "shall", "'ll", "wo"})
# "could begin cutting in June": a possibility looks ahead from the moment it is told, as "would"
MODALS_OF_POSSIBILITY = frozenset({"could", "may", "might", "can", "should", "must", "ca"})

_PRESENT_DAY_WORDS = ("today", "today's", "tonight", "nowadays")
_ORDINAL_ONLY = re.compile(
    r"(?i)^(?:(?:on|from|by|until|till)\s+)?the\s+\w+(?:\s+(?:to|and|-|until)\s+the\s+\w+)?$"
)
_LABEL_LINE = re.compile(r"^\s*[-*\u2022=]*\s*[A-Z][\w ]{0,30}:\s|^\s*=+.*=+\s*$")
_QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "\u00ab", "\u00bb", "\u201e"})
_DAY_TOLERANCE = 7  # days a publication date may drift from the day it reports
_FAR = 180  # days: a day this far from the publication date reads as another year's
_AHEAD_SLACK = 92  # days: a forward-looking date takes the next reading unless the last is this much nearer
_FAR_BACK, _NEAR_AHEAD = 270, 92  # a past only by an outer clause: 9+ months back loses to 3 months ahead

# --------------------------------------------------------------------------------------------
# The light pattern pass: written forms the small model cuts or misses
# --------------------------------------------------------------------------------------------

_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")  # fmt: skip
_MONTH_FORMS = [*_MONTH_NAMES, *(m.upper() for m in _MONTH_NAMES),
                "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"]  # fmt: skip
_MONTH = r"(?:" + "|".join(sorted(_MONTH_FORMS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d|21\d\d)"
_DASH = r"\s*[-\u2010-\u2015\u2212]\s*"
_LINK = rf"(?:{_DASH}|\s+(?:to|and|until|till|through)\s+)"
_DAY_MONTH = rf"{_DAY}(?:{_LINK}{_DAY})?\s+(?:of\s+)?{_MONTH}"
_MONTH_DAY = rf"{_MONTH}\s+{_DAY}(?:{_LINK}{_DAY})?"
_POINT = rf"(?:(?:{_DAY_MONTH}|{_MONTH_DAY})(?:,?\s+{_YEAR})?|{_MONTH},?\s+{_YEAR})"
LIGHT_PATTERN = re.compile(
    rf"\b(?:(?:(?:between|from)\s+)?{_POINT}(?:{_LINK}{_POINT})?(?![\w-])"
    rf"|{_MONTH}\s+(?:of\s+)?(?:that|the\s+same|the\s+following|the\s+previous)\s+year\b"
    rf"|between\s+{_YEAR}\s+and\s+{_YEAR}\b"
    rf"|(?:from\s+)?{_YEAR}(?:{_DASH}|\s+to\s+){_YEAR}\b"
    r"|\b(?:(?:early|late)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\b"
    # "the day before" (the model keeps "the day"), but not "the day before the summit"
    r"|\b[Tt]he\s+(?:day\s+(?:before|after)|(?:next|following|previous|same)\s+day)\b"
    r"(?![ \t]+(?:(?:the|a|an|his|her|its|their|this|that|yesterday|tomorrow)\b|[A-Z0-9])))"
)


def _without_trailing_punctuation(span: Span) -> Span | None:
    """ "12 August." -> "12 August": the model sometimes keeps the full stop."""
    end = span.end
    while end > span.start and (span.doc[end - 1].is_punct or span.doc[end - 1].is_space):
        end -= 1
    return span.doc[span.start : end] if end > span.start else None


def candidate_groups(doc: Doc, text: str) -> list[list[Span]]:
    """Overlapping candidate spans grouped, each group longest first."""
    candidates = [ent for ent in doc.ents if ent.label_ == "DATE"]
    for match in LIGHT_PATTERN.finditer(text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None:
            candidates.append(span)
    candidates = [trimmed for span in candidates if (trimmed := _without_trailing_punctuation(span)) is not None]
    candidates.sort(key=lambda span: (span.start, -len(span)))
    groups: list[list[Span]] = []
    group_end = -1
    for span in candidates:
        if groups and span.start < group_end:
            groups[-1].append(span)
            group_end = max(group_end, span.end)
        else:
            groups.append([span])
            group_end = span.end
    for group in groups:
        group.sort(key=lambda span: (-len(span.text), span.start))
    return groups


# --------------------------------------------------------------------------------------------
# Grammar helpers
# --------------------------------------------------------------------------------------------


def is_prepositional(token: Token) -> bool:
    """ADP, or a verb form used as a preposition ("Regarding the events", "following talks")."""
    return token.pos_ in ("ADP", "SCONJ") or (token.dep_ == "prep" and token.pos_ == "VERB")


def is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and not is_prepositional(token)


def governing_verb(token: Token, *, limit: int = 8) -> Token | None:
    """The nearest verb above ``token`` (itself if it is one)."""
    current = token
    for _ in range(limit):
        if is_verb(current):
            return current
        if current.head is current:
            return None
        current = current.head
    return None


def verb_form(verb: Token) -> str:
    """ "future", "conditional" (would), "past", "perfect", "progressive", "present", or "" for
    an untensed form."""
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    modals = {aux.lower_ for aux in auxiliaries}
    if modals & MODALS_OF_FUTURE or is_going_to(verb):
        return "future"
    if verb.lemma_ in ("schedule", "plan", "slate") and any(aux.dep_ == "auxpass" and aux.tag_ in ("VBZ", "VBP") for aux in auxiliaries):
        return "future"  # "the meeting is scheduled for Nov. 26": ahead, whatever the tense of "is"
    if "would" in modals or modals & MODALS_OF_POSSIBILITY:
        # Future seen from a past moment ("announced that the summit would take place"): ahead of
        # the speech, not necessarily of the publication date, so it picks no year by itself.
        return "conditional"
    if verb.tag_ == "VBD" or any(aux.tag_ == "VBD" for aux in auxiliaries):
        return "past"
    if any(aux.lemma_ == "have" for aux in auxiliaries):
        return "perfect"
    if verb.tag_ == "VBG" and any(aux.lemma_ == "be" for aux in auxiliaries):
        return "progressive"
    if verb.tag_ in ("VBZ", "VBP") or any(aux.tag_ in ("VBZ", "VBP") for aux in auxiliaries):
        return "present"
    return ""


def is_going_to(verb: Token) -> bool:
    """ "is going to visit", "plans to visit", "is due to visit", "is scheduled to visit"."""
    if verb.dep_ != "xcomp":
        return False
    head = verb.head
    return head.lemma_ in FUTURE_GOVERNORS or head.lower_ in ("scheduled", "due", "set", "planned")


def clause_tense(token: Token, *, limit: int = 4) -> str:
    """The tense of the clause ``token`` belongs to, climbing out of untensed verb forms."""
    verb = governing_verb(token)
    for _ in range(limit):
        if verb is None:
            return ""
        form = verb_form(verb)
        if form:
            return form
        if verb.head is verb or verb.dep_ not in ("xcomp", "pcomp", "advcl", "conj", "acl", "relcl", "ccomp"):
            return ""
        verb = governing_verb(verb.head)
    return ""


def normalizer_tense(form: str) -> Tense | None:
    if form in ("future", AHEAD):
        return "future"
    if form in ("past", "perfect", CLIMBED_PAST):
        return "past"
    return None


# Two forms a date can take besides a verb's own tense (see ``date_form``):
AHEAD = "ahead"  # the words look forward ("from November", "to cut ... in May", "the next meeting in June")
CLIMBED_PAST = "climbed-past"  # past only by the verb of an outer clause ("agreed, cutting output in March")
# "from November", "starting in May", "as of January", "beginning in March", "effective June 1"
FORWARD_PREPOSITIONS = frozenset({"from", "starting", "beginning", "effective", "commencing"})
# A noun so modified lies ahead whatever the verb: "agreed ... before the next meeting in December"
AHEAD_MODIFIERS = frozenset({"next", "upcoming", "forthcoming", "coming"})
# These look ahead too, unless the clause's own verb is past ("held the planned talks in March")
PLAN_MODIFIERS = frozenset({"planned", "scheduled", "proposed", "expected", "future"})


def date_form(span: Span) -> str:
    """The tense that picks the year of an expression without one, with the words that look ahead.

    Order of evidence: a noun that lies ahead ("the next meeting in December") beats the verb above
    it; the verb of the date's own clause, when past ("met in November"), is decisive; then a
    forward preposition ("from November", "as of May") or a planned noun gives ``AHEAD``; a past
    found only in an outer clause ("agreed to cut production in November") gives ``CLIMBED_PAST``.
    """
    root = span.root
    modifiers = _head_noun_modifiers(root)
    if modifiers & AHEAD_MODIFIERS or _expected_object(root):
        return AHEAD
    verb = governing_verb(root)
    own = verb_form(verb) if verb is not None else ""
    forward = leading_preposition(span) in FORWARD_PREPOSITIONS or _as_of(span)
    if own in ("past", "perfect") and forward and not _dates_verb_directly(root, verb):
        return AHEAD  # "reached a deal on cuts from November": the cuts lie ahead of the deal
    if own:
        return AHEAD if own == "conditional" else own
    if forward or modifiers & PLAN_MODIFIERS:
        return AHEAD
    form = clause_tense(root)
    return CLIMBED_PAST if form in ("past", "perfect") else form


def _head_noun_modifiers(root: Token) -> set[str]:
    """Modifiers of the noun a date dates ("the next session in May" -> {"next"})."""
    head = root.head
    if root.dep_ == "pobj" and head.pos_ == "ADP":
        head = head.head
    if head.pos_ not in ("NOUN", "PROPN") or head is root:
        return set()
    return {child.lower_ for child in head.children if child.dep_ in ("amod", "compound", "nmod")}


def _expected_object(root: Token) -> bool:
    """ "expected a first cut on June 6", "plans a visit in May": the object of an expectation
    or a plan lies ahead of it."""
    head = root.head
    if root.dep_ == "pobj" and head.pos_ == "ADP":
        head = head.head
    return head.pos_ == "NOUN" and head.dep_ == "dobj" and head.head.lemma_ in FUTURE_GOVERNORS


def _dates_verb_directly(root: Token, verb: Token | None) -> bool:
    """No noun between the date and its verb ("cut output from May", not "a cut from May")."""
    current = root.head
    for _ in range(8):
        if verb is None or current.i == verb.i:
            return True
        if current.pos_ in ("NOUN", "PROPN"):
            return False
        if current.head is current:
            return True
        current = current.head
    return True


def _as_of(span: Span) -> bool:
    """ "as of January": the model's span, or the two words before it."""
    doc, start = span.doc, span.start
    words = [t.lower_ for t in span[:2]]
    if words == ["as", "of"]:
        return True
    return start >= 2 and doc[start - 2].lower_ == "as" and doc[start - 1].lower_ == "of"


def subject_of(verb: Token) -> Token | None:
    """The subject nearest the verb (the parser sometimes splits one in two)."""
    subjects = [
        child for child in verb.children
        if child.dep_ in ("nsubj", "nsubjpass", "csubj", "expl")
    ]
    before = [s for s in subjects if s.i < verb.i]
    return (before or subjects or [None])[-1]


def is_passive(verb: Token) -> bool:
    if any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children):
        return True
    return verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD") and subject_of(verb) is None  # "talks, held in Moscow"


def leading_preposition(span: Span) -> str | None:
    """The preposition that relates a temporal expression to what it dates."""
    first = span[0]
    if first.pos_ in ("ADP", "SCONJ"):
        return first.lower_
    root = span.root
    if root.dep_ == "pobj" and root.head.i < span.start:
        return root.head.lower_
    return None


def in_quotation(tokens: Iterable[Token]) -> bool:
    tokens = list(tokens)
    if not tokens:
        return False
    doc = tokens[0].doc
    first = min(t.i for t in tokens)
    return any(t.text in _QUOTE_MARKS for t in tokens) or (first > 0 and doc[first - 1].text in _QUOTE_MARKS)


# --------------------------------------------------------------------------------------------
# Resolution with context
# --------------------------------------------------------------------------------------------


def resolve(text: str, anchor: date | None, *, form: str, reference: TemporalValue | None) -> TemporalValue | None:
    """normalize() under the tense policy of the module docstring."""
    tense = normalizer_tense(form)
    value = normalize(text, anchor, tense=tense or "past", reference=reference)
    if value is None or anchor is None:
        return value
    other = normalize(text, anchor, tense="past" if tense == "future" else "future", reference=reference)
    if other is None or (other.start, other.end) == (value.start, value.end):
        return value
    if tense is None:  # nothing to go by: the reading nearest the publication date
        return min((value, other), key=lambda candidate: abs((candidate.start - anchor).days))
    if form == AHEAD:
        # Ahead of the clause's own moment, which may itself be past ("agreed last month to cut
        # production from November"): the next such month unless the last one is far nearer.
        ahead, back = abs((value.start - anchor).days), abs((other.start - anchor).days)
        return value if ahead <= back + _AHEAD_SLACK else other
    if form == CLIMBED_PAST and abs((value.start - anchor).days) >= _FAR_BACK and abs((other.start - anchor).days) <= _NEAR_AHEAD:
        return other  # "agreed to cut production in November" in October: next month, not last year's
    if (
        value.precision == "day"
        and abs((value.start - anchor).days) > _FAR
        and abs((other.start - anchor).days) <= _DAY_TOLERANCE
    ):
        return other
    return value


def describes_the_present(span: Span) -> bool:
    """ "today the situation continues", "today's world": the present, not a day."""
    first = span[0].lower_.replace("\u2019", "'")
    if first not in _PRESENT_DAY_WORDS and span.text.casefold().replace("\u2019", "'") not in _PRESENT_DAY_WORDS:
        return False
    root = span.root
    if root.dep_ == "poss" or any(token.tag_ == "POS" for token in span) or span.end < len(span.doc) and span.doc[span.end].tag_ == "POS":
        return True
    if root.head is not root and root.head.pos_ in ("NOUN", "PROPN"):
        return True  # "the situation today"
    form = clause_tense(root)
    if form == "progressive":  # "the world today is changing", but "they are meeting today"
        verb = governing_verb(root)
        return verb is not None and span.start < verb.i
    return form in ("present", "")


def ordinal_used_as_date(span: Span) -> bool:
    """ "on the 18th" names a day; "the 17th annual summit" counts summits."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and after.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
        return False
    return span.root.dep_ in ("pobj", "npadvmod", "prep") or span[0].pos_ == "ADP"


def paragraph_starts(text: str) -> list[int]:
    """Character offsets where paragraphs (lines) start."""
    return [0] + [match.end() for match in re.finditer(r"\n\s*", text)]


# --------------------------------------------------------------------------------------------
# newsgraph_dates
# --------------------------------------------------------------------------------------------


def anchor_of(doc: Doc) -> date | None:
    published = doc._.ng_published
    return date.fromisoformat(published) if published else None


@Language.factory("newsgraph_dates")
def make_dates_component(nlp: Language, name: str) -> "DatesComponent":
    return DatesComponent()


class DatesComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_dates = list(find_dates(doc))
        return doc


def find_dates(doc: Doc) -> Iterator[dict]:
    """Resolved temporal expressions in text order (see the module docstring)."""
    anchor = anchor_of(doc)
    text = doc.text  # built anew on each access: once per document
    starts = paragraph_starts(text)
    reference: TemporalValue | None = None
    reference_paragraph = -1
    for group in candidate_groups(doc, text):
        chosen: list[Span] = []
        found: list[tuple[Span, TemporalValue, str]] = []
        for span in group:
            if any(span.start < other.end and other.start < span.end for other in chosen):
                continue
            paragraph = bisect_right(starts, span.start_char) - 1
            resolved = resolve_span(span, anchor, reference if paragraph == reference_paragraph else None)
            if resolved is not None:
                chosen.append(span)
                found.append((span, *resolved))
        for span, value, form in sorted(found, key=lambda item: item[0].start):
            reference, reference_paragraph = value, bisect_right(starts, span.start_char) - 1
            yield {
                "start": span.start_char,
                "end": span.end_char,
                "tok_start": span.start,
                "tok_end": span.end,
                "text": span.text,
                "date": value.value,
                "precision": value.precision,
                "date_start": value.start.isoformat(),
                "date_end": value.end.isoformat(),
                "tense": normalizer_tense(form),
                "preposition": leading_preposition(span),
            }


def resolve_span(span: Span, anchor: date | None, reference: TemporalValue | None) -> tuple[TemporalValue, str] | None:
    if describes_the_present(span):
        return None
    if _ORDINAL_ONLY.match(span.text) and not ordinal_used_as_date(span):
        return None
    if " and " in span.text and "respectively" in span.sent.text:
        return None  # "on May 14 and 15 in 1992 and 2002, respectively": not one span of days
    form = date_form(span)
    value = resolve(span.text, anchor, form=form, reference=reference)
    return (value, form) if value is not None else None


# --------------------------------------------------------------------------------------------
# Article context: mentions, sentences, references
# --------------------------------------------------------------------------------------------

ANTECEDENT_SENTENCES = 3  # how far back "its" or "the organization" may find its entity


@dataclass
class Context:
    """Per-document indexes, built once: which entity each token mentions, sentence numbers."""

    doc: Doc
    entities: list[dict]
    entity_of_token: dict[int, int]
    mention_starts: list[int]
    mentions: list[dict]
    sentence_starts: list[int]
    paragraph_starts: list[int]
    date_tokens: set[int] = field(default_factory=set)
    dateline_tokens: set[int] = field(default_factory=set)  # "MOSCOW, April 25 (Reuters) -"
    dateline_starts: set[int] = field(default_factory=set)  # the dates that open datelines
    event_heads: set[int] = field(default_factory=set)  # what each date attaches to

    @classmethod
    def of(cls, doc: Doc) -> "Context":
        mentions = sorted(doc._.ng_mentions or [], key=lambda mention: mention["tok_start"])
        entity_of_token: dict[int, int] = {}
        for mention in mentions:
            for i in range(mention["tok_start"], mention["tok_end"]):
                entity_of_token[i] = mention["local_id"]
        date_tokens: set[int] = set()
        for ent in doc.ents:
            if ent.label_ in ("DATE", "TIME"):
                date_tokens.update(range(ent.start, ent.end))
        expressions = doc._.ng_dates or []
        for expression in expressions:
            date_tokens.update(range(expression["tok_start"], expression["tok_end"]))
        text = doc.text
        starts = paragraph_starts(text)
        dateline_tokens, dateline_starts = find_datelines(doc, text, starts, expressions)
        entity_of_token = {i: local_id for i, local_id in entity_of_token.items() if i not in dateline_tokens}
        return cls(
            doc=doc,
            entities=list(doc._.ng_entities or []),
            entity_of_token=entity_of_token,
            mention_starts=[mention["tok_start"] for mention in mentions],
            mentions=mentions,
            sentence_starts=[sentence.start for sentence in doc.sents],
            paragraph_starts=starts,
            date_tokens=date_tokens,
            dateline_tokens=dateline_tokens,
            dateline_starts=dateline_starts,
        )

    @functools.cached_property
    def coreference(self) -> Coreference:
        return Coreference(self.doc)  # only when a pronoun or description needs it

    def sentence_index(self, i: int) -> int:
        return bisect_right(self.sentence_starts, i) - 1

    @functools.cached_property
    def conjoined_pairs(self) -> list[tuple[int, tuple[int, int]]]:
        """(token, (first, second)) for every two entities coordinated alone ("the EU and
        Mercosur", "between Belize and Honduras"), in text order; built when first needed."""
        doc = self.doc
        pairs: list[tuple[int, tuple[int, int]]] = []
        for i, local_id in self.entity_of_token.items():
            token = doc[i]
            conjuncts = [c for c in token.children if c.dep_ == "conj"]
            if token.dep_ == "conj" or len(conjuncts) != 1:
                continue
            other = self.entity_of_token.get(conjuncts[0].i)
            if other is None or other == local_id or any(c.dep_ == "conj" for c in conjuncts[0].children):
                continue  # a list of three or more is not "the two"
            pairs.append((conjuncts[0].i, (local_id, other)))
        pairs.sort()
        return pairs

    def conjoined_pair_before(self, i: int, types: Iterable[str]) -> tuple[int, int] | None:
        """The last pair of entities of these types coordinated before token ``i``."""
        wanted = set(types)
        for position, pair in reversed(self.conjoined_pairs):
            if position < i and all(self.entity_type(local_id) in wanted for local_id in pair):
                return pair
        return None

    def entity_type(self, local_id: int) -> str:
        return self.entities[local_id]["type"] if 0 <= local_id < len(self.entities) else ""

    def short_name(self, local_id: int) -> str:
        """The name a headline uses: an organization's acronym when it has one."""
        entity = self.entities[local_id]
        name = entity["name"]
        if entity["type"] == "ORG" and not _is_acronym(name):
            acronyms = [alias for alias in entity.get("aliases") or [] if _is_acronym(alias)]
            if acronyms:
                return min(acronyms, key=len)
        return name

    def preceding(self, i: int, types: Iterable[str]) -> Iterator[int]:
        """Entities of the given types mentioned before token ``i``, nearest first, within reach."""
        wanted = set(types)
        oldest_sentence = self.sentence_index(i) - ANTECEDENT_SENTENCES
        position = bisect_right(self.mention_starts, i - 1) - 1
        while position >= 0:
            mention = self.mentions[position]
            position -= 1
            if mention["tok_end"] > i:
                continue
            if self.sentence_index(mention["tok_start"]) < oldest_sentence:
                return
            if self.entity_type(mention["local_id"]) in wanted:
                yield mention["local_id"]

    def mentioned_in(self, tokens: Iterable[int]) -> list[int]:
        seen: dict[int, None] = {}
        for i in sorted(tokens):
            local_id = self.entity_of_token.get(i)
            if local_id is not None and i not in self.date_tokens:
                seen.setdefault(local_id, None)
        return list(seen)


def _is_acronym(text: str) -> bool:
    return 2 <= len(text) <= 8 and text.replace("-", "").isalpha() and text.isupper()


@dataclass(frozen=True)
class Referent:
    """What a pronoun or description stands for: entities, or a plain noun ("its launch")."""

    entities: tuple[int, ...] = ()
    noun: Token | None = None


NO_REFERENT = Referent()


def referent(token: Token, context: Context) -> Referent:
    """The referent of a pronoun or description; NO_REFERENT when it is neither or unresolved."""
    if token.i in context.entity_of_token:
        return NO_REFERENT
    ahead = _cataphoric_person(token, context)
    if ahead is not None:
        return Referent((ahead,))
    if token.lower_ in PRONOUN_GENDER or token.lemma_.lower() in COREF_PERSON_NOUNS or token.lower_ in COREF_PERSON_NOUNS:
        person = context.coreference.person_at(token)  # "him", "the Chinese minister"
        if person is not None:
            return Referent((person,))
    lower = token.lower_
    if lower == "its" or (lower == "it" and token.dep_ in ("nsubj", "nsubjpass") and _it_refers(token)):
        return _antecedent_of_it(token, context)
    if token.pos_ != "NOUN" or not any(child.lower_ in ("the", "both", "this") for child in token.children):
        return NO_REFERENT
    if any(t.i in context.entity_of_token for t in token.subtree if t.i != token.i and t.ent_type_ != "NORP"):
        return NO_REFERENT  # "the minister of Kazakhstan": named, not referring back
    if token.tag_ == "NNS" and any(child.lower_ in ("two", "both") for child in token.children):
        if token.lemma_ not in GROUP_NOUNS | PEOPLE_GROUP_NOUNS:
            return NO_REFERENT
        # "the two sides", "both presidents": the last pair told together ("X and Y"), else the
        # last two such entities, in the order told
        types = ("PERSON",) if token.lemma_ in PEOPLE_GROUP_NOUNS else ("ORG", "GPE", "NORP")
        together = context.conjoined_pair_before(token.i, types)
        if together is not None:
            return Referent(together)
        pair = list(dict.fromkeys(context.preceding(token.i, types)))[:2]
        if len(pair) != 2:
            return NO_REFERENT
        return Referent(tuple(sorted(pair, key=lambda local_id: _last_mention_before(context, local_id, token.i))))
    if token.tag_ != "NN":
        return NO_REFERENT
    if token.lemma_ in ORG_NOUNS:
        organization = context.coreference.organization_for(token)
        if organization is None:
            organization = next(iter(context.preceding(token.i, ("ORG",))), None)
        return Referent((organization,)) if organization is not None else NO_REFERENT
    if token.lemma_ in PLACE_NOUNS:
        place = next(iter(context.preceding(token.i, ("GPE",))), None)
        return Referent((place,)) if place is not None else NO_REFERENT
    return NO_REFERENT


def _cataphoric_person(token: Token, context: Context) -> int | None:
    """ "During his visit to Moscow, Narendra Modi met ...": a possessive in a fronted phrase
    refers to the subject of the clause it opens."""
    if token.lower_ not in ("his", "her") or token.dep_ != "poss":
        return None
    verb = governing_verb(token)
    subject = subject_of(verb) if verb is not None else None
    if subject is None or subject.i < token.i:
        return None
    local_id = context.entity_of_token.get(subject.i)
    if local_id is None or context.entity_type(local_id) != "PERSON":
        return None
    # the pronoun must sit in a phrase before the subject, not inside the subject itself
    return None if token.i in {t.i for t in subject.subtree} else local_id


def _last_mention_before(context: Context, local_id: int, i: int) -> int:
    return max((m["tok_start"] for m in context.mentions if m["local_id"] == local_id and m["tok_start"] < i), default=0)


def _antecedent_of_it(token: Token, context: Context) -> Referent:
    """ "its": the nearest singular noun before it in the sentence, else a recent organization."""
    sentence = token.sent
    ancestors = {t.i for t in token.ancestors}
    for candidate in reversed(sentence[: token.i - sentence.start]):
        if candidate.pos_ not in ("NOUN", "PROPN") or candidate.tag_ not in ("NN", "NNP"):
            continue
        if candidate.dep_ == "compound" or candidate.i in ancestors or candidate.i in context.date_tokens:
            continue
        local_id = context.entity_of_token.get(candidate.i)
        if local_id is not None:
            if context.entity_type(local_id) == "PERSON":
                continue
            return Referent((local_id,))
        if candidate.pos_ == "NOUN":
            return Referent(noun=candidate)
    organization = next(iter(context.preceding(token.i, ("ORG", "GPE"))), None)
    return Referent((organization,)) if organization is not None else NO_REFERENT


def _it_refers(token: Token) -> bool:
    """ "it" as a referring subject, not the "it" of "it should be noted that" / "it is no secret"."""
    verb = token.head
    if verb.lemma_ in ("be", "seem", "appear", "become") or is_passive(verb):
        return False
    return not any(child.dep_ in ("ccomp", "xcomp", "csubj") for child in verb.children)


# --------------------------------------------------------------------------------------------
# Attachment: what does a temporal expression date?
# --------------------------------------------------------------------------------------------

_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "attr", "dobj", "appos", "csubj"})


@dataclass(frozen=True)
class Attachment:
    head: Token  # the verb, or the event noun, the date dates
    kind: str  # "verb", "noun" or "document"


def _carrier_verb(noun: Token) -> Token | None:
    """The verb whose object (or place, "at the summit") an event noun is, if that verb has a doer."""
    carrier = noun.head
    if noun.dep_ == "pobj" and carrier.lower_ in ("at", "during", "in"):
        carrier = carrier.head  # "attended the summit", "voted in a referendum"
    elif noun.dep_ != "dobj":
        return None
    if not is_verb(carrier) or (carrier.lemma_ in SPEECH_VERBS and carrier.lemma_ not in PHASE_VERBS) or carrier.lemma_ == "be":
        return None  # "concluded that ..." reports; "concluded negotiations" ends them
    return carrier if subject_of(carrier) is not None or carrier.dep_ in ("xcomp", "advcl", "conj") else None


def _has_patient(noun: Token) -> bool:
    """ "his election", "the election of X": whom the happening befalls is named (a date's
    possessive, "Sunday's election", names nobody)."""
    for child in noun.children:
        if child.dep_ == "poss" and child.ent_type_ not in ("DATE", "TIME"):
            return True
        if child.dep_ == "prep" and child.lower_ == "of":
            return True
    return False


def _day_carrier(noun: Token, preposition: str | None) -> Token | None:
    """ "reported a 23% jump in revenue on Tuesday", "suspended X with immediate effect on Friday":
    a day ("on ...") hung on the object of a verb, or on a phrase of it, dates the verb; the parser
    attaches it to the nearest noun. A year or a month on a noun stays the noun's ("the activity
    in 2019")."""
    if preposition != "on":
        return None
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif noun.dep_ != "dobj":
        return None
    if not is_verb(verb) or verb.lemma_ == "be" or (subject_of(verb) is None and verb.dep_ not in ("advcl", "conj", "xcomp")):
        return None
    return verb


def _object_of(verb: Token) -> Token | None:
    return next((child for child in verb.children if child.dep_ in ("dobj", "pobj")), None)


def event_noun(token: Token) -> tuple[str, str | None] | None:
    lower = token.lower_
    if token.pos_ == "PROPN":
        return EVENT_NOUNS.get(lower) if lower in _PROPER_EVENT_NOUNS else None
    if token.pos_ != "NOUN":
        return None
    return EVENT_NOUNS.get(lower) or EVENT_NOUNS.get(token.lemma_)


def document_noun(token: Token) -> str | None:
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    return DOCUMENT_NOUNS.get(token.lower_) or DOCUMENT_NOUNS.get(token.lemma_.lower())


# "scheduled for Nov. 26", "planned for March", "set for 2025": "for" names the date itself.
SCHEDULING_WORDS = frozenset({"schedule", "scheduled", "plan", "planned", "set", "slate", "slated", "due", "fix", "fixed", "book", "booked"})


def _scheduled_for(span: Span, preposition: str | None) -> bool:
    if preposition != "for":
        return False
    head = span.root.head if span.root.dep_ == "pobj" else span.root
    head = head.head if head.lower_ == "for" else head
    return head.lemma_.lower() in SCHEDULING_WORDS or head.lower_ in SCHEDULING_WORDS


def attach(span: Span) -> Attachment | None:
    """What the expression dates, or None when it dates no happening."""
    root = span.root
    if root.dep_ == "conj":  # "in 2001 and 2006": the second date attaches like the first
        while root.dep_ == "conj" and root.head is not root and (root.head.ent_type_ == "DATE" or root.head.like_num):
            root = root.head
    relation = root.dep_
    if relation in _ARGUMENT_DEPS:
        return None  # "1992 and 2002 were difficult times", "highlighted three decades"
    preposition = leading_preposition(span) or (root.head.lower_ if relation == "pobj" else None)
    if preposition in NON_EVENT_PREPOSITIONS and not _scheduled_for(span, preposition):
        return None
    via_preposition = preposition is not None
    current = root.head if root.head is not root else None
    for _ in range(8):
        if current is None:
            return None
        if span.start <= current.i < span.end:
            current = current.head if current.head is not current else None
            continue
        if is_prepositional(current) and current.pos_ == "VERB":
            dated = _object_of(current)  # "following the Shanghai Summits in 2001"
            if dated is not None and event_noun(dated) is not None:
                return Attachment(dated, "noun")
        if is_verb(current):
            if preposition == "of":  # "the Treaty of May 29, 2014" hung on the verb: "of" dates a noun
                dated = _object_of(current)
                if dated is not None and document_noun(dated) is not None:
                    return Attachment(dated, "document")
                if dated is not None and event_noun(dated) is not None:
                    return Attachment(dated, "noun")
                return None
            return Attachment(current, "verb")
        if current.pos_ in ("NOUN", "PROPN"):
            if event_noun(current) is not None:
                carrier = _carrier_verb(current)
                kind = event_noun(current)[0]
                if carrier is not None and (kind == "plain" or carrier.lemma_ in PHASE_VERBS or (kind == "patient" and not _has_patient(current))):
                    # "attend the summit on that day"; "concluded negotiations on Friday" tells the
                    # concluding, and "cancelled the visit" must not read as a visit
                    return Attachment(carrier, "verb")
                return Attachment(current, "noun")
            if document_noun(current) is not None and (preposition == "of" or not via_preposition):
                return Attachment(current, "document")
            if not via_preposition:
                return None  # "the 2030 agenda", "the 1967 borders"
            carrier = _day_carrier(current, preposition)
            if carrier is not None:
                return Attachment(carrier, "verb")
            frame = current.head
            if current.dep_ == "pobj" and frame.lower_ in FRAMING_PREPOSITIONS:
                current = frame.head  # "Regarding the events in Kazakhstan in January, X took"
                via_preposition = False
                continue
            return None  # "the activity in 2019": said of a thing, not of when the verb happened
        if current.head is current:
            return None
        current = current.head
    return None


# --------------------------------------------------------------------------------------------
# Headlines
# --------------------------------------------------------------------------------------------

_DROPPED_DETERMINERS = frozenset({"the", "a", "an", "such", "this", "that", "these", "those", "all"})
_PHRASE_LEFT_DEPS = frozenset({"amod", "compound", "nummod", "poss", "nmod", "quantmod", "neg", "det", "predet", "case"})
_TOPIC_PREPOSITIONS = ("by", "with", "to", "on", "regarding", "concerning", "about", "against", "between", "in", "at", "near", "during", "from", "for")
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "during", "from", "for"})
_SKIPPED_PREP_OBJECTS = frozenset(
    {"stage", "time", "moment", "period", "regard", "terms", "view", "framework", "way", "part",
     "addition", "order", "respect", "light", "turn", "particular", "general", "fact", "case"}
)  # fmt: skip


@dataclass
class Headline:
    """Pieces of a headline in order; optional pieces are dropped whole to fit the budget."""

    subject: list[str]
    verb: list[str]
    objects: list[list[str]] = field(default_factory=list)
    extras: list[list[str]] = field(default_factory=list)

    def words(self, extras: int | None = None, objects: int | None = None) -> list[str]:
        words = [*self.subject, *self.verb]
        for piece in self.objects[: len(self.objects) if objects is None else objects]:
            words += piece
        for piece in self.extras[: len(self.extras) if extras is None else extras]:
            words += piece
        return [word for word in words if word]

    def text(self) -> str:
        """The longest version within SUMMARY_WORDS: extras dropped first, then objects, each
        piece whole; a phrase is never cut in the middle."""
        versions = [self.words(extras) for extras in range(len(self.extras), -1, -1)]
        versions += [self.words(0, objects) for objects in range(len(self.objects) - 1, 0, -1)]
        words = next((version for version in versions if len(version) <= SUMMARY_WORDS), versions[-1])
        if not words:
            return ""
        text = re.sub(r"\s+([,.;:])", r"\1", " ".join(words))
        return text[0].upper() + text[1:]


class Summarizer:
    """Builds headline-like summaries from a clause."""

    def __init__(self, context: Context) -> None:
        self.context = context
        # Entities the headline's subject names: "Beijing formulates its vision" keeps "its".
        self.subject_entities: set[int] = set()

    def _names_one(self, token: Token | None) -> bool:
        """The token is inside a mention of one person (the tagger's plural says nothing of a name)."""
        if token is None:
            return False
        local_id = self.context.entity_of_token.get(token.i)
        return local_id is not None and self.context.entity_type(local_id) == "PERSON"

    def entities_of(self, token: Token | None) -> set[int]:
        if token is None:
            return set()
        found = set(self.context.mentioned_in(t.i for t in token.subtree))
        for conjunct in _conjuncts(token, self.context):
            found.update(referent(conjunct, self.context).entities)
        return found

    # -- noun phrases -------------------------------------------------------------------------

    def phrase(self, token: Token, depth: int = 2) -> list[str]:
        """A compact noun phrase: no determiners, clauses or appositions; names as entities;
        coordinated nouns as "A, B and C"."""
        conjuncts = [self._single_phrase(conjunct, depth) for conjunct in _conjuncts(token, self.context)]
        conjuncts = [words for words in conjuncts if words]
        if len(conjuncts) <= 1:
            return conjuncts[0] if conjuncts else []
        listed = [word for piece in conjuncts[:-2] for word in (*piece[:-1], piece[-1] + ",")]
        return [*listed, *conjuncts[-2], "and", *conjuncts[-1]]

    def _single_phrase(self, token: Token, depth: int) -> list[str]:
        context = self.context
        if token.tag_ in ("WDT", "WP") and token.head.dep_ == "relcl" and token.head.head.pos_ in ("NOUN", "PROPN"):
            antecedent, name = relative_antecedent(token.head)  # "relations, which they had cut"
            words = self._single_phrase(antecedent, depth)
            return [*words, name.head.lower_, *self.phrase(name, 0)] if name is not None else words
        local_id = context.entity_of_token.get(token.i)
        found = referent(token, context) if local_id is None else NO_REFERENT
        if local_id is not None:
            words = [context.short_name(local_id)]
        elif found.entities and (token.pos_ == "PRON" or token.dep_ in ("nsubj", "nsubjpass", "poss") or len(found.entities) > 1):
            words = [" and ".join(context.short_name(r) for r in found.entities)]
        elif found.noun is not None and token.pos_ == "PRON":
            words = self.phrase(found.noun, min(depth, 1))
        elif token.pos_ == "PRON" and not any(child.dep_ in ("compound", "amod") for child in token.lefts):
            words = [token.text]
        else:
            words = self._plain_phrase(token, depth)
        return words

    def render(self, tokens: Iterable[Token]) -> list[str]:
        """Words of a run of tokens: names as entities, no determiners, dates or punctuation;
        tokens written together stay together ("large-scale", "C5+1", "Russia-ASEAN")."""
        context = self.context
        words: list[str] = []
        last_entity: int | None = None
        previous: Token | None = None  # the last token that gave words
        for token in tokens:
            local_id = context.entity_of_token.get(token.i)
            if local_id is not None and local_id == last_entity:
                previous = token
                continue
            last_entity = local_id
            if token.i in context.date_tokens or token.i in context.dateline_tokens:
                continue
            if token.tag_ == "POS" and token.i - 1 in context.date_tokens:
                continue  # "Sunday's election": the date is dropped, its possessive with it
            if token.dep_ in ("det", "predet") and token.lower_ in _DROPPED_DETERMINERS:
                continue
            attached = previous is not None and previous.i == token.i - 1 and not previous.whitespace_ and words
            if token.is_space or (token.is_punct and not (attached and token.whitespace_ == "")):
                continue
            text = context.short_name(local_id) if local_id is not None else token.text
            if token.tag_ == "PRP$" and token.lower_ in ("its", "his", "her", "their"):
                owners = referent(token, context).entities
                if owners and not set(owners) & self.subject_entities:
                    text = " and ".join(context.short_name(owner) for owner in owners) + "'s"
            if token.tag_ == "POS" and words:
                words[-1] += "'s"
            elif attached:
                words[-1] += text
            else:
                words.append(text)
            previous = token
        return words

    def _plain_phrase(self, token: Token, depth: int) -> list[str]:
        lefts = [child for child in token.lefts if child.dep_ in _PHRASE_LEFT_DEPS or child.dep_ in ("cc", "conj", "punct")]
        start = min((child.left_edge.i for child in lefts), default=token.i)
        words = self.render(token.doc[start : token.i + 1])
        if depth > 0:
            of_object = prep_object(token, "of")
            if of_object is not None and of_object.i not in self.context.date_tokens:
                words += ["of", *self.phrase(of_object, depth - 1)]
        return words

    # -- clauses ------------------------------------------------------------------------------

    def verb_headline(
        self, verb: Token, *, subject: Token | None, subject_words: list[str] | None = None, reported: bool = False
    ) -> Headline:
        if subject_words is None:
            subject_words = self.phrase(subject) if subject is not None and subject.dep_ != "expl" else []
        outer_subject_entities = self.subject_entities
        if not reported:
            self.subject_entities = self.entities_of(subject)
        plural = _is_plural(subject, subject_words, named=self._names_one(subject))
        objects: list[list[str]] = []
        extras: list[list[str]] = []
        speech = verb.lemma_ in SPEECH_VERBS and not is_passive(verb)  # "was concluded in 2019" is no speech
        for child in verb.children:
            if child.i in self.context.date_tokens:
                continue
            if child.dep_ in ("dobj", "dative", "attr", "oprd"):
                objects.append(self.phrase(child))
            elif child.dep_ == "acomp":  # "is ready"; a long complement shrinks to its adjective
                complement = self.render(child.subtree)
                objects.append(complement if len(complement) <= 4 else [child.text])
            elif child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
                objects.append(self._infinitive(child))
            elif child.dep_ == "ccomp" and child.i > verb.i:
                clause = self._reported(child, speaker=subject_words)
                if clause:
                    objects.append(clause)
            elif child.dep_ == "agent":
                agent = prep_object(child, None)
                if agent is not None:
                    extras.append(["by", *self.phrase(agent, 1)])
        extras += self._prepositions(verb)
        for child in verb.children:  # "held the first joint summit on Afghanistan in Bishkek"
            if child.dep_ == "dobj":
                extras += self._prepositions(child)
        if speech and not objects:
            verb_words = ["speak" if plural else "speaks"]  # "Putin noted at the summit: “...”"
        else:
            verb_words = self._verb_words(verb, plural=plural, has_subject=bool(subject_words), reported=reported)
        if reported:
            self.subject_entities = outer_subject_entities
        return Headline(subject_words, verb_words, objects, extras)

    def _reported(self, clause: Token, *, speaker: list[str]) -> list[str]:
        """A short reported clause ("China is ready", "he will resign"); a long or quoted one is
        left out, for the quote browser."""
        if in_quotation(clause.subtree):
            return []
        subject = subject_of(clause)
        subject_words = None
        if subject is not None and subject.pos_ == "PRON" and self.phrase(subject) == speaker:
            subject_words = [subject.lower_]  # "Cameron announces he will resign"
        inner = self.verb_headline(clause, subject=subject, subject_words=subject_words, reported=True)
        words = inner.words(extras=0)
        if not inner.subject or len(words) > CLAUSE_OBJECT_WORDS:
            return []
        lead = [child.text for child in clause.children if child.dep_ == "mark" and child.lower_ in ("what", "how", "why", "whether")]
        return [*lead, *words]

    def _infinitive(self, verb: Token) -> list[str]:
        # "keep monitoring", "stop buying": a gerund complement stays a gerund
        base = [verb.text] if verb.tag_ == "VBG" else ["to", verb.lemma_]
        words = [*base, *(c.text for c in verb.children if c.dep_ == "prt")]
        for child in verb.children:
            if child.dep_ == "dobj" and child.i not in self.context.date_tokens:
                words += self.phrase(child, 1)
        return words

    def _verb_words(self, verb: Token, *, plural: bool, has_subject: bool, reported: bool = False) -> list[str]:
        form = clause_tense(verb)
        if form == "conditional":
            form = "future"  # a headline tells "would take place" as "to take place"
        negators = [child.lower_ for child in verb.children if child.dep_ == "neg"]
        negation = ["not"] if negators and "never" not in negators else []
        # "no longer represents", "never visited": a negating adverb keeps the headline's meaning
        adverbs = ["never"] if "never" in negators else [] if negation else negating_adverb(verb)
        particles = [child.text for child in verb.children if child.dep_ == "prt"]
        lemma = verb.lemma_
        modal = next((c.lower_ for c in verb.children if c.dep_ == "aux" and c.tag_ == "MD"), None)
        if modal in ("can", "could", "may", "might", "must", "should"):
            be = ["be"] if is_passive(verb) else []
            return [modal, *negation, *be, verb.text if be else lemma, *particles]
        future = ["will", *negation, *adverbs] if reported else [*negation, *adverbs, "to"]  # "X to visit"; "says X will visit"
        if is_passive(verb):
            participle = verb.text if verb.tag_ in ("VBN", "VBD") else lemma
            if form == "future":
                return [*future, "be", participle, *particles]
            if reported:
                return [present("be", plural=plural), *negation, *adverbs, participle, *particles]
            return [*negation, *adverbs, participle, *particles]
        if form == "future":
            return [*future, lemma, *particles]
        if negation:
            return [present("do", plural=plural), "not", lemma, *particles]
        return [*adverbs, present(lemma, plural=plural) if has_subject else lemma, *particles]

    def _prepositions(self, head: Token) -> list[list[str]]:
        found: list[tuple[int, list[str]]] = []
        for child in head.children:
            if child.dep_ != "prep":
                continue
            word = child.lower_
            if word not in _TOPIC_PREPOSITIONS or word == "by":
                continue
            target = prep_object(child, None)
            if target is None or target.i in self.context.date_tokens or target.lemma_ in _SKIPPED_PREP_OBJECTS:
                continue
            named = any(t.i in self.context.entity_of_token for t in target.subtree)
            if word in _PLACE_PREPOSITIONS and not (named or event_noun(target)):
                continue
            if word == "for" and not event_noun(target):
                continue
            words = [word, *self.phrase(target, 1)]
            if target.i not in self.context.entity_of_token:
                words += self._named_modifier(target)
            found.append((_TOPIC_PREPOSITIONS.index(word), words))
        found.sort(key=lambda item: item[0])
        return [words for _, words in found]

    def _named_modifier(self, noun: Token) -> list[str]:
        """ "events in Kazakhstan": the first prepositional phrase of a noun that names an entity."""
        for child in noun.rights:
            if child.dep_ == "prep" and child.lower_ in ("in", "on", "with", "between", "of"):
                target = prep_object(child, None)
                if target is not None and target.i in self.context.entity_of_token and child.lower_ != "of":
                    return [child.lower_, *self.phrase(target, 0)]
        return []

    def noun_headline(self, noun: Token, agent: Token | None) -> Headline:
        """ "SCO founded", "Jean Martin meets Anna Berg", "SCO summit in Astana"."""
        kind, verb = event_noun(noun) or ("plain", None)
        # "Sunday's election": a date in the possessive is when, not who
        possessor = next((c for c in noun.children if c.dep_ == "poss" and c.i not in self.context.date_tokens), None)
        extras = self._prepositions(noun)
        if kind == "patient":
            patient = possessor or prep_object(noun, "of")
            if patient is not None:
                return Headline(self.phrase(patient, 1), [verb or noun.text], [], [e for e in extras if e[0] != "of"])
        if kind == "agent":
            doer = possessor or agent
            doer_words = self.phrase(doer, 1) if doer is not None else []
            self.subject_entities = self.entities_of(doer)
            if doer_words and doer_words != ["its"]:
                partner = prep_object(noun, "with") or prep_object(noun, "to")
                objects: list[list[str]] = []
                if partner is not None:
                    partner_words = self.phrase(partner, 1)
                    joined = verb not in ("meet", "visit", "join")  # "speaks with X", "travels to X"
                    objects = [[partner.head.lower_, *partner_words] if joined else partner_words]
                extras = [e for e in extras if e[0] not in ("with", "to")]
                return Headline(doer_words, present_phrase(verb or noun.lemma_, plural=_is_plural(doer, doer_words, named=self._names_one(doer))), objects, extras)
        return Headline(self._plain_phrase(noun, 1), [], [], [e for e in extras if e[0] != "of"])

    def document_headline(self, noun: Token) -> Headline:
        """ "the Treaty of May 29, 2014" -> "Eurasian Economic Union Treaty signed"."""
        words = self._plain_phrase(noun, 1)
        topic = prep_object(noun, "on")
        if topic is not None and topic.i not in self.context.date_tokens:
            words += ["on", *self.phrase(topic, 1)]
        return Headline(words, [document_noun(noun) or "signed"])


# Adverbs that negate a clause without "not": "no longer represents", "never visited".
NEGATING_ADVERBS = frozenset({"never", "no longer", "not yet", "no more", "hardly", "nowhere"})


def negating_adverb(verb: Token) -> list[str]:
    """The words of a negating adverb of ``verb`` ("no longer", "never"), or []."""
    for child in verb.children:
        if child.dep_ != "advmod":
            continue
        words = [t.lower_ for t in child.subtree]
        if " ".join(words) in NEGATING_ADVERBS:
            return words
    return []


def _verb_number(verb: Token) -> bool | None:
    """True when the verb (or its auxiliary) is singular ("is", "has", "was"), False when plural,
    None when its form does not tell."""
    for token in (*[c for c in verb.children if c.dep_ in ("aux", "auxpass")], verb):
        if token.tag_ == "VBZ" or token.lower_ == "was":
            return True
        if token.tag_ == "VBP" or token.lower_ == "were":
            return False
    return None


def _agrees(noun: Token, singular: bool | None) -> bool:
    if singular is None or noun.pos_ == "PROPN":
        return True  # names are unpredictable in number ("the Philippines is")
    plural = noun.tag_ in ("NNS", "NNPS") or any(child.dep_ == "conj" for child in noun.children)
    return plural != singular


def _noun_above(noun: Token) -> Token | None:
    """The noun a noun hangs on: "the chamber representing the states" -> chamber, "a deal with X" -> deal."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif noun.dep_ in ("dobj", "pobj") and head.dep_ in ("acl", "relcl"):
        head = head.head
    elif noun.dep_ not in ("appos", "compound", "conj"):
        return None
    return head if head.pos_ in ("NOUN", "PROPN") and head is not noun else None


def relative_antecedent(relative: Token) -> tuple[Token, Token | None]:
    """(the noun a relative clause's pronoun stands for, the name inside it when the parser hung
    the clause on that name).

    The parser hangs "which" on the nearest noun. The verb's number corrects it ("the upper
    chamber representing the 16 federal states, which is expected": the chamber, not the
    states); an apposition stands for its head (the chamber for "the Bundesrat"); and a name that
    completes a common noun ("a deal with the UAE, which is expected") leaves the clause to that
    noun: the deal is expected, not the UAE.
    """
    noun = relative.head
    singular = _verb_number(relative)
    candidate: Token | None = noun
    for _ in range(4):
        if candidate is None or _agrees(candidate, singular):
            break
        candidate = _noun_above(candidate)
    if candidate is None or not _agrees(candidate, singular):
        candidate = noun
    while candidate.dep_ == "appos" and candidate.head.pos_ in ("NOUN", "PROPN"):
        candidate = candidate.head
    if candidate.pos_ == "PROPN" and candidate.dep_ == "pobj" and candidate.head.dep_ == "prep":
        holder = candidate.head.head
        if holder.pos_ == "NOUN" and not event_noun(holder) and _agrees(holder, singular) and singular is not None:
            return holder, candidate
    return candidate, None


def _conjuncts(token: Token, context: Context) -> list[Token]:
    """A noun and the nouns coordinated with it, in text order."""
    found = [token]
    pending = [token]
    while pending:
        current = pending.pop()
        for child in current.children:
            if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON") and child.i not in context.date_tokens:
                found.append(child)
                pending.append(child)
    return sorted(found, key=lambda t: t.i)


def prep_object(token: Token, preposition: str | None) -> Token | None:
    """The object of ``token``'s preposition child (any preposition when None)."""
    children = [token] if preposition is None else [c for c in token.children if c.dep_ == "prep" and c.lower_ == preposition]
    for child in children:
        for grandchild in child.children:
            if grandchild.dep_ == "pobj":
                return grandchild
    return None


def _is_plural(subject: Token | None, words: list[str], *, named: bool = False) -> bool:
    """``named``: the subject is one named person or organization, whatever its tag ("Tavares")."""
    if subject is None:
        return False
    if subject.tag_ in ("NNS", "NNPS") and not named:
        return True
    if subject.lower_ in ("we", "they", "you", "i") and not any(child.dep_ == "compound" for child in subject.children):
        return True
    if any(child.dep_ == "conj" for child in subject.children):
        return True  # "India and Pakistan attend"
    return len(words) == 1 and " and " in words[0]  # "SCO and CSTO", resolved from "the two sides"


def present(lemma: str, *, plural: bool) -> str:
    """The headline (simple present) form of a verb."""
    irregular = {"be": ("is", "are"), "have": ("has", "have"), "do": ("does", "do"), "go": ("goes", "go")}
    if lemma in irregular:
        return irregular[lemma][1 if plural else 0]
    if plural:
        return lemma
    if re.search(r"(?:s|sh|ch|x|z|o)$", lemma):
        return lemma + "es"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ies"
    return lemma + "s"


def present_phrase(verb: str, *, plural: bool) -> list[str]:
    first, *rest = verb.split()
    return [present(first, plural=plural), *rest]


# --------------------------------------------------------------------------------------------
# newsgraph_events
# --------------------------------------------------------------------------------------------


@Language.factory("newsgraph_events")
def make_events_component(nlp: Language, name: str) -> "EventsComponent":
    return EventsComponent()


class EventsComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_events = find_events(doc)
        return doc


@dataclass
class _Event:
    record: dict
    lemma: str  # the verb, or the verb an event noun stands for, to tell retellings apart
    head: int
    kind: str
    sentence: int


def find_events(doc: Doc) -> list[dict]:
    expressions = doc._.ng_dates or []
    if not expressions:
        return []
    context = Context.of(doc)
    summarizer = Summarizer(context)
    starts = context.paragraph_starts
    direct_speech = sorted((q["text_start"], q["text_end"]) for q in doc._.ng_quotes or [] if q["kind"] == "direct")
    attached: list[tuple[dict, Attachment, Span]] = []
    for expression in expressions:
        span = doc[expression["tok_start"] : expression["tok_end"]]
        sentence = span.sent
        if not any(is_verb(token) for token in sentence) or _LABEL_LINE.match(sentence.text):
            continue  # a heading, a dateline of its own, or "Date: 7-10 June 2017"
        if span.start in context.dateline_starts:
            continue
        if _DEICTIC_DAY.match(expression["text"]) and _inside(expression["start"], direct_speech):
            continue  # "Today the law has spoken," she said: the day she spoke, not the publication's
        attachment = attach(span)
        if attachment is not None:
            attached.append((expression, attachment, sentence))
    context.event_heads = {attachment.head.i for _, attachment, _ in attached}
    events: list[_Event] = []
    for expression, attachment, sentence in attached:
        event = build_event(expression, attachment, sentence, context, summarizer)
        if event is not None:
            events.append(event)
    events += events_told_then(list(doc.sents), events, context, summarizer, starts)
    return [event.record for event in deduplicated(events)]


# Days told relative to the moment of speaking: inside a quotation that moment is not the article's.
_DEICTIC_DAY = re.compile(r"(?i)^(?:today|tonight|yesterday|tomorrow|(?:this|yesterday|tomorrow)\s+(?:morning|afternoon|evening)|last\s+night)$")


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    index = bisect_right(spans, (position, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def build_event(expression: dict, attachment: Attachment, sentence: Span, context: Context, summarizer: Summarizer) -> _Event | None:
    head = attachment.head
    summarizer.subject_entities = set()  # the subject's own possessives are always spelled out
    if attachment.kind == "verb":
        chosen = event_clause(head, summarizer)
        if chosen is None:
            return None
        head, subject, subject_words = chosen
        headline = summarizer.verb_headline(head, subject=subject, subject_words=subject_words)
        if not headline.subject:
            return None  # a gerund naming an activity, a clause that lost its subject
        if head.lemma_ in STATIVE_VERBS and clause_tense(head) in ("present", ""):
            return None  # "this means", "the year holds special significance"
        if head.lemma_ == "be":
            return None  # "It was the fourth summit ... in 2001": a description, not a happening
        if any(child.dep_ == "neg" for child in head.children):
            return None  # "it did not have twenty years ago": what did not happen is no event
        tokens = clause_tokens(head, context, own=attachment.head) | ({t.i for t in subject.subtree} if subject is not None else set())
        lemma = head.lemma_
    elif attachment.kind == "noun":
        agent = agent_of_noun(head)
        headline = summarizer.noun_headline(head, agent)
        tokens = clause_tokens(head, context, own=head) | ({t.i for t in agent.subtree} if agent is not None else set())
        verb = (event_noun(head) or ("plain", None))[1]
        lemma = (verb or head.lemma_).split()[-1]
    else:
        headline = summarizer.document_headline(head)
        tokens = {t.i for t in head.subtree}
        lemma = document_noun(head) or "sign"
    summary = headline.text()
    if not summary:
        return None
    tokens -= set(range(expression["tok_start"], expression["tok_end"]))
    record = {
        "date": expression["date"],
        "precision": expression["precision"],
        "date_start": expression["date_start"],
        "date_end": expression["date_end"],
        "date_text": expression["text"],
        "summary": summary,
        "sent_start": sentence.start_char,
        "sent_end": sentence.end_char,
        "actors": actors_of(tokens, sentence, context, own=attachment.head),
    }
    return _Event(record, lemma, head.i, attachment.kind, context.sentence_index(sentence.start))


def event_clause(verb: Token, summarizer: Summarizer) -> tuple[Token, Token | None, list[str] | None] | None:
    """The verb whose clause tells the event, its subject, and the subject's words if borrowed."""
    if verb.dep_ in ("aux", "auxpass") and is_verb(verb.head):
        verb = verb.head
    # "voted to leave ... in a referendum": the headline tells the governing verb, with "to leave"
    while verb.dep_ == "xcomp" and is_verb(verb.head) and verb.head.lemma_ != "go" and verb.head.lemma_ not in SPEECH_VERBS:
        verb = verb.head
    # "Speaking at the meeting, X said ...": the event is the speaking, by the speaker.
    if verb.lemma_ in SPEECH_VERBS:
        for child in verb.children:
            if child.dep_ == "advcl" and child.tag_ == "VBG" and subject_of(child) is None:
                place = prep_object(child, "at") or prep_object(child, "during")
                if place is not None and event_noun(place):
                    speaker = subject_of(verb)
                    return child, speaker, summarizer.phrase(speaker) if speaker is not None else None
    if verb.lemma_ == "be":
        # "On Wednesday, the leaders are due to meet ...": the date hangs on "are"; the event is the meeting.
        planned = next((x for c in verb.children if c.dep_ == "acomp" and c.pos_ == "ADJ"
                        for x in c.children if x.dep_ == "xcomp" and is_verb(x)), None)
        if planned is not None:
            speaker_subject = subject_of(verb)
            return planned, speaker_subject, summarizer.phrase(speaker_subject) if speaker_subject is not None else None
    subject = subject_of(verb)
    if subject is not None and subject.i in summarizer.context.dateline_tokens:
        # "MOSCOW, April 25 (Reuters) - Foreign Minister Sergei Lavrov said": the parser made the
        # dateline's place the subject and the real one its apposition.
        subject = next((c for c in subject.children if c.dep_ == "appos" and c.i not in summarizer.context.dateline_tokens), None)
    if subject is not None:
        if subject.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            antecedent, name = relative_antecedent(verb)
            head = _described_happening(antecedent)
            words = summarizer.phrase(head)
            if name is not None and head is antecedent:
                words = [*words, name.head.lower_, *summarizer.phrase(name, 0)]  # "deal with UAE expected"
            elif head.pos_ == "NOUN" and head.i not in summarizer.context.entity_of_token:
                words = [*words, *summarizer._named_modifier(head)]  # "a treaty with Iran, which is expected"
            return verb, head, words
        return verb, subject, None
    controller = understood_subject(verb)
    if controller is not None:
        return verb, controller, summarizer.phrase(controller)
    return verb, None, None


def _described_happening(noun: Token) -> Token:
    """The noun a relative or participle clause describes; an event noun above it if the parser
    hung the clause on a name inside it ("talks between X and Y, held in Moscow")."""
    if event_noun(noun) or noun.pos_ != "PROPN":
        return noun
    current = noun
    for _ in range(4):
        if current.head is current:
            break
        current = current.head
        if event_noun(current):
            return current
        if current.pos_ in ("VERB", "AUX"):
            break
    return noun


def understood_subject(verb: Token) -> Token | None:
    """The understood subject of a verb without one: "congratulated him on taking office"."""
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return _described_happening(verb.head)
    head = verb.head
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp" and is_verb(head.head):
        return subject_of(head.head)  # "ECOWAS leaders are due to meet", "Kyiv is ready to talk"
    if verb.dep_ == "pcomp":
        head = head.head  # "on taking": the preposition's verb
    elif verb.dep_ not in ("xcomp", "advcl", "conj"):
        return None
    if not is_verb(head) or head is verb:
        return None
    if verb.dep_ in ("pcomp", "xcomp"):
        objects = [child for child in head.children if child.dep_ == "dobj"]
        if objects:
            return objects[0]  # object control: "congratulated him on taking", "invited them to visit"
    return subject_of(head) or understood_subject(head)


def agent_of_noun(noun: Token) -> Token | None:
    """Who does what an event noun names: "X made a statement at a March meeting" -> X."""
    if any(child.dep_ == "poss" for child in noun.children):
        return None
    carrier = noun.head
    if noun.dep_ == "pobj" and carrier.lower_ in ("at", "during", "in", "on", "following"):
        carrier = carrier.head
    elif noun.dep_ != "dobj":
        return None
    if not is_verb(carrier):
        return None
    return subject_of(carrier) or understood_subject(carrier)


def clause_tokens(head: Token, context: Context, *, own: Token) -> set[int]:
    """The head's subtree without coordinated clauses that have their own subject, and without
    the clauses that other dates attach to ("talks since Biden took office in January")."""
    excluded: set[int] = set()
    for child in head.children:
        if (child.dep_ == "conj" and is_verb(child) and subject_of(child) is not None) or child.dep_ == "parataxis":
            excluded.update(t.i for t in child.subtree)
    excluded |= _other_events_tokens(head.subtree, context, own=own, keep=head)
    return {t.i for t in head.subtree} - excluded


def _other_events_tokens(tokens: Iterable[Token], context: Context, *, own: Token, keep: Token | None = None) -> set[int]:
    """Tokens of the clauses other dates attach to, within ``tokens``."""
    excluded: set[int] = set()
    for token in tokens:
        if token.i in context.event_heads and token.i not in (own.i, keep.i if keep is not None else -1) and token.i not in excluded:
            if own.i in {t.i for t in token.subtree}:
                continue  # the other date's clause holds this one: not "another" clause
            excluded.update(t.i for t in token.subtree)
    return excluded


def actors_of(tokens: set[int], sentence: Span, context: Context, *, own: Token) -> list[int]:
    doc = context.doc
    found: dict[int, None] = {}
    for i in sorted(tokens):
        local_id = context.entity_of_token.get(i)
        if local_id is not None:
            if i not in context.date_tokens:
                found.setdefault(local_id, None)
            continue
        token = doc[i]
        if token.pos_ in ("PRON", "NOUN", "PROPN"):
            for referred in referent(token, context).entities:
                found.setdefault(referred, None)
    if not found:  # the clause names nobody: the sentence's actors, outside other dated clauses
        elsewhere = _other_events_tokens(sentence, context, own=own)
        return context.mentioned_in(i for i in range(sentence.start, sentence.end) if i not in elsewhere)
    return list(found)


def find_datelines(doc: Doc, text: str, starts: list[int], expressions: list[dict]) -> tuple[set[int], set[int]]:
    """The tokens of every dateline, and the first tokens of the dates that open one."""
    tokens = place_datelines(doc, text, starts)
    dates: set[int] = set()
    dateline = doc._.ng_dateline  # the body's own, found before the parser ran (newsgraph.dates)
    if dateline:
        span = doc.char_span(dateline["start"], dateline["end"], alignment_mode="expand")
        if span is not None:
            tokens.update(range(span.start, span.end))
            dates.update(e["tok_start"] for e in expressions if span.start <= e["tok_start"] < span.end)
    for expression in expressions:
        span = doc[expression["tok_start"] : expression["tok_end"]]
        end = dateline_end(span, starts)
        if end is None:
            continue
        dates.add(span.start)
        line_start = starts[bisect_right(starts, span.start_char) - 1]
        first = span.start
        while first > 0 and doc[first - 1].idx >= line_start:
            first -= 1
        tokens.update(range(first, end))
    return tokens, dates


_PLACE_DATELINE = re.compile(
    r"[A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+)*"  # MOSCOW, NEW DELHI
    r"(?:, ?[A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*)*){0,2}"  # , Alaska
    r"(?:,? ?[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?)?"  # , April 25
    r" ?\([^()\n]{1,40}\) ?(?:[-\u2013\u2014]{1,2}|:) ?"  # (Reuters) -
)


def place_datelines(doc: Doc, text: str, starts: list[int]) -> set[int]:
    """Tokens of "ANCHORAGE, Alaska (AP) —" datelines that open a paragraph."""
    tokens: set[int] = set()
    for start in starts:
        match = _PLACE_DATELINE.match(text, start)
        if match is None:
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None:
            tokens.update(range(span.start, span.end))
    return tokens


def dateline_end(span: Span, paragraph_char_starts: list[int]) -> int | None:
    """Where a dateline ends ("MOSCOW, April 25 (Reuters) -", "July 9, 2015, Ufa"), or None when
    the expression is not one: a date at a paragraph's start, after at most a place name, before
    a dash, a colon or the end of the line."""
    doc = span.doc
    paragraph_start = paragraph_char_starts[bisect_right(paragraph_char_starts, span.start_char) - 1]
    before = [t for t in doc[max(span.start - 8, 0) : span.start] if t.idx >= paragraph_start and not t.is_space]
    if span.start - len(before) > 0 and doc[span.start - len(before) - 1].idx >= paragraph_start and not doc[span.start - len(before) - 1].is_space:
        return None  # more than a place name before it
    if any(t.pos_ not in ("PROPN", "PUNCT") and not t.is_upper for t in before):
        return None
    for token in doc[span.end : span.end + 8]:
        if token.is_space and "\n" in token.text:
            return token.i
        if token.text in ("-", "\u2013", "\u2014", "--", ":", "|"):
            return token.i + 1
        if token.pos_ not in ("PROPN", "PUNCT", "NUM") and not token.is_space and not token.is_upper:
            return None
    return len(doc) if span.end >= len(doc) - 1 else None


_THEN = re.compile(r"^(?:then|at\s+that\s+time|at\s+the\s+time|back\s+then)\b", re.IGNORECASE)


def events_told_then(sentences: list[Span], events: list[_Event], context: Context, summarizer: Summarizer, starts: list[int]) -> list[_Event]:
    """ "... in November last year. Then, speaking at X, Y said ...": the next sentence's event."""
    by_sentence: dict[int, list[_Event]] = {}
    for event in events:
        by_sentence.setdefault(event.sentence, []).append(event)
    told: list[_Event] = []
    for index, sentence in enumerate(sentences):
        if index == 0 or index in by_sentence or sentence[0].lower_ not in ("then", "at", "back"):
            continue
        if not _THEN.match(sentence.text.lstrip()):
            continue
        previous = by_sentence.get(index - 1)
        if not previous or previous[-1].record["precision"] == "day":
            continue
        if bisect_right(starts, sentence.start_char) != bisect_right(starts, sentences[index - 1].start_char):
            continue  # another paragraph: "then" no longer points at that date
        if not is_verb(sentence.root):
            continue
        antecedent = previous[-1].record
        expression = {key: antecedent[key] for key in ("date", "precision", "date_start", "date_end")}
        expression.update(text=antecedent["date_text"], tok_start=sentence.start, tok_end=sentence.start)
        event = build_event(expression, Attachment(sentence.root, "verb"), sentence, context, summarizer)
        if event is not None:
            event.record["sent_start"] = antecedent["sent_start"]  # the evidence shows the date
            told.append(event)
    return told


def deduplicated(events: list[_Event]) -> list[_Event]:
    """One event per happening: the same time and verb, one's actors among the other's."""
    kept: list[_Event] = []
    for event in sorted(events, key=lambda e: (e.record["sent_start"], e.head)):
        record = event.record
        duplicate = next((other for other in kept if _same_happening(other, event)), None)
        if duplicate is None:
            kept.append(event)
            continue
        for local_id in record["actors"]:
            if local_id not in duplicate.record["actors"]:
                duplicate.record["actors"].append(local_id)
    return _without_coarse_twins(kept)


def _same_happening(one: _Event, other: _Event) -> bool:
    a, b = one.record, other.record
    if (a["date_start"], a["date_end"], a["precision"]) != (b["date_start"], b["date_end"], b["precision"]):
        return False
    if a["summary"] == b["summary"]:
        return True
    mine, theirs = set(a["actors"]), set(b["actors"])
    return one.lemma == other.lemma and (mine <= theirs or theirs <= mine)


def _without_coarse_twins(events: list[_Event]) -> list[_Event]:
    """ "The 2024 SCO summit ... held between 3 and 4 July 2024": one summit, dated by its days."""
    dropped: set[int] = set()
    for event in events:
        if event.kind == "verb":
            continue
        for other in events:
            if other is event or other.sentence != event.sentence:
                continue
            a, b = event.record, other.record
            inside = a["date_start"] <= b["date_start"] and b["date_end"] <= a["date_end"]
            if inside and (a["date_start"], a["date_end"]) != (b["date_start"], b["date_end"]):
                dropped.add(id(event))
                break
    return [event for event in events if id(event) not in dropped]
