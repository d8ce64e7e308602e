"""`fengqiao resolve` end to end on the bundled sample and on small generated batches."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from resolution import decisions
from resolution.evaluate import compare
from resolution.pipeline import ResolveOptions, resolve
from resolution.progress import Progress

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"
QUIET = Progress(stream=None)


def links(out: Path) -> dict[tuple[str, str], str]:
    with (out / "links.csv").open(encoding="utf-8", newline="") as handle:
        return {(r["source"], r["record_id"]): r["person_id"] for r in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def models(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
def sample_result(tmp_path_factory, models) -> Path:
    out = tmp_path_factory.mktemp("sample-out")
    resolve(SAMPLE, out, ResolveOptions(models_dir=models), QUIET)
    return out


def test_sample_is_resolved_accurately_and_nothing_is_lost(sample_result):
    accuracy = compare(sample_result / "links.csv", SAMPLE / "truth_links.csv")
    assert accuracy.rows_missing == 0
    assert accuracy.precision >= 0.99
    assert accuracy.f1 >= 0.95
    report = json.loads((sample_result / "report.json").read_text())
    assert report["rows"]["read"] == report["rows"]["accepted"] + report["rows"]["quarantined"]
    with (SAMPLE / "truth_links.csv").open(encoding="utf-8") as handle:
        assert len(links(sample_result)) == sum(1 for _ in handle) - 1


def test_every_output_file_is_written(sample_result):
    for name in (
        "links.csv",
        "persons.csv",
        "records.jsonl",
        "incidents.jsonl",
        "cases.jsonl",
        "addresses.jsonl",
        "review.csv",
        "quarantine.csv",
        "report.json",
    ):
        assert (sample_result / name).stat().st_size > 0, name
    with (sample_result / "links.csv").open(encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == ["source", "record_id", "person_id", "score"]


def test_every_merge_carries_its_evidence(sample_result):
    records = [
        json.loads(line) for line in (sample_result / "records.jsonl").open(encoding="utf-8")
    ]
    sizes: dict[str, int] = {}
    for r in records:
        sizes[r["person_id"]] = sizes.get(r["person_id"], 0) + 1
    merged = [r for r in records if sizes[r["person_id"]] > 1 and r["evidence"]]
    assert merged, "the sample has persons with several records"
    evidence = merged[0]["evidence"]
    assert {f["field"] for f in evidence["fields"]} >= {
        "name",
        "pinyin",
        "id_number",
        "phones",
        "addresses",
    }
    assert all({"a", "b", "level", "weight"} <= f.keys() for f in evidence["fields"])


def test_contextual_links_say_why_in_their_evidence(sample_result):
    records = [
        json.loads(line) for line in (sample_result / "records.jsonl").open(encoding="utf-8")
    ]
    by_key = {f"{r['source']}:{r['record_id']}": r for r in records}
    placed = [r for r in records if r["evidence"] and "context" in r["evidence"]]
    assert placed, "the sample has name-only parties placed by their incident's context"
    for record in placed:
        evidence = record["evidence"]
        assert evidence["reason"].startswith("linked because ")
        assert by_key[evidence["matched_with"]]["person_id"] == record["person_id"]
        assert evidence["fields"]  # the field weights are still there beside the reason


def test_second_run_gives_identical_person_ids(sample_result, models, tmp_path):
    resolve(SAMPLE, tmp_path, ResolveOptions(models_dir=models), QUIET)
    assert links(tmp_path) == links(sample_result)


def split_batch(source: Path, first: Path, second: Path) -> None:
    """First batch: everything but the last fifth of the dispatch parties; the second batch
    holds only those parties (and their incidents), as a platform's next export would."""
    shutil.copytree(source, first)
    second.mkdir()
    lines = (source / "dispatch_parties.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    keep = len(lines) - (len(lines) - 1) // 5
    (first / "dispatch_parties.csv").write_text("".join(lines[:keep]), encoding="utf-8")
    (second / "dispatch_parties.csv").write_text(lines[0] + "".join(lines[keep:]), encoding="utf-8")
    shutil.copy(source / "dispatch_incidents.csv", second / "dispatch_incidents.csv")


def test_incremental_batch_links_new_rows_and_keeps_ids(sample_result, models, tmp_path):
    first, second = tmp_path / "batch1", tmp_path / "batch2"
    split_batch(SAMPLE, first, second)
    out1, out2 = tmp_path / "out1", tmp_path / "out2"
    resolve(first, out1, ResolveOptions(models_dir=models), QUIET)
    resolve(second, out2, ResolveOptions(models_dir=models, previous=out1), QUIET)
    before, after = links(out1), links(out2)
    assert before.keys() < after.keys()
    assert (out2 / "cases.jsonl").read_text() == (out1 / "cases.jsonl").read_text()  # carried over
    kept = sum(after[k] == v for k, v in before.items())
    assert kept == len(before), "no existing record changes person when new rows only add"
    new_rows = after.keys() - before.keys()
    joined = sum(after[k] in set(before.values()) for k in new_rows)
    assert joined > len(new_rows) // 3, "many new dispatch rows belong to known persons"
    accuracy = compare(out2 / "links.csv", SAMPLE / "truth_links.csv")
    assert accuracy.precision >= 0.99


def test_human_decisions_are_respected(sample_result, models, tmp_path):
    by_person: dict[str, list[tuple[str, str]]] = {}
    for key, pid in links(sample_result).items():
        by_person.setdefault(pid, []).append(key)
    merged = next(keys for keys in by_person.values() if len(keys) >= 2)
    loners = [keys[0] for keys in by_person.values() if len(keys) == 1][:2]
    file = tmp_path / "decisions.csv"
    decisions.append(
        file,
        [
            decisions.Decision(
                decisions.DISTINCT,
                decisions.record_key(*merged[0]),
                decisions.record_key(*merged[1]),
                user="tester",
            ),
            decisions.Decision(
                decisions.MATCH,
                decisions.record_key(*loners[0]),
                decisions.record_key(*loners[1]),
                user="tester",
            ),
        ],
    )
    out = tmp_path / "out"
    resolve(SAMPLE, out, ResolveOptions(models_dir=models, decisions_file=file), QUIET)
    result = links(out)
    assert result[merged[0]] != result[merged[1]]
    assert result[loners[0]] == result[loners[1]]
    again = tmp_path / "again"  # and on an incremental re-run of the same result
    resolve(
        SAMPLE, again, ResolveOptions(models_dir=models, decisions_file=file, previous=out), QUIET
    )
    assert links(again) == result


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args], capture_output=True, text=True, timeout=300
    )


