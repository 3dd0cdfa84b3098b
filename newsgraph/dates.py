"""Temporal expressions -> calendar spans, resolved against an article's publication date.

``normalize`` takes the words of one temporal expression (as spaCy's DATE label marks them) and
returns a :class:`TemporalValue`: the first and last day it covers and the precision the text
gives. ``parse_header_date`` reads the publication date from an article's header line.

The normalizer is hand-written on purpose. Library parsers (dateparser, dateutil) fill whatever
the text leaves out from *today's* date, so "2024" becomes a day in December and "20 years"
becomes 2002. Here every rule is a whole-expression pattern (``fullmatch``): anything no rule
describes is not a date and gives None. That is how durations ("20 years", "for two decades"),
vague times ("recently", "in the first years", "these days"), ages ("65-year-old") and ordinals
("its 20th anniversary") are rejected: no rule says what day they name.

Principles
----------
- Nothing is invented. Precision is that of the words: "April 2022" is a month, "2004" a year.
  Parts the text leaves out come only from the anchor (the publication date), never from today.
  Without an anchor only absolute expressions resolve.
- Qualifiers that narrow a span without naming a finer unit keep the precision of what they
  qualify: "early 2021", "mid-2019", "late last year", "the end of March", "earlier this year".
- Leading prepositions are dropped ("in", "on", "since", "by", "until", "back in", "as of",
  "before"): the value is the time the expression names; how an event relates to it is the
  caller's business.
- When a form reads two ways, the reading that claims less wins ("2011-12" is 2011-2012, not
  December 2011; "05/04/2022" is None because day and month cannot be told apart).

Decisions
---------
- Bare month ("in March"): the nearest such month not after the anchor's month (tense past or
  None), not before it when tense is "future". The anchor's own month counts either way. A day
  without a year ("on January 1") and a bare weekday ("on Thursday") follow the same rule on days:
  a Thursday article's "on Thursday" is that day. "last Thursday" / "next Thursday" are strictly
  before / after; "last November" is the nearest November strictly before the anchor's month.
- Weeks ("last week", "this week", "two weeks ago", future "in 2 weeks"): a week is not a
  precision we keep, and reporting its Monday at day precision would invent a day. The
  Monday-Sunday week is reported as the smallest unit we keep that contains it whole: its month,
  else its year; None when it straddles New Year.
- Decades ("the 1990s", "the early 2000s"): a year range (1990-01-01 to 1999-12-31) at year
  precision. Two-digit decades ("the '90s") give None: the text does not say which century.
  Centuries give None: too coarse for a timeline.
- Seasons: the hemisphere decides which months a season is, and the text does not say, so a
  season never yields months. "summer 2021" / "the winter of 2021" / "this summer" keep the year
  (year precision); "last summer" and a bare "summer" give None.
- Quarters and halves are calendar facts, so they are month ranges: "the first quarter of 2022"
  is 2022-01..2022-03 at month precision; "last quarter" / "this quarter" use the anchor.
- Offsets: "three days ago", "two months ago", "a year ago" and "N <unit>s from now" resolve with
  the precision of the unit. "in two weeks" resolves only when tense is "future": otherwise it is
  usually a duration ("built in two years"). "N <unit>s later/earlier" and "decades ago" give
  None (relative to another event, or too vague).
- "the day before" / "the previous day" are anchor - 1 day, "the next/following day" anchor + 1
  (news mode: relative to the publication date, like HeidelTime) unless a ``reference`` is
  given: then they, "that day" / "the same day" and a bare ordinal day ("on the 18th", "from the
  16th to the 20th") resolve against the time the text was last talking about, the way a reader
  takes them in a narrative ("On 3 May the ministers met. The next day ..."). The caller
  (``newsgraph.events``) passes the previous date of the paragraph. A reference too coarse for the
  form (a month for "the next day", a year for "the 18th") gives None, never the anchor.
- Two days joined by "and" ("May 18 and 19", "9 and 10 June 2018") are the range they cover
  when they are consecutive; other lists ("3 and 7 May", "2001 and 2006") name separate times
  and give None.
- Ranges ("2019-2021", "from March to May 2022", "between 2019 and 2021", "9-10 June 2018",
  "June 9-10, 2018"): an endpoint borrows the year or month it leaves out from the other one. If
  the first endpoint names no year and would fall after the second ("November to February 2022")
  it moves one year back. Precision is the coarser of the two endpoints; ``value`` is the start's.
- "today" is the anchor day (news usage), but "now", "these days", "the past", "the future" and
  "the time" are not dates: they name no span a timeline can place.
"""

from __future__ import annotations

import re
import unicodedata
from calendar import monthrange
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

__all__ = ["Precision", "Tense", "TemporalValue", "normalize", "parse_header_date"]

Precision = Literal["year", "month", "day"]
Tense = Literal["past", "future"]

# Coarser precisions rank lower; a range keeps the coarser of its endpoints.
_PRECISION_RANK: dict[str, int] = {"year": 0, "month": 1, "day": 2}


