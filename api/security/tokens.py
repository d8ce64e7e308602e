"""Bearer tokens: created by `fengqiao token create`, stored only as hashes.

The store is a JSON file (mode 0600) under FENGQIAO_HOME. A token is
`fq_<id>_<secret>`; the file keeps the id, user, role, SHA-256 of the whole
token, creation and revocation times. Lookups compare hashes in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from api.security.roles import Role


@dataclass(frozen=True)
class TokenRecord:
    token_id: str
    user: str
    role: str
    token_hash: str
    created_at: str
    revoked_at: str | None = None


@dataclass(frozen=True)
class Principal:
    user: str
    role: Role
    token_id: str


class TokenStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._cached: tuple[tuple[int, int], list[TokenRecord]] | None = None

    def create(self, user: str, role: Role) -> str:
        token_id = secrets.token_hex(4)
        token = f"fq_{token_id}_{secrets.token_urlsafe(24)}"
        records = self._load()
        records.append(TokenRecord(token_id, user, role.value, _hash(token), _now()))
        self._save(records)
        return token

    def revoke(self, token_id: str | None = None, user: str | None = None) -> int:
        records, count = [], 0
        for record in self._load():
            hit = record.revoked_at is None and (record.token_id == token_id or record.user == user)
            if hit:
                record = TokenRecord(**{**asdict(record), "revoked_at": _now()})
                count += 1
            records.append(record)
        self._save(records)
        return count

    def list(self) -> list[TokenRecord]:
        return self._load()

    def authenticate(self, token: str) -> Principal | None:
        """The principal a live token belongs to, or None (unknown, forged or revoked)."""
        if not token.startswith("fq_"):
            return None
        digest = _hash(token)
        for record in self._load():
            if hmac.compare_digest(record.token_hash, digest):
                if record.revoked_at is not None:
                    return None
                return Principal(record.user, Role(record.role), record.token_id)
        return None

    def _load(self) -> list[TokenRecord]:
        """The records, re-read whenever the file changed (a revocation by the CLI shows at once)."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return []
        version = (stat.st_mtime_ns, stat.st_size)
        if self._cached is None or self._cached[0] != version:
            rows = json.loads(self.path.read_text(encoding="utf-8"))
            self._cached = (version, [TokenRecord(**row) for row in rows])
        return list(self._cached[1])

    def _save(self, records: list[TokenRecord]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump([asdict(r) for r in records], handle, ensure_ascii=False, indent=1)
        os.replace(tmp, self.path)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
