"""`fengqiao bench splink`: Fengqiao's resolve beside Splink 5 on DuckDB, over the same data.

Issue 13's yardstick: at 20,000 and 200,000 persons Fengqiao should be no slower than
Splink set up with care, at unchanged accuracy. The data is generated once; Fengqiao
resolves it as `bench resolve` does (its model loaded before timing); Splink gets the
very same person records as Fengqiao's readers normalise them (simplified names, their
pinyin, upgraded ID numbers, ISO dates, phones, address keys), so both compare the same
evidence. Reading and normalising is in Fengqiao's time (its read_and_normalise stage),
not in Splink's (nor deriving Splink's columns from them): the table says so. Splink's
time is its whole run: training (u by random sampling, m by EM over three blocking
rules), the probability that two records match estimated on all records, prediction,
clustering at the threshold and writing links.csv. Above `--train-persons` persons Splink trains on the records of that many
persons, drawn at random by their true person (truth_links.csv) so that the sample holds
whole persons, as a smaller export would; no label reaches Splink's estimates. Both
results are scored by `resolution.evaluate.compare` from a links.csv each.

Splink is a dev dependency (pip install 'fengqiao[dev]'); it and DuckDB load only here.
Nothing they run downloads anything: every function used is in DuckDB's wheel, and
DuckDB is told not to install extensions, so one needed would fail, not be fetched.
"""

from __future__ import annotations

import argparse
import csv
import logging
import random
import tempfile
import time
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from api.benchmarks._measure import measured
from api.commands.generate import add_provinces, positive

if TYPE_CHECKING:
    from splink import Linker, SettingsCreator

    from resolution.evaluate import Accuracy
    from resolution.record import PersonRecord

MATCH_PROBABILITY = 0.3
"""Pairs at or above it are matches, clustered into persons (connected components).
Chosen, as LAMBDA_RECALL was, on the generated data Fengqiao's model was trained on
(20,000 persons, seed 1001), where it gave Splink its best F1 (0.962; 0.945 at 0.95)."""
U_PAIRS = 1e7
"""Random pairs for the u probabilities: Splink's suggestion while a model is being
built, and ample for a sample of 20,000 persons."""
LAMBDA_RECALL = 0.6
"""The share of true pairs the deterministic rules find (on seed 1001's data; dispatch
parties mostly come without ID number and birth date), from which Splink estimates
the probability that two records match."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "splink", help="Fengqiao's resolve beside Splink 5 on DuckDB: seconds and accuracy"
    )
    parser.add_argument("--persons", type=positive, default=20_000)
    parser.add_argument("--seed", type=int, default=424_242)
    parser.add_argument(
        "--train-persons",
        type=positive,
        default=20_000,
        help="Splink trains on the records of at most this many persons",
    )
    add_provinces(parser)
    parser.set_defaults(run=run)


@dataclass(frozen=True)
class Result:
    system: str
    seconds: float
    peak_mib: float
    accuracy: Accuracy


def run(args: argparse.Namespace) -> int:
    if find_spec("splink") is None:  # say so now, not after minutes of generating and resolving
        raise SystemExit("error: `fengqiao bench splink` needs splink: pip install 'fengqiao[dev]'")
    from resolution.synthetic import generate

    with tempfile.TemporaryDirectory(prefix="fengqiao-bench-") as scratch:
        base = Path(scratch)
        data = base / "input"
        generate(data, args.persons, args.seed, provinces=args.provinces)
        fengqiao = _fengqiao(data, base / "fengqiao")
        records, rows, normalising = _splink_input(data)
        splink, stages = _splink(records, rows, data, base / "splink", args)
    _print(args, len(records), [fengqiao, splink], normalising, stages)
    return 0


def _fengqiao(data: Path, out: Path) -> Result:
    """Fengqiao's resolve as `bench resolve` runs it."""
    from api.settings import Settings
    from resolution.evaluate import compare
    from resolution.model.store import load_or_train
    from resolution.pipeline import resolve

    options = Settings().resolving()
    load_or_train(options.models_dir, options.training_file)  # a model exists before timing
    with measured() as measurement:
        summary = resolve(data, out, options)
    accuracy = compare(out / "links.csv", data / "truth_links.csv")
    peak = max(summary.peak_mib.values())
    return Result("Fengqiao", measurement.seconds, peak, accuracy)


