"""Contextual linking of name-only parties: place, residents, callers, repetition, and why."""

from __future__ import annotations

from resolution.context import incident_flats, link_in_context
from resolution.linking import Linkage
from resolution.normalise.address import parse_address
from resolution.normalise.names import parse_name
from resolution.normalise.pinyin import name_pinyin
from resolution.normalised import model_fields
from resolution.record import PersonRecord
from resolution.state import Bearers, ResolutionState, StateChanges

COMPOUND = "江苏省常州市溧阳市南京大道61号碧水湾"


def person(
    key: str,
    name: str,
    address: str,
    source: str = "population",
    role: str | None = None,
    incident: str | None = None,
    phone: str | None = None,
    sex: str | None = None,
) -> PersonRecord:
    """A record as resolution.normalised makes it: name, sound and address keys."""
    parsed = parse_name(name)
    record = PersonRecord(
        source=source,
        record_id=key,
        file="x.csv",
        line=1,
        raw={},
        model={},
        name=parsed.display if not parsed.is_placeholder else None,
        name_raw=name,
        placeholder=parsed.is_placeholder,
        pinyin=(sound.full if (sound := name_pinyin(parsed)) else None),
        phones=[phone] if phone else [],
        sex=sex or parsed.sex_hint,
        role=role,
        incident_id=incident,
        id_number=f"ID{key}" if source == "population" else None,
    )
    record.model = model_fields(record, parsed.key, [parse_address(address).key] if address else [])
    return record


def resolve_alone(records: list[PersonRecord], cannot=frozenset()):
    """Every record its own person, as pairwise linking left them; then the context."""
    linkage = Linkage({i: i for i in range(len(records))}, {}, {})
    links = link_in_context(records, linkage, range(len(records)), set(cannot))
    return linkage, links


def test_the_other_party_joins_the_one_resident_of_that_name_at_the_incidents_flat():
    records = [
        person("R1", "史建国", COMPOUND + "13幢4单元501室", sex="M"),
        person("R2", "史建国", COMPOUND + "2幢1单元101室", sex="M"),  # a namesake two buildings on
        person("DP1", "王芳", "溧阳市碧水湾13-4-502", "dispatch", "报警人", "J1", "13800000001"),
        person("DP2", "史建國", "溧阳市碧水湾13-4-501", "dispatch", "对方当事人", "J1"),
    ]
    linkage, [link] = resolve_alone(records)
    assert linkage.group_of[3] == linkage.group_of[0] != linkage.group_of[1]
    assert (link.kind, link.level) == ("name", "flat")
    assert (
        link.reason
        == "linked because 史建国 is the one resident of that name at the incident's flat"
    )
    assert linkage.stage_of[3] == "context"


def test_a_homophone_joins_at_the_flat_but_not_across_the_compound():
    records = [
        person("R1", "李晶", COMPOUND + "13幢4单元501室"),
        person("DP1", "李静", "碧水湾13-4-501", "dispatch", "对方当事人", "J1"),
        person("DP2", "李菁", "碧水湾20幢1单元101", "dispatch", "对方当事人", "J2"),
    ]
    linkage, links = resolve_alone(records)
    assert linkage.group_of[1] == linkage.group_of[0]
    assert linkage.group_of[2] != linkage.group_of[0]
    assert [link.kind for link in links] == ["sound"]
    assert "sounds like 李晶" in links[0].reason


def test_two_residents_who_fit_leave_the_party_alone():
    records = [
        person("R1", "史建国", COMPOUND + "13幢4单元501室"),
        person("R2", "史建国", COMPOUND + "13幢4单元502室"),
        person("DP1", "史建国", "碧水湾13幢", "dispatch", "对方当事人", "J1"),
    ]
    linkage, links = resolve_alone(records)
    assert links == [] and len(set(linkage.group_of.values())) == 3


def test_a_placeholder_with_nothing_else_stays_alone():
    records = [
        person("R1", "钱国强", COMPOUND + "13幢4单元501室", sex="M"),
        person("DP1", "钱某某", "溧阳市南京大道与燕山路交叉口", "dispatch", "对方当事人", "J1"),
        person("DP2", "钱某", "", "dispatch", "对方当事人", "J2"),
    ]
    linkage, links = resolve_alone(records)
    assert links == [] and len(set(linkage.group_of.values())) == 3


