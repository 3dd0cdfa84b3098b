"""Extraction quality against hand-written gold annotations: precision, recall and F1 per extractor.

A set is a folder of JSON Lines files (``benchmarks/quality/dev`` by default). Each record is an
article the CLI can ingest as it is (``text``, ``title``, ``published``, ``source``, ``license``) plus
``gold``:

    entities   [{"name", "type", "aliases": [...], "optional"?}]   every named actor of the text
    relations  [{"source", "kind", "target"}]                       typed ties, by gold entity name
    events     [{"date", "precision", "words": [...], "actors": [...], "optional"?}]
    quotes     [{"kind", "speaker" (gold entity name or null), "text" (first words), "optional"?}]

An ``optional`` item is one where either answer is defensible: matching it scores nothing, and
missing it costs nothing. The real pipeline runs on the records (``newsgraph.sources.from_record``,
then ``newsgraph.nlp.process``), and each extractor is scored so:

- entities: a predicted entity matches a gold one when the canonical name of either is among the
  other's names (canonical or alias, compared with ``names.identity_key``; a country under any of its
  names) and the types agree (GPE, LOC and FAC are one place type). A second prediction for the same
  gold entity (a split) is a false positive.
- typed relations: (source, kind, target) over matched entities, symmetric kinds unordered;
  co-occurrence and "statement" are not scored (statements are scored as quotes).
- events: date and precision equal (one-to-one, the closest summary by key words wins); for the
  matched ones, how many share an actor with the gold event and how many gold key words the summary has.
- quotes: the same kind and the gold first words inside the predicted text; speaker accuracy is
  the share of matched quotes whose speaker is the gold one (an unresolvable speaker is null).

    python -m benchmarks.quality                              # the dev set
    python -m benchmarks.quality --set benchmarks/quality/holdout --verbose
    python -m benchmarks.quality --json out.json --baseline benchmarks/quality/results/dev-before.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: python benchmarks/quality.py
    sys.path.insert(0, str(ROOT))

from newsgraph.names import country_of, identity_key  # noqa: E402

DEFAULT_SET = ROOT / "benchmarks" / "quality" / "dev"
PLACE_TYPES = {"GPE", "LOC", "FAC"}
SYMMETRIC_KINDS = {"meeting", "agreement", "cooperation"}
UNSCORED_RELATION_KINDS = {"co-occurrence", "statement"}


# --------------------------------------------------------------------------------------------
# Counting


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 3),
                "recall": round(self.recall, 3), "f1": round(self.f1, 3)}


@dataclass
class Ratio:
    hits: int = 0
    total: int = 0

    def add(self, other: "Ratio") -> None:
        self.hits += other.hits
        self.total += other.total

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 1.0

    def as_dict(self) -> dict:
        return {"hits": self.hits, "total": self.total, "value": round(self.value, 3)}


@dataclass
class ArticleResult:
    article: str
    scores: dict[str, Score] = field(default_factory=dict)
    ratios: dict[str, Ratio] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Entities


def _type_group(type_: str) -> str:
    return "PLACE" if type_ in PLACE_TYPES else type_


def _keys(names: Iterable[str]) -> set[str]:
    keys = set()
    for name in names:
        key = identity_key(name)
        if key:
            keys.add(key)
        country = country_of(name)
        if country is not None:
            keys.add(f"country:{country.code}")
    return keys


def _canonical_keys(name: str) -> set[str]:
    return _keys([name])


def entity_matches(gold: dict, predicted: dict) -> bool:
    """Canonical name of one among the other's names (alias matching), in either direction."""
    gold_all = _keys([gold["name"], *gold.get("aliases", [])])
    predicted_all = _keys([predicted["name"], *predicted.get("aliases", [])])
    return bool(_canonical_keys(predicted["name"]) & gold_all or _canonical_keys(gold["name"]) & predicted_all)