@dataclass(frozen=True)
class TemporalValue:
    """The span of days a temporal expression covers, at the precision its words give."""

    start: date  # first day covered
    end: date  # last day covered (inclusive): a year ends on Dec 31, a month on its last day
    precision: Precision  # of the expression as written; for a range, of its (coarser) endpoint
    text: str  # the words as written

    @property
    def value(self) -> str:
        """The start as "2022", "2022-04" or "2022-04-25": never more precise than the text."""
        if self.precision == "year":
            return f"{self.start.year:04d}"
        if self.precision == "month":
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return self.start.isoformat()

    @property
    def is_range(self) -> bool:
        """True when it covers more than one unit of its precision ("2019-2021", "9-10 June")."""
        first_unit = _unit_span(self.start, self.precision)
        return self.end != first_unit[1] or self.start != first_unit[0]


# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

_MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
_WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
# Abbreviations ("Sun", "Sat", "Wed") are also ordinary words: accepted only before a full date.
_WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5,
    "sun": 6,
}  # fmt: skip
_CARDINALS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "a hundred": 100,
}  # fmt: skip


def _ordinal_day_words() -> dict[str, int]:
    units = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
    words = {word: number for number, word in enumerate(units, start=1)}
    teens = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
             "seventeenth", "eighteenth", "nineteenth"]  # fmt: skip
    words.update({word: number for number, word in enumerate(teens, start=10)})
    words.update({"twentieth": 20, "thirtieth": 30})
    for tens_word, tens in (("twenty", 20), ("thirty", 30)):
        for number, unit in enumerate(units, start=1):
            if tens + number <= 31:
                words[f"{tens_word}-{unit}"] = words[f"{tens_word} {unit}"] = tens + number
    return words


_ORDINAL_DAYS: dict[str, int] = _ordinal_day_words()


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of words, longest first so "sept" wins over "sep"."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered) + ")"


_MONTH = _alternation(_MONTHS)
_WEEKDAY = _alternation(_WEEKDAYS)
_ANY_WEEKDAY = _alternation([*_WEEKDAYS, *_WEEKDAY_ABBREVIATIONS])
_DAY = rf"(?:\d{{1,2}}|{_alternation(_ORDINAL_DAYS)})"
_NUMBER = rf"(?:\d{{1,3}}|{_alternation(_CARDINALS)})"
_YEAR4 = r"[12]\d{3}"  # years 1000-2999: a four-digit number a DATE span can mean as a year
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_OFFSET_UNIT = r"(?:day|week|month|year)"

# Words that relate an event to the time named: dropped, the time is what we normalize.
_LEADING_WORDS = re.compile(
    r"^(?:back|as\s+of|as\s+early\s+as|as\s+late\s+as|no\s+later\s+than|not\s+later\s+than|"
    r"prior\s+to|up\s+to|up\s+until|starting|since|until|till|by|from|on|at|during|throughout|"
    r"around|about|circa|before|after|over|for|within|of|the|"
    rf"in(?!\s+{_NUMBER}\s+{_OFFSET_UNIT})"  # "in two weeks" is an offset, not a preposition
    r")\s+"
)
# Qualifiers that narrow a span without naming a finer unit: the precision stays that of the rest.
_SPAN_MODIFIERS = re.compile(
    r"^(?:early|earlier|late|later|mid|middle|end|beginning|start|close|"  # "end of", "end-March"
    r"(?:first|second|third|fourth|last|final)\s+(?:days?|weeks?|months?)(?=\s+of)|"
    rf"(?:morning|afternoon|evening|night)(?=\s+of)|{_SEASON})"
    r"(?:\s+of)?(?:\s+|-)(?=\S)"
)
_TRAILING_WORDS = re.compile(r"\s+(?:onwards?|alone)$")
_PART_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)$")


# --------------------------------------------------------------------------------------------
# Text clean-up
# --------------------------------------------------------------------------------------------

_CHARACTER_FOLDS = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2032": "'", "`": "'",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2212": "-", "\ufeff": None, "\u200b": None,
    }
)  # fmt: skip


def _fold(text: str) -> str:
    """Lower case, straight quotes and hyphens; no ordinal suffixes, abbreviation dots, commas."""
    folded = unicodedata.normalize("NFKC", text).translate(_CHARACTER_FOLDS).lower()
    folded = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)\b", r"\1", folded)  # 25th -> 25
    folded = re.sub(r"(\d)'s\b", r"\1s", folded)  # 1990's -> 1990s
    folded = re.sub(r"'s\b", "", folded)  # last year's -> last year
    folded = re.sub(r"(?<=[a-z])\.", "", folded)  # Sept. -> sept (digit dots stay: 25.04.2022)
    folded = folded.replace(",", " ")
    return re.sub(r"\s+", " ", folded).strip()


