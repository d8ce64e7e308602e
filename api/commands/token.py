"""`fengqiao token create | revoke | list`: bearer tokens for the GraphQL API."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from api.security.roles import Role

if TYPE_CHECKING:
    from api.security.tokens import TokenStore


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("token", help="API bearer tokens: create, revoke, list")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = actions.add_parser("create", help="make a token for a user and role; prints it once")
    create.add_argument("--user", required=True)
    create.add_argument("--role", required=True, choices=[r.value for r in Role])
    create.add_argument(
        "--station", help="the user's station (派出所) or department, for the audit"
    )
    create.add_argument(
        "--district",
        action="append",
        dest="districts",
        metavar="DISTRICT",
        help="jurisdiction (辖区), e.g. 滨江区; repeat for several; none: every district",
    )
    create.add_argument(
        "--days", type=int, help="days until it expires (default FENGQIAO_API_TOKEN_DAYS, 90)"
    )
    create.set_defaults(run=run_create)
    revoke = actions.add_parser("revoke", help="revoke a token by id, or every token of a user")
    group = revoke.add_mutually_exclusive_group(required=True)
    group.add_argument("--id", dest="token_id")
    group.add_argument("--user")
    revoke.set_defaults(run=run_revoke)
    actions.add_parser("list", help="tokens (ids, users, roles; never the secrets)").set_defaults(
        run=run_list
    )


def _store() -> TokenStore:
    from api.security.tokens import TokenStore
    from api.settings import Settings

    settings = Settings()
    return TokenStore(settings.tokens_file, settings.api_token_days)


def run_create(args: argparse.Namespace) -> int:
    if args.days is not None and args.days < 1:
        raise SystemExit("error: --days must be at least 1")
    token = _store().create(
        args.user, Role(args.role), args.station, args.districts, lifetime_days=args.days
    )
    print(token)
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    count = _store().revoke(token_id=args.token_id, user=args.user)
    print(f"Revoked {count} token(s).")
    return 0 if count else 1


def run_list(_args: argparse.Namespace) -> int:
    for record in _store().list():
        state = f"revoked {record.revoked_at}" if record.revoked_at else "active"
        scope = ",".join(record.districts) or "all districts"
        print(
            f"{record.token_id}  {record.user:<16} {record.role:<12} {record.station or '-'}  "
            f"{scope}  created {record.created_at}  expires {record.expires_at or '-'}  "
            f"last used {record.last_used_at or 'never'}  {state}"
        )
    return 0
