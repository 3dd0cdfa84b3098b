import pytest

from components.style import OTHER_STYLE, TYPE_STYLES, type_label, type_style


def test_every_type_differs_in_more_than_hue():
    styles = list(TYPE_STYLES.values()) + [OTHER_STYLE]
    assert len({s.symbol for s in styles}) == len(styles)  # markers read in greyscale
    assert len({s.pattern for s in styles}) == len(styles)  # and so do bars
    assert len({s.colour for s in styles}) == len(styles)


@pytest.mark.parametrize(
    "code, label, plural",
    [("ORG", "Organization", "Organizations"), ("PERSON", "Person", "People"), ("WORK_OF_ART", "Work_Of_Art", "Work_Of_Art")],
)
def test_labels(code, label, plural):
    assert type_label(code) == label and type_label(code, plural=True) == plural


@pytest.mark.parametrize("code", [None, float("nan"), ""])
def test_missing_types_get_the_other_style(code):
    assert type_style(code) == OTHER_STYLE