def _clean(text: str) -> str:
    cleaned = _fold(text)
    cleaned = re.sub(r"\s*-\s*", "-", cleaned)  # "2019 - 2021" and "2019-2021" read alike
    return cleaned.strip(" .;:!?\"'()[]")


def _strip_leading_words(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _LEADING_WORDS.sub("", text, count=1)
    return text


def _strip_qualifiers(text: str) -> str:
    """Drop prepositions and span modifiers in any order: "back in early 2004" -> "2004"."""
    previous = None
    while previous != text:
        previous = text
        text = _SPAN_MODIFIERS.sub("", _strip_leading_words(text), count=1)
    return _TRAILING_WORDS.sub("", text)


# --------------------------------------------------------------------------------------------
# Calendar helpers
# --------------------------------------------------------------------------------------------


def _month_end(year: int, month: int) -> date:
    return date(year, month, monthrange(year, month)[1])


def _unit_span(day: date, precision: Precision) -> tuple[date, date]:
    if precision == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if precision == "month":
        return date(day.year, day.month, 1), _month_end(day.year, day.month)
    return day, day


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_value(year: int, text: str) -> TemporalValue | None:
    if not 1 <= year <= 9999:
        return None
    return TemporalValue(date(year, 1, 1), date(year, 12, 31), "year", text)


def _month_value(year: int, month: int, text: str) -> TemporalValue | None:
    if not (1 <= year <= 9999 and 1 <= month <= 12):
        return None
    return TemporalValue(date(year, month, 1), _month_end(year, month), "month", text)


def _day_value(day: date | None, text: str) -> TemporalValue | None:
    return TemporalValue(day, day, "day", text) if day is not None else None


def _months_value(year: int, first_month: int, last_month: int, text: str) -> TemporalValue:
    return TemporalValue(date(year, first_month, 1), _month_end(year, last_month), "month", text)


def _week_value(day: date, text: str) -> TemporalValue | None:
    """The Monday-Sunday week of ``day`` as the smallest kept unit that contains it whole."""
    monday = day - timedelta(days=day.weekday())
    sunday = monday + timedelta(days=6)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return _month_value(monday.year, monday.month, text)
    if monday.year == sunday.year:
        return _year_value(monday.year, text)
    return None


def _year_of_bare_month(month: int, anchor: date, tense: Tense | None) -> int:
    """The year of "in March": nearest such month not after the anchor (not before if future)."""
    if tense == "future":
        return anchor.year if month >= anchor.month else anchor.year + 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def _nearest_month_day(month: int, day: int, anchor: date, tense: Tense | None) -> date | None:
    """The date of "on January 1": nearest one not after the anchor (not before it if future)."""
    step = 1 if tense == "future" else -1
    year = anchor.year
    for _ in range(9):  # 29 February can be eight years away
        candidate = _safe_date(year, month, day)
        if candidate is not None and (candidate >= anchor if step == 1 else candidate <= anchor):
            return candidate
        year += step
    return None  # no such day ("31 April")


def _nearest_weekday(weekday: int, anchor: date, *, forward: bool, strict: bool) -> date:
    if forward:
        days = (weekday - anchor.weekday()) % 7
        return anchor + timedelta(days=days or (7 if strict else 0))
    days = (anchor.weekday() - weekday) % 7
    return anchor - timedelta(days=days or (7 if strict else 0))


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _CARDINALS[re.sub(r"\s+", " ", word)]


def _day_number(word: str) -> int:
    return int(word) if word.isdigit() else _ORDINAL_DAYS[re.sub(r"\s+", " ", word)]


_RELATIVE_OFFSETS: dict[str, int] = {
    "this": 0, "current": 0, "last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1,
    "following": 1,
}  # fmt: skip

# "of this year", "last year", "2022": the year part that may follow a month or a quarter.
_YEAR_SPEC = (
    rf"(?:(?P<year>{_YEAR4})"
    r"|(?:the\s+)?(?P<year_rel>this|current|last|previous|next|coming|following)\s+year)"
)


def _names_a_year(match: re.Match[str]) -> bool:
    return bool(match["year"] or match["year_rel"])


def _year_named(match: re.Match[str], anchor: date | None) -> int | None:
    """The year a _YEAR_SPEC names; None when it is relative and there is no anchor."""
    if match["year"]:
        return int(match["year"])
    if anchor is None:
        return None
    return anchor.year + _RELATIVE_OFFSETS[match["year_rel"]]


# --------------------------------------------------------------------------------------------
# Rules: each is a whole-expression pattern and a function that places it on the calendar
# --------------------------------------------------------------------------------------------

_Match = re.Match[str]
_Anchor = date | None
_TenseArg = Tense | None
_Result = TemporalValue | None
Rule = Callable[[_Match, _Anchor, _TenseArg, str], _Result]
_RULES: list[tuple[re.Pattern[str], Rule]] = []


def _rule(pattern: str) -> Callable[[Rule], Rule]:
    def register(handler: Rule) -> Rule:
        _RULES.append((re.compile(pattern, re.VERBOSE), handler))
        return handler

    return register


@_rule(r"(?P<year>[12]\d{3})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})")
def _iso_date(m: _Match, anchor: _Anchor, tense: _TenseArg, text: str) -> _Result:
    return _day_value(_safe_date(int(m["year"]), int(m["month"]), int(m["day"])), text)


@_rule(r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>[12]\d{3})")
def _dotted_date(m: _Match, anchor: _Anchor, tense: _TenseArg, text: str) -> _Result:
    # Dots are the European day.month.year order; nobody writes month.day.year with dots.
    return _day_value(_safe_date(int(m["year"]), int(m["month"]), int(m["day"])), text)


@_rule(r"(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>[12]\d{3})")
def _slashed_date(m: _Match, anchor: _Anchor, tense: _TenseArg, text: str) -> _Result:
    return _day_value(_slashed_to_date(int(m["first"]), int(m["second"]), int(m["year"])), text)


def _slashed_to_date(first: int, second: int, year: int) -> date | None:
    """4/25/2022 (US) and 25/4/2022 (elsewhere) are clear; 5/4/2022 is not and gives None."""
    if first > 12:
        return _safe_date(year, second, first)
    if second > 12 or first == second:
        return _safe_date(year, first, second)
    return None


@_rule(r"(?P<year>[12]\d{3})[-/](?P<tail>\d{2})")
def _year_and_two_digits(m: _Match, anchor: _Anchor, tense: _TenseArg, text: str) -> _Result:
    # "2019-20" is a season or fiscal year; "2022-04" an ISO month. Consecutive years read as a
    # range (it claims less than a month); otherwise a valid month number is a month, and a tail
    # that cannot be a month is a short span of years ("1939-45").
    year, tail = int(m["year"]), int(m["tail"])
    end_year = year // 100 * 100 + tail
    if end_year <= year:
        end_year += 100  # "1999-00"
    if end_year == year + 1:
        return TemporalValue(date(year, 1, 1), date(end_year, 12, 31), "year", text)
    if 1 <= tail <= 12:
        return _month_value(year, tail, text)
    if end_year - year <= 10:
        return TemporalValue(date(year, 1, 1), date(end_year, 12, 31), "year", text)
    return None


@_rule(
    rf"""(?:{_ANY_WEEKDAY}\s+)?  # "Monday, 25 April": the weekday adds nothing
    (?: (?P<day_first>{_DAY})\s+(?:of\s+)?(?P<month_after_day>{_MONTH})     # 25th of April
      | (?P<month_first>{_MONTH})\s+(?:the\s+)?(?P<day_after_month>{_DAY})  # April the 25th
      | (?P<month_only>{_MONTH}) )                                           # April
    (?:\s+(?:of\s+|in\s+)?{_YEAR_SPEC})?  # 2022, of this year, last year"""
)
def _calendar_date(m: _Match, anchor: _Anchor, tense: _TenseArg, text: str) -> _Result:
    month = _MONTHS[m["month_after_day"] or m["month_first"] or m["month_only"]]
    day_word = m["day_first"] or m["day_after_month"]
    day = _day_number(day_word) if day_word else None
    if _names_a_year(m):
        year = _year_named(m, anchor)
        if year is None:
            return None
        if day is None:
            return _month_value(year, month, text)
        return _day_value(_safe_date(year, month, day), text)
    if anchor is None:  # "January 1", "in March": the year can only come from the anchor
        return None
    if day is None:
        return _month_value(_year_of_bare_month(month, anchor, tense), month, text)
    return _day_value(_nearest_month_day(month, day, anchor, tense), text)


@_rule(rf"(?P<which>last|this|next|past|coming)\s+(?P<month>{_MONTH})")
def _relative_month_name(m: _Match, anchor: _Anchor, tense: _TenseArg, text: str) -> _Result:
    # "last November": the nearest November strictly before the anchor's month.
    if anchor is None:
        return None
    month = _MONTHS[m["month"]]
    offset = _RELATIVE_OFFSETS[m["which"]]
    if offset < 0:
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif offset > 0:
        year = anchor.year if month > anchor.month else anchor.year + 1
    else:
        year = anchor.year
    return _month_value(year, month, text)


@_rule(rf"(?:year\s+)?(?P<year>{_YEAR4})(?:\s+(?:ad|ce))?")
def _year(m: _Match, anchor: _Anchor, tense: _TenseArg, text: str) -> _Result:
    return _year_value(int(m["year"]), text)


@_rule(r"(?P<decade>[12]\d{2}0)s")
def _decade(m: _Match, anchor: _Anchor, tense: _TenseArg, text: str) -> _Result:
    first = int(m["decade"])
    return TemporalValue(date(first, 1, 1), date(first + 9, 12, 31), "year", text)


@_rule(
    rf"""(?: (?P<quarter_word>first|second|third|fourth|final|last|1|2|3|4)\s+quarter
           | q(?P<quarter_number>[1-4]) )
        (?:\s+(?:of\s+|in\s+)?{_YEAR_SPEC})"""
)
def _quarter(m: _Match, anchor: _Anchor, tense: _TenseArg, text: str) -> _Result:
    year = _year_named(m, anchor)
    if year is None:
        return None
    word = m["quarter_number"] or m["quarter_word"]
    quarter = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}.get(word)
    quarter = quarter or int(word)
    return _months_value(year, quarter * 3 - 2, quarter * 3, text)


