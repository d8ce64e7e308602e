"""The resolution building blocks on their own: comparators, blocking, clustering
with human decisions, linking, and stable person ids."""

from __future__ import annotations

import numpy as np

from resolution import comparisons as c
from resolution.blocking import (
    BlockingConfig,
    blocking_keys,
    blocks,
    candidate_pairs,
    pairs_of,
)
from resolution.clustering import cluster, scores_array
from resolution.coparties import opposing_pairs
from resolution.ids import assign_person_ids, derived_id
from resolution.linking import LinkingConfig, link_records
from resolution.normalised import AddressBook
from resolution.record import PersonRecord


def test_id_distance_tolerates_one_typo_or_a_swap_but_not_two_typos():
    real = "33018119790128877X"
    assert c.id_distance(real, real) == 0.0
    assert c.id_distance(real, "330181197901288771") == 0.3  # one character
    assert c.id_distance(real, "33018119790182877X") == 0.3  # neighbours swapped
    assert c.id_distance(real, "330181197901283371") == 1.0  # two characters


def test_pinyin_distance_treats_homophones_as_agreement():
    assert c.pinyin_distance("zhang wei", "zhang wei") == 0.0
    assert c.pinyin_distance("zhang wei", "zhang hui") == 0.5
    assert c.pinyin_distance("zhang wei", "zang wei") == 0.2  # southern accent fold
    assert c.pinyin_distance("zhang wei", "li na") == 1.0


def test_address_agreement_levels_over_several_addresses():
    flat = "西湖区|文三路|翠苑一区|3|2|501|杭州市"
    assert c.address_agreement(flat, flat) == "flat"
    assert c.address_agreement(flat, "西湖区|文三路|翠苑一区|3|1|302|杭州市") == "building"
    assert c.address_agreement(flat, "西湖区|文三路|翠苑一区|7|1|302|杭州市") == "compound"
    assert c.address_agreement(flat, "滨江区||星耀城|3|2|501|杭州市") == "different"
    assert c.address_agreement("滨江区||星耀城|3|2|501|杭州市;" + flat, flat) == "flat"
    assert c.address_distance(flat, flat) < c.address_distance(
        flat, "西湖区|文三路|翠苑一区|7|1|302|杭州市"
    )


def test_blocking_never_uses_a_generic_value_alone():
    record = {
        "name": "张伟",
        "pinyin": "zhang wei",
        "sex": "M",
        "birth_date": None,
        "id_number": None,
        "phones": None,
        "addresses": "西湖区|文三路|翠苑一区|3|2|501",
    }
    keys = blocking_keys(record)
    assert keys, "a named record with a flat has keys"
    assert not any(k.startswith(("sex", "district")) for k in keys)
    assert all("|" in k or k.startswith(("id", "tel")) for k in keys)


def test_id_deletion_keys_join_a_mistyped_id():
    a = {"id_number": "330106199003071234"}
    b = {"id_number": "330106199000371234"}
    assert set(blocking_keys(a)) & set(blocking_keys(b))


def test_oversized_block_is_windowed_not_all_pairs():
    records = [(i, {"phones": "13800000000"}) for i in range(100)]
    pairs = candidate_pairs(blocks(records), BlockingConfig(max_block=10, window=3))
    assert len(pairs) < 100 * 3 + 1
    assert {(i, i + 1) for i in range(99)} <= {tuple(p) for p in pairs.tolist()}  # still connected


def test_pairs_from_arrays_are_the_pairs_of_the_block_index():
    people = [
        {"id_number": "330106199003071234", "phones": "13812345678", "pinyin": "li na"},
        {"id_number": "330106199000371234", "phones": None, "pinyin": "li na"},
        {"id_number": None, "phones": "13812345678 057187654321", "pinyin": None},
    ]
    crowd = [{"phones": "057187654321", "name": "张伟", "pinyin": "zhang wei"}] * 60
    records = list(enumerate(people + crowd))
    for config in (BlockingConfig(), BlockingConfig(max_block=10, window=3)):
        expected = candidate_pairs(blocks(records), config)
        assert pairs_of(records, config).tolist() == expected.tolist()


