"""Quotes: who said what, as direct speech, reported statements and transcript turns.

The ``newsgraph_quotes`` component stores ``doc._.ng_quotes``, a list of plain dicts:

    kind          "direct" (words between quotation marks, or a labelled transcript turn) or
                  "reported" ("According to X, ...", "X noted that ...", "X called for ...")
    text          direct: exactly the words as written between the marks, without a trailing comma;
                  reported: the reported content (the clause); transcript: one quotable passage
    text_start, text_end   character offsets of ``text`` in the article text
    speaker       display name of the speaker's article-local entity, or the name a transcript
                  label gives, or None when the speaker cannot be told (never a pronoun, never a guess)
    speaker_local article-local entity id of the speaker, or None
    speaker_text  the words that name the speaker where the cue is ("He", "the diplomat")
    cue           the reporting verb or phrase ("stressed", "According to", "called for", the label)
    sent_start, sent_end   the sentence(s) holding the quote; the paragraph is the text around them
                  between blank lines

How it works, in order:

1. Quotation marks are paired over the raw text (``pair_quotation_marks``): curly and straight,
   nested single quotes inside double ones, a quote that runs on into the next paragraph (an
   opening mark at each new paragraph and no closing one), a closing mark whose opening mark is
   missing, an unclosed mark at the end of a paragraph. Nothing in an odd number of marks raises.
2. Transcript turns: a paragraph starting with a speaker label ("President of Russia Vladimir
   Putin:", "Xi Jinping (retranslated):", "Mikhail Mishustin's remarks:") opens that speaker's
   direct speech, which runs until the next label; it is cut into passages of a paragraph or a few
   sentences.
3. Each marked span gets its cue: a speech verb outside the marks in the same sentence (before or
   after the quote), else in the previous sentence that introduces it with a colon, else in a short
   next sentence ("Smith said."), else the quote continues the previous quote of the same speaker.
   A marked span is a quotation when it is long enough and either has a cue or reads as a sentence;
   names, titles and scare quotes ("Helsinki spirit", "red line") are not.
4. Reported statements come from the parse: "according to X", "in X's opinion", and speech verbs
   with a clausal, infinitival or (for a few verbs) nominal complement, outside direct speech.

Speakers are the subject of the cue: a name (its entity), a pronoun or a description resolved by
``newsgraph.coref``, or an organization or a country ("Beijing believes that ...").
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.coref import PERSON_NOUNS, PRONOUN_GENDER, Coreference, description_span, sentence_index
from newsgraph.names import country_of, country_of_demonym, name_key

# Verbs that introduce direct speech ("..., Olaf Scholz stressed", "he said:").
SPEECH_VERBS = frozenset(
    {
        "say", "tell", "state", "stress", "note", "add", "declare", "emphasize", "emphasise", "point",
        "remark", "explain", "announce", "warn", "insist", "argue", "claim", "ask", "reply", "answer",
        "underline", "underscore", "affirm", "reaffirm", "assert", "observe", "comment", "continue",
        "conclude", "believe", "write", "recall", "admit", "acknowledge", "confirm", "reiterate", "urge",
        "promise", "pledge", "vow", "suggest", "propose", "predict", "complain", "respond", "deny",
        "assure", "remind", "summarize", "summarise", "mention", "proclaim", "quip", "joke",
    }
)
# Reported statements: verbs whose clausal complement is what was said ("X noted that ...").
CLAUSE_VERBS = frozenset(
    {
        "say", "tell", "state", "stress", "note", "add", "declare", "emphasize", "emphasise", "explain",
        "announce", "warn", "insist", "argue", "claim", "underline", "underscore", "affirm", "reaffirm",
        "assert", "observe", "comment", "conclude", "believe", "think", "recall", "remind", "admit",
        "acknowledge", "confirm", "reiterate", "suggest", "predict", "write", "assure", "deny", "point",
        "consider", "propose", "promise", "pledge", "vow", "mention",
    }
)
# ... whose infinitive is the statement ("X promised to ...", "urged the parties to ...").
INTENT_VERBS = frozenset({"promise", "pledge", "vow", "propose", "urge", "call", "offer", "suggest"})
# ... whose noun object is the statement ("stressed the importance of ...", "called for an end to ...").
OBJECT_VERBS = frozenset(
    {"stress", "emphasize", "emphasise", "underline", "underscore", "note", "point", "reaffirm",
     "reiterate", "propose", "urge", "recall"}
)
_STATEMENT_VERBS = CLAUSE_VERBS | INTENT_VERBS
CALL_PREPOSITIONS = frozenset({"for", "on", "upon"})
OPINION_NOUNS = frozenset({"opinion", "view", "estimation", "assessment", "judgment", "judgement"})
# Institutions that speak for the organization or country named with them ("the Chinese government").
INSTITUTION_NOUNS = frozenset(
    {"government", "ministry", "secretariat", "office", "administration", "cabinet", "parliament",
     "presidency", "embassy", "mission", "delegation", "leadership", "authorities", "side"}
)
SPEAKER_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
# Nouns that describe an organization of the article: "the company said", "world football's
# governing body said", "The U.N. refugee agency, UNHCR, said", "United Nations agencies warned".
ORGANIZATION_DESCRIPTIONS = frozenset(
    {"company", "firm", "group", "agency", "body", "organization", "organisation", "bank", "lender", "bloc",
     "alliance", "union", "commission", "regulator", "federation", "association", "carrier", "airline",
     "manufacturer", "maker", "producer", "operator", "insurer", "retailer", "court", "council", "watchdog",
     "charity", "organizations", "organisations"}
)  # fmt: skip
# People who speak for an organization without being named: "a spokesperson for the commission".
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "official"})
# Conjunctions of a clause that only tells when something was said ("said as she read the ruling").
TIME_MARKERS = frozenset({"as", "when", "while", "after", "before"})
ANTECEDENT_SENTENCES = 3  # how far back "it said" / "the company said" look for their organization
# Words right before a quotation mark that make the quoted words a name or a scare quote:
# the "Helsinki spirit", its "red line", the so-called "...".
NOUN_PHRASE_LEADS = frozenset(
    {"the", "a", "an", "its", "their", "his", "her", "our", "your", "this", "that", "these", "those",
     "so-called", "called", "named", "dubbed", "entitled", "titled", "term", "word", "words", "phrase",
     "slogan", "motto", "as", "of"}
)

MIN_QUOTE_WORDS = 3  # with a cue
MIN_UNCUED_QUOTE_WORDS = 6  # without one, the words must read as a sentence
SCARE_QUOTE_MAX_WORDS = 8  # after "the", "a", "so-called": shorter is a name or a scare quote
MIN_STATEMENT_WORDS = 3
PASSAGE_MAX_WORDS = 70
MIN_PASSAGE_WORDS = 4
MAX_LABEL_WORDS = 12
MAX_NEXT_SENTENCE_TOKENS = 12
# Labels of an interview transcript: the answers are the interviewee's words, the questions are not
# quoted (the interviewer is the publication itself).
QUESTION_LABELS = frozenset({"q", "question"})
ANSWER_LABELS = frozenset({"a", "answer"})

OPENING_DOUBLE = "“„‟«"
CLOSING_DOUBLE = "”»"
OPENING_SINGLE = "‘‛"
CLOSING_SINGLE = "’"
_SINGLE_MARKS = OPENING_SINGLE + CLOSING_SINGLE + "'"
_ANY_MARK = re.compile("[" + re.escape(OPENING_DOUBLE + CLOSING_DOUBLE + '"' + _SINGLE_MARKS) + "]")
_OPEN_CONTEXT = "([{—–-/‘'“\"«"
_CLOSE_CONTEXT = ".,;:!?)]}—–-…’'”\"»"
_LABEL_CONNECTORS = frozenset(
    {"of", "the", "and", "for", "de", "da", "del", "der", "van", "von", "bin", "ibn", "al", "el", "la",
     "le", "du", "dos", "y"}
)
_LABEL = re.compile(r"(?P<label>[A-Z][^\n:]{0,160}?)\s*(?:\((?P<note>[^()\n]{1,40})\)\s*)?:(?=\s|$)")
_POSSESSIVE_LABEL = re.compile(
    r"(?P<label>[A-Z][^\n:]{0,120}?)[’']s\s+(?:(?:opening|closing|concluding|introductory|welcoming|final)\s+)?"
    r"(?:remarks|address|speech|statement|comments|answers|response|reply|replies)\s*:\s*$"
)
_WORD = re.compile(r"[^\W_]+(?:[-’'][^\W_]+)*")
_SEPARATOR = re.compile(r"^[\W_]*$")


@Language.factory("newsgraph_quotes")
def make_quotes_component(nlp: Language, name: str) -> "QuotesComponent":
    return QuotesComponent()


class QuotesComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_quotes = QuoteExtractor(doc).run()
        return doc


# -------------------------------------------------------------------------------------------
# Quotation marks


@dataclass(frozen=True)
class MarkedSpan:
    """Words between quotation marks: ``start``/``end`` exclude the marks themselves."""

    start: int
    end: int
    opened: bool  # False: the closing mark had no opening one; the quote starts its paragraph/sentence
    closed: bool  # False: no closing mark before the paragraph ended
    single: bool = False
    paragraphs: int = 1


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs: text between line breaks, without surrounding spaces."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _double_mark(text: str, i: int, *, inside: bool) -> str | None:
    """'open', 'close' or None for the character at i, judged by the glyph and its neighbours."""
    char = text[i]
    if char not in OPENING_DOUBLE and char not in CLOSING_DOUBLE and char != '"':
        return None
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    opens = (before.isspace() or before in _OPEN_CONTEXT) and not (after.isspace() or after in ".,;:!?")
    closes = not before.isspace() and (after.isspace() or after in _CLOSE_CONTEXT)
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    if char in OPENING_DOUBLE:
        return "open"
    if char in CLOSING_DOUBLE:
        return "close"
    return "close" if inside else "open"


def _single_opens(text: str, i: int) -> bool:
    char = text[i]
    if char not in OPENING_SINGLE and char != "'":
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-") and (after.isalnum())


def _single_closes(text: str, i: int) -> bool:
    char = text[i]
    if char not in CLOSING_SINGLE and char != "'":
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _sentence_start_after(text: str, start: int, end: int) -> int:
    """The start of the last sentence that begins in text[start:end] (a quote missing its
    opening mark after an earlier quote in the same paragraph starts there)."""
    position = start
    for match in re.finditer(r"[.!?…][”’\"']?\s+(?=\S)", text[start:end]):
        position = start + match.end()
    return position


def pair_quotation_marks(text: str) -> list[MarkedSpan]:
    """Pair the quotation marks of a text into the spans they enclose.

    Double marks make the quotes; single marks inside them are nested quotes and ignored. Single
    marks make a quote only in a paragraph without double marks (British style). A quote still
    open at the end of a paragraph continues when the next paragraph starts with an opening mark,
    else ends with its paragraph. A closing mark without an opening one closes a quote that starts
    at its paragraph (or after the sentence end following an earlier quote in it).
    """
    spans: list[MarkedSpan] = []
    paragraphs = paragraph_spans(text)
    open_at: int | None = None  # where the words of the quote in progress start
    open_paragraphs = 0
    for index, (p_start, p_end) in enumerate(paragraphs):
        i = p_start
        if open_at is not None:
            i += 1  # the continuation's own opening mark
            open_paragraphs += 1
        depth = 0
        free_from = p_start  # where a quote missing its opening mark may start
        # Only the marks themselves are looked at, not every character.
        positions = [m.start() for m in _ANY_MARK.finditer(text, i, p_end)]
        has_double = any(text[j] not in _SINGLE_MARKS for j in positions)
        single_at: int | None = None
        for i in positions:
            mark = _double_mark(text, i, inside=open_at is not None)
            if open_at is None and single_at is None:
                if mark == "open":
                    open_at, open_paragraphs, depth = i + 1, 1, 0
                elif mark == "close":
                    start = free_from if free_from == p_start else _sentence_start_after(text, free_from, i)
                    colon = text.rfind(": ", start, i)
                    if colon >= 0:
                        start = colon + 2  # "He said: We will ...”"
                    if i > start:
                        spans.append(MarkedSpan(start, i, opened=False, closed=True))
                    free_from = i + 1
                elif not has_double and _single_opens(text, i):
                    single_at = i + 1
            elif single_at is not None:
                if _single_closes(text, i) and i > single_at:
                    spans.append(MarkedSpan(single_at, i, opened=True, closed=True, single=True))
                    single_at = None
                    free_from = i + 1
            elif mark == "open" and text[i] in OPENING_DOUBLE:
                depth += 1  # a nested double quote
            elif mark == "close":
                if depth:
                    depth -= 1
                else:
                    spans.append(MarkedSpan(open_at, i, opened=True, closed=True, paragraphs=open_paragraphs))
                    open_at = None
                    free_from = i + 1
        if open_at is not None:
            following = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
            continues = following is not None and _double_mark(text, following, inside=False) == "open"
            if not continues:
                if p_end > open_at:
                    spans.append(MarkedSpan(open_at, p_end, opened=True, closed=False, paragraphs=open_paragraphs))
                open_at = None
    return spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Without surrounding spaces and without a trailing comma (", he said" follows it)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


def looks_like_title(text: str) -> bool:
    """Mostly capitalized words and no sentence end: the name of a document, an event, a program."""
    words = [w for w in _WORD.findall(text) if len(w) > 3]
    if not words or text.rstrip()[-1:] in ".!?…":
        return False
    capitalized = sum(1 for w in words if w[0].isupper())
    return capitalized / len(words) >= 0.6


# -------------------------------------------------------------------------------------------
# Speakers and transcript turns


@dataclass(frozen=True)
class Speaker:
    local_id: int | None
    name: str | None
    text: str  # as written where the cue is


@dataclass(frozen=True)
class Attribution:
    cue: str
    speaker: Speaker | None


@dataclass(frozen=True)
class Turn:
    label: str  # as written, up to the colon
    cue: str  # the whole label as written, with a note such as "(retranslated)" and the colon
    speaker: Speaker
    body_start: int
    body_end: int


class QuoteExtractor:
    """All quotes of one processed document; indexes are built once, in the constructor."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.entities: list[dict] = list(doc._.ng_entities or [])
        self.mention_at: dict[int, dict] = {}
        for mention in doc._.ng_mentions or []:
            for i in range(mention["tok_start"], mention["tok_end"]):
                self.mention_at[i] = mention
        self.sentences, self.sentence_of = sentence_index(doc)
        self.coref = Coreference(doc, sentence_of=self.sentence_of)
        self.paragraphs = paragraph_spans(self.text)
        self._paragraph_starts = [start for start, _ in self.paragraphs]
        self.in_speech = [False] * len(doc)  # inside accepted direct speech
        self.in_marks = [False] * len(doc)  # inside any pair of quotation marks
        self._interviewee_cache: Speaker | bool | None = None

    def run(self) -> list[dict]:
        turns = self.transcript_turns()
        for turn in turns:
            self._mark(self.in_speech, turn.body_start, turn.body_end)
        marked = pair_quotation_marks(self.text)
        for span in marked:
            self._mark(self.in_marks, span.start, span.end)
        quotes = self.direct_quotes(marked, turns)
        quotes.extend(self.transcript_passages(turns))
        quotes.extend(self.reported_statements())
        quotes.sort(key=lambda q: (q["text_start"], q["kind"]))
        return quotes

    # ---------------------------------------------------------------------------------------
    # Helpers over the document

    def _mark(self, flags: list[bool], start: int, end: int) -> None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                flags[i] = True

    def _paragraph_index(self, char: int) -> int:
        return max(0, bisect.bisect_right(self._paragraph_starts, char) - 1)

    def _record(self, kind: str, start: int, end: int, cue: str | None, speaker: Speaker | None) -> dict:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        first = self.sentences[self.sentence_of[span.start]] if span is not None and len(span) else None
        last = self.sentences[self.sentence_of[span.end - 1]] if span is not None and len(span) else None
        sent_start = min(first.start_char, start) if first is not None else start
        sent_end = max(last.end_char, end) if last is not None else end
        while sent_end > sent_start and self.text[sent_end - 1].isspace():
            sent_end -= 1
        return {
            "kind": kind,
            "text": self.text[start:end],
            "text_start": start,
            "text_end": end,
            "speaker": speaker.name if speaker else None,
            "speaker_local": speaker.local_id if speaker else None,
            "speaker_text": speaker.text if speaker else None,
            "cue": cue,
            "sent_start": sent_start,
            "sent_end": sent_end,
        }

    def speaker_of(self, token: Token) -> Speaker | None:
        """The speaker a subject token names. None: it cannot be a speaker ("it", "we", "the
        document"); a Speaker with local_id None: a person the article does not let us identify."""
        mention = self.mention_at.get(token.i)
        if mention is not None:
            entity = self.entities[mention["local_id"]]
            if entity.get("type") in SPEAKER_TYPES:
                return Speaker(mention["local_id"], entity["name"], mention["text"])
            return None
        lower = token.lower_
        if token.pos_ == "PRON":
            if lower == "it" and token.dep_ == "nsubj" and token.head.lemma_.lower() in SPEECH_VERBS:
                organization = self._antecedent_organization(token)  # "The company will ..., it said."
                return Speaker(organization, self._name(organization), token.text) if organization is not None else None
            if lower not in PRONOUN_GENDER:
                return None  # I, we, they, it: not a person the article names
            local_id = self.coref.person_at(token)
            return Speaker(local_id, self._name(local_id), token.text)
        named = self._person_named_with(token)
        if named is not None:
            return named
        phrase = description_span(token) if token.pos_ in ("NOUN", "PROPN") else token.doc[token.i:token.i + 1]
        resolution = self.coref.resolution_at(token)
        if resolution is not None and resolution.kind in ("description", "name"):
            return Speaker(resolution.local_id, self._name(resolution.local_id), phrase.text)
        if token.lemma_.lower() in INSTITUTION_NOUNS or lower in INSTITUTION_NOUNS:
            for child in token.children:
                child_mention = self.mention_at.get(child.i)
                if child.dep_ in ("compound", "poss", "amod", "nmod") and child_mention is not None:
                    entity = self.entities[child_mention["local_id"]]
                    if entity.get("type") in ("ORG", "GPE", "NORP"):
                        return Speaker(child_mention["local_id"], entity["name"], phrase.text)
            demonym = next((c for c in token.children if c.dep_ == "amod" and c.ent_type_ == "NORP"), None)
            if demonym is not None:
                # "The French interior ministry said": France, when the article names it; else the
                # statement is kept with an unknown speaker.
                local_id = self._country_entity(demonym.text)
                return Speaker(local_id, self._name(local_id), phrase.text)
        organization = self.coref.organization_for(token)
        if organization is None:
            organization = self._organization_described(token)
        if organization is not None:
            return Speaker(organization, self._name(organization), phrase.text)
        if (lower in PERSON_NOUNS or token.lemma_.lower() in PERSON_NOUNS) and token.tag_ not in ("NNS", "NNPS"):
            return Speaker(None, None, phrase.text)
        return None

    def _organization_mention(self, token: Token, types: tuple[str, ...] = ("ORG", "GPE")) -> int | None:
        mention = self.mention_at.get(token.i)
        if mention is not None and self.entities[mention["local_id"]].get("type") in types:
            return mention["local_id"]
        return None

    def _organization_described(self, token: Token) -> int | None:
        """The organization a description stands for: its apposition or modifier naming it ("The
        U.N. refugee agency, UNHCR", "United Nations agencies"), the organization an unnamed
        spokesperson speaks for ("a spokesperson for the commission"), or, for "the company" /
        "world football's governing body", the organization the article was last talking about."""
        lemma = token.lemma_.lower()
        if lemma in SPOKESPEOPLE or token.lower_ in SPOKESPEOPLE:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "from"):
                    target = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if target is not None:
                        found = self._organization_mention(target)
                        if found is None and target.pos_ == "NOUN":
                            found = self.coref.organization_for(target) or self._organization_described(target)
                        return found
            return None
        if lemma not in ORGANIZATION_DESCRIPTIONS and token.lower_ not in ORGANIZATION_DESCRIPTIONS:
            return None
        for child in token.children:
            if child.dep_ in ("appos", "compound", "poss", "nmod"):
                found = self._organization_mention(child, ("ORG",) if child.dep_ == "appos" else ("ORG", "GPE"))
                if found is not None:
                    return found
        if token.tag_ in ("NNS", "NNPS") or not any(
            c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "another", "some", "any") for c in token.children
        ):
            return None  # "a company", "companies": not one the article named
        return self._antecedent_organization(token)

    def _antecedent_organization(self, token: Token) -> int | None:
        """The organization a "the company" or an "it said" refers to: the nearest organization
        before it that is the subject of its clause, else the nearest organization, within a few
        sentences ("Brightwater reported ... The company said")."""
        first_sentence = max(0, self.sentence_of[token.i] - ANTECEDENT_SENTENCES)
        start = self.sentences[first_sentence].start
        nearest: int | None = None
        for i in range(token.i - 1, start - 1, -1):
            mention = self.mention_at.get(i)
            if mention is None or i != mention["tok_start"]:
                continue
            local_id = mention["local_id"]
            if self.entities[local_id].get("type") != "ORG":
                continue
            root = self.doc[mention["tok_start"]:mention["tok_end"]].root
            if root.dep_ in ("nsubj", "nsubjpass"):
                return local_id
            nearest = local_id if nearest is None else nearest
        return nearest

    def _country_entity(self, demonym: str) -> int | None:
        country = country_of_demonym(demonym)
        if country is None:
            return None
        for entity in self.entities:
            if entity.get("type") == "GPE" and (found := country_of(entity["name"])) is not None and found.code == country.code:
                return entity["local_id"]
        return None

    def _person_named_with(self, head: Token) -> Speaker | None:
        """A name inside the subject's own phrase: "Premier ... Olaf Scholz", "the minister, Sergei Lavrov",
        "a spokeswoman for the Commission, Amina Diallo," (the parser may hang the name on the
        organization, the last noun before it)."""
        children = [c for c in head.children if c.dep_ in ("compound", "appos", "nmod", "flat")]
        if head.lemma_.lower() in PERSON_NOUNS or head.lower_ in PERSON_NOUNS:
            children += [t for t in head.subtree if t.dep_ == "appos" and t.head.i != head.i and t.i > head.i]
        for child in children:
            for token in child.subtree:
                mention = self.mention_at.get(token.i)
                if mention is not None and self.entities[mention["local_id"]].get("type") == "PERSON":
                    local_id = mention["local_id"]
                    return Speaker(local_id, self._name(local_id), mention["text"])
        return None

    def _name(self, local_id: int | None) -> str | None:
        if local_id is None or not (0 <= local_id < len(self.entities)):
            return None
        return self.entities[local_id]["name"]

    def subject_of(self, verb: Token) -> Token | None:
        for _ in range(4):
            # The parser sometimes splits one subject in two ("the chief judge | Maria Esposito
            # said"): the one nearest before the verb.
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            before = [c for c in subjects if c.i < verb.i]
            subject = (before[-1] if before else subjects[0]) if subjects else None
            if subject is not None:
                if subject.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                    return verb.head
                return subject
            if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
                return None
            if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
                verb = verb.head
                continue
            if verb.dep_ == "acl" and verb.head.i in self.mention_at and verb.i > 0 and verb.doc[verb.i - 1].text == ",":
                # "X, who travelled to India, called on ...", parsed as a clause modifying X
                return verb.head
            break
        # "..., said Olaf Scholz" parsed with the name as an object
        for child in verb.rights:
            if child.i in self.mention_at:
                return child
        return None

    # ---------------------------------------------------------------------------------------
    # Direct quotes in quotation marks

    def direct_quotes(self, marked: list[MarkedSpan], turns: list[Turn]) -> list[dict]:
        quotes: list[dict] = []
        previous: tuple[dict, Attribution, int] | None = None  # quote, attribution, its last sentence
        for span in marked:
            start, end = _trimmed(self.text, span.start, span.end)
            if end <= start:
                continue
            tokens = self.doc.char_span(start, end, alignment_mode="expand")
            if tokens is None or not len(tokens):
                continue
            attribution = self._attribute(tokens, span, previous)
            in_turn = any(t.body_start <= start < t.body_end for t in turns)
            if not self._is_quotation(span, tokens, start, end, attribution):
                continue
            if in_turn and attribution is None:
                continue  # the turn's passages already carry these words
            quote = self._record(
                "direct", start, end, attribution.cue if attribution else None,
                attribution.speaker if attribution else None,
            )
            quotes.append(quote)
            self._mark(self.in_speech, start, end)
            if attribution is not None:
                previous = (quote, attribution, self.sentence_of[tokens.end - 1])
        return quotes

    def _is_quotation(self, span: MarkedSpan, tokens: Span, start: int, end: int, attribution: Attribution | None) -> bool:
        words = _word_count(self.text[start:end])
        if words < MIN_QUOTE_WORDS or looks_like_title(self.text[start:end]):
            return False
        lead = self._word_before(span.start - 1 if span.opened else span.start)
        noun_phrase_use = lead in NOUN_PHRASE_LEADS
        if noun_phrase_use and (words < SCARE_QUOTE_MAX_WORDS or not self._reads_as_sentence(tokens)):
            return False
        if attribution is not None:
            return True
        if not span.opened or span.single:
            return False
        return words >= MIN_UNCUED_QUOTE_WORDS and self._reads_as_sentence(tokens)

    def _word_before(self, position: int) -> str:
        match = re.search(r"([^\W\d_][\w-]*)\W*$", self.text[max(0, position - 40):position])
        return match.group(1).lower() if match else ""

    @staticmethod
    def _reads_as_sentence(tokens: Span) -> bool:
        """A finite verb or an imperative at the start: a statement, not a name or a phrase."""
        for token in tokens:
            if token.tag_ in ("VBD", "VBZ", "VBP", "MD"):
                return True
        first = next((t for t in tokens if t.is_alpha), None)
        return first is not None and first.tag_ == "VB"

    def _attribute(self, tokens: Span, span: MarkedSpan, previous: tuple[dict, Attribution, int] | None) -> Attribution | None:
        first_sentence = self.sentence_of[tokens.start]
        last_sentence = self.sentence_of[tokens.end - 1]
        found = self._cue_near(tokens, range(first_sentence, last_sentence + 1))
        if found is not None:
            return found
        before = self._introducing_sentence(first_sentence, tokens)
        if before is not None:
            return before
        after = self._trailing_sentence(last_sentence, tokens, span)
        if after is not None:
            return after
        if previous is not None and self._stands_alone(tokens, first_sentence, last_sentence):
            quote, attribution, previous_last = previous
            same_run = first_sentence - previous_last <= 1 and (
                self._paragraph_index(quote["text_end"]) >= self._paragraph_index(tokens.start_char) - 1
            )
            if same_run and attribution.speaker is not None:
                return attribution
        return None

    def _stands_alone(self, tokens: Span, first_sentence: int, last_sentence: int) -> bool:
        """The quote is its sentence(s), with no other name around it: it can only continue the
        previous speaker's words ("“A,” X said. “B.”")."""
        outside = [
            t for number in range(first_sentence, last_sentence + 1) for t in self.sentences[number]
            if not (tokens.start <= t.i < tokens.end) and not (t.is_punct or t.is_space)
        ]
        return not outside

    def _cue_near(self, tokens: Span, sentence_numbers: range) -> Attribution | None:
        """The speech verb (or "according to") nearest the quote in its own sentence(s)."""
        best: tuple[int, Attribution] | None = None
        for number in sentence_numbers:
            for token in self.sentences[number]:
                if tokens.start <= token.i < tokens.end or self.in_marks[token.i]:
                    continue
                attribution = self._cue_at(token)
                if attribution is None:
                    continue
                distance = tokens.start - token.i if token.i < tokens.start else token.i - tokens.end
                if best is None or distance < best[0]:
                    best = (distance, attribution)
        return best[1] if best else None

    def _cue_at(self, token: Token) -> Attribution | None:
        if token.lower_ == "according" and token.i + 1 < len(self.doc) and self.doc[token.i + 1].lower_ == "to":
            to = self.doc[token.i + 1]
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if not objects:
                return None
            return Attribution(f"{token.text} {to.text}", self.speaker_of(objects[0]))
        lemma = token.lemma_.lower()
        calls = lemma == "call" and any(c.dep_ == "prep" and c.lower_ in CALL_PREPOSITIONS for c in token.children)
        if token.pos_ != "VERB" or (lemma not in SPEECH_VERBS and not calls):
            return None
        if lemma == "point" and not any(c.dep_ == "prt" for c in token.children):
            return None
        subject = self.subject_of(token)
        speaker = self.speaker_of(subject) if subject is not None else None
        return Attribution(self._call_cue(token) if calls else self._cue_text(token), speaker)

    def _cue_text(self, verb: Token) -> str:
        particles = [c for c in verb.children if c.dep_ == "prt" and c.i == verb.i + 1]
        return f"{verb.text} {particles[0].text}" if particles else verb.text

    def _introducing_sentence(self, number: int, tokens: Span) -> Attribution | None:
        """"Olaf Scholz said:" ending the sentence (or paragraph) right before the quote."""
        if number == 0:
            return None
        sentence = self.sentences[number - 1]
        last = next((t for t in reversed(sentence) if not t.is_space), None)
        if last is None or self._paragraph_index(sentence.start_char) < self._paragraph_index(tokens.start_char) - 1:
            return None
        if last.text != ":":
            return None
        verbs = [t for t in sentence if not self.in_marks[t.i]]
        for token in reversed(verbs):
            attribution = self._cue_at(token)
            if attribution is not None:
                return attribution
        # "Vladimir Putin: “...”" with no verb at all
        previous = self.doc[last.i - 1] if last.i > sentence.start else None
        if previous is not None and previous.i in self.mention_at:
            return Attribution(":", self.speaker_of(previous))
        return None

    def _trailing_sentence(self, number: int, tokens: Span, span: MarkedSpan) -> Attribution | None:
        """A short sentence right after the quote that only attributes it: "Smith said."."""
        if number + 1 >= len(self.sentences):
            return None
        sentence = self.sentences[number + 1]
        gap = self.text[tokens.end_char:sentence.start_char]
        if "\n" in gap or len(gap.strip(" ”\"’'»,.!?—–-")) > 0 or len(sentence) > MAX_NEXT_SENTENCE_TOKENS:
            return None
        for token in sentence:
            attribution = self._cue_at(token)
            if attribution is not None and not self._complement_of(token):
                return attribution
        return None

    # ---------------------------------------------------------------------------------------
    # Transcripts

    def transcript_turns(self) -> list[Turn]:
        labels: list[tuple[int, int, Turn | None]] = []  # paragraph start, body start, turn (None: ends a turn)
        first_question: int | None = None
        for p_start, p_end in self.paragraphs:
            paragraph = self.text[p_start:p_end]
            match = _POSSESSIVE_LABEL.match(paragraph) or _LABEL.match(paragraph)
            if match is None:
                continue
            label = match.group("label").strip()
            if not _label_words_ok(label):
                continue
            label_start = p_start + match.start("label")
            if name_key(label) in QUESTION_LABELS:
                first_question = p_start if first_question is None else first_question
                labels.append((p_start, p_start, None))  # the interviewer's question ends the answer before it
                continue
            if name_key(label) in ANSWER_LABELS:
                speaker = self._interviewee(p_start if first_question is None else first_question)
            else:
                speaker = self._label_speaker(label_start, label_start + len(label), label)
            body_start = p_start + match.end()
            while body_start < p_end and self.text[body_start].isspace():
                body_start += 1
            cue = paragraph[match.start("label"):match.end()].strip()
            turn = Turn(label, cue, speaker, body_start, p_end) if speaker else None
            labels.append((p_start, body_start, turn))
        turns: list[Turn] = []
        for index, (p_start, body_start, turn) in enumerate(labels):
            if turn is None:
                continue
            end = labels[index + 1][0] if index + 1 < len(labels) else len(self.text)
            end = self._separator_before(body_start, end)
            while end > body_start and self.text[end - 1].isspace():
                end -= 1
            turns.append(Turn(turn.label, turn.cue, turn.speaker, body_start, end))
        return turns

    def _interviewee(self, first_label: int) -> Speaker | None:
        """Who answers in a "Q: ... A: ..." interview: the one person the introduction names."""
        if self._interviewee_cache is not None:
            return self._interviewee_cache or None
        people = {
            m["local_id"] for m in self.doc._.ng_mentions or []
            if m["start"] < first_label and self.entities[m["local_id"]].get("type") == "PERSON"
        }
        found = Speaker(next(iter(people)), self._name(next(iter(people))), "A") if len(people) == 1 else None
        self._interviewee_cache = found or False
        return found

    def _separator_before(self, start: int, end: int) -> int:
        """A paragraph without words ("* * *") ends a turn."""
        for p_start, p_end in self.paragraphs[self._paragraph_index(start) + 1:]:
            if p_start >= end:
                break
            if _SEPARATOR.match(self.text[p_start:p_end]):
                return p_start
        return end

    def _label_speaker(self, start: int, end: int, label: str) -> Speaker | None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        people = [
            self.mention_at[i] for i in range(span.start, span.end)
            if i in self.mention_at and self.entities[self.mention_at[i]["local_id"]].get("type") == "PERSON"
        ]
        if people:
            local_id = people[-1]["local_id"]
            return Speaker(local_id, self._name(local_id), label)
        known = self._person_named_as_suffix(label)
        if known is None and len(label.split()) == 1 and label[:1].isupper():
            known = self._person_by_surname(label)  # "Wanjiru: ..." after "Grace Wanjiru"
        if known is not None:
            return Speaker(known, self._name(known), label)
        name = self._name_in_label(span, label)
        if not name:
            return None
        words = name.split()
        titled = " of " in f" {label} " or any(w.lower() in PERSON_NOUNS for w in label.split()[: -len(words)])
        name_span = self.doc.char_span(end - len(name), end, alignment_mode="expand")
        all_proper = name_span is not None and all(t.pos_ == "PROPN" for t in name_span if t.is_alpha)
        if not (2 <= len(words) <= 4 and (titled or all_proper)):
            return None
        local_id = self._person_by_surname(words[-1])
        return Speaker(local_id, self._name(local_id) if local_id is not None else name, label)

    def _person_named_as_suffix(self, label: str) -> int | None:
        label_key = name_key(label)
        for entity in self.entities:
            if entity.get("type") != "PERSON":
                continue
            for name in (entity["name"], *(entity.get("aliases") or [])):
                key = name_key(name)
                if key and len(key.split()) >= 2 and (label_key == key or label_key.endswith(" " + key)):
                    return entity["local_id"]
        return None

    def _person_by_surname(self, surname: str) -> int | None:
        matches = [
            e["local_id"] for e in self.entities
            if e.get("type") == "PERSON" and e["name"].split() and e["name"].split()[-1].lower() == surname.lower()
        ]
        return matches[0] if len(set(matches)) == 1 else None

    def _name_in_label(self, span: Span, label: str) -> str | None:
        """The person's name at the end of a label, after their title ("President of Kazakhstan")."""
        words = label.split()
        lowered = [w.lower() for w in words]
        if "of" in lowered:
            last_of = len(lowered) - 1 - lowered[::-1].index("of")
            rest = words[last_of + 1:]
            if rest and rest[0].lower() == "the":
                rest = rest[1:]
            if not rest:
                return None
            rest_start = span.start_char + label.rfind(" ".join(rest))
            for ent in span.ents:
                if ent.label_ != "PERSON" and ent.start_char <= rest_start < ent.end_char < span.end_char:
                    return self.text[ent.end_char:span.end_char].strip() or None
            if len(rest) >= 3:
                return " ".join(rest[-2:])
            return rest[-1] if len(rest) == 2 else None
        last_role = max((i for i, w in enumerate(lowered) if w in PERSON_NOUNS), default=None)
        name_words = words[last_role + 1:] if last_role is not None else words
        return " ".join(name_words) or None

    def transcript_passages(self, turns: list[Turn]) -> list[dict]:
        passages: list[dict] = []
        for turn in turns:
            for p_start, p_end in self.paragraphs[self._paragraph_index(turn.body_start):]:
                if p_start >= turn.body_end:
                    break
                start, end = max(p_start, turn.body_start), min(p_end, turn.body_end)
                for chunk_start, chunk_end in self._passages_of(start, end):
                    text = self.text[chunk_start:chunk_end]
                    if _is_salutation(text):
                        continue
                    passages.append(self._record("direct", chunk_start, chunk_end, turn.cue, turn.speaker))
        return passages

    def _passages_of(self, start: int, end: int) -> list[tuple[int, int]]:
        """A paragraph, or groups of its sentences when it is long."""
        if end <= start:
            return []
        if _word_count(self.text[start:end]) <= PASSAGE_MAX_WORDS:
            return [(start, end)]
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return [(start, end)]
        chunks: list[tuple[int, int]] = []
        chunk_start: int | None = None
        chunk_words = 0
        for sentence in span.sents:
            s_start, s_end = max(sentence.start_char, start), min(sentence.end_char, end)
            words = _word_count(self.text[s_start:s_end])
            if chunk_start is not None and chunk_words + words > PASSAGE_MAX_WORDS:
                chunks.append((chunk_start, chunk_end))
                chunk_start, chunk_words = None, 0
            if chunk_start is None:
                chunk_start = s_start
            chunk_end = s_end
            chunk_words += words
        if chunk_start is not None:
            chunks.append((chunk_start, chunk_end))
        return [_trimmed_passage(self.text, s, e) for s, e in chunks]

    # ---------------------------------------------------------------------------------------
    # Reported statements

    def reported_statements(self) -> list[dict]:
        statements: list[dict] = []
        seen: set[tuple[int, int]] = set()
        for token in self.doc:
            if self.in_speech[token.i]:
                continue
            found: tuple[int, int, str, Speaker] | None = None
            if token.lower_ == "according":
                found = self._according_to(token)
            elif token.lower_ in OPINION_NOUNS and token.dep_ == "pobj" and token.head.lower_ == "in":
                found = self._in_opinion(token)
            elif token.pos_ == "VERB" and token.lemma_.lower() in _STATEMENT_VERBS:
                found = self._verb_statement(token)
            if found is None:
                continue
            start, end, cue, speaker = found
            if (start, end) in seen or _word_count(self.text[start:end]) < MIN_STATEMENT_WORDS:
                continue
            content = self.doc.char_span(start, end, alignment_mode="expand")
            if content is None or self._mostly_direct_speech(content.start, content.end):
                continue  # a direct quote already holds these words
            seen.add((start, end))
            statements.append(self._record("reported", start, end, cue, speaker))
        return statements

    def _mostly_direct_speech(self, start: int, end: int) -> bool:
        """All but a word of the statement is inside accepted direct speech. A statement that quotes
        a few words ("said diplomacy remained “the preferred option”") is still reported."""
        words = [i for i in range(start, end) if not (self.doc[i].is_punct or self.doc[i].is_space)]
        outside = sum(1 for i in words if not self.in_speech[i])
        return bool(words) and outside < len(words) and outside < 2

    def _according_to(self, token: Token) -> tuple[int, int, str, Speaker] | None:
        if token.i + 1 >= len(self.doc) or self.doc[token.i + 1].lower_ != "to":
            return None
        to = self.doc[token.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"]
        if not objects:
            return None
        speaker = self.speaker_of(objects[0])
        if speaker is None:
            return None
        phrase_end = max(to.right_edge.i, objects[0].right_edge.i) + 1
        content = self._content_around(token.i, phrase_end)
        if content is None:
            return None
        return (*content, f"{token.text} {to.text}", speaker)

    def _in_opinion(self, noun: Token) -> tuple[int, int, str, Speaker] | None:
        preposition = noun.head
        holder = next((c for c in noun.children if c.dep_ == "poss"), None)
        if holder is None:
            of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            holder = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if holder is None:
            return None
        speaker = self.speaker_of(holder)
        if speaker is None:
            return None
        phrase_end = noun.right_edge.i + 1
        content = self._content_around(preposition.i, phrase_end)
        if content is None:
            return None
        return (*content, self.doc[preposition.i:phrase_end].text, speaker)

    def _content_around(self, phrase_start: int, phrase_end: int) -> tuple[int, int] | None:
        """The clause a sentence adverbial ("according to X", "in his opinion") applies to: the
        rest of the sentence after it, or before it when it comes last."""
        sentence = self.sentences[self.sentence_of[phrase_start]]
        after = [t for t in self.doc[phrase_end:sentence.end] if not (t.is_punct or t.is_space)]
        before = [t for t in self.doc[sentence.start:phrase_start] if not (t.is_punct or t.is_space)]
        if len(after) >= len(before) or not before:
            tokens = self.doc[phrase_end:sentence.end]
        else:
            tokens = self.doc[sentence.start:phrase_start]
        return self._clean_content(tokens)

    def _verb_statement(self, verb: Token) -> tuple[int, int, str, Speaker] | None:
        lemma = verb.lemma_.lower()
        if lemma == "point" and not any(c.dep_ == "prt" for c in verb.children):
            return None
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
            return None
        subject = self.subject_of(verb)
        if subject is None:
            return None
        speaker = self.speaker_of(subject)
        if speaker is None:
            return None
        complement = self._complement_of(verb)
        if complement:
            start = min(c.left_edge.i for c in complement)
            end = max(c.right_edge.i for c in complement) + 1
            if start < verb.i < end:
                return None
            content = self.doc[start:end]
        else:
            content = self._clause_before(verb, subject)
            if content is None:
                return None
        cleaned = self._clean_content(content, preposition=lemma == "call")
        if cleaned is None:
            return None
        return (*cleaned, self._call_cue(verb) if lemma == "call" else self._cue_text(verb), speaker)

    def _complement_of(self, verb: Token) -> list[Token]:
        lemma = verb.lemma_.lower()
        chosen: list[Token] = []
        for child in verb.children:
            if child.dep_ == "ccomp" and lemma in CLAUSE_VERBS:
                chosen.append(child)
            elif child.dep_ == "xcomp" and lemma in INTENT_VERBS:
                chosen.append(child)
            elif child.dep_ == "dobj" and lemma in OBJECT_VERBS:
                chosen.append(child)
            elif child.dep_ == "dobj" and lemma == "urge" and any(c.dep_ == "xcomp" for c in verb.children):
                chosen.append(child)
            elif child.dep_ == "prep" and lemma == "call" and child.lower_ in CALL_PREPOSITIONS:
                chosen.append(child)
        if not chosen and lemma in CLAUSE_VERBS:
            clause = self._misattached_that_clause(verb)
            if clause is not None:
                chosen.append(clause)
        if chosen and lemma in INTENT_VERBS:
            # "called on the parties to be guided by openness, continuously improve ..., increase ...":
            # the parser hangs the later infinitives on the verb itself.
            last = max(c.right_edge.i for c in chosen)
            for child in verb.rights:
                if child.i > last and child.dep_ in ("dep", "conj") and child.tag_ == "VB" and not any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in child.children
                ) and child.lemma_.lower() not in SPEECH_VERBS:
                    chosen.append(child)
                    last = child.right_edge.i
        return chosen

    def _misattached_that_clause(self, verb: Token) -> Token | None:
        """ "told reporters after the meeting of the committee that the kingdom was prepared": the
        parser may hang the "that" clause on the last noun as a relative clause. A clause opened by
        the conjunction "that" (not the relative pronoun) to the right of a speech verb is its content."""
        sentence = self.sentences[self.sentence_of[verb.i]]
        for token in self.doc[verb.i + 1:sentence.end]:
            if token.dep_ in ("relcl", "acl", "advcl") and token.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "mark" and c.lower_ == "that" and c.i < token.i for c in token.children
            ) and verb.i in {a.i for a in token.ancestors}:
                return token
        return None

    def _clause_before(self, verb: Token, subject: Token) -> Span | None:
        """"..., Anna Berg believes." / "..., the ministry said.": the clause before the subject,
        when the verb and its subject close the sentence."""
        sentence = self.sentences[self.sentence_of[verb.i]]
        # What may follow the verb: where, when or to whom it was said ("in a statement", "on
        # Monday", "told reporters"), not an object or a clause of its own.
        allowed: set[int] = set()
        for child in verb.rights:
            if child.dep_ in ("prep", "npadvmod", "advmod", "dative", "agent") or (child.dep_ == "dobj" and verb.lemma_ == "tell"):
                allowed.update(t.i for t in child.subtree)
            elif child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TIME_MARKERS for c in child.children):
                allowed.update(t.i for t in child.subtree)  # "..., the judge said as she read the ruling."
        if any(not (t.is_punct or t.is_space) and t.i not in allowed for t in self.doc[verb.i + 1:sentence.end]):
            return None
        subject_start = subject.left_edge.i
        if subject_start <= sentence.start or self.doc[subject_start - 1].text != ",":
            return None
        return self.doc[sentence.start:subject_start - 1]

    def _call_cue(self, verb: Token) -> str:
        preposition = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in CALL_PREPOSITIONS), None)
        return f"{verb.text} {preposition.text}" if preposition is not None else verb.text

    def _complementizer(self, token: Token) -> bool:
        """A leading "that" which only opens the reported clause. The parser sometimes takes it for
        a determiner ("told reporters that mpox no longer ..."); it is kept only as a pronoun
        ("said that was a mistake") or before a noun the article already named ("said that plan
        would fail")."""
        if token.lower_ != "that":
            return False
        if token.dep_ == "mark":
            return True
        if token.dep_ in ("dobj", "attr"):
            # an object never precedes its clause's subject: "that cholera no longer spreads"
            return any(c.dep_ in ("nsubj", "nsubjpass") and c.i > token.i for c in token.head.children)
        if token.dep_ in ("nsubj", "nsubjpass"):
            return False
        if token.dep_ == "det" and token.head.tag_ == "NN":
            return self._noun_first_seen.get(token.head.lemma_.lower(), token.i) >= token.i
        return True

    @functools.cached_property
    def _noun_first_seen(self) -> dict[str, int]:
        """Where each common noun's lemma first occurs (one pass, only when a "that" needs it)."""
        seen: dict[str, int] = {}
        for token in self.doc:
            if token.pos_ == "NOUN":
                seen.setdefault(token.lemma_.lower(), token.i)
        return seen

    def _clean_content(self, tokens: Span, *, preposition: bool = False) -> tuple[int, int] | None:
        """Character span of a statement without a leading "that", comma or call preposition and
        without the closing punctuation."""
        items = list(tokens)
        while items and (items[0].is_punct or items[0].is_space or self._complementizer(items[0])
                         or preposition and items[0].lower_ in CALL_PREPOSITIONS):
            items.pop(0)
        while items and (items[-1].is_space or items[-1].is_punct and items[-1].text not in ")”’\"»"):
            items.pop()
        if not items:
            return None
        start, end = items[0].idx, items[-1].idx + len(items[-1].text)
        dateline = self.doc._.ng_dateline
        if dateline and start < dateline["end"]:
            start = dateline["end"]  # "ASTANA, June 5 (Reuters) - Kazakhstan will ..." said X
        return (start, end) if end > start else None


def _label_words_ok(label: str) -> bool:
    words = label.split()
    if not 1 <= len(words) <= MAX_LABEL_WORDS:
        return False
    for word in words:
        if word.lower() in _LABEL_CONNECTORS:
            continue
        if not word[:1].isupper():
            return False
    return not words[-1].lower() in _LABEL_CONNECTORS


def _is_salutation(text: str) -> bool:
    """"Colleagues, friends," / "Good afternoon." / "To be continued." / "[Applause]"."""
    stripped = text.strip()
    if stripped.endswith((",", ":")) or _word_count(stripped) < MIN_PASSAGE_WORDS:
        return True
    return stripped.startswith(("[", "<", "(")) and stripped.endswith(("]", ">", ")"))


def _trimmed_passage(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