def test_a_surname_placeholder_joins_the_one_resident_of_that_surname_at_the_flat():
    records = [
        person("R1", "钱国强", COMPOUND + "13幢4单元501室", sex="M"),
        person("R2", "周丽", COMPOUND + "13幢4单元501室", sex="F"),
        person("R3", "蔡文", COMPOUND + "13幢4单元601室", sex="M"),
        person("R4", "蔡武", COMPOUND + "13幢4单元601室", sex="M"),
        person("R9", "王芳", COMPOUND + "13幢4单元502室", sex="F"),
        person("DP1", "王芳", "碧水湾13-4-502", "dispatch", "报警人", "J1", "13800000001"),
        person("DP2", "钱某某", "碧水湾13-4-501", "dispatch", "对方当事人", "J1"),
        person("DP3", "王芳", "碧水湾13-4-502", "dispatch", "报警人", "J2", "13800000001"),
        person("DP4", "蔡先生", "碧水湾13-4-601", "dispatch", "对方当事人", "J2"),
    ]
    caller = {5: 4, 7: 4}  # the caller's calls are 王芳's (R9)
    linkage = Linkage({i: caller.get(i, i) for i in range(len(records))}, {}, {})
    links = link_in_context(records, linkage, range(len(records)), {(5, 6), (7, 8)})
    assert linkage.group_of[6] == linkage.group_of[0]  # the one 钱 of flat 501
    assert linkage.group_of[8] not in {linkage.group_of[2], linkage.group_of[3]}  # two 蔡
    [link] = links
    assert link.kind == "surname"
    assert link.reason == (
        "linked because 钱某某 names a 钱 and 钱国强 is the one resident of that surname at "
        "the incident's flat"
    )


def test_no_surname_placeholder_joins_a_resident_of_the_callers_own_flat():
    records = [
        person("R1", "王芳", COMPOUND + "13幢4单元502室", sex="F"),
        person("R2", "钱国强", COMPOUND + "13幢4单元502室", sex="M"),
        person("DP1", "王芳", "碧水湾13-4-502", "dispatch", "报警人", "J1", "13800000001"),
        person("DP2", "钱某", "碧水湾13-4-502", "dispatch", "对方当事人", "J1"),
    ]
    linkage = Linkage({0: 0, 1: 1, 2: 0, 3: 3}, {}, {})
    assert link_in_context(records, linkage, [3], {(2, 3)}) == []


def test_a_party_of_the_callers_household_is_found_at_the_callers_home():
    records = [
        person("R1", "王芳", COMPOUND + "13幢4单元502室", sex="F"),
        person("R2", "陈小军", COMPOUND + "13幢4单元502室", sex="M"),
        person("DP1", "王芳", "南京大道与燕山路交叉口", "dispatch", "报警人", "J1", "13800000001"),
        person("DP2", "陈小军", "南京大道与燕山路交叉口", "dispatch", "当事人", "J1"),
    ]
    linkage = Linkage({0: 0, 1: 1, 2: 0, 3: 3}, {}, {})
    [link] = link_in_context(records, linkage, [2, 3], set())
    assert linkage.group_of[3] == 1
    assert (
        link.reason == "linked because 陈小军 is the one resident of that name at the caller's flat"
    )


def test_the_same_caller_naming_the_same_person_at_one_building_makes_one_person():
    caller = [
        person(f"C{n}", "王芳", "碧水湾13-4-502", "dispatch", "报警人", f"J{n}", "13800000001")
        for n in range(4)
    ]
    named = [
        person(f"O{n}", "周海涛", "碧水湾13幢", "dispatch", "对方当事人", f"J{n}", sex="M")
        for n in range(4)
    ]
    records = caller + named
    groups = {i: 0 for i in range(4)} | {4 + n: 10 + n for n in range(4)}
    linkage = Linkage(groups, {}, {})
    links = link_in_context(records, linkage, range(8), set())
    assert len({linkage.group_of[i] for i in range(4, 8)}) == 1
    assert links and all(link.kind == "repetition" for link in links)
    assert links[0].reason == (
        "linked because the same caller named him at the same building in 4 incidents"
    )


