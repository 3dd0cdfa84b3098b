"""A scale corpus for speed tests: thousands of articles built from the bundled ones.

Every bundled article becomes a template: its paragraphs, with the people, organizations and places
the model's NER finds and the dates a few regexes find marked as slots. A generated article takes one
template, keeps its header paragraphs and a random subset of the body (now and then with a paragraph
borrowed from another template), fills every actor slot with a name drawn from large pools, and
shifts every date by one offset so that the text stays consistent with its own publication date.
Within one article the same original name always gets the same substitute, and acronyms and bare
surnames follow their full forms ("Shanghai Cooperation Organisation (SCO)" ... "SCO" becomes
"Caspian Energy Council (CEC)" ... "CEC"). Names are drawn with Zipf-like weights, so a few actors
recur in many articles and most are rare, as in a real corpus.

The output is reproducible: the same seed, source articles and model give the same bytes.

For speed and scale tests only. The sentences are real, the facts are random: never use this corpus
for claims about extraction quality.

    python -m benchmarks.generate_corpus --count 5000 --seed 1 --out benchmarks/out/corpus-5000-seed1
"""

from __future__ import annotations

import argparse
import bisect
import calendar
import itertools
import json
import os
import random
import re
import shutil
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: python benchmarks/generate_corpus.py
    sys.path.insert(0, str(ROOT))

from newsgraph.sources import Article, article_id, read_paths  # noqa: E402

BUNDLED_ARTICLES = ROOT / "data" / "articles"
OUT = ROOT / "benchmarks" / "out"
GENERATOR_VERSION = 3  # bump when the output for a seed changes, so cached corpora are rebuilt
DEFAULT_SHARD_SIZE = 1000  # records per JSON Lines file, far below NEWSGRAPH_MAX_FILE_MB
ACTOR_TYPES = ("PERSON", "ORG", "GPE")

# --------------------------------------------------------------------------------------------
# Name pools (real-world given names, surnames, countries and cities; organizations composed)