def match_entities(gold: list[dict], predicted: list[dict]) -> tuple[Score, dict[int, str | None], list[str], Score]:
    """(typed score, predicted local id -> gold name, errors, score ignoring types)."""
    score, untyped = Score(), Score()
    mapping: dict[int, str | None] = {}
    taken: set[str] = set()
    errors: list[str] = []
    # Canonical-name matches first, so that an alias match never steals a gold entity.
    order = sorted(predicted, key=lambda p: not any(_canonical_keys(p["name"]) & _canonical_keys(g["name"]) for g in gold))
    for entity in order:
        candidates = [g for g in gold if entity_matches(g, entity)]
        typed = [g for g in candidates if _type_group(g["type"]) == _type_group(entity["type"])]
        chosen = (typed or candidates or [None])[0]
        mapping[entity["local_id"]] = chosen["name"] if chosen else None
        if chosen is None:
            score.fp += 1
            untyped.fp += 1
            errors.append(f"entity FP: {entity['name']!r} {entity['type']} aliases={entity.get('aliases')}")
            continue
        if chosen.get("optional"):
            continue
        if chosen["name"] in taken:
            score.fp += 1
            untyped.fp += 1
            errors.append(f"entity FP (split of {chosen['name']!r}): {entity['name']!r} {entity['type']}")
            continue
        taken.add(chosen["name"])
        untyped.tp += 1
        if typed:
            score.tp += 1
        else:
            score.fp += 1
            errors.append(f"entity type: {entity['name']!r} is {entity['type']}, gold {chosen['type']}")
            taken.add(chosen["name"] + "\x00typed-miss")
    for g in gold:
        if g.get("optional") or g["name"] in taken:
            continue
        score.fn += 1
        untyped.fn += 1
        errors.append(f"entity FN: {g['name']!r} {g['type']}")
    for g in gold:
        if g["name"] + "\x00typed-miss" in taken:
            score.fn += 1
    return score, mapping, errors, untyped


# --------------------------------------------------------------------------------------------
# Relations


def _relation_key(source: str, kind: str, target: str) -> tuple[str, str, str]:
    if kind in SYMMETRIC_KINDS and source > target:
        source, target = target, source
    return source, kind, target


def match_relations(gold: list[dict], predicted: list[dict], mapping: dict[int, str | None], entities: list[dict],
                    optional_names: set[str]) -> tuple[Score, list[str]]:
    names = {e["local_id"]: e["name"] for e in entities}
    gold_keys = {_relation_key(r["source"], r["kind"], r["target"]) for r in gold}
    found: set[tuple[str, str, str]] = set()
    unmatched: set[tuple[str, str, str]] = set()
    for relation in predicted:
        if relation["kind"] in UNSCORED_RELATION_KINDS:
            continue
        source, target = mapping.get(relation["source"]), mapping.get(relation["target"])
        if source is None or target is None:
            unmatched.add((names.get(relation["source"], "?") + "*", relation["kind"], names.get(relation["target"], "?") + "*"))
            continue
        key = _relation_key(source, relation["kind"], target)
        if key in gold_keys:
            found.add(key)
        elif not ({source, target} & optional_names):
            unmatched.add(key)
    score = Score(tp=len(found), fp=len(unmatched), fn=len(gold_keys - found))
    errors = [f"relation FP: {s} -{k}-> {t}" for s, k, t in sorted(unmatched)]
    errors += [f"relation FN: {s} -{k}-> {t}" for s, k, t in sorted(gold_keys - found)]
    return score, errors


# --------------------------------------------------------------------------------------------
# Events


def _word_hits(words: list[str], summary: str) -> int:
    summary_words = [w.casefold() for w in re.findall(r"[\w'’-]+", summary)]
    hits = 0
    for word in words:
        w = word.casefold()
        stem = w[: max(4, len(w) - 3)] if len(w) > 4 else w
        if any(s == w or (len(stem) >= 4 and s.startswith(stem)) for s in summary_words) or (" " in w and w in summary.casefold()):
            hits += 1
    return hits


def match_events(gold: list[dict], predicted: list[dict], mapping: dict[int, str | None]) -> tuple[Score, Score, Ratio, Ratio, list[str]]:
    """(date score, date+actor score, actor overlap, key words, errors)."""
    score, with_actors = Score(), Score()
    actors_ratio, words_ratio = Ratio(), Ratio()
    errors: list[str] = []
    taken: set[int] = set()
    for g in sorted(gold, key=lambda g: bool(g.get("optional"))):
        candidates = [k for k, p in enumerate(predicted) if k not in taken and p["date"] == g["date"] and p["precision"] == g["precision"]]
        if not candidates:
            if not g.get("optional"):
                score.fn += 1
                with_actors.fn += 1
                errors.append(f"event FN: {g['date']} ({g['precision']}) {' '.join(g['words'])}")
            continue
        best = max(candidates, key=lambda k: (_word_hits(g["words"], predicted[k]["summary"]), -k))
        taken.add(best)
        if g.get("optional"):
            continue
        p = predicted[best]
        score.tp += 1
        actors = {mapping.get(a) for a in p["actors"]} - {None}
        overlap = bool(actors & set(g["actors"])) or (not g["actors"] and not actors)
        actors_ratio.add(Ratio(int(overlap), 1))
        if overlap:
            with_actors.tp += 1
        else:
            with_actors.fp += 1
            with_actors.fn += 1
            errors.append(f"event actors: {p['date']} {p['summary']!r} actors={sorted(actors)} gold={g['actors']}")
        hits = _word_hits(g["words"], p["summary"])
        words_ratio.add(Ratio(hits, len(g["words"])))
    for k, p in enumerate(predicted):
        if k in taken:
            continue
        score.fp += 1
        with_actors.fp += 1
        errors.append(f"event FP: {p['date']} ({p['precision']}) {p['summary']!r} [{p['date_text']!r}]")
    return score, with_actors, actors_ratio, words_ratio, errors