def scored(*triples):
    return scores_array(
        np.array([[a, b] for a, b, _ in triples]), np.array([s for _, _, s in triples])
    )


def test_cluster_respects_rejected_and_confirmed_pairs():
    triples = [(0, 1, 0.95), (1, 2, 0.9), (0, 2, 0.9), (3, 4, 0.1)]
    plain = [ids for ids, _ in cluster(scored(*triples), 0.5)]
    assert plain == [(0, 1, 2)]
    with_decisions = [
        ids for ids, _ in cluster(scored(*triples), 0.5, must_link=[(3, 4)], cannot_link=[(0, 2)])
    ]
    assert (3, 4) in with_decisions
    assert not any(0 in ids and 2 in ids for ids in with_decisions)


def test_cluster_is_independent_of_input_order():
    triples = [(0, 1, 0.95), (1, 2, 0.6), (2, 3, 0.9), (4, 5, 0.7)]
    forward = cluster(scored(*triples), 0.5)
    backward = cluster(scored(*reversed(triples)), 0.5)
    assert forward == backward


def test_person_ids_are_stable_and_follow_the_majority_after_a_split():
    clusters = [["population:R1", "dispatch:D1"], ["dispatch:D2"]]
    first = assign_person_ids(clusters)
    assert first == assign_person_ids(list(reversed(clusters)))[::-1]
    assert first[0] == derived_id("population:R1")
    previous = {"population:R1": first[0], "dispatch:D1": first[0], "dispatch:D2": first[1]}
    # D1 turns out to be someone else: the registry side keeps the id, D1 gets a new one
    after = assign_person_ids([["population:R1"], ["dispatch:D1"], ["dispatch:D2"]], previous)
    assert after[0] == first[0] and after[2] == first[1]
    assert after[1] not in first


def linked(sources, triples, cannot=frozenset()):
    """Groups of record indices after linking every record from scratch."""
    pairs = np.array([[a, b] for a, b, _ in triples], dtype=np.int64)
    scores = np.array([s for _, _, s in triples], dtype="f4")
    linkage = link_records(sources, pairs, scores, range(len(sources)), {}, set(), set(cannot))
    groups: dict[int, set[int]] = {}
    for record, group in linkage.group_of.items():
        groups.setdefault(group, set()).add(record)
    return sorted(sorted(g) for g in groups.values()), linkage


def test_linking_follows_a_chain_of_parties_to_the_registry_person():
    # 0 registry; 1 a party with the registry phone; 2 the same person with a second phone
    # (too unlike the registry record on its own); 3 a placeholder caller known by that phone
    sources = ["population", "dispatch", "dispatch", "dispatch"]
    groups, _ = linked(sources, [(0, 1, 0.98), (0, 2, 0.27), (1, 2, 0.97), (2, 3, 1.0)])
    assert groups == [[0, 1, 2, 3]]


def test_linking_stops_when_a_round_links_no_one():
    sources = ["population", "dispatch", "dispatch"]
    groups, linkage = linked(sources, [(0, 1, 0.98), (1, 2, 0.3)], ())
    assert groups == [[0, 1], [2]]
    assert linkage.stage_of[2] == "unmatched"


def test_a_batch_grows_a_registry_less_person_as_one_whole_run_would():
    # 0 and 5 two registry namesakes; 1, 2 a settled person of two parties only (stage 3
    # made it); 3, 4 new parties like 1 and 2, but also like the namesakes: ambiguous in
    # stage 2, so left to stage 3, where one whole run would cluster 1 to 4 together
    sources = ["population", "dispatch", "dispatch", "dispatch", "dispatch", "population"]
    triples = [(0, 3, 0.85), (0, 4, 0.85), (3, 5, 0.85), (4, 5, 0.85)]
    triples += [(1, 3, 0.95), (1, 4, 0.9), (2, 3, 0.9), (2, 4, 0.95), (3, 4, 0.97)]
    pairs = np.array([[a, b] for a, b, _ in triples], dtype=np.int64)
    scores = np.array([s for _, _, s in triples], dtype="f4")
    settled = {0: 0, 1: 1, 2: 1, 5: 2}

    def groups_of(open_groups):
        linkage = link_records(
            sources, pairs, scores, [3, 4], settled, set(), set(), LinkingConfig(), open_groups
        )
        return linkage.group_of[3], linkage.group_of[4]

    assert groups_of(frozenset({1})) == (1, 1)  # joins the settled party-only person
    new = groups_of(frozenset())
    assert new[0] == new[1] and new[0] not in (0, 1, 2)  # without: a person of their own