GIVEN_NAMES = (
    "Aigerim", "Alejandro", "Amara", "Anand", "Andrei", "Anna", "Arash", "Aziz", "Bakhyt", "Beatriz",
    "Carlos", "Chen", "Chidi", "Daniyar", "Dilnoza", "Elena", "Emeka", "Farida", "Fatima", "Gulnara",
    "Hamid", "Hana", "Ibrahim", "Ingrid", "Irina", "Javier", "Jomo", "Kamala", "Kenji", "Khalid",
    "Lars", "Leila", "Li", "Lucia", "Madina", "Marat", "Maria", "Mehmet", "Min-jun", "Nadia",
    "Nikolai", "Nurlan", "Olga", "Omar", "Pablo", "Priya", "Rashid", "Rustam", "Sanjar", "Sergei",
    "Shirin", "Sofia", "Tariq", "Temir", "Thabo", "Timur", "Valentina", "Vikram", "Wei", "Yerlan",
    "Yuki", "Zarina", "Zhanna", "Zhou", "Ayesha", "Bongani", "Dmitri", "Esra", "Gabriel", "Kwame",
)
SURNAMES = (
    "Abdullaev", "Akhmetov", "Alvarez", "Amanov", "Bekov", "Bhatt", "Borisova", "Chowdhury", "Dang",
    "Demir", "Dlamini", "Eriksen", "Fernandes", "Gao", "Gupta", "Haidari", "Hashimi", "Huang",
    "Ibragimov", "Ivanova", "Jaksybekov", "Kapoor", "Karimov", "Kasymov", "Khan", "Kim", "Kovalenko",
    "Kuznetsov", "Lebedev", "Liu", "Mahmoud", "Mamedov", "Mendes", "Mirzaev", "Morozov", "Mukanov",
    "Nazarbayeva", "Nguyen", "Novak", "Nurmagambetov", "Okafor", "Orlov", "Osmanov", "Park", "Patel",
    "Petrov", "Qureshi", "Rahimov", "Rao", "Rashidova", "Reyes", "Rosen", "Saidov", "Santos", "Sato",
    "Sharipov", "Shevchenko", "Silva", "Singh", "Sokolov", "Suleimenov", "Sultanov", "Tanaka",
    "Tashkentova", "Tokhtarov", "Usmanov", "Valiev", "Volkov", "Wang", "Xu", "Yakubov", "Yilmaz",
    "Yusupov", "Zakirov", "Zhang", "Zhukov", "Zuma", "Mbeki", "Haddad", "Lindqvist",
)
COUNTRIES = (
    "Afghanistan", "Algeria", "Argentina", "Armenia", "Australia", "Austria", "Azerbaijan", "Bangladesh",
    "Belarus", "Belgium", "Bolivia", "Brazil", "Bulgaria", "Cambodia", "Canada", "Chile", "China",
    "Colombia", "Cuba", "Egypt", "Ethiopia", "Finland", "France", "Georgia", "Germany", "Ghana",
    "Greece", "Hungary", "India", "Indonesia", "Iran", "Iraq", "Israel", "Italy", "Japan", "Jordan",
    "Kazakhstan", "Kenya", "Kuwait", "Kyrgyzstan", "Laos", "Malaysia", "Mexico", "Moldova", "Mongolia",
    "Morocco", "Myanmar", "Nepal", "Nigeria", "Norway", "Oman", "Pakistan", "Peru", "Poland",
    "Portugal", "Qatar", "Romania", "Russia", "Saudi Arabia", "Serbia", "Singapore", "South Africa",
    "South Korea", "Spain", "Sri Lanka", "Sweden", "Switzerland", "Syria", "Tajikistan", "Tanzania",
    "Thailand", "Turkey", "Turkmenistan", "Uganda", "Ukraine", "the United Arab Emirates",
    "the United Kingdom", "the United States", "Uzbekistan", "Venezuela", "Vietnam", "Zambia",
)
CITIES = (
    "Almaty", "Ankara", "Ashgabat", "Astana", "Baku", "Bangkok", "Beijing", "Berlin", "Bishkek",
    "Brasilia", "Brussels", "Buenos Aires", "Cairo", "Cape Town", "Chengdu", "Colombo", "Dhaka", "Doha",
    "Dubai", "Dushanbe", "Geneva", "Guangzhou", "Hanoi", "Helsinki", "Islamabad", "Istanbul", "Jakarta",
    "Johannesburg", "Kabul", "Kathmandu", "Kazan", "Khujand", "Kuala Lumpur", "Lagos", "Lima",
    "Minsk", "Mumbai", "Nairobi", "New Delhi", "Novosibirsk", "Osaka", "Osh", "Oslo", "Paris",
    "Rio de Janeiro", "Riyadh", "Rome", "Samarkand", "Santiago", "Sao Paulo", "Seoul", "Shanghai",
    "Shymkent", "Singapore", "Sochi", "St Petersburg", "Tashkent", "Tbilisi", "Tehran", "Tianjin",
    "Tokyo", "Ulaanbaatar", "Urumqi", "Vienna", "Vladivostok", "Warsaw", "Xi'an", "Yerevan",
    "Yekaterinburg", "Bukhara", "Karachi", "Lahore", "Kolkata", "Chennai", "Durban", "Addis Ababa",
)
ORG_REGIONS = (
    "Caspian", "Eurasian", "Central Asian", "Black Sea", "Baltic", "Pacific", "Arctic", "Andean",
    "Sahel", "Danube", "Mekong", "Gulf", "Indian Ocean", "Nordic", "Balkan", "Southern African",
    "West African", "Himalayan", "Silk Road", "Trans-Caspian", "Aral", "Volga", "Amur", "Caucasus",
)
ORG_DOMAINS = (
    "Energy", "Transport", "Water", "Trade", "Security", "Customs", "Investment", "Digital",
    "Agricultural", "Health", "Migration", "Climate", "Railway", "Banking", "Maritime", "Space",
    "Education", "Tourism", "Mining", "Telecommunications",
)
ORG_BODIES = (
    "Council", "Forum", "Commission", "Union", "Partnership", "Agency", "Organization", "Alliance",
    "Community", "Bank", "Association", "Initiative", "Secretariat", "Assembly", "Cooperation Council",
)
_ACRONYM_SKIP = {"of", "the", "and", "for", "on", "in"}

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
_MONTH_NUMBER = {name[:3].lower(): index + 1 for index, name in enumerate(MONTHS)}
_MONTH = r"(?P<month>(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = r"(?:\s*[-–]\s*(?P<day2>[0-3]?\d))?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# Most specific first; a later pattern only takes text no earlier one took.
DATE_PATTERNS = tuple(
    re.compile(pattern)
    for pattern in (
        r"\b(?P<year>(?:19|20)\d\d)-(?P<monthnum>[01]\d)-(?P<day>[0-3]\d)\b",
        rf"\b{_DAY}{_DAY2}\s+{_MONTH}\s*,?\s+{_YEAR}\b",
        rf"\b{_MONTH}\s+{_DAY}{_DAY2},?\s+{_YEAR}\b",
        rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b",
        rf"\b{_DAY}{_DAY2}\s+{_MONTH}(?![\w-])",
        rf"\b{_MONTH}\s+{_DAY}{_DAY2}\b(?!\s*(?:%|per|million|billion))",
        r"(?<![\w$.,:/-])(?P<year>(?:19|20)\d\d)(?![\w%]|[.,]\d)",
    )
)


