"""Tokens, masking and the audit log on their own."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from api.audit import AuditLog, redact
from api.security.masking import (
    field_meanings,
    mask_birth_date,
    mask_id_number,
    mask_phone,
    mask_text,
)
from api.security.roles import Role
from api.security.tokens import TokenStore


def test_masks_keep_only_what_identifies_nobody():
    assert mask_id_number("370802199001011234") == "37***************4"
    assert mask_id_number("370802900101123") == "37************3"  # 15 digits
    assert mask_phone("13812345678") == "138******78"
    assert mask_phone("+86 138-1234-5678") == "138******78"
    assert mask_phone("057188776655") == "0571******55"
    assert mask_phone("88776655") == "******55"  # a landline without its area code
    assert mask_birth_date("1993-04-11") == mask_birth_date("1993年4月11日") == "1993"
    assert mask_id_number(None) is None


def test_free_text_has_every_phone_and_id_number_masked():
    text = "报警人王某（13812345678，座机88776655，0571-88776655）称 138 1234 5678 的人身份证370802199001011234、370802900101123，2024-06-23 20:57 来电"
    masked = mask_text(text)
    for number in ("13812345678", "88776655", "0571-88776655", "138 1234 5678"):
        assert number not in masked
    assert "370802199001011234" not in masked and "370802900101123" not in masked
    assert "报警人王某" in masked and "2024-06-23 20:57" in masked  # words and times stay
    assert mask_text("J33010820230114000001 P55C90404AD75") == "J33010820230114000001 P55C90404AD75"


def test_export_columns_are_masked_by_what_they_mean():
    meanings = field_meanings()
    for header in ("联系电话", "Phone", "phone#2", "PHONE", "联系电话#3"):
        assert meanings.column(header) == "phone", header
        assert meanings.mask(header, "13812345678; 0571-88776655") == "138******78;0571******55"
    for header in ("公民身份号码", "ID Number", "id_number", "idnumber"):
        assert meanings.mask(header, "370802199001011234") == "37***************4", header
    assert meanings.mask("出生日期", "1990-01-01") == "1990"
    assert meanings.mask("记录编号", "R00000001") == "R00000001"
    assert meanings.mask("备注", "call 13812345678") == "call 138******78"  # unknown: by pattern


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
        variables=redact(
            {
                "s": "13812345678",
                "first": 5,
                "id": "370802199001011234",
                "ids": ["P55C90404AD75", "13812345678"],
                "n": 13812345678,
                "filter": {"name": "zhangwei", "district": "滨江区"},
            },
            personal=frozenset({"s"}),
        ),
    )
    log.record(user="li", operation="query", variables={})
    entries = log.entries()
    assert entries[0]["variables"]["first"] == 5
    assert entries[0]["variables"]["ids"][0] == "P55C90404AD75"  # person ids are kept
    line = json.dumps(entries[0], ensure_ascii=False)
    for personal in ("13812345678", "370802199001011234", "zhangwei", "滨江区"):
        assert personal not in line, personal
    assert entries[0]["previous"] is None and entries[1]["previous"]
    again = AuditLog(tmp_path / "audit.jsonl")  # a reopened log continues the chain
    again.record(user="zhao", operation="query", variables={})
    assert again.verify() == [] and len(again.entries()) == 3


def test_token_create_scopes_dates_and_lists_a_token(tmp_path, monkeypatch, capsys):
    from api import cli

    monkeypatch.setenv("FENGQIAO_HOME", str(tmp_path))
    monkeypatch.setenv("FENGQIAO_API_TOKEN_DAYS", "30")
    argv = ["token", "create", "--user", "zhou", "--role", "analyst", "--station", "西兴派出所"]
    assert cli.main([*argv, "--district", "滨江区", "--district", "西湖区"]) == 0
    token = capsys.readouterr().out.strip()
    store = TokenStore(tmp_path / "api" / "tokens.json")
    principal = store.authenticate(token)
    assert principal.station == "西兴派出所" and principal.districts == ("滨江区", "西湖区")
    record = store.list()[0]
    assert (
        record.expires_at[:10]
        == (datetime.fromisoformat(record.created_at) + timedelta(days=30)).isoformat()[:10]
    )
    assert cli.main(["token", "list"]) == 0
    listed = capsys.readouterr().out
    assert "西兴派出所  滨江区,西湖区" in listed and "last used 20" in listed
    assert (tmp_path / "api" / "tokens.json").stat().st_mode & 0o777 == 0o600
