"""Entity overrides: a reviewable TOML file of merge / split / rename / hide rules.

The file (``NEWSGRAPH_OVERRIDES``, default ``data/aliases.toml``) is a list of ``[[rule]]`` tables,
applied in file order after automatic resolution, at every ingest and by ``apply_overrides`` (or
``python -m newsgraph overrides apply``) on an existing store, without reprocessing any text::

    [[rule]]
    action = "merge"                  # these are one entity; the first one's id is kept
    entities = ["sco", "Shanghai Cooperation Organisation"]   # ids, names or aliases
    name = "Shanghai Cooperation Organization"                # optional name to show
    note = "same organization, British spelling"              # optional, for reviewers

    [[rule]]
    action = "split"                  # move some of an entity's names/articles to a new entity
    entity = "sco"
    names = ["Southern Cone Organization"]   # local names (or aliases) that move ...
    articles = []                            # ... or every mention in these article ids
    name = "Southern Cone Organization"

    [[rule]]
    action = "rename"
    entity = "vladimir-putin"
    name = "Vladimir V. Putin"

    [[rule]]
    action = "hide"                   # not shown anywhere (the text keeps its mentions)
    entity = "covid-19"

For the app (the Articles page): ``list_rules``, ``add_rule``, ``remove_rule`` and ``undo_last``
edit the file as text, so comments and the order of rules stay as a reviewer left them; each write
goes to a temporary file renamed over the old one, so a reader never sees half a file.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from newsgraph import config
from newsgraph.resolve import Rule

ACTIONS = ("merge", "split", "rename", "hide")
_RULE_HEADER = re.compile(r"^\s*\[\[\s*rule\s*\]\]\s*(#.*)?$")

HEADER = """\
# Newsgraph entity overrides: corrections to how names are grouped into entities.
# Rules apply in this order after automatic resolution, at ingest and with
#   python -m newsgraph overrides apply
# Actions: merge (entities = [...], name = optional), split (entity, names or articles, name),
# rename (entity, name), hide (entity). Entities are named by id, name or alias.
"""


class OverridesError(ValueError):
    """The overrides file cannot be read or a rule is malformed; the message names file and rule."""


def default_path() -> Path:
    return config.overrides_path()


# --------------------------------------------------------------------------------------------
# Reading


def parse_rules(text: str, *, origin: str = "<overrides>") -> list[Rule]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise OverridesError(f"{origin}: not valid TOML: {error}") from None
    unknown = set(data) - {"rule"}
    if unknown:
        raise OverridesError(f"{origin}: unknown table(s) {', '.join(sorted(unknown))}; rules are [[rule]] tables")
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise OverridesError(f"{origin}: 'rule' must be an array of tables ([[rule]])")
    return [rule_from_dict(raw, origin=f"{origin}: rule {number}") for number, raw in enumerate(raw_rules, start=1)]


def rule_from_dict(raw: dict, *, origin: str = "rule") -> Rule:
    if not isinstance(raw, dict):
        raise OverridesError(f"{origin}: must be a table")
    action = raw.get("action")
    if action not in ACTIONS:
        raise OverridesError(f"{origin}: action must be one of {', '.join(ACTIONS)}, not {action!r}")
    allowed = {"action", "entity", "entities", "name", "names", "articles", "note"}
    extra = set(raw) - allowed
    if extra:
        raise OverridesError(f"{origin}: unknown field(s) {', '.join(sorted(extra))}")

    def strings(key: str) -> tuple[str, ...]:
        value = raw.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise OverridesError(f"{origin}: {key} must be a list of non-empty strings")
        return tuple(v.strip() for v in value)

    entities = strings("entities") + strings("entity")
    name = raw.get("name")
    if name is not None and (not isinstance(name, str) or not name.strip()):
        raise OverridesError(f"{origin}: name must be a non-empty string")
    note = raw.get("note")
    if note is not None and not isinstance(note, str):
        raise OverridesError(f"{origin}: note must be a string")
    rule = Rule(action=action, entities=entities, name=name.strip() if name else None, names=strings("names"),
                articles=strings("articles"), note=note)
    _check(rule, origin)
    return rule


def _check(rule: Rule, origin: str) -> None:
    if rule.action == "merge" and len(rule.entities) < 2:
        raise OverridesError(f"{origin}: merge needs at least two entities")
    if rule.action in ("split", "rename", "hide") and not rule.entities:
        raise OverridesError(f"{origin}: {rule.action} needs an entity")
    if rule.action in ("split", "rename") and len(rule.entities) != 1:
        raise OverridesError(f"{origin}: {rule.action} takes exactly one entity")
    if rule.action == "rename" and not rule.name:
        raise OverridesError(f"{origin}: rename needs a name")
    if rule.action == "split" and not (rule.names or rule.articles):
        raise OverridesError(f"{origin}: split needs names or articles to move")


def load_rules(path: str | Path | None = None) -> list[Rule]:
    """The rules of the overrides file; no file means no rules."""
    file = Path(path) if path is not None else default_path()
    if not file.exists():
        return []
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        raise OverridesError(f"{file}: cannot read: {error}") from None
    return parse_rules(text, origin=str(file))


list_rules = load_rules


def rule_to_dict(rule: Rule) -> dict:
    data: dict = {"action": rule.action}
    if rule.action == "merge":
        data["entities"] = list(rule.entities)
    else:
        data["entity"] = rule.entities[0]
    if rule.name:
        data["name"] = rule.name
    if rule.names:
        data["names"] = list(rule.names)
    if rule.articles:
        data["articles"] = list(rule.articles)
    if rule.note:
        data["note"] = rule.note
    return data


# --------------------------------------------------------------------------------------------
# Editing the file as text


@dataclass
class _Layout:
    header: str
    blocks: list[str] = field(default_factory=list)  # each: its comment lines + [[rule]] + body


def _layout(text: str) -> _Layout:
    """Split the file into a header and one text block per rule; comments right above a rule go with it."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if _RULE_HEADER.match(line)]
    if not starts:
        return _Layout(text)
    block_starts = []
    for start in starts:
        begin = start
        while begin > 0 and lines[begin - 1].lstrip().startswith("#"):
            begin -= 1
        block_starts.append(begin)
    # The file's own header comment is not a rule's comment when a blank line separates them.
    if block_starts[0] == 0 and starts[0] > 0:
        block_starts[0] = starts[0]
    header = "".join(lines[: block_starts[0]])
    blocks = []
    for k, begin in enumerate(block_starts):
        end = block_starts[k + 1] if k + 1 < len(block_starts) else len(lines)
        blocks.append("".join(lines[begin:end]))
    return _Layout(header, blocks)


