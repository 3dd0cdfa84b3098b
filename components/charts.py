"""What every chart shares: a title that says what it shows, a caption (filters and source) inside the
figure so an exported image stands alone, slide-sized camera export, server-side PNG/SVG and CSV."""

from __future__ import annotations

import os
import re
import stat
import tempfile
import textwrap
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.style import FONT_FAMILY, INK, MUTED, SLIDE_HEIGHT, SLIDE_SCALE, SLIDE_WIDTH
from newsgraph import config

CHROMIUM = Path("/usr/bin/chromium")
HEADLESS_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def file_stem(view: str) -> str:
    """A file name for a view: 'Network: SCO, 2019' -> 'newsgraph-network-sco-2019'."""
    slug = re.sub(r"[^a-z0-9]+", "-", view.lower()).strip("-")
    return f"newsgraph-{slug[:80].rstrip('-')}" if slug else "newsgraph"


def wrap_caption(caption: str, *, width: int = 150) -> str:
    """Plotly does not wrap text: break a long caption into lines for the subtitle."""
    return "<br>".join(textwrap.wrap(caption, width=width, break_long_words=False)) or caption


def finish_figure(fig: go.Figure, *, title: str, caption: str, height: int = 620, wrap: int = 150) -> go.Figure:
    """Title, caption and a readable slide style; the caption is part of the image the camera saves.

    The legend sits at the foot of the figure, where it never collides with the caption; ``wrap``
    is the caption's line length in characters (smaller for charts in a column).
    """
    lines = wrap_caption(_escape_plotly(caption), width=wrap)
    fig.update_layout(
        title={
            "text": f"<b>{_escape_plotly(title)}</b>",
            "x": 0.01,
            "xanchor": "left",
            "font": {"size": 20, "color": INK},
            "subtitle": {"text": lines, "font": {"size": 13, "color": MUTED}},
        },
        font={"family": FONT_FAMILY, "size": 14, "color": INK},
        template="plotly_white",
        height=height,
        margin={"l": 20, "r": 20, "t": 84 + 17 * lines.count("<br>"), "b": 20},
        hoverlabel={"font": {"size": 13, "family": FONT_FAMILY}, "align": "left"},
        legend={"orientation": "h", "yref": "container", "y": 0.0, "yanchor": "bottom", "x": 0.0, "xanchor": "left",
                "font": {"size": 13}, "title": {"text": ""}},
    )
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def _escape_plotly(text: str) -> str:
    # Plotly reads a small HTML subset in titles; names with '<' or '&' must show as written.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def chart_config(view: str) -> dict:
    """Plotly config: the camera button saves a slide-sized PNG named after the view."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": "png",
            "filename": file_stem(view),
            "width": SLIDE_WIDTH,
            "height": SLIDE_HEIGHT,
            "scale": SLIDE_SCALE,
        },
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
    }


# ------------------------------------------------------------------------------------------------
# Server-side export (kaleido drives a headless Chromium)


def browser_path() -> str | None:
    """The browser kaleido should use: BROWSER_PATH if set, else a headless wrapper around Chromium."""
    configured = config.BROWSER_PATH.get()
    if configured:
        return configured if Path(configured).exists() else None
    if not CHROMIUM.exists():
        return None
    return str(_headless_wrapper())


def _headless_wrapper() -> Path:
    folder = Path(tempfile.gettempdir()) / f"newsgraph-browser-{os.getuid()}"
    wrapper = folder / "chromium-headless"
    script = "#!/bin/sh\nexec {} {} \"$@\"\n".format(CHROMIUM, " ".join(HEADLESS_FLAGS))
    if not wrapper.exists() or wrapper.read_text() != script:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".chromium-headless-{os.getpid()}"
        temporary.write_text(script)
        temporary.chmod(temporary.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        temporary.replace(wrapper)  # atomic, so two sessions never run a half-written script
    return wrapper


def figure_image(figure: dict, *, fmt: str, browser: str) -> bytes:
    """PNG or SVG bytes of a figure at slide size; MathJax off (it would be fetched from the web)."""
    import kaleido

    os.environ["BROWSER_PATH"] = browser  # choreographer (kaleido's browser driver) reads it
    return kaleido.calc_fig_sync(
        figure,
        opts={"format": fmt, "width": SLIDE_WIDTH, "height": SLIDE_HEIGHT, "scale": SLIDE_SCALE if fmt == "png" else 1},
        kopts={"mathjax": False},
    )


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")


# ------------------------------------------------------------------------------------------------
# Streamlit


def render_chart(fig: go.Figure, *, view: str, key: str, on_select=None, selection_mode=("points",)):
    """The chart with slide-sized camera export; with ``on_select`` it reports clicked points."""
    # theme=None: the chart on screen is the chart the camera and the PNG/SVG buttons save
    options = {"config": chart_config(view), "width": "stretch", "theme": None}
    if on_select is None:
        return st.plotly_chart(fig, key=key, **options)
    return st.plotly_chart(fig, key=key, on_select=on_select, selection_mode=selection_mode, **options)


def render_downloads(fig: go.Figure, *, view: str, key: str, data=None, data_label: str = "Data (CSV)") -> None:
    """PNG and SVG made on the server when clicked (a few seconds), and the data as CSV.

    ``data`` is a DataFrame, or a function returning one, called only when the button is clicked.
    """
    stem = file_stem(view)
    browser = browser_path()
    row = st.container(horizontal=True, gap="small")
    if browser is None:
        for fmt in ("PNG", "SVG"):
            row.button(
                f"{fmt} needs Chromium",
                key=f"{key}.{fmt.lower()}",
                disabled=True,
                help="Server-side image export needs Chrome or Chromium: install it, or set BROWSER_PATH. "
                "The camera icon on the chart still saves a PNG from the browser.",
            )
    else:
        for fmt, mime in (("png", "image/png"), ("svg", "image/svg+xml")):
            row.download_button(
                f"{fmt.upper()} (slide size)",
                # called on a click only: copying a large figure on every rerun costs a warm page dearly
                data=lambda fmt=fmt: figure_image(fig.to_dict(), fmt=fmt, browser=browser),
                file_name=f"{stem}.{fmt}",
                mime=mime,
                key=f"{key}.{fmt}",
                icon=":material/image:",
                on_click="ignore",
            )
    if data is not None:
        row.download_button(
            data_label,
            data=(lambda: csv_bytes(data())) if callable(data) else csv_bytes(data),
            file_name=f"{stem}.csv",
            mime="text/csv",
            key=f"{key}.csv",
            icon=":material/table:",
            on_click="ignore",
        )
