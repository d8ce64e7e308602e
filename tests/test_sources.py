"""Reading platform exports: headers in both languages, encodings, quarantine accounting."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resolution.errors import InputError
from resolution.sources import Quarantined, read_exports, write_quarantine

POPULATION_EN = (
    "record_id,name,id_number,gender,birth_date,ethnicity,phone,"
    "household_address,residence_address,updated_at"
)
POPULATION_ZH = "记录编号,姓名,公民身份号码,性别,出生日期,民族,联系电话,户籍地址,现住址,更新时间"
ROW_1 = (
    "R1,周建新,33068119640710427X,男,1964-07-10,汉族,13846528358,"
    "浙江省杭州市滨江区西兴街道南都府1幢1单元101室,滨江区南都府1-1-101,2020-02-15 01:36:51"
)
ROW_2 = "R2,张敏,330181196905187349,女,1969-05-18,汉族,,,,"


def write(folder: Path, name: str, lines: list[str], encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def quarantine_of(exports) -> list[tuple[int, str, str]]:
    return [(q.line, q.column, q.reason) for q in exports.quarantined]


def test_english_headers_in_any_order_with_extra_columns_kept_raw(tmp_path):
    write(
        tmp_path,
        "dispatch_parties.csv",
        [
            "name,备注,incident_id,party_id,role",
            "陈和平,夜里来电,J1,DP1,报警人",
        ],
    )
    exports = read_exports(tmp_path)
    [row] = exports.rows("dispatch_parties")
    assert (
        row.platform == "dispatch_parties" and row.file == "dispatch_parties.csv" and row.line == 2
    )
    assert row.fields == {
        "party_id": "DP1",
        "incident_id": "J1",
        "role": "报警人",
        "name": "陈和平",
        "phone": None,
        "id_number": None,
        "gender": None,
    }
    assert row.raw == {
        "name": "陈和平",
        "备注": "夜里来电",
        "incident_id": "J1",
        "party_id": "DP1",
        "role": "报警人",
    }


def test_chinese_headers_map_to_the_same_fields_as_english_ones(tmp_path):
    english, chinese = tmp_path / "en", tmp_path / "zh"
    english.mkdir()
    chinese.mkdir()
    write(english, "population.csv", [POPULATION_EN, ROW_1, ROW_2])
    write(chinese, "population.csv", [POPULATION_ZH, ROW_1, ROW_2])
    rows_en = [r.fields for r in read_exports(english).rows("population")]
    rows_zh = [r.fields for r in read_exports(chinese).rows("population")]
    assert rows_en == rows_zh
    assert rows_zh[0]["residence_address"] == "滨江区南都府1-1-101"
    assert rows_zh[1]["phone"] == ""


def test_header_spelling_variants_are_one_header(tmp_path):
    write(tmp_path, "case_parties.csv", ["Party ID, CASE-ID ,姓 名", "CP1,A1,王露"])
    [row] = read_exports(tmp_path).rows("case_parties")
    assert (row.fields["party_id"], row.fields["case_id"], row.fields["name"]) == (
        "CP1",
        "A1",
        "王露",
    )


def test_all_five_files_are_read_with_their_counts(tmp_path):
    write(tmp_path, "population.csv", [POPULATION_EN, ROW_1])
    write(
        tmp_path,
        "dispatch_incidents.csv",
        [
            "警情编号,报警时间,警情类别,事发地址,简要警情,处警结果,案件编号",
            "J1,2024/1/5 13:45,纠纷-邻里纠纷,南都府3-2-501,吵架,已调解,",
        ],
    )
    write(
        tmp_path,
        "dispatch_parties.csv",
        [
            "人员编号,警情编号,角色,姓名,联系电话,公民身份号码,性别",
            "DP1,J1,报警人,王先生,+86 138 1234 5678,,",
        ],
    )
    write(
        tmp_path,
        "cases.csv",
        [
            "案件编号,立案时间,案由,案件状态,发案地址,简要案情,警情编号",
            "A1,2024年1月6日,故意伤害,侦查中,南都府,打架,J1",
        ],
    )
    write(
        tmp_path,
        "case_parties.csv",
        [
            "人员编号,案件编号,角色,姓名,公民身份号码,联系电话,性别,出生日期,住址",
            "CP1,A1,嫌疑人,王某,,,1,,",
        ],
    )
    exports = read_exports(tmp_path)
    assert exports.warnings == ()
    assert {
        k: exports.count(k)
        for k in ("population", "dispatch_incidents", "dispatch_parties", "cases", "case_parties")
    } == dict.fromkeys(
        ("population", "dispatch_incidents", "dispatch_parties", "cases", "case_parties"), 1
    )
    [case] = exports.rows("cases")
    assert case.fields["source_incident_id"] == "J1"
    [incident] = exports.rows("dispatch_incidents")
    assert incident.fields["case_id"] == ""
    assert exports.rows_read == exports.rows_accepted == 5 and exports.rows_quarantined == 0


def test_utf8_with_bom(tmp_path):
    write(tmp_path, "population.csv", [POPULATION_ZH, ROW_1], encoding="utf-8-sig")
    exports = read_exports(tmp_path)
    assert exports.counts()["population.csv"]["encoding"] == "utf-8-sig"
    [row] = exports.rows("population")
    assert row.fields["record_id"] == "R1" and "记录编号" in row.raw


@pytest.mark.parametrize("encoding", ["gb18030", "gbk"])
def test_gb18030_and_gbk_are_detected(tmp_path, encoding):
    write(tmp_path, "population.csv", [POPULATION_ZH, ROW_1, ROW_2], encoding=encoding)
    exports = read_exports(tmp_path)
    assert exports.counts()["population.csv"]["encoding"] == "gb18030"
    assert [r.fields["name"] for r in exports.rows("population")] == ["周建新", "张敏"]


def test_gb18030_only_characters_survive(tmp_path):
    # 䶮 (U+4DAE) is in GB18030 but not in GBK.
    write(
        tmp_path,
        "population.csv",
        [POPULATION_EN, ROW_1.replace("周建新", "刘䶮")],
        encoding="gb18030",
    )
    [row] = read_exports(tmp_path).rows("population")
    assert row.fields["name"] == "刘䶮"


def test_a_file_truncated_in_the_middle_of_a_character_quarantines_that_row(tmp_path):
    data = "\n".join([POPULATION_EN, ROW_1, ROW_2, "R3,李强,,男,,,,,,"]).encode("utf-8")
    cut = data[: data.rindex("李强".encode()) + 4]  # ends inside 强
    (tmp_path / "population.csv").write_bytes(cut)
    exports = read_exports(tmp_path)
    assert exports.counts()["population.csv"]["encoding"] == "utf-8"
    assert [r.fields["record_id"] for r in exports.rows("population")] == ["R1", "R2"]
    [q] = exports.quarantined
    assert (q.file, q.line, q.column) == ("population.csv", 4, "name")
    assert q.reason == "undecodable bytes (not valid utf-8)"
    assert q.raw == "R3,李\\xe5"
    assert exports.rows_read == exports.rows_accepted + exports.rows_quarantined == 3


def test_a_latin1_line_inside_a_utf8_file_is_quarantined(tmp_path):
    lines = [POPULATION_EN.encode()] + [ROW_1.replace("R1", f"R{i}").encode() for i in range(1, 20)]
    lines.insert(5, "R99,José Müller,,M,,,,,,".encode("latin-1"))
    (tmp_path / "population.csv").write_bytes(b"\n".join(lines) + b"\n")
    exports = read_exports(tmp_path)
    assert exports.count("population") == 19
    assert quarantine_of(exports) == [(6, "name", "undecodable bytes (not valid utf-8)")]


def test_a_gb18030_file_with_a_damaged_line_keeps_its_encoding(tmp_path):
    lines = [POPULATION_ZH.encode("gb18030")]
    lines += [ROW_1.replace("R1", f"R{i}").encode("gb18030") for i in range(1, 20)]
    lines.insert(3, b"R99,\xff\xfe,,,,,,,,")
    (tmp_path / "population.csv").write_bytes(b"\r\n".join(lines) + b"\r\n")
    exports = read_exports(tmp_path)
    assert exports.counts()["population.csv"]["encoding"] == "gb18030"
    assert exports.count("population") == 19
    assert quarantine_of(exports) == [(4, "姓名", "undecodable bytes (not valid gb18030)")]


def test_latin1_garbage_throughout_is_an_input_error(tmp_path):
    lines = [POPULATION_EN] + [
        f"R{i},Jösé Ñúñez{i},,M,,Ümlaut,,Straße {i},,".replace(",", "\xe9,") for i in range(30)
    ]
    write(tmp_path, "population.csv", lines, encoding="latin-1")
    with pytest.raises(InputError, match=r"^population\.csv is neither UTF-8 nor GB18030"):
        read_exports(tmp_path)


def test_missing_required_column_names_file_and_column(tmp_path):
    write(tmp_path, "dispatch_parties.csv", ["人员编号,角色,姓名", "DP1,报警人,王先生"])
    with pytest.raises(InputError) as raised:
        read_exports(tmp_path)
    message = str(raised.value)
    assert message.startswith("dispatch_parties.csv has no incident_id column")
    assert "警情编号" in message


BIG5_LINES = [
    "記錄編號,姓名,戶籍地址",
    "R1,張偉,臺北市信義區松仁路1號",
    "R2,陳淑華,臺北市信義區松仁路2號",
]


def test_big5_that_gb18030_reads_as_nonsense_is_read_as_big5(tmp_path):
    # Big5 bytes decode as GB18030 without an error, into rare characters; Big5 reads them right.
    write(tmp_path, "population.csv", BIG5_LINES, encoding="big5")
    exports = read_exports(tmp_path)
    assert exports.counts()["population.csv"]["encoding"] == "big5hkscs"
    assert [r.fields["name"] for r in exports.rows("population")] == ["張偉", "陳淑華"]


def test_a_mapping_file_can_name_the_encoding(tmp_path):
    write(tmp_path, "population.csv", BIG5_LINES, encoding="big5")
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(
        '[platforms.population]\nencoding = "big5"\n'
        '[platforms.population.columns]\n"記錄編號" = "record_id"\n"姓名" = "name"\n',
        encoding="utf-8",
    )
    exports = read_exports(tmp_path, mapping)
    assert exports.counts()["population.csv"]["encoding"] == "big5"
    assert [r.fields["name"] for r in exports.rows("population")] == ["張偉", "陳淑華"]


def test_utf16_is_taken_from_charset_normalizer(tmp_path):
    write(tmp_path, "population.csv", [POPULATION_ZH, ROW_1, ROW_2], encoding="utf-16")
    exports = read_exports(tmp_path)
    assert exports.counts()["population.csv"]["encoding"] == "utf_16"
    assert [r.fields["name"] for r in exports.rows("population")] == ["周建新", "张敏"]


def test_two_columns_for_one_field_is_an_input_error(tmp_path):
    write(tmp_path, "population.csv", ["record_id,name,姓名", "R1,张三,张三"])
    with pytest.raises(InputError, match="population.csv has two columns for name"):
        read_exports(tmp_path)


def test_an_unreadable_file_is_an_input_error(tmp_path, monkeypatch):
    write(tmp_path, "population.csv", [POPULATION_EN, ROW_1])

    def refuse(path, forced=None):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("resolution.sources.reader.detect", refuse)
    with pytest.raises(
        InputError, match=r"^population\.csv in .* cannot be read: Permission denied\.$"
    ):
        read_exports(tmp_path)


def test_empty_file_is_an_input_error(tmp_path):
    (tmp_path / "population.csv").write_bytes(b"")
    with pytest.raises(InputError, match="population.csv is empty"):
        read_exports(tmp_path)


def test_ragged_rows_are_quarantined_and_trailing_empty_fields_tolerated(tmp_path):
    write(
        tmp_path,
        "dispatch_parties.csv",
        [
            "party_id,incident_id,role,name,phone",
            "DP1,J1,报警人,王伟,13812345678",
            "DP2,J1,当事人,李娜",  # too few
            "DP3,J1,当事人,赵六,139,多出来的",  # too many
            "DP4,J1,当事人,钱七,,,",  # trailing empty: fine
        ],
    )
    exports = read_exports(tmp_path)
    assert [r.fields["party_id"] for r in exports.rows("dispatch_parties")] == ["DP1", "DP4"]
    assert quarantine_of(exports) == [
        (3, "", "ragged row: 4 fields where the header has 5"),
        (4, "", "ragged row: 6 fields where the header has 5"),
    ]
    assert exports.quarantined[0].raw == "DP2,J1,当事人,李娜"


def test_missing_required_values_and_duplicate_ids(tmp_path):
    write(
        tmp_path,
        "dispatch_parties.csv",
        [
            "人员编号,警情编号,角色,姓名",
            "DP1,J1,报警人,王伟",
            " ,J1,当事人,李娜",
            "DP3,,当事人,赵六",
            "DP1,J2,当事人,王伟",
            "DP5,J2,当事人,",
        ],
    )
    exports = read_exports(tmp_path)
    assert [r.fields["party_id"] for r in exports.rows("dispatch_parties")] == ["DP1", "DP5"]
    assert quarantine_of(exports) == [
        (3, "人员编号", "empty party_id"),
        (4, "警情编号", "empty incident_id"),
        (5, "人员编号", "duplicate party_id DP1 (first at line 2)"),
    ]


def test_quoted_newlines_keep_line_numbers_right(tmp_path):
    write(
        tmp_path,
        "dispatch_incidents.csv",
        [
            "incident_id,summary",
            'J1,"报警人称\n有人吵架"',
            "J2,无",
            'J3,"未闭合的引号',
            "J4,无",
        ],
    )
    write(tmp_path, "population.csv", [POPULATION_EN])
    exports = read_exports(tmp_path)
    rows = list(exports.rows("dispatch_incidents"))
    assert [(r.fields["incident_id"], r.line) for r in rows] == [("J1", 2), ("J2", 4)]
    assert rows[0].fields["summary"] == "报警人称\n有人吵架"
    # A quote left open swallows the rest of the file; that is one bad row, and says so.
    [bad] = exports.quarantined
    assert (bad.line, bad.column) == (5, "")
    assert bad.reason == "not valid CSV: unexpected end of data (lines 5-6: a quote left open?)"
    assert bad.raw == 'J3,"未闭合的引号\nJ4,无'


def test_blank_lines_are_counted_apart_from_rows(tmp_path):
    write(tmp_path, "population.csv", ["", POPULATION_EN, ROW_1, "", ",,,,,,,,,", ROW_2])
    exports = read_exports(tmp_path)
    assert [r.line for r in exports.rows("population")] == [3, 6]
    counts = exports.counts()["population.csv"]
    assert (counts["read"], counts["accepted"], counts["quarantined"], counts["blank"]) == (
        2,
        2,
        0,
        2,
    )


def test_rows_can_be_streamed_twice(tmp_path):
    write(tmp_path, "population.csv", [POPULATION_EN, ROW_1, ROW_2])
    exports = read_exports(tmp_path)
    assert list(exports.rows("population")) == list(exports.rows("population"))


def test_missing_optional_files_are_warnings(tmp_path):
    write(tmp_path, "population.csv", [POPULATION_EN, ROW_1])
    exports = read_exports(tmp_path)
    assert len(exports.warnings) == 4
    assert any(w.startswith("case_parties.csv is missing") for w in exports.warnings)
    assert list(exports.rows("case_parties")) == [] and exports.count("case_parties") == 0


def test_a_folder_without_people_is_an_input_error(tmp_path):
    write(tmp_path, "cases.csv", ["case_id", "A1"])
    with pytest.raises(InputError, match="there is nobody to resolve"):
        read_exports(tmp_path)
    with pytest.raises(InputError, match="is not a folder"):
        read_exports(tmp_path / "nowhere")


def test_toml_mapping_renames_a_builtin_platform_and_declares_another(tmp_path):
    write(tmp_path, "rkxx.csv", ["编号,姓名,身份证号", "R1,王伟,330106199001011234"])
    write(
        tmp_path, "xs_dsr.csv", ["当事人编号,接警编号,当事人姓名", "X1,J9,李娜"], encoding="gb18030"
    )
    write(tmp_path, "dispatch_parties.csv", ["party_id,incident_id,name", "DP1,J1,王伟"])
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(
        """