# --------------------------------------------------------------------------------------------
# Quotes


def _normalized(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'").casefold()
    text = re.sub(r"[\"“”«»„]", " ", text)
    text = re.sub(r"[^\w' ]+", " ", text)
    return " ".join(text.split())


def _speaker_ok(gold_speaker: str | None, quote: dict, mapping: dict[int, str | None], gold_entities: list[dict]) -> bool:
    if gold_speaker is None:
        return quote["speaker"] is None
    local = quote.get("speaker_local")
    if local is not None:
        return mapping.get(local) == gold_speaker
    if quote["speaker"] is None:
        return False
    gold_entity = next((e for e in gold_entities if e["name"] == gold_speaker), None)
    return gold_entity is not None and entity_matches(gold_entity, {"name": quote["speaker"], "aliases": []})


def match_quotes(gold: list[dict], predicted: list[dict], mapping: dict[int, str | None], gold_entities: list[dict]
                 ) -> tuple[dict[str, Score], Score, Ratio, list[str]]:
    """(text score per kind and "all", speaker+text score, speaker accuracy, errors)."""
    by_kind = {"direct": Score(), "reported": Score(), "all": Score()}
    with_speaker = Score()
    accuracy = Ratio()
    errors: list[str] = []
    texts = [_normalized(q["text"]) for q in predicted]
    taken: set[int] = set()
    for g in sorted(gold, key=lambda g: bool(g.get("optional"))):
        snippet = _normalized(g["text"])
        candidates = [k for k, q in enumerate(predicted) if k not in taken and q["kind"] == g["kind"] and snippet and snippet in texts[k]]
        if not candidates:
            if not g.get("optional"):
                by_kind[g["kind"]].fn += 1
                by_kind["all"].fn += 1
                with_speaker.fn += 1
                errors.append(f"quote FN: {g['kind']} {g['speaker']!r}: {g['text']!r}")
            continue
        best = max(candidates, key=lambda k: (_speaker_ok(g["speaker"], predicted[k], mapping, gold_entities), texts[k].startswith(snippet), -k))
        taken.add(best)
        if g.get("optional"):
            continue
        by_kind[g["kind"]].tp += 1
        by_kind["all"].tp += 1
        ok = _speaker_ok(g["speaker"], predicted[best], mapping, gold_entities)
        accuracy.add(Ratio(int(ok), 1))
        if ok:
            with_speaker.tp += 1
        else:
            with_speaker.fp += 1
            with_speaker.fn += 1
            errors.append(f"quote speaker: {g['kind']} {g['text']!r}: got {predicted[best]['speaker']!r} "
                          f"(as {predicted[best].get('speaker_text')!r}), gold {g['speaker']!r}")
    for k, q in enumerate(predicted):
        if k in taken:
            continue
        by_kind[q["kind"]].fp += 1
        by_kind["all"].fp += 1
        with_speaker.fp += 1
        errors.append(f"quote FP: {q['kind']} {q['speaker']!r} [{q.get('cue')}]: {q['text'][:90]!r}")
    return by_kind, with_speaker, accuracy, errors


# --------------------------------------------------------------------------------------------
# Running a set


def read_set(folder: Path) -> list[dict]:
    records = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                records.append(json.loads(line))
    return records


def evaluate(records: list[dict], *, model: str | None = None) -> tuple[list[ArticleResult], float]:
    from newsgraph.nlp import process
    from newsgraph.sources import Article, from_record

    articles = []
    for record in records:
        article = from_record(record, record.get("id", "?"))
        if not isinstance(article, Article):
            raise SystemExit(f"{record.get('id')}: {article}")
        articles.append(article)
    started = time.perf_counter()
    outputs = list(process(articles, model=model))
    seconds = time.perf_counter() - started
    results = []
    for record, output in zip(records, outputs):
        results.append(score_article(record, output))
    return results, seconds


def score_article(record: dict, output) -> ArticleResult:
    gold = record["gold"]
    result = ArticleResult(record.get("id", "?"))
    entity_score, mapping, errors, untyped = match_entities(gold["entities"], output.entities)
    result.scores["entities"] = entity_score
    result.scores["entities (any type)"] = untyped
    result.errors += errors
    optional_names = {e["name"] for e in gold["entities"] if e.get("optional")}
    relation_score, errors = match_relations(gold.get("relations", []), output.relations, mapping, output.entities, optional_names)
    result.scores["typed relations"] = relation_score
    result.errors += errors
    event_score, event_actor_score, actors, words, errors = match_events(gold.get("events", []), output.events, mapping)
    result.scores["events (date+precision)"] = event_score
    result.scores["events (+actor overlap)"] = event_actor_score
    result.ratios["event actor overlap"] = actors
    result.ratios["event summary key words"] = words
    result.errors += errors
    by_kind, with_speaker, accuracy, errors = match_quotes(gold.get("quotes", []), output.quotes, mapping, gold["entities"])
    result.scores["quotes (text)"] = by_kind["all"]
    result.scores["quotes direct"] = by_kind["direct"]
    result.scores["quotes reported"] = by_kind["reported"]
    result.scores["quotes (speaker+text)"] = with_speaker
    result.ratios["speaker accuracy"] = accuracy
    result.errors += errors
    return result


def totals(results: list[ArticleResult]) -> tuple[dict[str, Score], dict[str, Ratio]]:
    scores: dict[str, Score] = {}
    ratios: dict[str, Ratio] = {}
    for result in results:
        for name, score in result.scores.items():
            scores.setdefault(name, Score()).add(score)
        for name, ratio in result.ratios.items():
            ratios.setdefault(name, Ratio()).add(ratio)
    return scores, ratios


def report(results: list[ArticleResult], *, baseline: dict | None = None, verbose: bool = False) -> str:
    scores, ratios = totals(results)
    lines = []
    if verbose:
        for result in results:
            lines.append(f"== {result.article}")
            lines.extend(f"   {error}" for error in result.errors)
        lines.append("")
    header = f"{'extractor':28} {'P':>6} {'R':>6} {'F1':>6}   {'tp':>4} {'fp':>4} {'fn':>4}"
    if baseline:
        header += f"   {'F1 before':>9} {'change':>7}"
    lines.append(header)
    lines.append("-" * len(header))
    for name, score in scores.items():
        line = f"{name:28} {score.precision:6.2f} {score.recall:6.2f} {score.f1:6.2f}   {score.tp:4} {score.fp:4} {score.fn:4}"
        if baseline and name in baseline.get("scores", {}):
            before = baseline["scores"][name]["f1"]
            line += f"   {before:9.2f} {score.f1 - before:+7.2f}"
        lines.append(line)
    for name, ratio in ratios.items():
        line = f"{name:28} {ratio.value:6.2f} {'':6} {'':6}   {ratio.hits:4}/{ratio.total:<4}"
        if baseline and name in baseline.get("ratios", {}):
            before = baseline["ratios"][name]["value"]
            line += f"{'':5}{before:9.2f} {ratio.value - before:+7.2f}"
        lines.append(line)
    return "\n".join(lines)


def as_json(results: list[ArticleResult], seconds: float, folder: Path) -> dict:
    scores, ratios = totals(results)
    return {
        "set": str(folder),
        "articles": len(results),
        "seconds": round(seconds, 2),
        "scores": {name: score.as_dict() for name, score in scores.items()},
        "ratios": {name: ratio.as_dict() for name, ratio in ratios.items()},
        "per_article": {
            r.article: {"scores": {n: s.as_dict() for n, s in r.scores.items()}, "errors": r.errors} for r in results
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", dest="folder", type=Path, default=DEFAULT_SET, help="folder of *.jsonl gold articles")
    parser.add_argument("--model", default=None, help="spaCy model name (default: the pipeline's default)")
    parser.add_argument("--only", action="append", default=[], help="score only the article with this id (repeatable)")
    parser.add_argument("--verbose", action="store_true", help="list every error per article")
    parser.add_argument("--json", dest="json_out", type=Path, help="write the figures and errors to this file")
    parser.add_argument("--baseline", type=Path, help="a --json file from an earlier run, to print the change")
    args = parser.parse_args(argv)

    records = read_set(args.folder)
    if args.only:
        records = [r for r in records if r.get("id") in args.only]
    if not records:
        print(f"no gold articles in {args.folder}", file=sys.stderr)
        return 2
    results, seconds = evaluate(records, model=args.model)
    baseline = json.loads(args.baseline.read_text()) if args.baseline else None
    print(f"{len(records)} articles from {args.folder} in {seconds:.1f} s")
    print(report(results, baseline=baseline, verbose=args.verbose))
    if args.json_out:
        args.json_out.parent.mkdir(parents=True, exist_ok=True)
        args.json_out.write_text(json.dumps(as_json(results, seconds, args.folder), indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