def _splink_input(data: Path) -> tuple[list[PersonRecord], list[dict[str, Any]], float]:
    """The person records as Fengqiao's readers normalise them, Splink's rows of them,
    and the seconds that took."""
    from resolution.prepare import prepare
    from resolution.progress import Progress
    from resolution.sources import read_exports

    started = time.perf_counter()
    records = prepare(read_exports(data), Progress(None)).records
    rows = [splink_row(i, record) for i, record in enumerate(records)]
    return records, rows, time.perf_counter() - started


def _splink(
    records: list[PersonRecord],
    rows: list[dict[str, Any]],
    data: Path,
    out: Path,
    args: argparse.Namespace,
) -> tuple[Result, dict[str, float]]:
    """Splink trained on a sample of whole persons, then predicting over every record."""
    from resolution.evaluate import compare
    from resolution.stages import Stages

    sample = _sample(records, data / "truth_links.csv", args.train_persons, args.seed)
    timed = Stages()
    started = time.perf_counter()
    with timed("train"):
        model = _trained([rows[i] for i in sample], args.seed)
    with timed("predict"):
        linker, predictions = _predicted(rows, model)
    with timed("cluster and write"):
        _write_links(linker, predictions, records, out / "links.csv")
    seconds = time.perf_counter() - started
    accuracy = compare(out / "links.csv", data / "truth_links.csv")
    result = Result("Splink 5 (DuckDB)", seconds, max(timed.peak_mib.values()), accuracy)
    return result, timed.seconds


# --- Splink's input ---------------------------------------------------------------------


def splink_row(unique_id: int, record: PersonRecord) -> dict[str, Any]:
    """One record as Splink's columns: Fengqiao's normalised fields, with the name split
    into surname and the address keys into the levels they agree on."""
    from resolution.normalise.names import parse_name

    name = parse_name(record.name_raw)
    places = [_address_levels(key) for key in (record.model["addresses"] or "").split(";") if key]
    return {
        "unique_id": unique_id,
        "name": record.model["name"],
        "pinyin": record.pinyin,
        "surname": name.surname if name else None,
        "id_number": record.id_number,
        "birth_date": record.birth_date,
        "sex": record.sex,
        "phones": record.phones or None,
        "districts": _present(p["district"] for p in places),
        "places": _present(p["place"] for p in places),
        "buildings": _present(p["building"] for p in places),
        "flats": _present(p["flat"] for p in places),
    }


def _address_levels(key: str) -> dict[str, str | None]:
    """District, place, building and flat of an address key
    (district|road|compound|building|unit|room|city, resolution.normalise.address): the
    place is the compound, or the road where there is none, as Fengqiao's blocking reads it."""
    district, road, compound, building, unit, room, _city = (key.split("|") + [""] * 7)[:7]
    place = compound or road
    return {
        "district": district or None,
        "place": place or None,
        "building": f"{place}|{building}" if place and building else None,
        "flat": f"{place}|{building}|{unit}|{room}" if place and room else None,
    }


def _present(values) -> list[str] | None:
    """The distinct values, in order; None (Splink's null) when there are none."""
    kept = list(dict.fromkeys(v for v in values if v))
    return kept or None


def _table(rows: list[dict[str, Any]]):
    """The rows as an Arrow table with explicit types: a small sample may lack a value."""
    import pyarrow as pa

    text, texts = pa.string(), pa.list_(pa.string())
    schema = pa.schema(
        [("unique_id", pa.int64())]
        + [(c, text) for c in ("name", "pinyin", "surname", "id_number", "birth_date", "sex")]
        + [(c, texts) for c in ("phones", "districts", "places", "buildings", "flats")]
    )
    return pa.Table.from_pylist(rows, schema=schema)


