"""`fengqiao bench splink` resolves one generated city with Fengqiao and with Splink 5 on
DuckDB, Splink trained on a sample of its persons, and prints both systems' figures and
the ratio of their seconds. Behaviour only: the seconds are printed, never judged."""

from __future__ import annotations

import re

import pytest

from api.cli import main

ROW = re.compile(
    r"^  (?P<system>Fengqiao|Splink 5 \(DuckDB\))\s+(?P<seconds>[\d,.]+)\s+[\d,]+"
    r"\s+(?P<precision>[01]\.\d{4})\s+(?P<recall>[01]\.\d{4})\s+(?P<f1>[01]\.\d{4})$",
    re.MULTILINE,
)


def test_both_systems_resolve_the_same_city_well_and_the_ratio_is_printed(
    tmp_path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FENGQIAO_HOME", str(tmp_path))  # its own model, trained here
    assert main(["bench", "splink", "--persons", "2000", "--train-persons", "1000"]) == 0
    printed = capsys.readouterr().out
    rows = {m["system"]: m for m in ROW.finditer(printed)}
    assert set(rows) == {"Fengqiao", "Splink 5 (DuckDB)"}, printed
    for row in rows.values():
        assert float(row["f1"]) > 0.8, printed
    ratio = re.search(r"^  ratio Fengqiao / Splink seconds: (\d+\.\d\d)$", printed, re.MULTILINE)
    assert ratio, printed
    seconds = {system: float(row["seconds"].replace(",", "")) for system, row in rows.items()}
    assert float(ratio[1]) == pytest.approx(
        seconds["Fengqiao"] / seconds["Splink 5 (DuckDB)"], abs=0.1, rel=0.2
    )
