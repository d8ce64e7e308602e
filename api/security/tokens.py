"""Bearer tokens: created by `fengqiao token create`, stored only as hashes.

The store is a JSON file (mode 0600) under FENGQIAO_HOME. A token is
`fq_<id>_<secret>`; the file keeps the id, user, role, SHA-256 of the whole
token, its station and jurisdiction (districts; none: everywhere), creation,
expiry, last use and revocation times. Lookups compare hashes in constant time;
an expired token is refused like a revoked one. Changes are made under a lock,
so the CLI and a running server never lose each other's writes.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime, timedelta
from pathlib import Path

from api.security.files import write_private
from api.security.roles import Role

DEFAULT_LIFETIME_DAYS = 90  # the default of FENGQIAO_API_TOKEN_DAYS (api/settings.py)
LAST_USED_EVERY_S = 60  # last use is written at most this often per token


@dataclass(frozen=True)
class TokenRecord:
    token_id: str
    user: str
    role: str
    token_hash: str
    created_at: str
    revoked_at: str | None = None
    expires_at: str | None = None  # None (made before tokens expired): created + lifetime
    last_used_at: str | None = None
    station: str | None = None  # the 派出所 or department the user belongs to
    districts: list[str] = field(default_factory=list)  # jurisdiction (辖区); empty: all


@dataclass(frozen=True)
class Principal:
    user: str
    role: Role
    token_id: str
    station: str | None = None
    districts: tuple[str, ...] = ()

    @property
    def scoped(self) -> bool:
        return bool(self.districts)


class TokenStore:
    def __init__(self, path: Path, lifetime_days: int = DEFAULT_LIFETIME_DAYS) -> None:
        self.path = path
        self.lifetime = timedelta(days=lifetime_days)
        self._cached: tuple[tuple[int, int], list[TokenRecord]] | None = None
        self._last_written: dict[str, datetime] = {}

    def create(
        self,
        user: str,
        role: Role,
        station: str | None = None,
        districts: list[str] | None = None,
        lifetime_days: int | None = None,
    ) -> str:
        """A new token, printed once; it expires after `lifetime_days` (the store's default)."""
        token_id = secrets.token_hex(4)
        token = f"fq_{token_id}_{secrets.token_urlsafe(24)}"
        lifetime = self.lifetime if lifetime_days is None else timedelta(days=lifetime_days)
        record = TokenRecord(
            token_id,
            user,
            role.value,
            _hash(token),
            _now(),
            expires_at=_stamp(datetime.now(UTC) + lifetime),
            station=station,
            districts=list(districts or []),
        )
        self._change(lambda records: [*records, record])
        return token

    def revoke(self, token_id: str | None = None, user: str | None = None) -> int:
        count = 0

        def revoked(records: list[TokenRecord]) -> list[TokenRecord]:
            nonlocal count
            out = []
            for record in records:
                if record.revoked_at is None and (
                    record.token_id == token_id or record.user == user
                ):
                    record = _with(record, revoked_at=_now())
                    count += 1
                out.append(record)
            return out

        self._change(revoked)
        return count

    def list(self) -> list[TokenRecord]:
        return self._load()

    def authenticate(self, token: str) -> Principal | None:
        """The principal a live token belongs to, or None (unknown, forged, revoked or
        expired). Notes when the token was last used."""
        if not token.startswith("fq_"):
            return None
        digest = _hash(token)
        for record in self._load():
            if hmac.compare_digest(record.token_hash, digest):
                if record.revoked_at is not None or _expired(record, self.lifetime):
                    return None
                self._note_use(record.token_id)
                return Principal(
                    record.user,
                    Role(record.role),
                    record.token_id,
                    record.station,
                    tuple(record.districts),
                )
        return None

    def _note_use(self, token_id: str) -> None:
        now = datetime.now(UTC)
        written = self._last_written.get(token_id)
        if written is not None and (now - written).total_seconds() < LAST_USED_EVERY_S:
            return
        self._last_written[token_id] = now
        self._change(
            lambda records: [
                _with(r, last_used_at=_stamp(now)) if r.token_id == token_id else r for r in records
            ]
        )

    def _change(self, change: Callable[[list[TokenRecord]], list[TokenRecord]]) -> None:
        with self._locked():
            self._cached = None
            self._save(change(self._load()))

    def _load(self) -> list[TokenRecord]:
        """The records, re-read whenever the file changed (a revocation by the CLI shows at once)."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return []
        version = (stat.st_mtime_ns, stat.st_size)
        if self._cached is None or self._cached[0] != version:
            rows = json.loads(self.path.read_text(encoding="utf-8"))
            known = {f.name for f in fields(TokenRecord)}
            records = [TokenRecord(**{k: v for k, v in row.items() if k in known}) for row in rows]
            self._cached = (version, records)
        return list(self._cached[1])

    def _save(self, records: list[TokenRecord]) -> None:
        text = json.dumps([asdict(r) for r in records], ensure_ascii=False, indent=1)
        write_private(self.path, text)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock = self.path.with_name(self.path.name + ".lock")
        with lock.open("a") as handle:
            lock.chmod(0o600)
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _with(record: TokenRecord, **changes: object) -> TokenRecord:
    return TokenRecord(**{**asdict(record), **changes})


def _expired(record: TokenRecord, lifetime: timedelta) -> bool:
    if record.expires_at is not None:
        return datetime.fromisoformat(record.expires_at) <= datetime.now(UTC)
    return datetime.fromisoformat(record.created_at) + lifetime <= datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
