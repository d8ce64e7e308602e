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

    return TokenStore(Settings().tokens_file)


def run_create(args: argparse.Namespace) -> int:
    print(_store().create(args.user, Role(args.role)))
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    count = _store().revoke(token_id=args.token_id, user=args.user)
    print(f"Revoked {count} token(s).")
    return 0 if count else 1


def run_list(_args: argparse.Namespace) -> int:
    for record in _store().list():
        state = f"revoked {record.revoked_at}" if record.revoked_at else "active"
        print(
            f"{record.token_id}  {record.user:<16} {record.role:<12} created {record.created_at}  {state}"
        )
    return 0