def test_new_parties_that_reach_two_registry_less_persons_merge_neither():
    sources = ["dispatch"] * 4
    # two settled persons that might be one (a pair a whole run would score) and two new
    # parties like both: the cluster holds both persons, and the batch merges neither
    triples = [(0, 1, 0.96), (0, 2, 0.95), (0, 3, 0.95), (1, 2, 0.95), (1, 3, 0.95), (2, 3, 0.97)]
    pairs = np.array([[a, b] for a, b, _ in triples], dtype=np.int64)
    scores = np.array([s for _, _, s in triples], dtype="f4")
    linkage = link_records(
        sources,
        pairs,
        scores,
        [2, 3],
        {0: 0, 1: 1},
        set(),
        set(),
        LinkingConfig(),
        frozenset({0, 1}),
    )
    assert linkage.group_of[0] == 0 and linkage.group_of[1] == 1
    assert linkage.group_of[2] == linkage.group_of[3] not in (0, 1)


def test_a_registry_less_person_takes_no_party_in_stage_two_as_in_a_whole_run():
    # 0 a registry person; 1 a settled party-only person (stage 3 made it); 2 a new party
    # a little like 1 and like 0 through 3, a party linked to 0 in this batch's first
    # round: a whole run has no person 1 during stage 2, so 2 follows the chain to 0
    sources = ["population", "dispatch", "dispatch", "dispatch"]
    triples = [(1, 2, 0.9), (0, 3, 0.98), (2, 3, 0.88)]
    pairs = np.array([[a, b] for a, b, _ in triples], dtype=np.int64)
    scores = np.array([s for _, _, s in triples], dtype="f4")
    linkage = link_records(
        sources, pairs, scores, [2, 3], {0: 0, 1: 1}, set(), set(), LinkingConfig(), frozenset({1})
    )
    assert linkage.group_of[3] == linkage.group_of[2] == 0
    assert (linkage.stage_of[2], linkage.group_of[1]) == ("linked", 1)


def record(source, record_id, role=None, incident_id=None):
    return PersonRecord(source, record_id, "f.csv", 1, {}, {}, role=role, incident_id=incident_id)


def test_the_other_party_of_an_incident_is_never_its_caller():
    records = [
        record("population", "R1"),  # 刘晶, flat 1003
        record("population", "R2"),  # 刘静, flat 1004
        record("dispatch", "D1", "报警人", "J1"),  # 刘晶 calls from 1003, with her phone
        record("dispatch", "D2", "对方当事人", "J1"),  # 刘静, typed at 1003 with no phone
        record("dispatch", "D3", "当事人", "J1"),  # the caller again, as a party
        record("dispatch", "D4", "对方当事人", "J2"),  # another incident
    ]
    apart = opposing_pairs(records, LinkingConfig().opposing_roles)
    assert apart == {(2, 3), (3, 4)}
    sources = [r.source for r in records[:4]]
    triples = [(0, 2, 1.0), (0, 3, 0.967), (1, 3, 0.976), (2, 3, 0.967)]
    groups, linkage = linked(sources, triples)
    assert groups == [[0, 2], [1], [3]] and linkage.ambiguous  # homophones: too close to call
    groups, linkage = linked(sources, triples, {(2, 3)})
    assert groups == [[0, 2], [1, 3]] and not linkage.ambiguous


def test_opposing_parties_known_to_no_registry_stay_two_persons():
    sources = ["dispatch", "dispatch"]
    assert linked(sources, [(0, 1, 0.9)])[0] == [[0, 1]]
    assert linked(sources, [(0, 1, 0.9)], {(0, 1)})[0] == [[0], [1]]


