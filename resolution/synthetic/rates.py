"""Every rate the generator uses, in one place.

`ErrorRates` are the messiness kinds that real exports show (the contract's
list): each field's name is also the name under which the generator records
the injection (see `noise.ErrorLog`), and each rate is the probability per
*eligible* value, i.e. per value the error could apply to (a homophone only to
a name with a character that has homophones; a lowercase x only to an ID that
ends in X). Rates conditional on another roll say so.

`WorldRates` shape the synthetic city itself: who lives with whom, who is
registered, how often people call 110 and how often disputes repeat. They are
facts of the world, not errors, and tests do not check them as errors.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ErrorRates:
    # --- names typed by a 110 call-taker from speech (dispatch parties) ---
    dispatch_homophone: float = 0.10
    """One character of the name replaced by a homophone (张伟 -> 章伟, 张玮)."""
    dispatch_traditional: float = 0.02
    """Name written in traditional characters (劉偉); some call-taker IMEs default to them."""
    dispatch_stray_space: float = 0.04
    """A half- or full-width space inside, before or after the name ("张 伟", "张伟　")."""
    dispatch_caller_placeholder: float = 0.04
    """The caller gives only a surname and is recorded as 王先生 / 王女士; the phone is
    still theirs, so the row is the real person (truth keeps their person key)."""
    dispatch_unknown_party: float = 0.25
    """In a one-off dispute or accident the other side is not identified and is written
    as a placeholder that names nobody (李某, 王某某, 无名氏, 张先生, 刘女士).
    Per other-party slot of one-off incidents; such a row is its own anonymous person."""
    dispatch_id_present: float = 0.12
    """A dispatch party has an ID number at all (most have none)."""
    dispatch_id_mistyped: float = 0.05
    """Of present dispatch IDs: one digit wrong or two neighbouring digits swapped."""
    dispatch_other_phone_present: float = 0.30
    """A party other than the caller has a phone recorded (the caller always has one)."""
    dispatch_gender_present: float = 0.35
    """The call-taker filled in the gender (as 男/女); blank otherwise."""
    dispatch_date_variant: float = 0.05
    """reported_at not in ISO form (2024/1/5 14:23:11, 20240105 ..., 2024年1月5日 ...)."""

    # --- case management: officers key in documents ---
    case_id_missing: float = 0.04
    """A case party has no ID number (not carried, refused, unknown)."""
    case_id_mistyped: float = 0.03
    """Of present case IDs: one digit wrong or two neighbouring digits swapped."""
    case_id_fullwidth: float = 0.03
    """Of present case IDs: typed with full-width digits (３３０１…)."""
    case_id_spaces: float = 0.03
    """Of present case IDs: spaces inside (330106 19850312 1234)."""
    case_homophone: float = 0.01
    """A case party's name with a homophone character (officers copy from documents)."""
    case_traditional: float = 0.01
    """A case party's name in traditional characters."""
    case_phone_present: float = 0.70
    """A case party has a phone recorded."""
    case_date_variant: float = 0.35
    """A case date (opened_at, party birth_date) not in ISO form but 20240105,
    2024/1/5 or 2024年1月5日."""
    case_gender_variant: float = 0.25
    """A case party's gender not as 男/女 but as M/F, 1/2 (GB/T 2261.1) or blank."""

    # --- shared by every platform ---
    lowercase_x: float = 0.30
    """Of ID numbers ending in X (outside the registry): typed as lowercase x."""
    phone_format: float = 0.15
    """A phone (dispatch or case) written with +86, 86-, spaces or dashes."""
    minority_separator_variant: float = 0.50
    """A minority name outside the registry written with •, ., ・ or nothing instead of ·."""

    # --- the population registry: authoritative but not spotless ---
    registry_id_mistyped: float = 0.001
    """A registry ID keyed wrongly (legacy manual entry)."""
    registry_homophone: float = 0.003
    """A registry name with a homophone character (legacy manual entry)."""
    registry_phone_format: float = 0.05
    """A registry phone written with +86, 86-, spaces or dashes."""
    registry_date_variant: float = 0.05
    """A registry date (birth_date, updated_at) not in ISO form."""
    registry_gender_code: float = 0.05
    """Registry gender written as the GB/T 2261.1 code 1/2 instead of 男/女."""
    registry_address_variant: float = 0.05
    """A registry address written informally (as in free-typed addresses below)."""

    # --- free-typed addresses (dispatch incidents, cases, case parties) ---
    address_drop_province: float = 0.75
    """The province is left out (浙江省)."""
    address_drop_city: float = 0.50
    """Given the province is left out: the city is left out too (杭州市)."""
    address_drop_district: float = 0.35
    """Given the city is left out: the district is left out too (西湖区)."""
    address_drop_road: float = 0.50
    """The road and number in front of the compound are left out (文三路478号)."""
    address_shorthand: float = 0.15
    """Building, unit and room written as 3-2-501."""
    address_chinese_numerals: float = 0.08
    """Building and unit written in Chinese numerals (三幢二单元); not with shorthand."""
    address_building_word: float = 0.50
    """栋 or 号楼 instead of the registry's 幢; not with shorthand."""
    address_room_word: float = 0.50
    """号 or nothing instead of 室 after the room number; not with shorthand."""


