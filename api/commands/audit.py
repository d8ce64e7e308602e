"""`fengqiao audit verify | who-viewed`: check the audit log's chain, and answer who
looked at a person, when and why (api/audit.py)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("audit", help="the API's audit log: verify, who-viewed")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser(
        "verify", help="check the whole chain against its head: edits, re-chaining, a cut tail"
    ).set_defaults(run=run_verify)
    who = actions.add_parser(
        "who-viewed", help="every request whose answer held a person: who, when, why"
    )
    who.add_argument("person_id", metavar="PERSON_ID", help="the person_id of links.csv")
    who.set_defaults(run=run_who_viewed)


def run_verify(_args: argparse.Namespace) -> int:
    from api.settings import Settings

    log = Settings().audit_log()
    problems = log.verify()
    if problems:
        print(f"{log.path}: the chain does not hold:")
        for problem in problems:
            print(f"  {problem}")
        return 1
    head = log.head()
    lines, last = (head.lines, head.last) if head else (0, None)
    print(f"{log.path}: {lines} entries, chained and matching their head (last {last}).")
    return 0


def run_who_viewed(args: argparse.Namespace) -> int:
    from api.settings import Settings

    entries = Settings().audit_log().who_viewed(args.person_id)
    if not entries:
        print(f"No request's answer held person {args.person_id}.")
        return 0
    print(f"{len(entries)} request(s) returned person {args.person_id}:")
    for e in entries:
        case = f", case {e['case_number']}" if e.get("case_number") else ""
        print(
            f"  {e['time']}  {e.get('user')} ({e.get('role')}, {e.get('station') or 'no station'})"
            f"  {e.get('operation')}  purpose: {e.get('purpose') or '-'}{case}"
        )
    return 0