def test_a_name_nobody_else_registered_links_in_the_incidents_province_only():
    records = [
        person("R1", "汤文杰", "江苏省常州市天宁区红梅街道青龙苑3幢1单元201室"),
        person("DP1", "汤文杰", "溧阳市南京大道与燕山路交叉口", "dispatch", "当事人", "J1"),
        person(
            "DP2", "汤文杰", "广东省广州市天河区体育西路与天河路交叉口", "dispatch", "当事人", "J2"
        ),
        person("R2", "宋安冠", "浙江省绍兴市诸暨市浣东街道文鼎公寓8幢3单元1802室"),
        person("DP3", "宋安冠", "浙江省杭州市上城区海棠嘉园南门口", "dispatch", "对方当事人", "J3"),
    ]
    linkage, links = resolve_alone(records)
    assert linkage.group_of[1] == linkage.group_of[0] != linkage.group_of[2]
    assert linkage.group_of[4] == linkage.group_of[3]
    by_record = {link.record: link for link in links}
    assert by_record[1].kind == "unique name" and "常州市" in by_record[1].reason
    assert by_record[4].reason == (
        "linked because 宋安冠 is the only person of that name in the registry, "
        "and lives in 浙江省 where the incident happened"
    )
    assert linkage.score_of[1] < 0.8  # weaker than a place


def test_a_district_written_without_its_city_is_in_every_province_that_has_one():
    records = [
        person("R1", "蔡震志", "浙江省杭州市萧山区北干街道德胜新村9幢2单元501室"),
        person("DP1", "蔡震志", "西湖区永福八区1幢2单元401", "dispatch", "对方当事人", "J1"),
        person("R2", "韩永明", "江苏省常州市天宁区红梅街道青龙苑3幢1单元201室"),
        person("DP2", "韩永明", "西湖区西溪路与教工路交叉口", "dispatch", "当事人", "J2"),
    ]
    linkage, [link] = resolve_alone(records)
    assert linkage.group_of[1] == linkage.group_of[0]
    assert "浙江省" in link.reason
    assert linkage.group_of[3] == 3  # no 西湖区 in 江苏省


def test_spellings_of_one_sound_join_the_one_of_them_registered():
    records = [
        person("R1", "杨琛轩", "新疆维吾尔自治区乌鲁木齐市沙依巴克区西山街道颐景城16幢3单元704室"),
        person("DP1", "杨琛轩", "乌鲁木齐市沙依巴克区友好南路116号西溪里7幢1单元601室", "dispatch"),
        person("DP2", "洋琛轩", "乌鲁木齐市沙依巴克区友好南路116号西溪里7幢1单元601室", "dispatch"),
        person("R2", "尉迟芳", "江苏省常州市天宁区天宁街道永福公寓18幢2单元201室"),
        person("R3", "尉迟方", "江苏省常州市天宁区天宁街道永福公寓18幢2单元201室"),
        person("DP3", "尉迟芳", "江苏省常州市溧阳市城南府南门口", "dispatch"),
        person("DP4", "尉迟方", "江苏省常州市溧阳市城南府南门口", "dispatch"),
        person("DP5", "赵之盛", "四川省成都市武侯区人民南路与一环路交叉口", "dispatch"),
        person("R4", "赵之生", "四川省成都市成华区府青路街道梧桐府1幢2单元603室"),
    ]
    linkage = Linkage({i: i for i in range(len(records))} | {2: 1, 6: 5}, {}, {})
    [link] = link_in_context(records, linkage, [1, 2, 5, 6, 7], set())
    assert linkage.group_of[1] == linkage.group_of[2] == linkage.group_of[0]
    assert (link.record, link.kind) == (1, "unique name")
    assert linkage.group_of[5] == linkage.group_of[6] == 5  # both spellings are registered
    assert linkage.group_of[7] == 7  # a homophone alone is not a unique name


