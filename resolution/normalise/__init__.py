"""Normalisers: pure, cached functions from a field as typed to what records are compared on.

- names: parse_name -> PersonName (display, key, surname, given, placeholder, minority)
- pinyin: name_pinyin / to_pinyin -> NamePinyin (full, initials, fuzzy); compare_pinyin
- idnumber: parse_id -> IdNumber; normalise_id; check_character; upgrade; compare_ids
- phone: parse_phones -> tuple of numbers; normalise_phone; phone_kind
- dates: parse_date / parse_datetime -> (value, reason); to_date; to_datetime
- sex: parse_sex -> "M" / "F" / None
- address: parse_address -> Address (levels, flat/building/compound keys, key); compare_addresses

Tables are data, under data/ (see data/README.md).
"""
