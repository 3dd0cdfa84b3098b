import pytest

from components.frame import PAGE_ICONS, page_label, page_path, pages


@pytest.mark.parametrize(
    "stem, label",
    [("1_Network", "Network"), ("4_Articles", "Articles"), ("10_Some_page", "Some page"), ("Plain", "Plain")],
)
def test_page_label_follows_streamlits_rule(stem, label):
    assert page_label(stem) == label


def test_navigation_lists_the_overview_then_every_page_in_order():
    found = pages()
    assert found[0] == ("app.py", "Overview")
    labels = [label for _, label in found]
    assert labels[:4] == ["Overview", "Network", "Timeline", "Quotes"]
    assert all(label in PAGE_ICONS for label in labels[:4])
    assert page_path("Timeline") == "pages/2_Timeline.py"
    with pytest.raises(KeyError):
        page_path("Nowhere")