def test_broken_input_is_quarantined_and_counted(tmp_path):
    data = tmp_path / "in"
    shutil.copytree(SAMPLE, data)
    with (data / "dispatch_parties.csv").open("a", encoding="utf-8") as handle:
        handle.write("DP99999998,J1,报警人,张三,13800001111,,男,extra,fields\n")  # ragged
        handle.write(",J1,报警人,李四,,,\n")  # no party_id
    result = run_cli("resolve", str(data), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    with (tmp_path / "out" / "quarantine.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2
    assert {r["file"] for r in rows} == {"dispatch_parties.csv"}
    assert all(r["line"] and r["reason"] for r in rows)
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["rows"]["quarantined"] == 2
    assert report["rows"]["read"] == report["rows"]["accepted"] + 2


def test_unusable_input_is_one_clear_sentence(tmp_path):
    data = tmp_path / "in"
    data.mkdir()
    (data / "population.csv").write_text(
        "record_id,姓名\nR1,张三\n", encoding="utf-8"
    )  # no ID column etc.
    (data / "dispatch_parties.csv").write_bytes(
        "人员编号,姓名\n".encode("utf-16")
    )  # wrong encoding
    result = run_cli("resolve", str(data), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "error:" in result.stderr and ".csv" in result.stderr


def test_label_session_adds_answers_and_keeps_earlier_labels(tmp_path):
    from resolution.model.store import SHIPPED_TRAINING
    from resolution.training import read

    training = tmp_path / "training.json"
    shutil.copy(SHIPPED_TRAINING, training)
    before = read(training)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "api.cli",
            "label",
            str(SAMPLE),
            "--training",
            str(training),
            "--sample",
            "800",
        ],
        input="y\nn\nn\nf\n",
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    after = read(training)
    assert len(after["distinct"]) >= len(before["distinct"]) + 2
    assert len(after["match"]) >= len(before["match"]) + 1
    assert after["match"][: len(before["match"])] == before["match"]  # nothing earlier lost