def _sample(records: list[PersonRecord], truth: Path, persons: int, seed: int) -> list[int]:
    """Indexes of the records of `persons` true persons drawn at random (all records when
    there are no more persons than that)."""
    with truth.open(encoding="utf-8", newline="") as handle:
        person_of = {(r["source"], r["record_id"]): r["person_key"] for r in csv.DictReader(handle)}
    keys = [person_of[(r.source, r.record_id)] for r in records]
    everyone = sorted(set(keys))
    if len(everyone) <= persons:
        return list(range(len(records)))
    drawn = set(random.Random(seed).sample(everyone, persons))
    return [i for i, key in enumerate(keys) if key in drawn]


# --- Splink's model ---------------------------------------------------------------------


def settings() -> SettingsCreator:
    """Comparisons suited to each field, in functions DuckDB computes fast, and blocking
    rules on discriminating evidence.

    Name: exact characters (with term frequencies: 王伟 is common), then the same sound
    (homophones such as 张伟/章伟), one character off, or close pinyin. ID number (18
    characters once normalised): exact, one character differs (a typo), two neighbours
    swapped; by Hamming distance, and Damerau-Levenshtein only where two characters
    differ: DuckDB's Damerau-Levenshtein is fifty times slower than Hamming and over every
    pair made u sampling three quarters of Splink's run. Twins' numbers differ in two
    characters that are not neighbours, and are kept apart. Birth date: Splink's
    date-of-birth levels. Phones and address levels: any value in common (list_has_any),
    from the flat up to the district. Blocking: ID number, phone, name sound or surname with
    birth date, name sound within a compound (or road), surname within a flat."""
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator

    def shared(column: str, label: str):
        return cll.CustomLevel(f"list_has_any({column}_l, {column}_r)", label_for_charts=label)

    name = cl.CustomComparison(
        output_column_name="name",
        comparison_levels=[
            cll.NullLevel("pinyin"),
            cll.ExactMatchLevel("name", term_frequency_adjustments=True),
            cll.ExactMatchLevel("pinyin", term_frequency_adjustments=True),
            cll.LevenshteinLevel("name", 1),
            cll.JaroWinklerLevel("pinyin", 0.9),
            cll.ElseLevel(),
        ],
    )
    id_number = cl.CustomComparison(
        output_column_name="id_number",
        comparison_levels=[
            cll.NullLevel("id_number"),
            cll.ExactMatchLevel("id_number"),
            _id_level("hamming(id_number_l, id_number_r) = 1", "one character differs"),
            _id_level(
                "case when hamming(id_number_l, id_number_r) = 2 "
                "then damerau_levenshtein(id_number_l, id_number_r) = 1 end",
                "two neighbours swapped",
            ),
            cll.ElseLevel(),
        ],
    )
    address = cl.CustomComparison(
        output_column_name="address",
        comparison_levels=[
            cll.NullLevel("places"),
            shared("flats", "same flat"),
            shared("buildings", "same building"),
            shared("places", "same compound or road"),
            shared("districts", "same district"),
            cll.ElseLevel(),
        ],
    )
    phones = cl.CustomComparison(
        output_column_name="phones",
        comparison_levels=[
            cll.NullLevel("phones"),
            shared("phones", "a phone in common"),
            cll.ElseLevel(),
        ],
    )
    return SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            name,
            id_number,
            cl.DateOfBirthComparison("birth_date", input_is_string=True),
            cl.ExactMatch("sex"),
            phones,
            address,
        ],
        blocking_rules_to_generate_predictions=_prediction_rules(),
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )


def _prediction_rules() -> list:
    from splink import block_on

    return [
        block_on("id_number"),
        block_on("phones", arrays_to_explode=["phones"]),
        block_on("pinyin", "birth_date"),
        block_on("surname", "birth_date"),
        block_on("pinyin", "places", arrays_to_explode=["places"]),
        block_on("surname", "flats", arrays_to_explode=["flats"]),
    ]


def _id_level(sql: str, label: str):
    """A level on two ID numbers of one length (the CASE keeps DuckDB's hamming, which
    fails on unequal lengths, to equal ones)."""
    import splink.comparison_level_library as cll

    return cll.CustomLevel(
        f"case when length(id_number_l) = length(id_number_r) then {sql} end",
        label_for_charts=label,
    )


