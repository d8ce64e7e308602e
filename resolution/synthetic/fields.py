"""How a platform writes a person's name, ID number and phone, garbled at its rates.

The kinds passed in are `ErrorRates` fields; a kind left None does not happen
on that platform. Every kind is rolled only where it can apply.
"""

from __future__ import annotations

from resolution.synthetic import typos
from resolution.synthetic.idnumbers import mistype
from resolution.synthetic.noise import Noise, Where


def written_name(
    name: str,
    noise: Noise,
    where: Where,
    *,
    homophone: str,
    traditional: str | None = None,
    space: str | None = None,
    separator: bool = True,
) -> str:
    rng = noise.rng
    if separator and typos.is_separated(name) and noise.roll("minority_separator_variant", where):
        name = typos.separator_variant(name, rng)
    if typos.has_homophone(name) and noise.roll(homophone, where):
        name = typos.homophone(name, rng)
    if traditional and typos.has_traditional(name) and noise.roll(traditional, where):
        name = typos.traditional(name)
    if space and noise.roll(space, where):
        name = typos.stray_space(name, rng)
    return name


def written_id(
    id_number: str,
    noise: Noise,
    where: Where,
    *,
    mistyped: str,
    full_width: str | None = None,
    spaces: str | None = None,
    lowercase: bool = True,
) -> str:
    if len(id_number) == 18 and noise.roll(mistyped, where):
        id_number = mistype(id_number, noise.rng)
    if lowercase and id_number.endswith("X") and noise.roll("lowercase_x", where):
        id_number = id_number[:-1] + "x"
    if spaces and noise.roll(spaces, where):
        id_number = typos.spaced_id(id_number, noise.rng)
    if full_width and noise.roll(full_width, where):
        id_number = typos.full_width(id_number)
    return id_number


def written_phone(phone: str, noise: Noise, where: Where, kind: str) -> str:
    return typos.formatted_phone(phone, noise.rng) if noise.roll(kind, where) else phone
