"""No giant components: records that share a generic value never end in one huge person.

The pathological input: thousands of records with one phone (a switchboard, a
company's landline) at one compound, so blocking chains every one of them into
one connected graph of candidate pairs, each scored as a likely match. Whatever
the scores, the components that clustering hands to Dedupe's hierarchical
clustering, and so every cluster and every linked person, hold at most
MAX_COMPONENT records (resolution.clustering).
"""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from resolution.blocking import blocks, candidate_pairs
from resolution.clustering import MAX_COMPONENT, cluster, scores_array, within_components
from resolution.linking import link_records

RECORDS = 3 * MAX_COMPONENT


def shared_phone_records(n: int) -> list[dict[str, str | None]]:
    surnames = "王李张刘陈杨黄赵吴周"
    return [
        {
            "name": f"{surnames[i % 10]}{chr(0x4E00 + i % 3000)}",
            "pinyin": None,
            "id_number": None,
            "birth_date": None,
            "sex": None,
            "phones": "057187654321",
            "addresses": f"西湖区|文三路|翠苑一区|{i % 40}|1|{i % 7}01|杭州市",
        }
        for i in range(n)
    ]


def likely_scores(n: int, seed: int = 13) -> np.ndarray:
    rng = random.Random(seed)
    return np.array([0.55 + 0.45 * rng.random() for _ in range(n)], dtype="f4")


def largest(groups) -> int:
    return max(Counter(groups).values())


def largest_component(pairs: np.ndarray) -> int:
    if not len(pairs):
        return 0
    ids, compact = np.unique(pairs, return_inverse=True)
    compact = compact.reshape(-1, 2)
    graph = coo_matrix((np.ones(len(compact)), (compact[:, 0], compact[:, 1])), (len(ids),) * 2)
    _, labels = connected_components(graph, directed=False)
    return int(np.bincount(labels).max())


def test_blocking_on_a_shared_value_makes_one_connected_graph_of_candidates():
    pairs = candidate_pairs(blocks(enumerate(shared_phone_records(RECORDS))))
    assert largest_component(pairs) == RECORDS  # pathological: one chain through all
    assert len(pairs) < RECORDS * 20  # but the window keeps the pairs linear


def test_the_components_clustered_are_bounded_whatever_the_scores():
    pairs = candidate_pairs(blocks(enumerate(shared_phone_records(RECORDS))))
    for scores in (
        likely_scores(len(pairs)),
        np.full(len(pairs), 0.99, dtype="f4"),
        np.ones(len(pairs), dtype="f4"),  # certain matches, as confirmed pairs enter
    ):
        kept = within_components(scores_array(pairs, scores), 0.5, MAX_COMPONENT)
        assert largest_component(kept["pairs"]) <= MAX_COMPONENT


def test_clustering_a_chain_of_likely_matches_never_forms_a_giant_cluster():
    pairs = candidate_pairs(blocks(enumerate(shared_phone_records(RECORDS))))
    clusters = cluster(scores_array(pairs, likely_scores(len(pairs))), 0.5)
    assert clusters, "likely matches still cluster"
    assert max(len(ids) for ids, _ in clusters) <= MAX_COMPONENT


def test_a_lower_bound_is_honoured_too():
    pairs = candidate_pairs(blocks(enumerate(shared_phone_records(RECORDS))))
    scored = scores_array(pairs, likely_scores(len(pairs)))
    assert largest_component(within_components(scored, 0.5, 50)["pairs"]) <= 50
    assert max(len(ids) for ids, _ in cluster(scored, 0.5, max_component=50)) <= 50


def test_a_component_within_the_bound_keeps_all_its_pairs():
    # one person's three records (with an unlikely pair among them) and a pair below the
    # threshold that joins no one: the component keeps its unlikely pair for the linkage
    pairs = np.array([[0, 1], [1, 2], [0, 2], [3, 4]], dtype=np.int64)
    scores = np.array([0.95, 0.9, 0.3, 0.2], dtype="f4")
    kept = within_components(scores_array(pairs, scores), 0.5, MAX_COMPONENT)
    assert kept["pairs"].tolist() == [[0, 1], [1, 2], [0, 2]]
    assert [ids for ids, _ in cluster(scores_array(pairs, scores), 0.5)] == [(0, 1, 2)]


def test_linking_registry_and_parties_on_a_shared_value_stays_bounded():
    records = shared_phone_records(RECORDS)
    sources = ["population" if i % 2 else "dispatch" for i in range(RECORDS)]
    pairs = candidate_pairs(blocks(enumerate(records)))
    linkage = link_records(
        sources, pairs, likely_scores(len(pairs)), range(RECORDS), {}, set(), set()
    )
    assert len(linkage.group_of) == RECORDS
    assert largest(linkage.group_of.values()) <= MAX_COMPONENT