@_rule(
    rf"""(?: (?P<half_word>first|second|1|2)\s+half | h(?P<half_number>[12]) )
        (?:\s+of)?\s+{_YEAR_SPEC}"""
)
def _half_year(m: _Match, anchor: _Anchor, tense: _TenseArg, text: str) -> _Result:
    year = _year_named(m, anchor)
    if year is None:
        return None
    half = 1 if (m["half_number"] or m["half_word"]) in ("1", "first") else 2
    return _months_value(year, half * 6 - 5, half * 6, text)


@_rule(rf"(?:this|current)\s+{_SEASON}")
def _this_season(m: _Match, anchor: _Anchor, tense: _TenseArg, text: str) -> _Result:
    return _year_value(anchor.year, text) if anchor else None


_DAY_WORD_OFFSETS: dict[str, int] = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "tomorrow": 1,
    "day before yesterday": -2, "day after tomorrow": 2,
    "day before": -1, "previous day": -1, "day after": 1, "next day": 1, "following day": 1,
}  # fmt: skip


@_rule(rf"(?P<word>{_alternation(_DAY_WORD_OFFSETS)})")
def _day_word(m: _Match, anchor: _Anchor, tense: _TenseArg, text: str) -> _Result:
    if anchor is None:
        return None
    offset = _DAY_WORD_OFFSETS[re.sub(r"\s+", " ", m["word"])]
    return _day_value(anchor + timedelta(days=offset), text)


