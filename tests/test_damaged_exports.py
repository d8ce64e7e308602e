"""Damaged exports from anywhere: mis-decoded text, paths that are no file, control characters."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import opencc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from resolution.errors import InputError
from resolution.normalise.names import parse_name
from resolution.sources import read_exports

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"


def big5_population(folder: Path, rows: int = 200) -> list[str]:
    """The sample's first rows, English headers, written in traditional characters as Big5."""
    lines = (SAMPLE / "population.csv").read_text(encoding="utf-8").splitlines()[: rows + 1]
    traditional = opencc.OpenCC("s2t").convert("\n".join(lines) + "\n")
    (folder / "population.csv").write_bytes(traditional.encode("big5hkscs"))
    return lines


def test_big5_with_english_headers_is_decoded_right_not_as_gb18030(tmp_path):
    lines = big5_population(tmp_path)
    exports = read_exports(tmp_path)
    assert exports.counts()["population.csv"]["encoding"] == "big5hkscs"
    names = [parse_name(r.fields["name"]).display for r in exports.rows("population")]
    expected = [parse_name(line.split(",")[1]).display for line in lines[1:]]
    assert names == expected


def test_garbled_gb18030_that_is_no_big5_either_is_refused_naming_the_file(tmp_path):
    lines = big5_population(tmp_path)
    data = (tmp_path / "population.csv").read_bytes()
    broken = data.replace(b"\n", b"\n\x81\x40", 1)  # GBK 丂, a pair Big5 cannot decode
    (tmp_path / "population.csv").write_bytes(broken)
    assert len(lines) > 100
    with pytest.raises(InputError) as raised:
        read_exports(tmp_path)
    message = str(raised.value)
    assert message.startswith("population.csv decodes as GB18030 only into garbled text")
    assert "export it again as UTF-8" in message


def test_a_real_gb18030_export_stays_gb18030(tmp_path):
    text = (SAMPLE / "population.csv").read_text(encoding="utf-8")
    (tmp_path / "population.csv").write_bytes(text.encode("gb18030"))
    exports = read_exports(tmp_path)
    assert exports.counts()["population.csv"]["encoding"] == "gb18030"
    assert exports.count("population") == len(text.splitlines()) - 1


def test_traditional_chinese_headers_are_the_simplified_ones(tmp_path):
    header = "記錄編號,姓名,公民身份號碼,戶籍地址"
    (tmp_path / "population.csv").write_text(header + "\nR1,張偉,,臺北市信義區\n", "utf-8")
    [row] = read_exports(tmp_path).rows("population")
    assert row.fields["household_address"] == "臺北市信義區"


def test_a_folder_named_like_an_export_is_an_error(tmp_path):
    (tmp_path / "population.csv").mkdir()
    with pytest.raises(InputError, match=r"^population\.csv in .* is a folder"):
        read_exports(tmp_path)


def test_a_dangling_link_named_like_an_export_is_an_error(tmp_path):
    (tmp_path / "dispatch_parties.csv").symlink_to(tmp_path / "nowhere.csv")
    with pytest.raises(InputError, match=r"^dispatch_parties\.csv in .* is not a readable file"):
        read_exports(tmp_path)


@pytest.mark.parametrize(
    "make, said",
    [("folder-file", "population.csv in "), ("file-input", " is not a folder of platform exports")],
)
def test_the_cli_says_so_and_exits_non_zero(tmp_path, make, said):
    data = tmp_path / "in"
    if make == "folder-file":
        data.mkdir()
        (data / "population.csv").mkdir()
    else:
        data.write_text("not a folder", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "api.cli", "resolve", str(data), "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and said in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("text", ["王\x00伟", "王伟\x07", "\x1b王伟", "王\u200e伟", "王\x7f伟\x85"])
def test_control_characters_never_reach_a_name_key(text):
    name = parse_name(text)
    assert (name.key, name.display) == ("王伟", "王伟")


@given(
    st.text(
        alphabet=st.sampled_from(list("张王伟丽 \x00\x01\x07\x1b\x7f\x85\u200f\u202e")), max_size=8
    )
)
def test_no_name_key_holds_a_control_character(text):
    name = parse_name(text)
    if name is not None and name.key is not None:
        assert name.key.isprintable() and name.display.isprintable()
