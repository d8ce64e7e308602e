"""How case management records a case and its parties (案件, 嫌疑人/受害人/证人).

Officers copy ID numbers from documents, so most parties have one, but typed
by hand: a digit wrong, neighbours swapped, full-width digits, spaces, a
lowercase x. Dates and gender come in every form the contract lists.
"""

from __future__ import annotations

from datetime import date

from resolution.synthetic import formats
from resolution.synthetic.addresses import free_typed
from resolution.synthetic.events import Case
from resolution.synthetic.fields import written_id, written_name, written_phone
from resolution.synthetic.noise import Noise, Where
from resolution.synthetic.numbering import Numbering
from resolution.synthetic.people import Person
from resolution.synthetic.writer import ExportWriter


class CaseManagement:
    def __init__(
        self, noise: Noise, numbering: Numbering, out: ExportWriter, district_code: str
    ) -> None:
        self.noise = noise
        self.numbering = numbering
        self.out = out
        self.district_code = district_code

    def record(self, case: Case) -> None:
        """Writes the case and its parties; an escalated case already has its id."""
        if not case.case_id:
            case.case_id = self.numbering.case(self.district_code, case.opened)
        where: Where = ("cases", case.case_id)
        location = case.location
        address = location if isinstance(location, str) else free_typed(location, self.noise, where)
        self.out.write(
            "cases",
            (
                case.case_id,
                self._date(case.opened, where),
                case.case_type,
                case.status,
                address,
                case.summary,
                case.source.incident_id if case.source else "",
            ),
        )
        for person, role in case.parties:
            self._party(person, role, case.case_id)

    def _party(self, person: Person, role: str, case_id: str) -> None:
        noise, party_id = self.noise, self.numbering.case_party()
        where: Where = ("case_parties", party_id)
        name = written_name(
            person.name, noise, where, homophone="case_homophone", traditional="case_traditional"
        )
        id_number = ""
        if not noise.roll("case_id_missing", where):
            id_number = written_id(
                person.id_number,
                noise,
                where,
                mistyped="case_id_mistyped",
                full_width="case_id_fullwidth",
                spaces="case_id_spaces",
            )
        phone = ""
        if person.phones and noise.roll("case_phone_present", where):
            phone = written_phone(person.phones[0], noise, where, "phone_format")
        gender = formats.gender_word(person.gender)
        if noise.roll("case_gender_variant", where):
            gender = formats.gender_variant(person.gender, noise.rng)
        self.out.write(
            "case_parties",
            (
                party_id,
                case_id,
                role,
                name,
                id_number,
                phone,
                gender,
                self._date(person.birth, where),
                free_typed(person.home, noise, where),
            ),
        )
        self.out.truth("case", party_id, person.key)

    def _date(self, day: date, where: Where) -> str:
        if self.noise.roll("case_date_variant", where):
            return formats.date_variant(day, self.noise.rng)
        return formats.iso_date(day)
