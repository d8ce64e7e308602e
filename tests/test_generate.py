"""The synthetic city (`fengqiao generate`): valid ID numbers unless deliberately
mistyped, every error kind at its configured rate, the same rows whatever the
headers and encoding, the same bytes for the same seed, truth that covers every
person-bearing row, and networks exactly as the definition says."""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from datetime import date
from itertools import combinations
from pathlib import Path

import networkx
import pytest

from api.commands import generate as generate_command
from resolution.synthetic import ErrorRates, WorldRates, generate
from resolution.synthetic.generate import GenerationSummary
from resolution.synthetic.noise import KINDS

# The contract's columns (English name -> Chinese header), copied from
# /work/shared/contract/README.md so that the writer is checked against it.
CONTRACT = {
    "population": {
        "record_id": "记录编号", "name": "姓名", "id_number": "公民身份号码", "gender": "性别",
        "birth_date": "出生日期", "ethnicity": "民族", "phone": "联系电话",
        "household_address": "户籍地址", "residence_address": "现住址", "updated_at": "更新时间",
    },
    "dispatch_incidents": {
        "incident_id": "警情编号", "reported_at": "报警时间", "category": "警情类别",
        "address": "事发地址", "summary": "简要警情", "disposition": "处警结果", "case_id": "案件编号",
    },
    "dispatch_parties": {
        "party_id": "人员编号", "incident_id": "警情编号", "role": "角色", "name": "姓名",
        "phone": "联系电话", "id_number": "公民身份号码", "gender": "性别",
    },
    "cases": {
        "case_id": "案件编号", "opened_at": "立案时间", "case_type": "案由", "status": "案件状态",
        "address": "发案地址", "summary": "简要案情", "source_incident_id": "警情编号",
    },
    "case_parties": {
        "party_id": "人员编号", "case_id": "案件编号", "role": "角色", "name": "姓名",
        "id_number": "公民身份号码", "phone": "联系电话", "gender": "性别", "birth_date": "出生日期",
        "address": "住址",
    },
}  # fmt: skip
PERSON_FILES = {
    "population": ("population", "record_id"),
    "dispatch_parties": ("dispatch", "party_id"),
    "case_parties": ("case", "party_id"),
}
MISTYPED = ("registry_id_mistyped", "dispatch_id_mistyped", "case_id_mistyped")
PLACEHOLDER = re.compile(r"某|先生|女士|师傅|无名氏")
SAMPLE = Path(__file__).parent.parent / "data" / "sample"
SAMPLE_PERSONS, SAMPLE_SEED = 3000, 2029  # as data/sample/README.md says


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> tuple[GenerationSummary, Path]:
    """A city of 4,000 with the default rates."""
    out = tmp_path_factory.mktemp("city")
    return generate(out, 4000, seed=101), out


@pytest.fixture(scope="module")
def noisy_city(tmp_path_factory: pytest.TempPathFactory) -> tuple[GenerationSummary, Path]:
    """Every error at 30% and many minority families, so each kind happens hundreds of times."""
    out = tmp_path_factory.mktemp("noisy")
    rates = ErrorRates(**dict.fromkeys(KINDS, 0.3))
    return generate(out, 6000, seed=202, rates=rates, world=WorldRates(minority=0.4)), out


def read(out: Path, stem: str, encoding: str = "utf-8") -> list[dict[str, str]]:
    """The rows of an export, keyed by English column names whatever its headers."""
    english = {zh: en for en, zh in CONTRACT[stem].items()}
    with (out / f"{stem}.csv").open(encoding=encoding, newline="") as handle:
        return [{english.get(k, k): v for k, v in row.items()} for row in csv.DictReader(handle)]


def truth(out: Path) -> dict[tuple[str, str], str]:
    with (out / "truth_links.csv").open(encoding="utf-8", newline="") as handle:
        return {(r["source"], r["record_id"]): r["person_key"] for r in csv.DictReader(handle)}


def plain_id(text: str) -> str:
    """Full-width digits, spaces and a lowercase x undone."""
    return unicodedata.normalize("NFKC", text).replace(" ", "").upper()


def check_character(body: str) -> str:
    """ISO 7064 MOD 11-2, written out again here rather than imported."""
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(body))
    return "10X98765432"[total % 11]


