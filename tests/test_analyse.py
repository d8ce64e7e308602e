"""Disputes, repeat-dispute networks and hotspot alerts on the loaded sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.analyse import AnalysisConfig, analyse
from graph.loader import graph_counts, load_result
from graph.network_accuracy import compare_networks, computed_networks
from graph.networks import monthly_trend
from resolution.pipeline import ResolveOptions, resolve
from resolution.progress import Progress

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"


@pytest.fixture(scope="module")
def result(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("result")
    resolve(
        SAMPLE, out, ResolveOptions(models_dir=tmp_path_factory.mktemp("models")), Progress(None)
    )
    return out


@pytest.fixture
def analysed(graph, result):
    load_result(graph, result, progress=lambda _line: None)
    summary = analyse(graph, AnalysisConfig())
    return graph, summary


def test_networks_on_the_sample_match_its_truth(analysed, result):
    driver, summary = analysed
    accuracy = compare_networks(computed_networks(driver), SAMPLE, result)
    assert summary.networks == accuracy.computed_networks > 0
    assert accuracy.corresponding_share >= 0.9
    # 16 of 16: the other party of an incident never joins its caller's person (homophone
    # neighbours), and linking rounds run until no one links (a second phone's chain)
    assert accuracy.found_share >= 0.95


def test_disputes_and_counterparts_are_written(analysed):
    driver, summary = analysed
    counts = graph_counts(driver)
    assert counts["node:Dispute"] == summary.disputes > 0
    assert counts["relationship:IN_DISPUTE_WITH"] == summary.pairs
    heavy = driver.execute_query(
        "MATCH (:Person)-[w:IN_DISPUTE_WITH]->(:Person) RETURN max(w.incidents) AS most"
    ).records[0]["most"]
    assert heavy >= 3


def test_a_recurring_compound_raises_an_alert(analysed):
    driver, summary = analysed
    places = {
        r["place"]
        for r in driver.execute_query(
            "MATCH (a:Alert {level: 'compound'}) RETURN a.place AS place"
        ).records
    }
    assert "南都府" in places  # the sample's compound whose neighbour disputes recur
    assert summary.alerts >= 1


def test_a_second_analysis_gives_the_same_ids_and_counts(analysed):
    driver, _summary = analysed
    before = graph_counts(driver)
    ids = {
        r["id"]
        for r in driver.execute_query("MATCH (n:DisputeNetwork) RETURN n.networkId AS id").records
    }
    analyse(driver, AnalysisConfig())
    assert graph_counts(driver) == before
    assert ids == {
        r["id"]
        for r in driver.execute_query("MATCH (n:DisputeNetwork) RETURN n.networkId AS id").records
    }


def test_monthly_trend_rises_and_falls():
    from datetime import datetime

    rising = [datetime(2024, m, 1) for m in (1, 3, 3, 4, 4, 4)]
    falling = [datetime(2024, m, 1) for m in (1, 1, 1, 2, 2, 4)]
    assert monthly_trend(rising) > 0 > monthly_trend(falling)
