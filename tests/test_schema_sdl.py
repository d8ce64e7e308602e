"""The committed SDL (api/schema.graphql) is the schema the API serves."""

from __future__ import annotations

from api import cli
from api.graphql.schema import SDL_FILE, sdl


def test_the_committed_sdl_is_up_to_date():
    assert SDL_FILE.read_text(encoding="utf-8") == sdl(), (
        "api/schema.graphql is out of date: run `fengqiao schema --write` and commit it"
    )


def test_the_schema_command_prints_and_writes_the_sdl(tmp_path, capsys):
    assert cli.main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert printed == sdl() and "type PageInfo {" in printed
    target = tmp_path / "schema.graphql"
    assert cli.main(["schema", "--write", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == printed
