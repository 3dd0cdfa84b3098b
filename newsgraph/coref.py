"""Who "he", "the diplomat" and "the Chinese minister" are: rule-based reference resolution.

No coreference model runs here (coreferee and fastcoref need downloads this project cannot make),
so a few rules over the parse do the work, in one left-to-right pass per document:

- a person's *attributes* are the words of their titles and roles ("Chinese Foreign Minister",
  role "Secretary General" of "SCO", an apposition "the Foreign Ministry spokeswoman") and their
  *gender* comes from a title (Mr, Ms, Mrs), a gendered noun ("spokeswoman") or an earlier pronoun
  that was resolved to them;
- a pronoun (he, she, him, his, her) goes to the nearest preceding person of compatible gender; a
  subject or possessive pronoun prefers the subject of the nearest sentence, an object pronoun never
  takes the subject of its own clause ("Jean Martin congratulated him");
- a definite description ("the Premier", "the head of the Chinese Foreign Ministry", "the Russian
  spokeswoman") goes to the preceding person whose attributes match its words, with a place or an
  organization named in it never contradicting theirs; a generic person noun ("the diplomat", "the
  official") with nothing to match goes to the nearest preceding person;
- every resolved reference counts as a mention for the ones after it.

What cannot be resolved stays None: a speaker is never guessed.

The input is the entities component's plain data (``doc._.ng_entities``, ``doc._.ng_mentions``);
roles there are ``{"role", "org_local", "org_name"}``. Titles are also read from the text around the
mentions (``title_words``), so resolution works whether or not roles were filled in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

PRONOUN_GENDER = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}
TITLE_GENDER = {
    "mr": "m", "mr.": "m", "mister": "m", "sir": "m", "lord": "m",
    "ms": "f", "ms.": "f", "mrs": "f", "mrs.": "f", "miss": "f", "madam": "f", "madame": "f", "dame": "f",
}
GENDERED_NOUNS = {
    "spokeswoman": "f", "chairwoman": "f", "congresswoman": "f", "businesswoman": "f", "stateswoman": "f",
    "woman": "f", "queen": "f", "princess": "f", "empress": "f", "duchess": "f",
    "spokesman": "m", "chairman": "m", "congressman": "m", "businessman": "m", "statesman": "m",
    "man": "m", "king": "m", "prince": "m", "emperor": "m", "duke": "m",
}
# Nouns that name a person by office or occupation; a definite noun phrase headed by one is a
# description of a person ("the Premier", "the SCO Secretary General", "the diplomat").
PERSON_NOUNS = frozenset(
    {
        "president", "premier", "minister", "chancellor", "secretary", "general", "spokesman",
        "spokeswoman", "spokesperson", "ambassador", "envoy", "chairman", "chairwoman", "chairperson",
        "director", "governor", "mayor", "senator", "commissioner", "king", "queen", "emir", "sultan",
        "prince", "princess", "monarch", "leader", "head", "chief", "deputy", "representative",
        "diplomat", "official", "politician", "counterpart", "negotiator", "adviser", "advisor", "aide",
        "expert", "analyst", "economist", "professor", "commander", "prosecutor", "judge", "officer",
        "lawmaker", "statesman", "stateswoman", "man", "woman", "ruler", "premier",
    }
)
# Person nouns that say nothing about which office: with no other word to match they refer to the
# nearest preceding person ("the diplomat stressed ...").
GENERIC_PERSON_NOUNS = frozenset(
    {
        "diplomat", "official", "politician", "leader", "statesman", "stateswoman", "negotiator",
        "man", "woman", "spokesman", "spokeswoman", "spokesperson", "head", "chief", "counterpart",
    }
)
_DEFINITE = frozenset({"the", "this", "that"})
# Verbs whose reported clause speaks for their subject: "X said she would ..." is X.
REPORTING_VERBS = frozenset(
    {"say", "tell", "state", "add", "announce", "insist", "argue", "claim", "warn", "explain", "note",
     "stress", "declare", "confirm", "deny", "admit", "write", "believe", "think", "hope", "promise"}
)
_CONNECTORS = frozenset({"of", "the", "and", "for", "'s", "’s", "-", "de", "la", "du", "von", "van"})
_IGNORED_WORDS = frozenset({"the", "of", "and", "for", "a", "an", "'s", "’s", "-", "this", "that"})

MAX_PRONOUN_SENTENCES_BACK = 4
MAX_GENERIC_SENTENCES_BACK = 4
# How many sentences further back a person of known, matching gender may be and still beat a
# person of unknown gender: a title or an earlier "she" is strong evidence.
KNOWN_GENDER_BONUS = 1.5


@dataclass
class Person:
    local_id: int
    gender: str | None = None
    attributes: set[str] = field(default_factory=set)  # lower-case words of titles and roles
    entity_words: set[str] = field(default_factory=set)  # the subset that names a place or organization


@dataclass(frozen=True)
class Resolution:
    """A referring expression and the article-local person it refers to (None: unresolved)."""

    token: int  # the head token of the expression
    start: int  # token span of the expression
    end: int
    kind: str  # "name", "pronoun" or "description"
    local_id: int | None


@dataclass(frozen=True)
class _Entry:
    token: int
    sentence: int
    local_id: int
    is_subject: bool


class Coreference:
    """References to people in one document, resolved once in document order."""

    def __init__(
        self,
        doc: Doc,
        *,
        sentence_of: list[int] | None = None,
    ) -> None:
        self.doc = doc
        self.entities: list[dict] = list(doc._.ng_entities or [])
        self.mentions: list[dict] = list(doc._.ng_mentions or [])
        self._sentence_of = sentence_of if sentence_of is not None else sentence_index(doc)[1]
        self._mention_at: dict[int, dict] = {}
        for mention in self.mentions:
            for i in range(mention["tok_start"], mention["tok_end"]):
                self._mention_at[i] = mention
        self.people: dict[int, Person] = {
            e["local_id"]: Person(e["local_id"]) for e in self.entities if e.get("type") == "PERSON"
        }
        self._collect_attributes()
        self._history: list[_Entry] = []
        self.resolutions: dict[int, Resolution] = {}
        self._run()

    # ---------------------------------------------------------------------------------------
    # Public lookups

    def person_at(self, token: Token) -> int | None:
        """The person a token refers to: by being inside a name, or as a resolved pronoun/description."""
        mention = self._mention_at.get(token.i)
        if mention is not None and mention["local_id"] in self.people:
            return mention["local_id"]
        resolution = self.resolutions.get(token.i)
        return resolution.local_id if resolution else None

    def resolution_at(self, token: Token) -> Resolution | None:
        return self.resolutions.get(token.i)

    def organization_for(self, token: Token, *, types: Iterable[str] = ("ORG",)) -> int | None:
        """A definite institution noun ("the ministry", "the Secretariat") to the nearest preceding
        organization whose name ends in a word of the same stem, its modifiers not contradicting."""
        if token.pos_ not in ("NOUN", "PROPN") or token.tag_ in ("NNS", "NNPS") or not _is_definite(token):
            return None
        words = [w for w in _words(_modifiers_and_head(token)) if w != token.lower_]
        wanted = set(types)
        for mention in reversed(self.mentions):
            if mention["tok_start"] >= token.i:
                continue
            entity = self.entities[mention["local_id"]]
            if entity.get("type") not in wanted:
                continue
            names = [entity["name"], *(entity.get("aliases") or [])]
            name_words = {w.lower() for name in names for w in name.replace("’", "'").split()}
            last_words = {name.split()[-1].lower() for name in names if name.split()}
            if any(_same_stem(token.lower_, w) for w in last_words) and all(
                any(_same_stem(w, n) for n in name_words) for w in words
            ):
                return mention["local_id"]
        return None

    # ---------------------------------------------------------------------------------------
    # Attributes and gender

    def _collect_attributes(self) -> None:
        for entity in self.entities:
            person = self.people.get(entity["local_id"])
            if person is None:
                continue
            for role in entity.get("roles") or []:
                self._add_role(person, role)
            for alias in entity.get("aliases") or []:
                first = alias.split()[0].lower() if alias.split() else ""
                if first in TITLE_GENDER:
                    person.gender = person.gender or TITLE_GENDER[first]
        for mention in self.mentions:
            person = self.people.get(mention["local_id"])
            if person is None:
                continue
            span = self.doc[mention["tok_start"]:mention["tok_end"]]
            title = title_words(span)
            self._add_tokens(person, title)
            self._add_tokens(person, apposition_words(span))
            gender = title_gender(span)
            if gender and person.gender is None:
                person.gender = gender

    def _add_role(self, person: Person, role: dict) -> None:
        for word in str(role.get("role") or "").replace("-", " ").split():
            self._add_word(person, word)
        org_names: list[str] = []
        if role.get("org_name"):
            org_names.append(str(role["org_name"]))
        org_local = role.get("org_local")
        if isinstance(org_local, int) and 0 <= org_local < len(self.entities):
            org = self.entities[org_local]
            org_names.extend([org["name"], *(org.get("aliases") or [])])
        for name in org_names:
            for word in name.replace("’", "'").split():
                word = word.strip("()'.,").removesuffix("'s")
                if word and word.lower() not in _IGNORED_WORDS:
                    person.attributes.add(word.lower())
                    person.entity_words.add(word.lower())

    def _add_tokens(self, person: Person, tokens: Iterable[Token]) -> None:
        for token in tokens:
            if token.lower_ in _IGNORED_WORDS or not token.text[:1].isalpha():
                continue
            self._add_word(person, token.text)
            if token.ent_type_:
                person.entity_words.add(token.lower_)

    def _add_word(self, person: Person, word: str) -> None:
        lower = word.lower().strip(".,")
        if not lower or lower in _IGNORED_WORDS:
            return
        person.attributes.add(lower)
        if lower in GENDERED_NOUNS and person.gender is None:
            person.gender = GENDERED_NOUNS[lower]

    # ---------------------------------------------------------------------------------------
    # The pass

    def _run(self) -> None:
        doc = self.doc
        mention_starts = {m["tok_start"]: m for m in self.mentions if m["local_id"] in self.people}
        for token in doc:
            mention = mention_starts.get(token.i)
            if mention is not None:
                root = _root_of(doc[mention["tok_start"]:mention["tok_end"]])
                self._remember(root, mention["local_id"])
                continue
            if token.i in self._mention_at:
                continue
            lower = token.lower_
            if lower in PRONOUN_GENDER and token.pos_ == "PRON":
                self._record(token, token.i, token.i + 1, "pronoun", self._resolve_pronoun(token))
            elif lower in TITLE_GENDER and token.i + 1 < len(doc):
                self._titled_surname(token)
            elif self._is_description_head(token):
                span = description_span(token)
                named = self._named_in_apposition(token)
                local_id = named if named is not None else self._resolve_description(token, span)
                self._record(token, span.start, span.end, "description", local_id)

    def _record(self, token: Token, start: int, end: int, kind: str, local_id: int | None) -> None:
        self.resolutions[token.i] = Resolution(token=token.i, start=start, end=end, kind=kind, local_id=local_id)
        if local_id is None:
            return
        person = self.people[local_id]
        if kind == "pronoun" and person.gender is None:
            person.gender = PRONOUN_GENDER[token.lower_]
        if kind == "description":
            self._add_tokens(person, (t for t in self.doc[start:end] if t.pos_ in ("NOUN", "PROPN", "ADJ")))
        self._remember(token, local_id)

    def _remember(self, token: Token, local_id: int) -> None:
        self._history.append(_Entry(token.i, self._sentence_of[token.i], local_id, _is_subject(token)))

    def _titled_surname(self, title: Token) -> None:
        """"Ms Berg" where the model tagged no name: the person whose name holds that word."""
        following = self.doc[title.i + 1]
        if following.text == "." and title.i + 2 < len(self.doc):
            following = self.doc[title.i + 2]
        if following.i in self._mention_at or not following.text[:1].isupper():
            return
        matches = [
            p for p in self.people
            if following.lower_ in {w.lower() for w in self.entities[p]["name"].split()}
        ]
        if len(matches) != 1:
            return
        person = self.people[matches[0]]
        if person.gender is None:
            person.gender = TITLE_GENDER[title.lower_]
        self.resolutions[following.i] = Resolution(following.i, title.i, following.i + 1, "name", matches[0])
        self._remember(following, matches[0])

    # ---------------------------------------------------------------------------------------
    # Pronouns

    def _resolve_pronoun(self, pronoun: Token) -> int | None:
        gender = PRONOUN_GENDER[pronoun.lower_]
        sentence = self._sentence_of[pronoun.i]
        is_object = pronoun.dep_ in ("dobj", "pobj", "dative", "iobj") or (
            pronoun.lower_ in ("him", "her") and pronoun.dep_ != "poss"
        )
        blocked = self._clause_subjects(pronoun) if is_object else set()
        reporter = None if is_object else self._reporting_subject(pronoun, gender)
        if reporter is not None:
            return reporter  # "Brandt told reporters that she was optimistic": she is Brandt
        best: tuple | None = None
        best_id: int | None = None
        for entry in reversed(self._history):
            distance = sentence - entry.sentence
            if distance > MAX_PRONOUN_SENTENCES_BACK:
                break
            person = self.people[entry.local_id]
            if person.gender is not None and person.gender != gender:
                continue
            if entry.local_id in blocked:
                continue
            adjusted = distance - (KNOWN_GENDER_BONUS if person.gender == gender else 0.0)
            prefers_subject = not is_object and not entry.is_subject
            key = (adjusted, prefers_subject, -entry.token)
            if best is None or key < best:
                best, best_id = key, entry.local_id
        return best_id

    def _reporting_subject(self, pronoun: Token, gender: str) -> int | None:
        """The person who speaks in "X said (that) he/she ...": the subject of the speech verb
        whose reported clause the pronoun is the subject of, when the gender fits."""
        if pronoun.dep_ not in ("nsubj", "nsubjpass") or pronoun.lower_ not in ("he", "she"):
            return None
        clause = pronoun.head
        if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in REPORTING_VERBS:
            return None
        for child in clause.head.children:
            if child.dep_ == "nsubj" and child.i < pronoun.i:
                local_id = self.person_at(child)
                person = self.people.get(local_id) if local_id is not None else None
                if person is not None and person.gender in (None, gender):
                    return local_id
        return None

    def _clause_subjects(self, pronoun: Token) -> set[int]:
        """People in subject position of the clause that governs an object pronoun."""
        verb = pronoun.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        ids: set[int] = set()
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                for token in child.subtree:
                    local_id = self.person_at(token)
                    if local_id is not None:
                        ids.add(local_id)
        return ids

    # ---------------------------------------------------------------------------------------
    # Descriptions

    def _is_description_head(self, token: Token) -> bool:
        if token.pos_ not in ("NOUN", "PROPN") or token.tag_ in ("NNS", "NNPS"):
            return False
        if token.dep_ in ("compound", "amod", "appos"):
            return False
        role_words = [token, *(c for c in token.children if c.dep_ == "compound")]
        if not any(t.lemma_.lower() in PERSON_NOUNS or t.lower_ in PERSON_NOUNS for t in role_words):
            return False
        return _is_definite(token)

    def _named_in_apposition(self, head: Token) -> int | None:
        """"the minister, Sergei Lavrov," or "the head of the Commission, Mikhail Myasnikovich,"
        names the person outright (the parser may hang the name on the last noun)."""
        for token in description_span(head):
            for child in token.children:
                if child.dep_ != "appos":
                    continue
                for inner in child.subtree:
                    mention = self._mention_at.get(inner.i)
                    if mention is not None and mention["local_id"] in self.people:
                        return mention["local_id"]
        return None

    def _resolve_description(self, head: Token, span: Span) -> int | None:
        words = [t for t in span if t.pos_ in ("NOUN", "PROPN", "ADJ") and t.lower_ not in _IGNORED_WORDS]
        words = [t for t in words if t.pos_ != "ADJ" or t.text[:1].isupper() or t.ent_type_]
        head_word = head.lower_
        gender = next((GENDERED_NOUNS[t.lower_] for t in words if t.lower_ in GENDERED_NOUNS), None)
        generic = head_word in GENERIC_PERSON_NOUNS
        latest: dict[int, _Entry] = {}
        for entry in self._history:
            latest[entry.local_id] = entry
        best: tuple | None = None
        best_id: int | None = None
        for local_id, entry in latest.items():
            person = self.people[local_id]
            if gender and person.gender and person.gender != gender:
                continue
            matched = [t for t in words if any(_same_stem(t.lower_, a) for a in person.attributes)]
            if not generic and not any(_same_stem(head_word, a) for a in person.attributes):
                continue
            if self._contradicts(words, matched, person):
                continue
            if not matched:
                continue
            key = (-len(matched), -entry.token)
            if best is None or key < best:
                best, best_id = key, local_id
        if best_id is not None:
            return best_id
        specific = [t for t in words if t.i != head.i and (t.ent_type_ or t.text[:1].isupper())]
        if generic and not specific:
            return self._nearest_person(head, gender=gender, max_back=MAX_GENERIC_SENTENCES_BACK)
        return None

    @staticmethod
    def _contradicts(words: list[Token], matched: list[Token], person: Person) -> bool:
        """A place or organization named in the description that the person's titles do not share,
        while their titles do name some place or organization ("the Russian minister" is not the
        Chinese Foreign Minister)."""
        if not person.entity_words:
            return False
        matched_ids = {t.i for t in matched}
        return any(t.ent_type_ and t.i not in matched_ids for t in words)

    def _nearest_person(self, token: Token, *, gender: str | None, max_back: int) -> int | None:
        sentence = self._sentence_of[token.i]
        best: tuple | None = None
        best_id: int | None = None
        for entry in reversed(self._history):
            distance = sentence - entry.sentence
            if distance > max_back:
                break
            person = self.people[entry.local_id]
            if gender and person.gender and person.gender != gender:
                continue
            key = (distance, not entry.is_subject, -entry.token)
            if best is None or key < best:
                best, best_id = key, entry.local_id
        return best_id


# -------------------------------------------------------------------------------------------
# Noun phrases, titles and appositions


def description_span(head: Token) -> Span:
    """The description's own words: determiner and modifiers, the head, and "of ..." phrases."""
    start = head.i
    for child in head.lefts:
        start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            end = max(end, child.right_edge.i + 1)
        elif child.dep_ in ("compound", "amod", "nmod", "flat"):
            end = max(end, child.right_edge.i + 1)
        else:
            break
    # An apposition or a clause the parser hung on the last noun is not part of the description.
    comma = next((t.i for t in head.doc[head.i + 1:end] if t.text in (",", "(", ";", "—", "–")), None)
    if comma is not None:
        end = comma
    return head.doc[start:end]