def test_a_batch_told_which_names_are_common_decides_as_a_whole_run():
    records = [
        person("R1", "汤文杰", "江苏省常州市天宁区红梅街道青龙苑3幢1单元201室"),
        person("R2", "史建国", COMPOUND + "13幢4单元501室"),
        person("DP1", "汤文杰", "溧阳市南京大道与燕山路交叉口", "dispatch", "当事人", "J1"),
        person("DP2", "史建国", "碧水湾小区", "dispatch", "对方当事人", "J2"),
        person("DP3", "史建国", "碧水湾13幢", "dispatch", "对方当事人", "J3"),
        person("DP4", "史建国", "碧水湾13-4-501", "dispatch", "对方当事人", "J4"),
    ]
    linkage = Linkage({i: i for i in range(len(records))}, {}, {})
    # the state says four registered persons are called 史建国: too many for a compound
    # or a building to single one out, not for a flat
    links = link_in_context(records, linkage, [2, 3, 4, 5], set(), {"史建国": 4})
    assert {(link.record, link.level) for link in links} == {(2, "region"), (5, "flat")}
    assert (linkage.group_of[2], linkage.group_of[5]) == (0, 1)
    assert (linkage.group_of[3], linkage.group_of[4]) == (3, 4)


def test_the_state_knows_who_in_the_registry_carries_a_name(tmp_path):
    state = ResolutionState(tmp_path / "state.sqlite")
    records = [
        person("R1", "汤文杰", "江苏省常州市天宁区红梅街道青龙苑3幢1单元201室"),
        person("R2", "汤文杰", "江苏省常州市钟楼区荷花池街道东方城2幢101室"),
        person("DP1", "汤文杰", "溧阳市南京大道与燕山路交叉口", "dispatch", "当事人", "J1"),
    ]
    for n, record in enumerate(records):
        record.person_id = f"P{n}"
    state.commit("b1", "x", changes(records), None, {})
    bearers = state.registry_bearers(["汤文杰", "史建国"], 3)
    assert {r.record_id for r in bearers.records["汤文杰"]} == {"R1", "R2"}  # not the party
    assert "史建国" not in bearers.records and not bearers.more
    assert state.registry_bearers(["汤文杰"], 1) == Bearers({}, {"汤文杰": 2})  # only counted

    renamed = person("R2", "汤文洁", "江苏省常州市钟楼区荷花池街道东方城2幢101室")
    renamed.person_id = "P1"
    state.commit("b2", "x", changes([renamed]), None, {})
    assert [r.record_id for r in state.registry_bearers(["汤文杰"], 3).records["汤文杰"]] == ["R1"]
    assert [r.record_id for r in state.registry_bearers(["汤文洁"], 3).records["汤文洁"]] == ["R2"]


def changes(records: list[PersonRecord]) -> StateChanges:
    return StateChanges(
        records=records,
        new_records={r.key for r in records},
        stored_before=set(),
        persons=[],
        person_fields={},
        removed_persons=[],
        incidents=[],
        cases=[],
        addresses=[],
        review=[],
    )


def test_a_party_joins_the_one_person_a_phone_places_at_the_incidents_flat():
    # 刘艳 is registered at 801, but calls (with her phone) from 804, where the other
    # party of two disputes is written 刘彦 and 刘雁 by ear
    records = [
        person("R1", "刘艳", "四川省成都市武侯区武侯祠大街361号文鼎家园1幢2单元801室"),
        person(
            "DP1", "刘艳", "成都市武侯区文鼎家园1-2-804", "dispatch", "报警人", "J1", "13902566843"
        ),
        person("DP2", "刘彦", "成都市武侯区文鼎家园1幢2单元804室", "dispatch", "对方当事人", "J2"),
        person(
            "DP3", "钱某某", "成都市武侯区文鼎家园1幢2单元804室", "dispatch", "对方当事人", "J3"
        ),
        person(
            "DP4", "钱亮", "成都市武侯区文鼎家园1-2-804", "dispatch", "报警人", "J4", "13900000000"
        ),
    ]
    linkage = Linkage({0: 0, 1: 0, 2: 2, 3: 3, 4: 4}, {}, {})
    [link] = link_in_context(records, linkage, [2, 3], set())
    assert linkage.group_of[2] == 0 and link.kind == "sound"
    assert link.reason == (
        "linked because 刘彦 sounds like 刘艳, the one person of that name's sound a phone or "
        "ID number places at the incident's flat"
    )
    assert linkage.group_of[3] == 3  # a surname needs a registered resident