def valid(id_number: str) -> bool:
    return re.fullmatch(r"\d{17}[\dX]", id_number) is not None and id_number[17] == check_character(
        id_number[:17]
    )


def parse_date(text: str) -> date:
    for pattern in (r"(\d{4})-(\d\d)-(\d\d)", r"(\d{4})(\d\d)(\d\d)", r"(\d{4})/(\d{1,2})/(\d{1,2})",
                    r"(\d{4})年(\d{1,2})月(\d{1,2})日"):  # fmt: skip
        if match := re.fullmatch(pattern, text):
            return date(*map(int, match.groups()))
    raise AssertionError(f"unreadable date {text!r}")


GENDERS = {"男": "M", "1": "M", "M": "M", "女": "F", "2": "F", "F": "F", "": None}


# --- ID numbers ---


def test_every_18_digit_id_is_valid_unless_deliberately_mistyped(city) -> None:
    summary, out = city
    mistyped = set().union(*(summary.errors.where(kind) for kind in MISTYPED))
    valid_ids = broken = 0
    for stem, (_, id_column) in PERSON_FILES.items():
        for row in read(out, stem):
            number = plain_id(row["id_number"])
            if len(number) != 18:
                continue
            if (stem, row[id_column]) in mistyped:
                assert not valid(number), f"{stem} {row[id_column]}: mistyped yet valid"
                broken += 1
            else:
                assert valid(number), f"{stem} {row[id_column]}: {row['id_number']!r} is invalid"
                valid_ids += 1
    assert valid_ids > 3000
    assert broken == sum(summary.errors.injected[kind] for kind in MISTYPED) > 0


def test_legacy_15_digit_ids_are_the_same_persons_older_numbers(city) -> None:
    _, out = city
    keys = truth(out)
    current = {
        keys["population", r["record_id"]]: r["id_number"]
        for r in read(out, "population")
        if len(r["id_number"]) == 18
    }
    legacy = [r for r in read(out, "population") if len(plain_id(r["id_number"])) == 15]
    assert len(legacy) >= 10
    for row in legacy:
        number = row["id_number"]
        assert number.isdigit()
        born = date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
        assert born == parse_date(row["birth_date"])
        assert int(number[14]) % 2 == (GENDERS[row["gender"]] == "M")
        newer = current[keys["population", row["record_id"]]]
        assert number == newer[:6] + newer[8:17]


def test_gender_and_birth_date_agree_with_the_id_number(city) -> None:
    summary, out = city
    mistyped = set().union(*(summary.errors.where(kind) for kind in MISTYPED))
    checked = 0
    for stem in ("population", "case_parties"):
        id_column = PERSON_FILES[stem][1]
        for row in read(out, stem):
            number = plain_id(row["id_number"])
            if len(number) != 18 or (stem, row[id_column]) in mistyped:
                continue
            assert parse_date(row["birth_date"]) == date(
                int(number[6:10]), int(number[10:12]), int(number[12:14])
            )
            if GENDERS[row["gender"]]:
                assert int(number[16]) % 2 == (GENDERS[row["gender"]] == "M")
            checked += 1
    assert checked > 3000


# --- error rates ---


def within_chance(injected: int, eligible: int, rate: float) -> bool:
    """Binomial: within four standard deviations (plus one for discreteness)."""
    return abs(injected - eligible * rate) <= 4 * math.sqrt(eligible * rate * (1 - rate)) + 1


def test_each_error_kind_occurs_at_its_default_rate(city) -> None:
    summary, _ = city
    rates = ErrorRates()
    for kind in KINDS:
        eligible, injected = summary.errors.eligible[kind], summary.errors.injected[kind]
        assert within_chance(injected, eligible, getattr(rates, kind)), (kind, injected, eligible)
    assert sum(summary.errors.eligible[kind] > 100 for kind in KINDS) > len(KINDS) // 2


def test_each_error_kind_follows_a_changed_rate(noisy_city) -> None:
    summary, _ = noisy_city
    for kind in KINDS:
        eligible, injected = summary.errors.eligible[kind], summary.errors.injected[kind]
        assert eligible >= 40, f"{kind} had only {eligible} chances to happen"
        assert within_chance(injected, eligible, 0.3), (kind, injected, eligible)