@dataclass(frozen=True)
class Organization:
    name: str
    acronym: str


def acronym_of(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _ACRONYM_SKIP]
    return "".join(w[0] for w in words).upper()


def compose_organizations() -> list[Organization]:
    names = [f"{r} {d} {b}" for r, d, b in itertools.product(ORG_REGIONS, ORG_DOMAINS, ORG_BODIES)]
    return [Organization(name, acronym_of(name)) for name in names]


def compose_people() -> list[str]:
    return [f"{g} {s}" for g, s in itertools.product(GIVEN_NAMES, SURNAMES)]


class ZipfPool:
    """Draws from a seeded shuffle of ``items`` with weight 1/rank**exponent: few hubs, a long tail."""

    def __init__(self, items: Sequence, rng: random.Random, *, exponent: float = 0.9) -> None:
        self.items = list(items)
        rng.shuffle(self.items)
        self.cumulative = list(itertools.accumulate(1.0 / (rank + 1) ** exponent for rank in range(len(self.items))))

    def draw(self, rng: random.Random):
        point = rng.random() * self.cumulative[-1]
        return self.items[min(bisect.bisect(self.cumulative, point), len(self.items) - 1)]


# --------------------------------------------------------------------------------------------
# Templates


@dataclass(frozen=True)
class Slot:
    """A piece of a paragraph to replace: an actor name or one part of a date."""

    start: int
    end: int
    kind: str  # PERSON, ORG, GPE, or DAY, MONTH, MONTHNUM, YEAR
    text: str
    key: str = ""           # actors: which group of names it belongs to (full name, acronym, surname)
    role: str = "full"      # actors: full | acronym | surname
    month: int = 0          # dates: the month and year this part belongs to (0 when the text has none)
    year: int = 0


@dataclass(frozen=True)
class Paragraph:
    text: str
    slots: tuple[Slot, ...]
    template: int  # index of the template it comes from (its date anchor)

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Template:
    title: Paragraph | None
    paragraphs: tuple[Paragraph, ...]
    published: date | None
    anchor: date  # what the dates of the text are shifted relative to
    source: str | None
    license: str | None