def test_two_spellings_of_one_flat_are_one_address_described_by_the_fuller():
    book = AddressBook()
    by_street = book.add("浙江省杭州市拱墅区拱宸桥街道海棠里5幢1单元602室")
    by_road = book.add("浙江省杭州市拱墅区石祥路868号海棠里5幢1单元602室")
    next_door = book.add("浙江省杭州市拱墅区石祥路868号海棠里5幢1单元603室")
    elsewhere = book.add("浙江省宁波市海曙区石祥路868号海棠里5幢1单元602室")
    assert by_street == by_road
    assert len({by_road, next_door, elsewhere}) == 3
    [flat] = [a for a in book.all() if a["address_id"] == by_road]
    assert flat["road"] == "石祥路868号" and flat["level"] == "room"
    assert "石祥路868号" in book.key_of(by_street)


def test_a_flat_written_without_its_district_is_an_alias_of_the_one_that_names_it():
    book = AddressBook()
    named = book.add("浙江省杭州市滨江区聚才路127号南都府4幢1单元903室")
    bare = book.add("聚才路127号南都府4幢1单元903室")
    twin_a = book.add("浙江省杭州市西湖区阳光花园3幢101室")
    twin_b = book.add("浙江省杭州市萧山区阳光花园3幢101室")
    unknowable = book.add("阳光花园3幢101室")  # in either district
    aliases = book.aliases()
    assert bare != named and aliases == {bare: named}
    assert unknowable not in aliases and twin_a != twin_b
    assert {a["address_id"] for a in book.all(aliases)} == {named, twin_a, twin_b, unknowable}


def test_a_flat_named_with_and_without_its_city_is_one_place_for_an_alias():
    """Two spellings of one flat that name its district, one with the city and one
    without, do not make a bare spelling ambiguous: it is the fuller one's, whichever was
    seen first (a batch may have seen only that one)."""
    bare, fuller, shorter = "教工路661号红石四区4幢1单元601室", "浙江省杭州市西湖区", "西湖区"
    for order in ((fuller, shorter), (shorter, fuller)):
        book = AddressBook()
        named = {prefix: book.add(prefix + bare) for prefix in order}
        alias = book.add(bare)
        assert book.aliases() == {alias: named[fuller]}
    book = AddressBook()
    book.add("杭州市西湖区" + bare)
    book.add("南昌市西湖区" + bare)  # another city's 西湖区: nobody can tell which
    assert book.aliases() == {}


def test_a_person_keeps_the_id_of_its_anchor_record_as_a_whole_run_derives_it():
    registered, caller = ["population:R1"], ["dispatch:D1"]
    first = assign_person_ids([registered, caller])
    previous = {"population:R1": first[0], "dispatch:D1": first[1]}
    # a batch's party joins them: the registry record is the anchor, not the smaller id
    [merged] = assign_person_ids([["population:R1", "dispatch:D1", "dispatch:D2"]], previous)
    assert merged == first[0] == assign_person_ids([["population:R1", "dispatch:D1"]])[0]
    # a caller's case opened later: the dispatch record stays the anchor, the id stays
    [grown] = assign_person_ids([["dispatch:D1", "case:C9"]], previous)
    assert grown == first[1] == assign_person_ids([["dispatch:D1", "case:C9"]])[0]


def test_after_a_split_the_part_holding_the_record_the_id_derived_from_keeps_it():
    # two name-only parties placed with a registered person; a whole run with a third
    # party keeps the three apart from him: he keeps his id, they get their anchor's
    [placed] = assign_person_ids([["population:R1", "dispatch:D1", "dispatch:D2"]])
    previous = dict.fromkeys(("population:R1", "dispatch:D1", "dispatch:D2"), placed)
    parties, registered = ["dispatch:D1", "dispatch:D2", "dispatch:D3"], ["population:R1"]
    ids = assign_person_ids([parties, registered], previous)
    assert ids == assign_person_ids([parties, registered])  # what a whole run derives
    assert ids[1] == placed and ids[0] == derived_id("dispatch:D1")
