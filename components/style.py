"""One look per entity type, used by every chart and card, that still reads in greyscale.

Colours are the Okabe-Ito palette (safe for colour-blind readers); each type also has its own marker
symbol and bar pattern, so a black-and-white print or a slide in greyscale keeps the types apart.
"""

from __future__ import annotations

from dataclasses import dataclass

FONT_FAMILY = "Inter, 'Source Sans Pro', 'Helvetica Neue', Arial, sans-serif"
INK = "#222222"
MUTED = "#6b6b6b"
CO_OCCURRENCE_EDGE = "#9a9a9a"
TYPED_EDGE = "#3a3a3a"
SLIDE_WIDTH, SLIDE_HEIGHT, SLIDE_SCALE = 1600, 900, 2


@dataclass(frozen=True)
class TypeStyle:
    code: str
    label: str  # singular, for legends and cards
    plural: str  # for controls ("Show organizations")
    colour: str
    symbol: str  # plotly marker symbol
    pattern: str  # plotly bar pattern shape ("" is solid)


TYPE_STYLES: dict[str, TypeStyle] = {
    style.code: style
    for style in (
        TypeStyle("ORG", "Organization", "Organizations", "#0072B2", "circle", ""),
        TypeStyle("PERSON", "Person", "People", "#E69F00", "diamond", "/"),
        TypeStyle("GPE", "Country or city", "Countries and cities", "#009E73", "square", "x"),
        TypeStyle("LOC", "Place", "Other places", "#56B4E9", "triangle-up", "."),
        TypeStyle("NORP", "Group or nationality", "Groups and nationalities", "#CC79A7", "pentagon", "+"),
        TypeStyle("FAC", "Facility", "Facilities", "#D55E00", "hexagon", "-"),
        TypeStyle("EVENT", "Named event", "Named events", "#F0E442", "star", "|"),
    )
}
OTHER_STYLE = TypeStyle("OTHER", "Other", "Other types", "#999999", "cross", "\\")

# Plotly's colour-blind-safe qualitative set, for colouring by community (type stays in the symbol).
COMMUNITY_COLOURS = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
    "#88CCEE", "#882255", "#117733", "#999933", "#AA4499", "#44AA99", "#DDCC77", "#332288",
)


def type_style(code: str | None) -> TypeStyle:
    if not isinstance(code, str) or not code:  # None, or NaN from a pandas column
        return OTHER_STYLE
    return TYPE_STYLES.get(code, TypeStyle(code, code.title(), code.title(), OTHER_STYLE.colour, OTHER_STYLE.symbol, OTHER_STYLE.pattern))


def type_label(code: str | None, *, plural: bool = False) -> str:
    style = type_style(code)
    return style.plural if plural else style.label


def community_colour(community: int) -> str:
    return COMMUNITY_COLOURS[community % len(COMMUNITY_COLOURS)]