def test_the_error_log_says_where_the_files_are_garbled(noisy_city) -> None:
    summary, out = noisy_city
    keys = truth(out)
    log = summary.errors.where
    for stem in ("dispatch_parties", "case_parties"):
        for row in read(out, stem):
            where = (stem, row["party_id"])
            raw_id = row["id_number"]
            assert (where in log("case_id_fullwidth")) == any(
                "０" <= c <= "９" or c in "Ｘｘ" for c in raw_id
            )
            assert (where in log("case_id_spaces")) == (" " in raw_id)
            if plain_id(raw_id).endswith("X"):
                assert (where in log("lowercase_x")) == (raw_id[-1] in "xｘ")
            if row["phone"]:
                assert (where in log("phone_format")) == (not row["phone"].isdigit())
    for row in read(out, "dispatch_parties"):
        where = ("dispatch_parties", row["party_id"])
        unidentified = where in log("dispatch_unknown_party")
        assert unidentified == keys["dispatch", row["party_id"]].startswith("U")
        if unidentified:
            assert PLACEHOLDER.search(row["name"]) and not row["phone"] and not row["id_number"]
        else:
            assert (where in log("dispatch_id_present")) == bool(row["id_number"])
        if where in log("dispatch_caller_placeholder"):
            assert row["role"] == "报警人" and row["name"].endswith(("先生", "女士"))
    for row in read(out, "case_parties"):
        where = ("case_parties", row["party_id"])
        assert (where in log("case_id_missing")) == (not row["id_number"])
    for row in read(out, "dispatch_incidents"):
        where = ("dispatch_incidents", row["incident_id"])
        assert (where in log("address_shorthand")) == bool(re.search(r"\d-\d", row["address"]))


# --- headers, encodings, seeds ---