@_rule(
    r"(?P<which>this|current|last|previous|next|coming|following)\s+"
    r"(?P<unit>year|month|week|quarter)"
)
def _relative_unit(m: _Match, anchor: _Anchor, tense: _TenseArg, text: str) -> _Result:
    # "past" is left out on purpose: "the past year" is a duration more often than a date.
    if anchor is None:
        return None
    offset = _RELATIVE_OFFSETS[m["which"]]
    unit = m["unit"]
    if unit == "year":
        return _year_value(anchor.year + offset, text)
    if unit == "month":
        return _month_value(*_add_months(anchor.year, anchor.month, offset), text)
    if unit == "week":
        return _week_value(anchor + timedelta(weeks=offset), text)
    first_month_of_quarter = (anchor.month - 1) // 3 * 3 + 1
    year, month = _add_months(anchor.year, first_month_of_quarter, 3 * offset)
    return _months_value(year, month, month + 2, text)


def _shifted(anchor: date, unit: str, count: int, text: str) -> TemporalValue | None:
    """The anchor moved by ``count`` units, at the precision of the unit."""
    try:
        if unit == "day":
            return _day_value(anchor + timedelta(days=count), text)
        if unit == "week":
            return _week_value(anchor + timedelta(weeks=count), text)
        if unit == "month":
            return _month_value(*_add_months(anchor.year, anchor.month, count), text)
        return _year_value(anchor.year + count, text)
    except OverflowError:
        return None


@_rule(rf"(?P<count>{_NUMBER})\s+(?P<unit>{_OFFSET_UNIT})s?\s+ago")
def _units_ago(m: _Match, anchor: _Anchor, tense: _TenseArg, text: str) -> _Result:
    return _shifted(anchor, m["unit"], -_number(m["count"]), text) if anchor else None


@_rule(rf"(?P<count>{_NUMBER})\s+(?P<unit>{_OFFSET_UNIT})s?\s+from\s+(?:now|today)")
def _units_from_now(m: _Match, anchor: _Anchor, tense: _TenseArg, text: str) -> _Result:
    return _shifted(anchor, m["unit"], _number(m["count"]), text) if anchor else None


@_rule(rf"in\s+(?P<count>{_NUMBER})\s+(?P<unit>{_OFFSET_UNIT})s?'?(?:\s+time)?")
def _in_units(m: _Match, anchor: _Anchor, tense: _TenseArg, text: str) -> _Result:
    # Only a future verb makes "in two years" a point in time; otherwise it is a duration.
    if anchor is None or tense != "future":
        return None
    return _shifted(anchor, m["unit"], _number(m["count"]), text)


@_rule(rf"(?:(?P<which>last|this|next|past|coming)\s+)?(?P<weekday>{_WEEKDAY})")
def _weekday(m: _Match, anchor: _Anchor, tense: _TenseArg, text: str) -> _Result:
    if anchor is None:
        return None
    weekday = _WEEKDAYS[m["weekday"]]
    offset = _RELATIVE_OFFSETS[m["which"]] if m["which"] else 0
    if offset:  # "last Thursday" / "next Thursday": never the anchor day itself
        day = _nearest_weekday(weekday, anchor, forward=offset > 0, strict=True)
    else:
        day = _nearest_weekday(weekday, anchor, forward=tense == "future", strict=False)
    return _day_value(day, text)


