"""A synthetic city spread over several provinces: each one's districts, habits and peoples."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from api.cli import main
from resolution.normalise.address import parse_address
from resolution.normalise.idnumber import parse_id
from resolution.synthetic import generate
from resolution.synthetic.generate import GenerationSummary

PROVINCES = ("zhejiang", "jiangsu", "guangdong", "sichuan", "xinjiang")
NAMES = {
    "zhejiang": "浙江省",
    "jiangsu": "江苏省",
    "guangdong": "广东省",
    "sichuan": "四川省",
    "xinjiang": "新疆维吾尔自治区",
}


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> tuple[GenerationSummary, Path]:
    out = tmp_path_factory.mktemp("provinces")
    return generate(out, 8000, seed=35, provinces=PROVINCES), out  # all five drawn


def rows(out: Path, stem: str) -> list[dict[str, str]]:
    with (out / f"{stem}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_residents_live_in_every_chosen_province(city) -> None:
    _, out = city
    provinces = Counter(
        parse_address(r["residence_address"]).province for r in rows(out, "population")
    )
    assert set(NAMES.values()) <= set(provinces)


def test_the_registry_writes_addresses_the_parser_places_in_their_province(city) -> None:
    _, out = city
    written = [r["residence_address"] for r in rows(out, "population")]
    formal = [a for a in written if a.startswith(tuple(NAMES.values()))]
    assert len(formal) > 0.8 * len(written)
    for text in formal:
        address = parse_address(text)
        assert address.city and address.district and address.flat_key, text


def test_free_typed_dispatch_addresses_keep_their_flat(city) -> None:
    _, out = city
    incidents = rows(out, "dispatch_incidents")
    flats = [parse_address(r["address"]) for r in incidents]
    assert sum(a is not None and a.place is not None for a in flats) > 0.95 * len(flats)


def test_every_region_code_of_an_id_number_is_a_real_division(city) -> None:
    _, out = city
    numbers = [parse_id(r["id_number"]) for r in rows(out, "population")]
    checked = [n for n in numbers if n is not None and n.checksum_ok]
    assert checked and all(n.region_known for n in checked)


def test_an_autonomous_region_has_settled_minority_households_with_their_names(city) -> None:
    _, out = city
    people = rows(out, "population")
    xinjiang = [
        r for r in people if parse_address(r["residence_address"]).province == NAMES["xinjiang"]
    ]
    uyghur = [r for r in xinjiang if r["ethnicity"] == "维吾尔族"]
    assert len(uyghur) > 0.3 * len(xinjiang)
    assert all("·" in r["name"] for r in uyghur)


def test_the_default_city_is_still_zhejiang_only(tmp_path) -> None:
    generate(tmp_path, 800, seed=5)
    provinces = {
        parse_address(r["residence_address"]).province for r in rows(tmp_path, "population")
    }
    assert provinces - {None} == {NAMES["zhejiang"]}


def test_the_cli_takes_provinces_and_refuses_unknown_ones(tmp_path, capsys) -> None:
    assert (
        main(["generate", str(tmp_path / "a"), "--persons", "300", "--provinces", "jiangsu"]) == 0
    )
    with pytest.raises(SystemExit) as raised:
        main(["generate", str(tmp_path / "b"), "--provinces", "jiangsu,atlantis"])
    assert raised.value.code == 2
    assert "unknown province atlantis" in capsys.readouterr().err