def _duckdb():
    """An in-memory DuckDB for Splink that never installs an extension."""
    import duckdb
    from splink import DuckDBAPI

    return DuckDBAPI(duckdb.connect(config={"autoinstall_known_extensions": False}))


def _trained(rows: list[dict[str, Any]], seed: int) -> dict[str, Any]:
    """u by random sampling; m by EM blocked on the ID number, on name with birth date
    and on the first phone (each estimates the m of the comparisons the others block on;
    the last sees the name's variants, which records sharing an ID rarely have)."""
    from splink import Linker, block_on

    linker = Linker(_duckdb().register(_table(rows)), settings(), log_level=logging.ERROR)
    linker.training.estimate_u_using_random_sampling(max_pairs=U_PAIRS, seed=seed)
    for rule in (
        block_on("id_number"),
        block_on("pinyin", "birth_date"),
        block_on("list_extract(phones, 1)"),
    ):
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True
        )
    return linker.misc.save_model_to_json()


def _predicted(rows: list[dict[str, Any]], model: dict[str, Any]) -> tuple[Linker, Any]:
    """The trained model over every record: the probability that two records match
    estimated on them all (it falls as the data grows), then the pairs at the threshold."""
    from splink import Linker, block_on

    linker = Linker(_duckdb().register(_table(rows)), model, log_level=logging.ERROR)
    rules = [
        block_on("id_number"),
        block_on("pinyin", "birth_date", "sex"),
        block_on("pinyin", "phones", arrays_to_explode=["phones"]),
    ]
    linker.training.estimate_probability_two_random_records_match(rules, recall=LAMBDA_RECALL)
    predictions = linker.inference.predict(threshold_match_probability=MATCH_PROBABILITY)
    return linker, predictions


def _write_links(linker: Linker, predictions, records: list[PersonRecord], path: Path) -> None:
    """Connected components at the threshold as links.csv (the contract's columns): the
    person is the cluster, the score the record's best match probability (1 on its own)."""
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=MATCH_PROBABILITY
    )
    pairs = predictions.as_duckdbpyrelation()
    either = pairs.select("unique_id_l as unique_id, match_probability").union(
        pairs.select("unique_id_r as unique_id, match_probability")
    )
    best = dict(either.aggregate("unique_id, max(match_probability)", "unique_id").fetchall())
    members = clusters.as_duckdbpyrelation().select("unique_id, cluster_id").fetchall()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source", "record_id", "person_id", "score"])
        for unique_id, cluster_id in members:
            record, score = records[unique_id], best.get(unique_id, 1.0)
            writer.writerow([record.source, record.record_id, f"S{cluster_id}", f"{score:.4f}"])


# --- the table --------------------------------------------------------------------------


def _print(
    args: argparse.Namespace,
    rows: int,
    results: list[Result],
    normalising: float,
    stages: dict[str, float],
) -> None:
    fengqiao, splink = results
    print(
        f"splink --persons {args.persons:,} --seed {args.seed} --train-persons "
        f"{args.train_persons:,} --provinces {','.join(args.provinces)} ({rows:,} person rows)"
    )
    print(f"  {'system':<20}{'seconds':>9}{'peak MiB':>10}{'precision':>11}{'recall':>9}{'F1':>9}")
    for r in results:
        a = r.accuracy
        print(
            f"  {r.system:<20}{r.seconds:>9,.1f}{r.peak_mib:>10,.0f}"
            f"{a.precision:>11.4f}{a.recall:>9.4f}{a.f1:>9.4f}"
        )
    print(f"  ratio Fengqiao / Splink seconds: {fengqiao.seconds / splink.seconds:.2f}")
    print(
        f"  Fengqiao's time includes reading and normalising the exports; Splink was given "
        f"the records normalised by Fengqiao's readers (reading, normalising and making "
        f"Splink's columns of them {normalising:,.1f} s, not in its time)."
    )
    print("  Splink's stages: " + ", ".join(f"{s} {t:,.1f} s" for s, t in stages.items()))
