import os
import stat
from pathlib import Path

import plotly.graph_objects as go
import pytest

from components import charts
from components.charts import chart_config, file_stem, finish_figure, wrap_caption


@pytest.mark.parametrize(
    "view, stem",
    [
        ("Organizations tied in the news", "newsgraph-organizations-tied-in-the-news"),
        ("Around ECOWAS: organizations within 2 ties", "newsgraph-around-ecowas-organizations-within-2-ties"),
        ("Who is quoted most on “gas”", "newsgraph-who-is-quoted-most-on-gas"),
        ("", "newsgraph"),
    ],
)
def test_file_names_are_named_after_the_view(view, stem):
    assert file_stem(view) == stem


def test_the_camera_saves_a_slide_sized_png_named_after_the_view():
    options = chart_config("Events involving NATO")["toImageButtonOptions"]
    assert options == {"format": "png", "filename": "newsgraph-events-involving-nato", "width": 1600, "height": 900, "scale": 2}


def test_long_captions_wrap_at_words():
    caption = "Actors: African Union and ECOWAS · Between 2019-01-01 and 2020-12-31 · Source: 1,200 articles, 2015-07-09 to 2025-09-01"
    lines = wrap_caption(caption, width=60).split("<br>")
    assert len(lines) == 3 and all(len(line) <= 60 for line in lines)
    assert " ".join(lines) == caption


def test_finish_figure_puts_title_and_caption_in_the_image():
    fig = finish_figure(go.Figure(), title="Events <2020>", caption="No filters · Source: 3 articles")
    assert fig.layout.title.text == "<b>Events &lt;2020&gt;</b>"
    assert fig.layout.title.subtitle.text == "No filters · Source: 3 articles"
    assert fig.layout.legend.yref == "container"


def test_browser_path_honours_the_setting(monkeypatch, tmp_path):
    fake = tmp_path / "chrome"
    fake.write_text("#!/bin/sh\n")
    monkeypatch.setenv("BROWSER_PATH", str(fake))
    assert charts.browser_path() == str(fake)
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "missing"))
    assert charts.browser_path() is None


def test_without_a_browser_there_is_no_export_path(monkeypatch, tmp_path):
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setattr(charts, "CHROMIUM", tmp_path / "no-chromium")
    assert charts.browser_path() is None


def test_the_default_is_a_headless_wrapper_around_chromium(monkeypatch, tmp_path):
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    chromium = tmp_path / "chromium"
    chromium.write_text("#!/bin/sh\n")
    monkeypatch.setattr(charts, "CHROMIUM", chromium)
    monkeypatch.setattr(charts.tempfile, "gettempdir", lambda: str(tmp_path))
    wrapper = Path(charts.browser_path())
    script = wrapper.read_text()
    assert script.startswith("#!/bin/sh\nexec " + str(chromium))
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"):
        assert flag in script
    assert wrapper.stat().st_mode & stat.S_IXUSR and os.access(wrapper, os.X_OK)


@pytest.mark.skipif(not charts.CHROMIUM.exists(), reason="needs /usr/bin/chromium")
@pytest.mark.parametrize("fmt, magic", [("png", b"\x89PNG"), ("svg", b"<svg")])
def test_server_side_export_makes_a_slide_sized_image(monkeypatch, fmt, magic):
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    fig = finish_figure(go.Figure(go.Bar(x=["ASEAN", "NATO"], y=[3, 5])), title="Test", caption="Source: 2 articles")
    image = charts.figure_image(fig.to_dict(), fmt=fmt, browser=charts.browser_path())
    assert image.lstrip()[: len(magic)] == magic
    if fmt == "png":
        width, height = int.from_bytes(image[16:20], "big"), int.from_bytes(image[20:24], "big")
        assert (width, height) == (1600 * 2, 900 * 2)