def test_a_state_written_before_the_name_index_gets_it_when_opened(tmp_path):
    path = tmp_path / "state.sqlite"
    state = ResolutionState(path)
    registered = person("R1", "汤文杰", "江苏省常州市天宁区红梅街道青龙苑3幢1单元201室")
    registered.person_id = "P1"
    state.commit("b1", "x", changes([registered]), None, {})
    state.db.execute("DELETE FROM blocks")  # as a state written before the index was
    state.db.execute("DELETE FROM meta")
    state.close()
    reopened = ResolutionState(path)
    assert [r.record_id for r in reopened.registry_bearers(["汤文杰"], 3).records["汤文杰"]] == [
        "R1"
    ]


def test_the_state_knows_who_resides_at_a_flat_and_an_old_state_learns_it(tmp_path):
    """A batch's name-only party at a flat is weighed against every resident there, as in a
    whole run: the registered ones and the parties a phone places there, not another
    name-only party; a state written before this index gets it when it is opened."""
    records = [
        person("R1", "刘艳", "四川省成都市武侯区武侯祠大街361号文鼎家园1幢2单元801室"),
        person(
            "DP1", "刘艳", "成都市武侯区文鼎家园1-2-804", "dispatch", "报警人", "J1", "13902566843"
        ),
        person("DP2", "刘彦", "成都市武侯区文鼎家园1幢2单元804室", "dispatch", "对方当事人", "J2"),
    ]
    path = tmp_path / "state.sqlite"
    state = _committed(path, records)

    def residents(at: PersonRecord) -> list[str]:
        return sorted(r.record_id for r in state.residents(incident_flats(at)))

    assert residents(records[2]) == ["DP1"]  # at 804; the party itself is no resident
    assert residents(records[0]) == ["R1"]
    state.db.execute("DELETE FROM blocks")  # as a state written before the index was
    state.db.execute("DELETE FROM meta")
    state.close()
    state = ResolutionState(path)
    assert residents(records[2]) == ["DP1"] and residents(records[0]) == ["R1"]


def test_the_state_knows_an_incidents_parties_and_where_name_only_parties_were(tmp_path):
    """A batch that links a stored party again holds its incident's caller, and one that
    brings a resident to a flat links again the name-only parties of incidents there; a
    state written before these indexes gets them when it is opened."""
    records = [
        person("R1", "刘艳", "四川省成都市武侯区武侯祠大街361号文鼎家园1幢2单元801室"),
        person(
            "DP1", "刘艳", "成都市武侯区文鼎家园1-2-804", "dispatch", "报警人", "J1", "13902566843"
        ),
        person("DP2", "刘彦", "成都市武侯区文鼎家园1幢2单元804室", "dispatch", "对方当事人", "J1"),
        person("DP3", "刘彦", "成都市武侯区文鼎家园1幢2单元804室", "dispatch", "对方当事人", "J2"),
    ]
    path = tmp_path / "state.sqlite"
    state = _committed(path, records)

    def known(state: ResolutionState) -> tuple[list[str], list[str], list[str]]:
        return (
            sorted(r.record_id for r in state.parties_of(["J1"])),
            sorted(r.record_id for r in state.parties_at(incident_flats(records[1]))),
            sorted(r.record_id for r in state.parties_at(incident_flats(records[0]))),
        )

    # the caller, with a phone, is no name-only party; nobody's incident was at 801
    assert known(state) == (["DP1", "DP2"], ["DP2", "DP3"], [])
    state.db.execute("DELETE FROM blocks")  # as a state written before the index was
    state.db.execute("DELETE FROM meta")
    state.close()
    assert known(ResolutionState(path)) == (["DP1", "DP2"], ["DP2", "DP3"], [])


def _committed(path, records: list[PersonRecord]) -> ResolutionState:
    """A state holding these records, each its own person."""
    for n, record in enumerate(records):
        record.person_id = f"P{n}"
    state = ResolutionState(path)
    state.commit("b1", "x", changes(records), None, {})
    return state
