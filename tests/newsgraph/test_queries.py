"""The read queries the app aggregates with, checked against the row-level queries on the sample store."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from newsgraph import queries
from newsgraph.filters import Filters


@pytest.fixture(scope="module")
def con(sample_store_path):
    from newsgraph.store import Store

    with Store(sample_store_path).read() as connection:
        yield connection


def top_actor(con, type_: str | None = None) -> str:
    top = queries.top_entities(con, limit=100)
    if type_:
        top = top[top["type"] == type_]
    return top["id"].iloc[0]


def filter_cases(con) -> list[Filters]:
    return [
        Filters(),
        Filters(actors=(top_actor(con),)),
        Filters(date_from=date(2020, 1, 1), date_to=date(2024, 12, 31)),
        Filters(types=("ORG", "GPE")),
        Filters(actors=(top_actor(con, "GPE"),), date_from=date(2018, 1, 1), types=("ORG", "GPE", "PERSON")),
    ]


@pytest.mark.parametrize("case", range(5))
def test_counts_agree_with_the_rows(con, case):
    filters = filter_cases(con)[case]
    counts = queries.counts(con, filters)
    assert counts == {
        "articles": queries.summary(con, filters)["articles"],
        "actors": len(queries.entities(con, filters)),
        "relations": len(queries.relations(con, filters)),
        "events": len(queries.events(con, filters)),
        "quotes": len(queries.quotes(con, filters)),
    }
    assert queries.counts(con, filters, only=("events",)) == {"events": counts["events"]}


@pytest.mark.parametrize("case", range(5))
def test_ties_are_the_relations_summed_per_pair_and_kind(con, case):
    filters = filter_cases(con)[case]
    rows = queries.relations(con, filters)
    expected = (
        rows.assign(a=rows[["source", "target"]].min(axis=1), b=rows[["source", "target"]].max(axis=1))
        .groupby(["a", "b", "kind"]).size().rename("weight").reset_index()
        .rename(columns={"a": "source", "b": "target"})
    )
    ties = queries.ties(con, filters)
    assert (ties["source"] < ties["target"]).all()
    got = ties[["source", "target", "kind", "weight"]].sort_values(["source", "target", "kind"]).reset_index(drop=True)
    want = expected.sort_values(["source", "target", "kind"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)


def test_tie_evidence_lists_the_sentences_of_each_pair(con):
    ties = queries.ties(con, Filters())
    pairs = list(zip(ties["source"], ties["target"]))[:5]
    evidence = queries.tie_evidence(con, Filters(), [(b, a) for a, b in pairs], per_pair=2)  # either order
    rows = queries.relations(con, Filters())
    for a, b in pairs:
        mine = evidence[(evidence["pair_source"] == a) & (evidence["pair_target"] == b)]
        between = rows[((rows["source"] == a) & (rows["target"] == b)) | ((rows["source"] == b) & (rows["target"] == a))]
        assert 1 <= len(mine) <= 2
        assert mine["evidence"].iloc[0] == len(between)
        assert set(mine["id"]) <= set(between["id"])
        if (between["kind"] != "co-occurrence").any():  # typed evidence comes first
            assert mine["kind"].iloc[0] != "co-occurrence"
    assert queries.tie_evidence(con, Filters(), []).empty


@pytest.mark.parametrize(
    "options",
    [{}, {"kinds": ("direct",)}, {"kinds": ("reported",)}, {"search": "cooperation"}, {"search": "zzqqxx"}],
)
def test_quote_count_and_speakers_agree_with_the_rows(con, options):
    rows = queries.quotes(con, Filters(), **options)
    assert queries.quote_count(con, Filters(), **options) == len(rows)
    speakers = queries.quote_speakers(con, Filters(), **options)
    assert int(speakers["quotes"].sum()) == len(rows)
    assert (speakers["direct"] + speakers["reported"] == speakers["quotes"]).all()
    assert list(speakers["quotes"]) == sorted(speakers["quotes"], reverse=True)


def test_quote_pages_do_not_overlap(con):
    first = queries.quotes(con, Filters(), limit=10, offset=0)
    second = queries.quotes(con, Filters(), limit=10, offset=10)
    assert set(first["id"]).isdisjoint(second["id"])


def test_events_list_their_actors(con):
    events = queries.events(con, Filters())
    mapped = con.execute(
        """SELECT ea.event_id, m.entity_id FROM event_actors ea
           JOIN entity_map m ON m.article_id = ea.article_id AND m.local_id = ea.local_id"""
    ).df()
    expected = mapped.groupby("event_id")["entity_id"].apply(lambda ids: sorted(set(ids))).to_dict()
    for event_id, actors in zip(events["id"], events["actors"]):
        assert list(actors) == expected.get(event_id, [])
    assert list(events["date_start"]) == sorted(events["date_start"])


@pytest.mark.parametrize("case", range(5))
def test_latest_events_are_the_latest_of_the_events(con, case):
    filters = filter_cases(con)[case]
    until = date(2025, 1, 1)
    everything = queries.events(con, filters)
    everything = everything[everything["date_start"] <= pd.Timestamp(until)]
    expected = everything.sort_values(["date_end", "date_start", "id"], ascending=[False, False, True]).head(4)
    latest = queries.latest_events(con, filters, until=until, limit=4)
    assert list(latest["id"]) == list(expected["id"])
    assert list(latest.columns) == list(everything.columns)


def test_lookups(con):
    top = queries.top_entities(con, limit=10)
    assert list(top["mentions"]) == sorted(top["mentions"], reverse=True)
    names = queries.entity_names(con, list(top["id"][:3]) + ["no-such-id"])
    assert set(names["id"]) == set(top["id"][:3])
    types = queries.entity_types(con)
    assert int(types["entities"].sum()) == con.execute("SELECT count(*) FROM entities").fetchone()[0]
    article_id = queries.articles(con, Filters())["id"].iloc[0]
    assert queries.article_texts(con, [article_id, article_id]) == {article_id: queries.article(con, article_id)["text"]}
    assert queries.article_texts(con, []) == {} and queries.roles_of(con, []).empty
