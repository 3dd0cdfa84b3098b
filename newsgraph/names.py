"""How names are compared and turned into ids (no spaCy here: the app imports it)."""

from __future__ import annotations

import re
import unicodedata


def name_key(name: str) -> str:
    """The form names are compared in: case, accents, punctuation and spacing ignored."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").casefold()
    return re.sub(r"[^\w]+", " ", text).strip()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name_key(text)).strip("-") or "entity"