def date_slots(text: str) -> list[Slot]:
    taken: list[tuple[int, int]] = []
    slots: list[Slot] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append(match.span())
            groups = match.groupdict()
            month = groups.get("month")
            month_number = int(groups["monthnum"]) if groups.get("monthnum") else (
                _MONTH_NUMBER[month[:3].lower()] if month else 0
            )
            year = int(groups["year"]) if groups.get("year") else 0
            for part in ("day", "day2", "month", "monthnum", "year"):
                if groups.get(part):
                    kind = {"day2": "DAY"}.get(part, part.upper())
                    slots.append(Slot(match.start(part), match.end(part), kind, groups[part],
                                      month=month_number, year=year))
    return slots


def actor_slots(text: str, ents: Iterable[tuple[int, int, str]], dates: list[Slot]) -> list[Slot]:
    slots = []
    for start, end, label in ents:
        start, end = _trimmed(text, start, end)
        name = text[start:end]
        if label in ("GPE", "PERSON") and _is_acronym(name) and name.lower() not in _COUNTRY_KEYS:
            label = "ORG"  # "BRICS" read as a place is an organization's acronym
        if label not in ACTOR_TYPES or len(name) < 2 or any(ch.isdigit() for ch in name) or "\n" in name:
            continue
        if any(start < d.end and d.start < end for d in dates):
            continue
        slots.append(Slot(start, end, label, name, key=name))
    return slots


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The name without a leading article or a definition's opening parenthesis."""
    name = text[start:end]
    if " (" in name:
        end = start + name.index(" (")
    for article in ("the ", "The "):
        if text.startswith(article, start) and end - start > len(article):
            start += len(article)
    return start, end