# --------------------------------------------------------------------------------------------
# Points and ranges
# --------------------------------------------------------------------------------------------


_SAME_DAY = re.compile(r"(?:same|that)\s+day")
_DAY_BEFORE = re.compile(r"(?:day\s+before|previous\s+day)")
_DAY_AFTER = re.compile(r"(?:day\s+after|next\s+day|following\s+day)")
_ORDINAL_DAY = re.compile(rf"(?P<day>\d{{1,2}}|{_alternation(_ORDINAL_DAYS)})")
_WRITTEN_ORDINAL = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)\b|\b{_alternation(_ORDINAL_DAYS)}\b", re.IGNORECASE
)


# "that year", "February that year", "in March of the same year", "the following year": a year
# told relative to the time the text was talking about, not to the publication date.
_REFERENCE_YEAR = re.compile(
    rf"(?:(?P<month>{_MONTH})\s+(?:of\s+)?)?"
    r"(?:(?P<same>that|(?:the\s+)?same)|(?P<next>(?:the\s+)?following|the\s+next)|(?P<previous>(?:the\s+)?previous))\s+year"
)


class _NotResolvable(Exception):
    """A reference form whose reference is too coarse: the answer is None, not the anchor."""


def _reference_point(core: str, reference: TemporalValue, text: str) -> _Result:
    """ "the next day", "that day", "the 18th" against the time the text was talking about.

    Returns None when ``core`` is not a reference form; raises _NotResolvable when it is one
    but ``reference`` does not carry the precision it needs.
    """
    if _SAME_DAY.fullmatch(core):
        if reference.precision != "day" or reference.start != reference.end:
            raise _NotResolvable
        return _day_value(reference.start, text)
    for pattern, step in ((_DAY_BEFORE, -1), (_DAY_AFTER, 1)):
        if pattern.fullmatch(core):
            if reference.precision != "day":
                raise _NotResolvable
            day = reference.start if step < 0 else reference.end
            return _day_value(day + timedelta(days=step), text)
    year_form = _REFERENCE_YEAR.fullmatch(core)
    if year_form:
        if reference.start.year != reference.end.year:
            raise _NotResolvable
        year = reference.start.year + (1 if year_form["next"] else -1 if year_form["previous"] else 0)
        if year_form["month"]:
            return _month_value(year, _MONTHS[year_form["month"].rstrip(".")], text)
        return _year_value(year, text)
    ordinal = _ORDINAL_DAY.fullmatch(core)
    if ordinal and _WRITTEN_ORDINAL.search(text):
        if reference.precision == "year" or (reference.start.year, reference.start.month) != (
            reference.end.year,
            reference.end.month,
        ):
            raise _NotResolvable
        day = _safe_date(reference.start.year, reference.start.month, _day_number(ordinal["day"]))
        return _day_value(day, text)
    return None


def _parse_point(
    cleaned: str,
    anchor: _Anchor,
    tense: _TenseArg,
    text: str,
    reference: TemporalValue | None = None,
) -> _Result:
    """One point (or calendar unit) in time; no ranges."""
    core = _strip_qualifiers(cleaned)
    if reference is not None:
        try:
            resolved = _reference_point(core, reference, text)
        except _NotResolvable:
            return None
        if resolved is not None:
            return resolved
    candidates = [core]
    without_part_of_day = _PART_OF_DAY.sub("", core)  # "Thursday morning" -> "Thursday"
    if without_part_of_day != core:
        candidates.append(without_part_of_day)
    for candidate in candidates:
        for pattern, handler in _RULES:
            match = pattern.fullmatch(candidate)
            if match:
                return handler(match, anchor, tense, text)
    return None


_RANGE_SEPARATOR = re.compile(r"\s+(?:to|until|till|through|thru)\s+|-")
_BETWEEN_SEPARATOR = re.compile(r"\s+and\s+")
_NAMES_A_YEAR = re.compile(rf"\b{_YEAR4}s?\b|\byear\b")


def _parse_range(
    cleaned: str,
    anchor: _Anchor,
    tense: _TenseArg,
    text: str,
    reference: TemporalValue | None = None,
) -> _Result:
    body = _strip_leading_words(cleaned)  # "from March to May"
    between = body.startswith("between ")
    if between:
        body = body[len("between ") :]
    if between and _BETWEEN_SEPARATOR.search(body):
        separators = _BETWEEN_SEPARATOR.finditer(body)
    else:  # "between 7-10 June" is the range "7-10 June"
        separators = _RANGE_SEPARATOR.finditer(body)
    for separator in separators:  # the first split where both sides are dates
        first_words, last_words = body[: separator.start()], body[separator.end() :]
        joined = _join_endpoints(first_words, last_words, anchor, tense, text, reference)
        if joined is not None:
            return joined
    return None