def _modifiers_and_head(token: Token) -> list[Token]:
    return [t for t in description_span(token) if t.pos_ in ("NOUN", "PROPN", "ADJ")]


def _is_definite(token: Token) -> bool:
    for child in token.children:
        if child.dep_ == "det" and child.lower_ in _DEFINITE:
            return True
        if child.dep_ == "poss" and child.pos_ == "PROPN":
            return True
    return False


def title_words(span: Span) -> list[Token]:
    """The title written right before a name: "Chinese Foreign Minister" Jean Martin, "Premier of the
    Federal Republic of Germany" Olaf Scholz, "Foreign Ministry spokeswoman"
    Maria Zakharova. Capitalized words and connectors, plus lower-case person nouns, in the same
    sentence."""
    doc = span.doc
    sentence_start = doc[span.start].sent.start
    words: list[Token] = []
    i = span.start - 1
    while i >= sentence_start and len(words) < 16:
        token = doc[i]
        capitalized = token.text[:1].isupper() and token.pos_ in ("PROPN", "NOUN", "ADJ")
        if capitalized or token.lower_ in _CONNECTORS or token.lower_ in PERSON_NOUNS:
            words.append(token)
            i -= 1
            continue
        break
    words.reverse()
    while words and (words[0].lower_ in _CONNECTORS or words[0].lower_ in TITLE_GENDER):
        words.pop(0)
    return [t for t in words if t.lower_ not in TITLE_GENDER]


