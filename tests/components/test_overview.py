import pandas as pd
import plotly.graph_objects as go

from components.overview import connected_actors, connected_figure


def tie(a, b, weight, kind="co-occurrence", types=("ORG", "ORG"), names=None):
    names = names or (a.upper(), b.upper())
    return {"source": a, "target": b, "kind": kind, "weight": weight, "articles": 1,
            "source_name": names[0], "source_type": types[0], "target_name": names[1], "target_type": types[1]}


TIES = pd.DataFrame([
    tie("au", "ecowas", 5), tie("au", "ecowas", 1, kind="agreement"), tie("au", "un", 3), tie("au", "eu", 1),
    tie("eu", "nato", 9), tie("eu", "un", 2), tie("mali", "un", 1, types=("GPE", "ORG")),
])


def test_the_most_connected_have_the_most_distinct_partners():
    ranked = connected_actors(TIES)
    assert list(ranked["id"][:3]) == ["eu", "au", "un"]  # 3 partners each; ties broken by sentences (12, 10, 6)
    au = ranked.set_index("id").loc["au"]
    assert (au["partners"], au["sentences"]) == (3, 10)
    assert connected_actors(TIES, top=2).shape[0] == 2
    assert connected_actors(TIES.iloc[0:0]).empty


def test_the_chart_keeps_two_entities_of_one_name_apart():
    same_name = pd.concat([TIES, pd.DataFrame([tie("armenia", "csto", 2, types=("GPE", "ORG"), names=("Armenia", "CSTO")),
                                               tie("armenia-person", "csto", 1, types=("PERSON", "ORG"), names=("Armenia", "CSTO"))])])
    fig = connected_figure(connected_actors(same_name, top=20))
    go.Figure(fig.to_dict())
    labels = [label for t in fig.data for label in t.y]
    assert "Armenia (Country or city)" in labels and "Armenia (Person)" in labels
    assert {c[1] for t in fig.data for c in t.customdata} >= {"armenia", "armenia-person"}


def test_names_in_the_chart_are_shown_as_written_not_as_plotly_markup():
    marked = pd.DataFrame([tie("mercosur", "eu", 2, names=("Mercosur <b>trade</b> & co", "EU"))])
    labels = [label for t in connected_figure(connected_actors(marked)).data for label in t.y]
    assert "Mercosur &lt;b&gt;trade&lt;/b&gt; &amp; co" in labels and not any("<b>" in label for label in labels)
