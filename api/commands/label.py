"""`fengqiao label`: add labelled pairs to the training file.

- `fengqiao label INPUT_DIR` starts Dedupe's console session for the
  integration team: it shows the pairs the model is least sure of, a person
  answers y(es) / n(o) / u(nsure) / f(inished), and the answers are added to
  the training file without losing the labels already there.
- `fengqiao label INPUT_DIR --from-truth` labels pairs automatically from
  generated data's `truth_links.csv` (how the shipped training file is made).
- `fengqiao label --from-decisions` adds the human decisions (decisions.csv: the
  review desk's and the API's) to the training file, retrains, and prints how the
  model did on a held-out share of the decisions before and after
  (resolution/feedback.py).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("label", help="label record pairs for training the model")
    parser.add_argument(
        "input_dir",
        type=Path,
        nargs="?",
        help="folder with platform exports (not with --from-decisions)",
    )
    parser.add_argument(
        "--training", type=Path, help="the training file to add to (default: the shipped one)"
    )
    parser.add_argument(
        "--from-truth",
        action="store_true",
        help="label from INPUT_DIR/truth_links.csv (generated data only)",
    )
    parser.add_argument(
        "--from-decisions",
        action="store_true",
        help="learn from the human decisions, retrain, and compare on held-out decisions",
    )
    parser.add_argument(
        "--decisions", type=Path, help="human decisions (default: FENGQIAO_HOME/decisions.csv)"
    )
    parser.add_argument(
        "--state",
        type=Path,
        help="resolution state (default: FENGQIAO_HOME/state/resolution.sqlite)",
    )
    parser.add_argument("--models", type=Path, help="models folder (default: FENGQIAO_HOME/models)")
    parser.add_argument(
        "--holdout", type=float, default=0.3, help="share of decisions held out to compare (0.3)"
    )
    parser.add_argument("--pairs", type=int, default=2000, help="pairs to label from truth")
    parser.add_argument(
        "--sample", type=int, default=3000, help="records to sample for the console session"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.from_decisions:
        return _from_decisions(args)
    if args.input_dir is None:
        print("fengqiao label: INPUT_DIR is needed (or --from-decisions).")
        return 2
    from resolution.blocking import pairs_of
    from resolution.model.store import SHIPPED_TRAINING
    from resolution.prepare import prepare, read_truth
    from resolution.progress import Progress
    from resolution.sources import read_exports
    from resolution.training import merge_into, pairs_from_truth

    training = args.training or SHIPPED_TRAINING
    prepared = prepare(read_exports(args.input_dir), Progress())
    models = [r.model for r in prepared.records]
    if args.from_truth:
        truth = read_truth(args.input_dir / "truth_links.csv", prepared.records)
        pairs = pairs_of(enumerate(models))
        counts = merge_into(training, pairs_from_truth(models, truth, pairs, args.pairs, args.seed))
    else:
        counts = _console_session(models, training, args.sample, args.seed)
    print(
        f"{training} now holds {counts['match']} matching and {counts['distinct']} distinct pairs."
    )
    return 0


def _console_session(models: list[dict], training: Path, sample: int, seed: int) -> dict[str, int]:
    """Dedupe's active-learning session on a sample; the answers are merged into the file.

    The existing labels are not handed to Dedupe's learner: it indexes every record of
    every labelled pair, which does not fit in memory for a file of thousands of pairs.
    """
    import dedupe

    from resolution.comparisons import dedupe_variables
    from resolution.training import merge_into

    rng = random.Random(seed)
    chosen = rng.sample(range(len(models)), min(sample, len(models)))
    matcher = dedupe.Dedupe(dedupe_variables(), num_cores=1)
    matcher.prepare_training({i: models[i] for i in chosen}, sample_size=min(1500, len(chosen)))
    print("Answer y (same person), n (different), u (unsure), f (finished).")
    dedupe.console_label(matcher)
    answers = {
        kind: [list(pair) for pair in matcher.training_pairs[kind]]
        for kind in ("match", "distinct")
    }
    return merge_into(training, answers)


def _from_decisions(args: argparse.Namespace) -> int:
    from api.settings import Settings
    from resolution.feedback import learn_from_decisions
    from resolution.model.store import SHIPPED_TRAINING

    settings = Settings()
    decisions = args.decisions or settings.decisions_file
    training = args.training or SHIPPED_TRAINING
    result = learn_from_decisions(
        decisions,
        args.state or settings.state_file,
        training,
        args.models or settings.models_dir,
        threshold=settings.link_threshold,
        share=args.holdout,
        seed=args.seed,
        num_cores=settings.resolve_cores,
    )
    left_out = f" ({result.unknown} name records the state does not hold)" if result.unknown else ""
    print(f"{decisions}: {result.decisions} standing decisions{left_out}.")
    print(
        f"Learned from {result.trained_on}, held out {result.held_out}; {training} now holds "
        f"{result.training_counts['match']} matching and {result.training_counts['distinct']} "
        "distinct pairs."
    )
    print(
        f"before (model {result.model_before}): {result.before} on {result.held_out} held-out decisions"
    )
    print(
        f"after  (model {result.model_after}): {result.after} on {result.held_out} held-out decisions"
    )
    return 0