[platforms.population]
file = "rkxx.csv"
[platforms.population.columns]
"编号" = "record_id"
"身份证号" = "id_number"

[platforms.xiaoshan_parties]
kind = "dispatch_parties"
file = "xs_dsr.csv"
[platforms.xiaoshan_parties.columns]
"当事人编号" = "party_id"
"接警编号" = "incident_id"
"当事人姓名" = "name"
""",
        encoding="utf-8",
    )
    exports = read_exports(tmp_path, mapping)
    [person] = exports.rows("population")
    assert person.fields["id_number"] == "330106199001011234" and person.file == "rkxx.csv"
    parties = list(exports.rows("dispatch_parties"))
    assert [(p.platform, p.fields["name"]) for p in parties] == [
        ("dispatch_parties", "王伟"),
        ("xiaoshan_parties", "李娜"),
    ]
    assert exports.count("dispatch_parties") == 2
    assert exports.counts()["xs_dsr.csv"]["encoding"] == "gb18030"


def test_json_mapping_and_a_declared_platform_is_required(tmp_path):
    write(tmp_path, "population.csv", [POPULATION_EN, ROW_1])
    mapping = tmp_path / "mapping.json"
    mapping.write_text(
        json.dumps(
            {
                "platforms": {
                    "second_registry": {
                        "kind": "population",
                        "file": "rk2.csv",
                        "columns": {"编号": "record_id"},
                    }
                }
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"^rk2\.csv is missing .*platform second_registry"):
        read_exports(tmp_path, mapping)
    write(tmp_path, "rk2.csv", ["编号,name", "R9,刘洋"])
    assert [r.fields["record_id"] for r in read_exports(tmp_path, mapping).rows("population")] == [
        "R1",
        "R9",
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        ("[platforms.population]\ncolums = {}\n", "unknown setting 'colums'"),
        ("[platforms.new_one]\nfile = 'x.csv'\n", "needs both `kind` and `file`"),
        ("[platforms.new_one]\nkind = 'people'\nfile = 'x.csv'\n", "unknown kind 'people'"),
        ("[platforms.cases]\nkind = 'population'\n", "is of kind cases"),
        ("[platforms.cases.columns]\n'编号' = 'record_id'\n", "not a cases column"),
        ("[platforms.cases]\nencoding = 'klingon'\n", "unknown encoding"),
        ("[platforms.cases\n", "not valid TOML"),
        ("population = 1\n", "must hold one table"),
    ],
)
def test_a_wrong_mapping_file_is_an_input_error_naming_it(tmp_path, text, message):
    write(tmp_path, "population.csv", [POPULATION_EN, ROW_1])
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as raised:
        read_exports(tmp_path, mapping)
    assert "mapping.toml" in str(raised.value)


def test_write_quarantine(tmp_path):
    items = [
        Quarantined("population.csv", 4, "name", "undecodable bytes", "R3,李\\xe5"),
        Quarantined("cases.csv", 2, "", "ragged row, with a comma", 'A1,"x"'),
    ]
    path = tmp_path / "quarantine.csv"
    assert write_quarantine(path, items) == 2
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [
        ["file", "line", "column", "reason", "raw"],
        ["population.csv", "4", "name", "undecodable bytes", "R3,李\\xe5"],
        ["cases.csv", "2", "", "ragged row, with a comma", 'A1,"x"'],
    ]


ROW_SHAPES = st.sampled_from(
    ["good", "short", "long", "no_id", "no_incident", "duplicate", "blank"]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(ROW_SHAPES, max_size=25))
def test_counts_always_add_up(tmp_path_factory, shapes):
    lines = ["party_id,incident_id,name"]
    expected, seen = [], set()
    for i, shape in enumerate(shapes):
        party = "P0" if shape == "duplicate" else f"P{i}"
        lines.append(
            {
                "good": f"{party},J1,张{i}",
                "short": f"{party},J1",
                "long": f"{party},J1,张,多",
                "no_id": ",J1,张",
                "no_incident": f"{party},,张",
                "duplicate": f"{party},J1,张",
                "blank": "",
            }[shape]
        )
        if shape in ("good", "duplicate") and party not in seen:
            expected.append(party)
        if shape in ("good", "duplicate"):
            seen.add(party)
    folder = tmp_path_factory.mktemp("exports")
    write(folder, "dispatch_parties.csv", lines)
    exports = read_exports(folder)
    assert [r.fields["party_id"] for r in exports.rows("dispatch_parties")] == expected
    assert exports.rows_read == sum(s != "blank" for s in shapes)
    assert exports.rows_read == exports.rows_accepted + exports.rows_quarantined
    assert exports.count("dispatch_parties") == len(expected)
