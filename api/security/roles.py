"""Roles and what each may do, as data.

- analyst: reads the graph; identities masked.
- investigator: reads the graph with full ID numbers and phones.
- integrator: reads (masked) and decides matches (confirm, reject, split, merge).
- admin: everything.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ANALYST = "analyst"
    INVESTIGATOR = "investigator"
    INTEGRATOR = "integrator"
    ADMIN = "admin"


class Permission(StrEnum):
    READ = "read"
    SEE_FULL_IDENTITY = "see_full_identity"  # unmasked ID numbers and phones
    SEE_EVIDENCE = "see_evidence"  # source records and why they were merged
    DECIDE_MATCHES = "decide_matches"  # confirmMatch, rejectMatch, splitPerson, mergePersons


GRANTS: dict[Role, frozenset[Permission]] = {
    Role.ANALYST: frozenset({Permission.READ, Permission.SEE_EVIDENCE}),
    Role.INVESTIGATOR: frozenset(
        {Permission.READ, Permission.SEE_EVIDENCE, Permission.SEE_FULL_IDENTITY}
    ),
    Role.INTEGRATOR: frozenset(
        {Permission.READ, Permission.SEE_EVIDENCE, Permission.DECIDE_MATCHES}
    ),
    Role.ADMIN: frozenset(Permission),
}


def may(role: Role, permission: Permission) -> bool:
    return permission in GRANTS[role]