def apposition_words(span: Span) -> list[Token]:
    """A person noun phrase set off next to a name: "Maria Zakharova, the Foreign Ministry
    spokeswoman," or "the minister, Sergei Lavrov,"."""
    root = _root_of(span)
    words: list[Token] = []
    for child in root.children:
        if child.dep_ == "appos" and _has_person_noun(child):
            words.extend(t for t in child.subtree if not (span.start <= t.i < span.end))
    if root.dep_ == "appos":
        # "the head of the Commission, Mikhail Myasnikovich": the parser may hang the name on the
        # last noun of the description; climb back to the person noun.
        holder = root.head
        for _ in range(4):
            if _is_person_noun(holder) or holder.dep_ not in ("pobj", "prep") or holder.head.i == holder.i:
                break
            holder = holder.head
        if _is_person_noun(holder):
            words.extend(t for t in description_span(holder) if not (span.start <= t.i < span.end))
    return words


def title_gender(span: Span) -> str | None:
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].text == "." and i - 1 >= 0:
        i -= 1
    if i >= 0:
        gender = TITLE_GENDER.get(doc[i].lower_)
        if gender:
            return gender
    first = doc[span.start].lower_
    return TITLE_GENDER.get(first)


def _is_person_noun(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and (token.lemma_.lower() in PERSON_NOUNS or token.lower_ in PERSON_NOUNS)


def _has_person_noun(token: Token) -> bool:
    return any(t.lemma_.lower() in PERSON_NOUNS or t.lower_ in PERSON_NOUNS for t in description_span(token))


def _root_of(span: Span) -> Token:
    for token in span:
        if not (span.start <= token.head.i < span.end) or token.head.i == token.i:
            return token
    return span[-1]


def _is_subject(token: Token) -> bool:
    """In subject position, through the name's own compounds and appositions; the object of
    "according to" counts, as it names whose statement the sentence is."""
    current = token
    for _ in range(6):
        if current.dep_ in ("nsubj", "nsubjpass"):
            return True
        if current.dep_ == "pobj" and current.head.lower_ == "to" and current.head.head.lower_ == "according":
            return True
        if current.dep_ in ("compound", "flat", "appos", "nmod", "poss") and current.head.i != current.i:
            current = current.head
            continue
        return False
    return False


def sentence_index(doc: Doc) -> tuple[list[Span], list[int]]:
    """The sentences of a document and, for each token, the number of its sentence."""
    sentences = list(doc.sents)
    index: list[int] = []
    for number, sentence in enumerate(sentences):
        index.extend([number] * (sentence.end - sentence.start))
    return sentences, index


def _words(tokens: Iterable[Token]) -> list[str]:
    return [t.lower_ for t in tokens if t.lower_ not in _IGNORED_WORDS and t.text[:1].isalpha()]


def _same_stem(a: str, b: str) -> bool:
    """Words of one stem: "Chinese"/"China", "Ministry"/"Minister", "Russian"/"Russia"."""
    if a == b:
        return True
    shortest = min(len(a), len(b))
    if shortest < 4:
        return False
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= 4 and common >= shortest - 3