def test_both_header_languages_and_gb18030_read_back_identically(tmp_path: Path) -> None:
    variants = [("en", "utf-8"), ("zh", "utf-8"), ("en", "gb18030")]
    parsed = {}
    for headers, encoding in variants:
        out = tmp_path / f"{headers}-{encoding}"
        generate(out, 800, seed=303, headers=headers, encoding=encoding)
        parsed[headers, encoding] = {stem: read(out, stem, encoding) for stem in CONTRACT}
    english = parsed["en", "utf-8"]
    assert all(english[stem] for stem in CONTRACT)
    assert parsed["zh", "utf-8"] == english
    assert parsed["en", "gb18030"] == english
    for stem, columns in CONTRACT.items():
        en_header = (tmp_path / "en-utf-8" / f"{stem}.csv").read_text("utf-8").split("\n")[0]
        zh_header = (tmp_path / "zh-utf-8" / f"{stem}.csv").read_text("utf-8").split("\n")[0]
        assert en_header.split(",") == list(columns)
        assert zh_header.split(",") == list(columns.values())
    gb = (tmp_path / "en-gb18030" / "population.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        gb.decode("utf-8")
    assert gb != (tmp_path / "en-utf-8" / "population.csv").read_bytes()


def test_same_seed_same_bytes_another_seed_other_bytes(tmp_path: Path) -> None:
    for name, seed in (("first", 404), ("again", 404), ("other", 405)):
        generate(tmp_path / name, 1500, seed=seed)
    exports = [f"{stem}.csv" for stem in CONTRACT] + ["truth_links.csv"]
    for name in [*exports, "truth_networks.json"]:
        assert (tmp_path / "first" / name).read_bytes() == (tmp_path / "again" / name).read_bytes()
    for name in exports:
        assert (tmp_path / "first" / name).read_bytes() != (tmp_path / "other" / name).read_bytes()


# --- truth ---


def test_truth_links_name_every_person_row_and_nothing_else(city) -> None:
    _, out = city
    rows = [
        (source, row[id_column])
        for stem, (source, id_column) in PERSON_FILES.items()
        for row in read(out, stem)
    ]
    with (out / "truth_links.csv").open(encoding="utf-8", newline="") as handle:
        links = [(r["source"], r["record_id"]) for r in csv.DictReader(handle)]
    assert len(set(rows)) == len(rows) == len(links)
    assert set(links) == set(rows)


def test_networks_are_the_components_of_pairs_in_three_disputes(city) -> None:
    _, out = city
    keys = truth(out)
    disputes = {
        r["incident_id"]
        for r in read(out, "dispatch_incidents")
        if r["category"].startswith("纠纷")
    }
    parties = defaultdict(set)
    for row in read(out, "dispatch_parties"):
        if row["incident_id"] in disputes:
            parties[row["incident_id"]].add(keys["dispatch", row["party_id"]])
    together = defaultdict(set)
    for incident, persons in parties.items():
        for pair in combinations(sorted(persons), 2):
            together[pair].add(incident)
    joined = {pair: incidents for pair, incidents in together.items() if len(incidents) >= 3}
    expected = sorted(
        (sorted(members), sorted(set().union(*(joined[p] for p in joined if p[0] in members))))
        for members in networkx.connected_components(networkx.Graph(list(joined)))
    )
    networks = json.loads((out / "truth_networks.json").read_text("utf-8"))
    assert sorted((n["person_keys"], n["incident_ids"]) for n in networks) == expected
    assert len(expected) >= 3
    assert len({n["network_key"] for n in networks}) == len(networks)
    assert all(n["compound"] and n["address"] for n in networks)


# --- the hard cases a resolver meets ---


def test_the_city_holds_the_hard_cases(city) -> None:
    _, out = city
    keys = truth(out)
    population = read(out, "population")
    person = {r["record_id"]: keys["population", r["record_id"]] for r in population}
    names = defaultdict(set)
    twins = defaultdict(set)
    for row in population:
        names[row["name"]].add(person[row["record_id"]])
        if len(row["id_number"]) == 18:
            twins[row["id_number"][:14], row["residence_address"]].add(person[row["record_id"]])
    assert max(len(p) for p in names.values()) >= 5, "a very common name shared by many"
    assert any(len(p) >= 2 for p in twins.values()), "twins: same birth, same flat"
    assert any(
        n[:2] in ("欧阳", "司马", "诸葛", "上官", "尉迟", "皇甫", "司徒", "申屠") for n in names
    )
    assert any("·" in n for n in names), "minority names"
    assert any(re.search(r"\d[,，;；/ ]1", r["phone"]) for r in population), (
        "two phones in one field"
    )
    assert any(r["household_address"] != r["residence_address"] for r in population)
    registered = set(person.values())
    unregistered = {k for (source, _), k in keys.items() if source != "population"} - registered
    assert any(k.startswith("P") for k in unregistered), "people the registry does not have"
    dispatch_names = [r["name"] for r in read(out, "dispatch_parties")]
    assert any(PLACEHOLDER.search(n) for n in dispatch_names)
    assert any(re.search(r"[ \u3000]", n) for n in dispatch_names)


# --- the command and the bundled sample ---


def test_generate_command_writes_the_files(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    parser = argparse.ArgumentParser()
    generate_command.register(parser.add_subparsers())
    args = parser.parse_args(["generate", str(tmp_path), "--persons", "300", "--seed", "7",
                              "--headers", "zh", "--encoding", "gb18030"])  # fmt: skip
    assert args.run(args) == 0
    assert "dispatch_parties.csv" in capsys.readouterr().out
    assert read(tmp_path, "population", "gb18030")
    assert (tmp_path / "truth_networks.json").exists()


def test_generate_command_offers_the_writers_encodings() -> None:
    from resolution.synthetic.writer import ENCODINGS

    assert generate_command.ENCODINGS == ENCODINGS


def test_bundled_sample_is_what_its_command_writes(tmp_path: Path) -> None:
    generate(tmp_path, SAMPLE_PERSONS, seed=SAMPLE_SEED)
    for name in [f"{stem}.csv" for stem in CONTRACT] + ["truth_links.csv", "truth_networks.json"]:
        assert (SAMPLE / name).read_bytes() == (tmp_path / name).read_bytes(), name
    networks = json.loads((SAMPLE / "truth_networks.json").read_text("utf-8"))
    assert len(networks) >= 5
    by_compound = Counter(n["compound"] for n in networks)
    assert by_compound.most_common(1)[0][1] >= 3, "a compound whose neighbour disputes recur"