def _parse_day_pair(
    cleaned: str,
    anchor: _Anchor,
    tense: _TenseArg,
    text: str,
    reference: TemporalValue | None = None,
) -> _Result:
    """ "May 18 and 19": two consecutive days joined by "and" are the two-day span they cover."""
    body = _strip_leading_words(cleaned)
    for separator in _BETWEEN_SEPARATOR.finditer(body):
        first_words, last_words = body[: separator.start()], body[separator.end() :]
        joined = _join_endpoints(first_words, last_words, anchor, tense, text, reference)
        if joined is not None and joined.precision == "day" and joined.end - joined.start == timedelta(days=1):
            return joined
    return None


def _join_endpoints(
    first_words: str,
    last_words: str,
    anchor: _Anchor,
    tense: _TenseArg,
    text: str,
    reference: TemporalValue | None = None,
) -> _Result:
    # The last endpoint alone, else with the leading words of the first ("June 9-10, 2018").
    last_candidates = [last_words]
    first_tokens = first_words.split()
    last_candidates += [
        " ".join([*first_tokens[:cut], last_words]) for cut in range(1, len(first_tokens))
    ]
    for last_text in last_candidates:
        last = _parse_point(last_text, anchor, tense, text, reference)
        if last is not None:
            break
    else:
        return None
    # The first endpoint with the trailing words of the last ("9-10 June 2018"), else alone.
    last_tokens = last_text.split()
    first_candidates = [
        " ".join([first_words, *last_tokens[cut:]]) for cut in range(1, len(last_tokens))
    ]
    first_candidates.append(first_words)
    for first_text in first_candidates:
        first = _parse_point(first_text, anchor, tense, text, reference)
        if first is not None:
            break
    else:
        return None
    if first.start > last.start and not _NAMES_A_YEAR.search(first_words):
        first = _one_year_earlier(first)  # "November to February 2022": November 2021
    if first is None or first.start > last.start or first.end > last.end:
        return None
    precision = min(first.precision, last.precision, key=_PRECISION_RANK.__getitem__)
    return TemporalValue(first.start, last.end, precision, text)


def _one_year_earlier(value: TemporalValue) -> TemporalValue | None:
    if value.precision == "day":
        start = _safe_date(value.start.year - 1, value.start.month, value.start.day)
        end = _safe_date(value.end.year - 1, value.end.month, value.end.day)
        if start is None or end is None:
            return None
        return TemporalValue(start, end, value.precision, value.text)
    start = date(value.start.year - 1, value.start.month, 1)
    end = _month_end(value.end.year - 1, value.end.month)
    return TemporalValue(start, end, value.precision, value.text)


def normalize(
    text: str,
    anchor: date | None,
    *,
    tense: Tense | None = None,
    reference: TemporalValue | None = None,
) -> TemporalValue | None:
    """The span of days one temporal expression names, or None when it names none.

    ``anchor`` is the article's publication date; relative expressions ("last year", "in March",
    "on Thursday") resolve against it and give None without it. ``tense`` ("past" or "future", the
    tense of the governing verb) chooses between the last and the next such month or weekday and
    lets "in two weeks" be a point in time. ``reference`` is the time the text was last talking
    about: "the next day", "that day" and "the 18th" resolve against it (see the module's
    decisions). Today's date is never used.
    """
    if tense not in (None, "past", "future"):
        raise ValueError(f"tense must be 'past', 'future' or None, not {tense!r}")
    if isinstance(anchor, datetime):  # a datetime is a date; arithmetic must stay in days
        anchor = anchor.date()
    written = " ".join(text.split())
    cleaned = _clean(written)
    if not cleaned:
        return None
    point = _parse_point(cleaned, anchor, tense, written, reference)
    return (
        point
        or _parse_range(cleaned, anchor, tense, written, reference)
        or _parse_day_pair(cleaned, anchor, tense, written, reference)
    )


# --------------------------------------------------------------------------------------------
# Header lines
# --------------------------------------------------------------------------------------------

# "Date of publication:", "Published:", "Updated on", "Posted"
_HEADER_LABEL = re.compile(
    r"^(?:[^\d:]{1,40}:\s*"
    r"|(?:first\s+|last\s+)?(?:published|updated|posted|modified|dated?)(?:\s+(?:on|at))?\s+)?"
)
_HEADER_DATES: list[re.Pattern[str]] = [
    re.compile(r"(?P<year>[12]\d{3})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})"),
    re.compile(r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>[12]\d{3})"),
    re.compile(r"(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>[12]\d{3})"),
    re.compile(
        rf"(?:{_ANY_WEEKDAY}\s+)?"
        rf"(?:(?P<day_first>{_DAY})\s+(?:of\s+)?(?P<month_after_day>{_MONTH})"
        rf"|(?P<month_first>{_MONTH})\s+(?P<day_after_month>{_DAY}))"
        rf"\s+(?P<year>{_YEAR4})\b"
    ),
]
# What may follow the date on its line: a time ("10:32", "T10:32:00Z", "at 10:32 GMT"), or a
# separator and a byline/source ("| Reuters", "by Jane Doe"). Anything else (a headline that merely
# contains a date) means the line is not a date line.
_HEADER_TRAILER = re.compile(
    r"\s*(?:(?:t|at|@|-|\|)?\s*\d{1,2}[:.]\d{2}\b.*|[|\u00b7\u2022-]\s.*|by\s.*)?"
)