@dataclass(frozen=True)
class WorldRates:
    # --- who lives in the city ---
    floating: float = 0.30
    """Residents whose 户籍 is outside the city (流动人口); most rent."""
    floating_unregistered: float = 0.15
    """Floating residents missing from the registry (never registered their residence)."""
    household_elsewhere: float = 0.25
    """Local residents whose 户籍 address is another address in the city."""
    minority: float = 0.04
    """Households of an ethnic minority (the rest are 汉族)."""
    twins: float = 0.06
    """Two-child families whose children are twins."""
    sibling_generation_name: float = 0.35
    """Siblings sharing a generation character (张建国, 张建军)."""
    common_name: float = 0.04
    """People with one of the surname's most common full names (张伟, 王芳, 李娜)."""
    second_phone: float = 0.08
    """Adults with two mobile phones (both may appear in different records)."""
    both_phones_in_registry: float = 0.5
    """Of two-phone people: the registry field holds both numbers, not just one."""
    registry_duplicate: float = 0.02
    """Registered people with a second registry record (legacy ID, older address)."""

    # --- how often things happen (per resident over the two generated years) ---
    calls_per_resident: float = 0.10
    """Non-dispute 110 incidents (theft, noise, accidents, help...)."""
    one_off_disputes_per_resident: float = 0.03
    """Disputes that happen once (or are called in twice the same day)."""
    same_day_recall: float = 0.06
    """A one-off dispute called in again the same day (a second incident)."""
    feuds_per_household: float = 0.012
    """Repeat disputes: the same two people calling again and again over months."""
    hotspot_compound: float = 0.15
    """Compounds where neighbour feuds are four times as common (thin walls, old pipes)."""
    feud_spreads: float = 0.30
    """A feuding person also falls out with another neighbour (networks larger than 2)."""
    feud_non_dispute_category: float = 0.10
    """A feud incident recorded under a non-dispute category (治安-打架斗殴, 噪音扰民)."""
    family_joins: float = 0.25
    """A disputant's family member is listed as a further 当事人."""
    caller_listed_twice: float = 0.12
    """The caller is listed again as 当事人 in the same incident."""
    escalation: float = 0.06
    """A repeat dispute's incident (from the third on) escalates into a case."""
    one_off_escalation: float = 0.01
    """A one-off dispute escalates into a case."""
    crime_case: float = 0.35
    """A theft or fraud incident becomes a case."""
    unrelated_cases_per_resident: float = 0.008
    """Cases not from a 110 incident (found by patrols, reported at a station)."""