def link_names(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Tie the names of one template together so that they are replaced consistently.

    Acronyms and bare surnames become short forms of their full names, and every occurrence of a
    name the NER found somewhere in the template becomes a slot, also where the NER missed it
    ("(ADC)", a surname opening a paragraph): a stray original name would look like an error.
    """
    slots = [s for p in paragraphs for s in p.slots if s.kind in ACTOR_TYPES]
    full_orgs = {s.text for s in slots if s.kind == "ORG" and not _is_acronym(s.text)}
    full_people = {s.text for s in slots if s.kind == "PERSON" and " " in s.text}
    defined: dict[str, str] = {}
    for paragraph in paragraphs:
        for match in re.finditer(r"([A-Z][\w’'-]*(?:\s+(?:of|the|and|for|[A-Z][\w’'-]*))+)\s+\(([A-Z]{2,7})\)", paragraph.text):
            candidates = [f for f in full_orgs if match.group(1).endswith(f)]
            if candidates:
                defined.setdefault(match.group(2), max(candidates, key=len))
    for full in sorted(full_orgs):
        defined.setdefault(acronym_of(full), full)

    # Every name to look for: (text, kind, key, role), longest first so that a full name wins.
    names: dict[str, tuple[str, str, str]] = {}
    for slot in slots:
        if slot.kind == "ORG" and _is_acronym(slot.text):
            names[slot.text] = ("ORG", defined.get(slot.text, slot.text), "acronym")
        elif slot.kind == "PERSON" and " " not in slot.text:
            full = next((f for f in sorted(full_people) if f.split()[-1] == slot.text), None)
            names[slot.text] = ("PERSON", full, "surname") if full else ("PERSON", slot.text, "full")
        else:
            names.setdefault(slot.text, (slot.kind, slot.text, "full"))
    for acronym, full in defined.items():
        if any(f"({acronym})" in p.text for p in paragraphs):
            names.setdefault(acronym, ("ORG", full, "acronym"))
    for full in full_people:
        names.setdefault(full.split()[-1], ("PERSON", full, "surname"))
    patterns = [(re.compile(rf"(?<![\w-]){re.escape(text)}(?![\w-])"), text, value)
                for text, value in sorted(names.items(), key=lambda kv: -len(kv[0]))]

    linked = []
    for paragraph in paragraphs:
        taken = [(s.start, s.end) for s in paragraph.slots]
        found = []
        for pattern, text, (kind, key, role) in patterns:
            for match in pattern.finditer(paragraph.text):
                if any(match.start() < end and start < match.end() for start, end in taken):
                    continue
                taken.append(match.span())
                found.append(Slot(match.start(), match.end(), kind, text, key=key, role=role))
        relinked = [
            Slot(s.start, s.end, s.kind, s.text, key=names[s.text][1], role=names[s.text][2])
            if s.kind in ACTOR_TYPES and s.text in names else s
            for s in paragraph.slots
        ]
        linked.append(Paragraph(paragraph.text, tuple(sorted([*relinked, *found], key=lambda s: s.start)), paragraph.template))
    return linked


def _is_acronym(text: str) -> bool:
    return 2 <= len(text) <= 7 and text.isupper() and text.isalpha()


def load_templates(
    paths: Iterable[str | Path] = (BUNDLED_ARTICLES,),
    *,
    nlp=None,
    model: str | None = None,
) -> list[Template]:
    """Templates from article files; ``nlp`` is any spaCy pipeline with NER (default: the bare model)."""
    articles = read_paths(paths).articles
    if not articles:
        raise ValueError(f"no articles to build templates from in {', '.join(map(str, paths))}")
    nlp = nlp or _bare_ner(model)
    units: list[tuple[int, str]] = []  # (template index, text) for every title and paragraph
    for index, article in enumerate(articles):
        if article.title:
            units.append((index, article.title))
        units.extend((index, text) for text in _paragraph_texts(article.text))
    docs = nlp.pipe((text for _, text in units), batch_size=16)
    built: dict[int, list[Paragraph]] = {index: [] for index in range(len(articles))}
    for (index, text), doc in zip(units, docs):
        dates = date_slots(text)
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        slots = sorted([*dates, *actor_slots(text, ents, dates)], key=lambda s: s.start)
        built[index].append(Paragraph(text, tuple(slots), index))

    templates = []
    for index, article in enumerate(articles):
        units_of = link_names(built[index])
        title, body = (units_of[0], units_of[1:]) if article.title else (None, units_of)
        if not body:
            continue
        templates.append(
            Template(title, tuple(body), article.published, article.published or _anchor_from(body),
                     article.source, article.license)
        )
    return templates


def _paragraph_texts(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _anchor_from(paragraphs: Sequence[Paragraph]) -> date:
    """An undated article's dates are shifted relative to the latest year it mentions."""
    years = [s.year for p in paragraphs for s in p.slots if s.kind == "YEAR" and s.year]
    return date(max(years), 7, 1) if years else date(2020, 1, 1)


def _bare_ner(model: str | None):
    import spacy

    from newsgraph.nlp import resolve_model_name

    nlp = spacy.load(resolve_model_name(model))
    # Only the entity recognizer is needed; the others would cost time for nothing.
    nlp.select_pipes(disable=[name for name in nlp.pipe_names if name not in ("tok2vec", "ner")])
    return nlp


# --------------------------------------------------------------------------------------------
# Generation


@dataclass
class _Pools:
    people: ZipfPool
    organizations: ZipfPool
    countries: ZipfPool
    cities: ZipfPool

    @classmethod
    def seeded(cls, rng: random.Random) -> _Pools:
        return cls(ZipfPool(compose_people(), rng), ZipfPool(compose_organizations(), rng),
                   ZipfPool(COUNTRIES, rng, exponent=0.7), ZipfPool(CITIES, rng, exponent=0.7))


_COUNTRY_KEYS = {c.removeprefix("the ").lower() for c in COUNTRIES} | {
    "us", "usa", "u.s.", "uk", "russian federation", "united states", "united kingdom", "prc",
    "people's republic of china", "kyrgyz republic", "republic of korea",
}


class _Article:
    """Substitutes chosen for one generated article."""

    def __init__(self, pools: _Pools, rng: random.Random, published: date, templates: Sequence[Template]) -> None:
        self.pools = pools
        self.rng = rng
        self.published = published
        self.templates = templates
        self.chosen: dict[tuple[str, str], object] = {}
        self.used: set[object] = set()

    def actor(self, slot: Slot, before: str) -> str:
        kind = "COUNTRY" if slot.kind == "GPE" and slot.key.removeprefix("the ").lower() in _COUNTRY_KEYS else slot.kind
        pick = self.chosen.get((kind, slot.key))
        if pick is None:
            pool = {"PERSON": self.pools.people, "ORG": self.pools.organizations,
                    "COUNTRY": self.pools.countries}.get(kind, self.pools.cities)
            # Two originals in one article should not become the same substitute.
            for _ in range(8):
                pick = pool.draw(self.rng)
                if pick not in self.used:
                    break
            self.used.add(pick)
            self.chosen[(kind, slot.key)] = pick
        if isinstance(pick, Organization):
            return pick.acronym if slot.role == "acronym" else pick.name
        if slot.role == "surname":
            return str(pick).split()[-1]
        name = str(pick)
        # "the United States": no second article after "the", a capital one to open a paragraph.
        if name.startswith("the "):
            if before.rstrip(" ").lower().endswith("the") or slot.text.lower().startswith("the "):
                return name.removeprefix("the ")
            if not before.strip():
                return "The " + name.removeprefix("the ")
        return name

    def date_part(self, slot: Slot, paragraph: Paragraph) -> str:
        anchor = self.templates[paragraph.template].anchor
        years = self.published.year - anchor.year
        months = years * 12 + self.published.month - anchor.month
        base_year = slot.year or anchor.year
        if slot.kind == "YEAR" and not slot.month:
            return str(int(slot.text) + years)
        month_index = base_year * 12 + (slot.month - 1) + months
        new_year, new_month = divmod(month_index, 12)
        new_month += 1
        if slot.kind == "YEAR":
            return str(new_year)
        if slot.kind == "MONTHNUM":
            return f"{new_month:02d}"
        if slot.kind == "MONTH":
            name = MONTHS[new_month - 1]
            if slot.text.rstrip(".") in MONTHS:  # "May" is a full name, "Sept." an abbreviation
                return name
            return name[:3] + ("." if slot.text.endswith(".") else "")
        day = min(int(slot.text), calendar.monthrange(new_year, new_month)[1])
        return f"{day:0{len(slot.text)}d}" if slot.text.startswith("0") else str(day)

    def render(self, paragraph: Paragraph) -> str:
        pieces = []
        cursor = 0
        for slot in paragraph.slots:
            pieces.append(paragraph.text[cursor:slot.start])
            pieces.append(
                self.actor(slot, paragraph.text[max(0, slot.start - 5):slot.start])
                if slot.kind in ACTOR_TYPES
                else self.date_part(slot, paragraph)
            )
            cursor = slot.end
        pieces.append(paragraph.text[cursor:])
        return "".join(pieces)


def _header_length(paragraphs: Sequence[Paragraph]) -> int:
    """Leading short paragraphs (headline, dateline, kicker) stay in place."""
    count = 0
    for paragraph in paragraphs:
        if paragraph.words >= 20:
            break
        count += 1
    return min(count, 3)


def _random_day(rng: random.Random, start: date, end: date) -> date:
    return date.fromordinal(rng.randint(start.toordinal(), end.toordinal()))


def generate(
    templates: Sequence[Template],
    *,
    count: int,
    seed: int,
    first: date = date(2005, 1, 1),
    last: date = date(2025, 12, 31),
    keep_paragraph: float = 0.8,
    borrow_paragraph: float = 0.3,
) -> Iterator[dict]:
    """``count`` distinct article records (title, published, source, license, text)."""
    if not templates:
        raise ValueError("no templates")
    rng = random.Random(seed)
    pools = _Pools.seeded(rng)
    body_pool = [p for t in templates for p in t.paragraphs[_header_length(t.paragraphs):] if p.words >= 20]
    seen: set[str] = set()
    produced = 0
    attempts = 0
    while produced < count:
        attempts += 1
        if attempts > count * 20:
            raise RuntimeError(f"only {produced} distinct articles after {attempts} attempts")
        template = templates[rng.randrange(len(templates))]
        published = _random_day(rng, first, last)
        article = _Article(pools, rng, published, templates)
        header = list(template.paragraphs[:_header_length(template.paragraphs)])
        body = [p for p in template.paragraphs[len(header):] if rng.random() < keep_paragraph]
        if len(body) < 2:
            body = list(template.paragraphs[len(header):len(header) + 2])
        if body_pool and rng.random() < borrow_paragraph:
            body.insert(rng.randint(1, len(body)) if body else 0, body_pool[rng.randrange(len(body_pool))])
        text = "\n\n".join(article.render(p) for p in (*header, *body))
        identity = article_id(text)
        if identity in seen:
            continue
        seen.add(identity)
        produced += 1
        yield {
            "title": article.render(template.title) if template.title else None,
            "published": published.isoformat() if template.published else None,
            "source": f"Newsgraph benchmark corpus (seed {seed}), generated from: {template.source or 'a bundled article'}",
            "license": template.license,
            "text": text,
        }


def write_corpus(records: Iterable[dict], out: Path, *, shard_size: int = DEFAULT_SHARD_SIZE) -> list[Path]:
    """Write records as JSON Lines shards ``part-0000.jsonl``... in ``out``; return the files."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("part-*.jsonl"):
        old.unlink()
    files: list[Path] = []
    handle = None
    try:
        for index, record in enumerate(records):
            if index % shard_size == 0:
                if handle:
                    handle.close()
                files.append(out / f"part-{len(files):04d}.jsonl")
                handle = open(files[-1], "w", encoding="utf-8")
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if handle:
            handle.close()
    return files


def ensure_corpus(count: int, *, seed: int = 1, model: str | None = None, out: Path = OUT) -> Path:
    """The folder of a generated corpus, written once and reused (``benchmarks/out`` is gitignored)."""
    folder = out / f"corpus-{count}-seed{seed}"
    stamp = f"{count} articles, seed {seed}, generator {GENERATOR_VERSION}\n"
    if _stamped(folder, stamp):
        return folder
    # Written aside and renamed, so that a concurrent run never reads a half-written corpus.
    staging = out / f".{folder.name}.{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    write_corpus(generate(load_templates(model=model), count=count, seed=seed), staging)
    (staging / "DONE").write_text(stamp)
    if _stamped(folder, stamp):  # another run finished first
        shutil.rmtree(staging, ignore_errors=True)
    else:
        shutil.rmtree(folder, ignore_errors=True)
        staging.rename(folder)
    return folder


def _stamped(folder: Path, stamp: str) -> bool:
    done = folder / "DONE"
    return done.exists() and done.read_text() == stamp


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate_corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=5000, help="articles to write (default 5000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="folder for the JSON Lines shards")
    parser.add_argument("--sources", type=Path, nargs="+", default=[BUNDLED_ARTICLES], help="template articles")
    parser.add_argument("--shard-size", type=int, default=DEFAULT_SHARD_SIZE)
    parser.add_argument("--model", help="spaCy model whose NER marks the actor slots (default: Newsgraph's)")
    args = parser.parse_args(argv)
    templates = load_templates(args.sources, model=args.model)
    files = write_corpus(generate(templates, count=args.count, seed=args.seed), args.out, shard_size=args.shard_size)
    words = sum(len(re.findall(r"\w+", json.loads(line)["text"])) for f in files for line in open(f, encoding="utf-8"))
    print(f"{args.count} articles, {words:,} words, {len(templates)} templates -> {args.out} ({len(files)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