def _header_match_to_date(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("first"):
        return _slashed_to_date(int(groups["first"]), int(groups["second"]), year)
    if groups.get("month") is not None:
        return _safe_date(year, int(groups["month"]), int(groups["day"]))
    month = _MONTHS[groups["month_after_day"] or groups["month_first"]]
    day = _day_number(groups["day_first"] or groups["day_after_month"])
    return _safe_date(year, month, day)


def parse_header_date(text: str) -> date | None:
    """The full date on an article's header line, or None when day, month or year is missing.

    Reads lines such as "Date of publication: 25 April 2022", "Published: April 25, 2022 10:32",
    "2022-04-25", "25.04.2022", "Mon, 25 Apr 2022 10:32:00 +0000". The line must be the date
    (with an optional label, time or byline): a headline that mentions a date is not a date line.
    """
    line = _fold(text).strip(" .;!?\"'()[]")
    rest = _HEADER_LABEL.sub("", line, count=1)
    for pattern in _HEADER_DATES:
        match = pattern.match(rest)
        if match and _HEADER_TRAILER.fullmatch(rest[match.end() :]):
            return _header_match_to_date(match)
    return None


# --------------------------------------------------------------------------------------------
# Wire datelines
# --------------------------------------------------------------------------------------------

# "BRUSSELS, June 14 (Reuters) -", "NAIROBI, Kenya (AP) —", "LONDON/DUBAI, Oct 4 (Reuters) -",
# "Geneva, 12 May 2023 –", "Beijing, April 25 (Xinhua) --", "BRUSSELS —". The place is written in
# capitals, or in ordinary case when a date or an agency follows it; then the dash of the dateline.
_DATELINE_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATELINE = re.compile(
    r"(?P<place>(?P<caps>[A-Z][A-Z.'’\-]+(?:[ /][A-Z][A-Z.'’\-]+){0,3})"
    r"|[A-Z][a-z.'’\-]+(?:[ \-][A-Z][a-z.'’\-]+){0,2})"
    r"(?P<region>,[ ]?[A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*){0,2}(?=[ ,(—–-]))?"
    rf"(?P<date>,?[ ](?:\d{{1,2}}[ ]{_DATELINE_MONTH}(?:,?[ ]\d{{4}})?|{_DATELINE_MONTH}[ ]\d{{1,2}}(?:,[ ]\d{{4}})?))?"
    r"(?P<agency>[ ]?\([A-Z][\w .&'’\-]{0,30}\))?"
    r"[ ]?(?P<dash>--?|–|—)[ ]+(?=\S)"
)
_MAX_DATELINE_PARAGRAPH = 1  # wire copy carries its dateline at the start of the first paragraph


@dataclass(frozen=True)
class Dateline:
    """The dateline that opens an article's body: where (and when) the story was filed."""

    start: int  # character offsets of the whole dateline, dash and following space included
    end: int
    place: str  # as written: "BRUSSELS", "LONDON/DUBAI", "Geneva"
    date_text: str | None  # "June 14", "12 May 2023"
    agency: str | None  # "Reuters", "AP"


def find_dateline(text: str) -> Dateline | None:
    """The wire dateline at the start of the body, or None.

    A place in capitals needs nothing else ("BRUSSELS —"); one word in capitals of four letters or
    fewer ("NATO —") needs a date or an agency, as does a place in ordinary case ("Geneva, 12 May
    2023 –"), so that a sentence that merely starts with a name and a dash is not taken for one.
    """
    offset = len(text) - len(text.lstrip())
    match = _DATELINE.match(text, offset)
    if match is None:
        return None
    dated = bool(match.group("date") or match.group("agency"))
    caps = match.group("caps")
    if caps and not dated and len(caps.replace(".", "")) <= 4 and " " not in caps and "/" not in caps:
        return None
    if not caps and not dated:
        return None
    if caps and caps.isupper() and not any(len(word) >= 3 for word in re.split(r"[ /]", caps)):
        return None  # "U.S. -": an abbreviation, not a place line
    agency = match.group("agency")
    return Dateline(
        start=match.start(),
        end=match.end(),
        place=match.group("place") + (match.group("region") or ""),
        date_text=(match.group("date") or "").strip(" ,") or None,
        agency=agency.strip(" ()") if agency else None,
    )
