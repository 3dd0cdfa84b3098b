"""Every setting is documented in the README, with its real default, and nothing else is."""

from __future__ import annotations

import re

import pytest

from newsgraph import config
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
ROW = re.compile(r"^\| `(?P<name>[A-Z_]+)` \| (?P<default>[^|]+) \| (?P<help>[^|]+) \|$", re.M)
DOCUMENTED = {m["name"]: m for m in ROW.finditer(README)}


@pytest.mark.parametrize("setting", config.SETTINGS, ids=lambda s: s.name)
def test_setting_is_documented_with_its_default(setting):
    assert setting.name in DOCUMENTED, f"{setting.name} is missing from the README's configuration table"
    documented_default = DOCUMENTED[setting.name]["default"].strip()
    expected = f"`{setting.default}`" if setting.default else "(empty)"
    assert documented_default == expected


def test_readme_documents_no_setting_the_code_lacks():
    assert set(DOCUMENTED) == {s.name for s in config.SETTINGS}


def test_code_reads_no_undocumented_environment_variable():
    names = {s.name for s in config.SETTINGS}
    used = set()
    for folder in ("newsgraph", "components", "pages"):
        for path in (ROOT / folder).rglob("*.py"):
            used |= set(re.findall(r"\b(NEWSGRAPH_[A-Z_]+)\b", path.read_text(encoding="utf-8")))
    assert used <= names


@pytest.mark.parametrize(
    "value, expected",
    [("20", 20 * 1024 * 1024), ("0.5", 512 * 1024), ("", 20 * 1024 * 1024)],
)
def test_max_file_size_setting(monkeypatch, value, expected):
    monkeypatch.setenv("NEWSGRAPH_MAX_FILE_MB", value)
    assert config.max_file_bytes() == expected


@pytest.mark.parametrize("value", ["zero", "-1", "0"])
def test_bad_setting_values_name_the_setting(monkeypatch, value):
    monkeypatch.setenv("NEWSGRAPH_MAX_FILE_MB", value)
    with pytest.raises(ValueError, match="NEWSGRAPH_MAX_FILE_MB"):
        config.max_file_bytes()
