"""Tokens, masking and the audit log on their own."""

from __future__ import annotations

import json

from api.audit import AuditLog, redact
from api.security.masking import mask_id_number, mask_phone
from api.security.roles import Role
from api.security.tokens import TokenStore


def test_masks_keep_only_what_identifies_nobody():
    assert mask_id_number("370802199001011234") == "3708**********1234"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("057188776655") == "0571****6655"
    assert mask_id_number(None) is None


def test_tokens_are_stored_hashed_and_revocable(tmp_path):
    store = TokenStore(tmp_path / "tokens.json")
    token = store.create("wang", Role.ANALYST)
    assert token not in (tmp_path / "tokens.json").read_text()
    assert (tmp_path / "tokens.json").stat().st_mode & 0o777 == 0o600
    principal = store.authenticate(token)
    assert principal is not None and principal.user == "wang" and principal.role is Role.ANALYST
    assert store.authenticate(token[:-2] + "xx") is None  # forged
    assert store.revoke(user="wang") == 1
    assert store.authenticate(token) is None  # revoked


def test_audit_log_is_chained_and_redacts_personal_data(tmp_path):
    log = AuditLog(tmp_path / "audit.jsonl")
    log.record(
        user="wang",
        operation="query",
        variables=redact({"search": "张伟", "first": 5, "id": "370802199001011234"}),
    )
    log.record(user="li", operation="query", variables={})
    entries = log.entries()
    assert entries[0]["variables"]["first"] == 5
    assert "张伟" not in json.dumps(entries[0], ensure_ascii=False)
    assert "370802199001011234" not in json.dumps(entries[0])
    assert entries[0]["previous"] is None and entries[1]["previous"]
    assert (
        AuditLog(tmp_path / "audit.jsonl")._previous is not None
    )  # a reopened log continues the chain