def _render(layout: _Layout) -> str:
    parts = [layout.header] if layout.header else []
    for block in layout.blocks:
        if parts and not parts[-1].endswith("\n\n"):
            parts[-1] = parts[-1].rstrip("\n") + "\n\n"
        parts.append(block)
    return "".join(parts).rstrip("\n") + "\n"


def _block_for(rule: Rule) -> str:
    # Every value of a rule is a string or a list of strings, so its table dumps as plain
    # "key = value" lines under its own [[rule]] header.
    body = tomli_w.dumps(rule_to_dict(rule))
    return "[[rule]]\n" + (body if body.endswith("\n") else body + "\n")


def write_atomically(path: Path, text: str) -> None:
    """Write the whole file to a temporary sibling, then rename it over the old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else HEADER


def add_rule(rule: Rule | dict, path: str | Path | None = None) -> Rule:
    """Append a rule at the end of the file (created with a header if missing); returns it."""
    file = Path(path) if path is not None else default_path()
    if isinstance(rule, dict):
        rule = rule_from_dict(rule)
    else:
        _check(rule, "rule")
    text = _read_text(file)
    before = parse_rules(text, origin=str(file))
    layout = _layout(text)
    layout.blocks.append(_block_for(rule))
    new_text = _render(layout)
    if len(parse_rules(new_text, origin=str(file))) != len(before) + 1:
        raise OverridesError(f"{file}: could not add the rule without changing the others")
    write_atomically(file, new_text)
    return rule


def remove_rule(index: int, path: str | Path | None = None) -> Rule:
    """Remove the rule at ``index`` (0-based, file order; -1 is the last) with its comments."""
    file = Path(path) if path is not None else default_path()
    text = _read_text(file)
    rules = parse_rules(text, origin=str(file))
    layout = _layout(text)
    if len(layout.blocks) != len(rules):
        raise OverridesError(f"{file}: rules are not all written as [[rule]] tables; edit the file by hand")
    if not rules:
        raise OverridesError(f"{file}: there is no rule to remove")
    try:
        removed = rules[index]
        del layout.blocks[index]
    except IndexError:
        raise OverridesError(f"{file}: there is no rule {index}; it has {len(rules)}") from None
    write_atomically(file, _render(layout))
    return removed


def undo_last(path: str | Path | None = None) -> Rule | None:
    """Remove the last rule (the one added most recently); None when there is none."""
    file = Path(path) if path is not None else default_path()
    if not load_rules(file):
        return None
    return remove_rule(-1, file)


# --------------------------------------------------------------------------------------------
# Applying to a store


@dataclass(frozen=True)
class ApplyReport:
    rules: int
    entities_before: int
    entities_after: int
    problems: tuple[str, ...]


def apply_overrides(store, path: str | Path | None = None, *, rules: Sequence[Rule] | None = None) -> ApplyReport:
    """Re-resolve the store's entities with the file's rules in one transaction; no text is read.

    Only the resolved layer (entities, entity_map, entity_roles) is rewritten; articles, mentions,
    relations and the other record tables are untouched, and spaCy is never loaded.
    """
    from newsgraph.resolve import rebuild_entities

    chosen = list(rules) if rules is not None else load_rules(path)
    with store.transaction() as con:
        before = con.execute("SELECT count(*) FROM entities").fetchone()[0]
        problems = rebuild_entities(con, rules=chosen)
        after = con.execute("SELECT count(*) FROM entities").fetchone()[0]
    return ApplyReport(len(chosen), before, after, tuple(problems))
