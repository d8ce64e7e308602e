"""How 110 dispatch records an incident: the 警情 row and one row per party.

The caller is identified by the phone they call from and a name typed from
speech; other parties often by name only, and most without an ID number. When
the other side of a one-off dispute or accident was never identified, the
row holds a placeholder (李某, 无名氏) that names nobody: in truth it is a
person of its own (a `U…` key) that no other row refers to. A caller who
gives only a surname (王先生) is still the real caller: their phone is theirs.
"""

from __future__ import annotations

from dataclasses import dataclass

from resolution.synthetic import formats, names
from resolution.synthetic.addresses import free_typed
from resolution.synthetic.events import CALLER, Incident, Party
from resolution.synthetic.fields import written_id, written_name, written_phone
from resolution.synthetic.noise import Noise, Where
from resolution.synthetic.numbering import Numbering
from resolution.synthetic.writer import ExportWriter


@dataclass(frozen=True)
class Recorded:
    """What truth needs to know about a written incident."""

    incident_id: str
    category: str
    reported_at: str
    location: str
    """The canonical (formal) address of where it happened."""
    person_keys: tuple[str, ...]


class Dispatch:
    def __init__(
        self, noise: Noise, numbering: Numbering, out: ExportWriter, district_code: str
    ) -> None:
        self.noise = noise
        self.numbering = numbering
        self.out = out
        self.district_code = district_code

    def record(self, incident: Incident) -> Recorded:
        incident_id = self.numbering.incident(self.district_code, incident.at.date())
        incident.incident_id = incident_id
        where: Where = ("dispatch_incidents", incident_id)
        if incident.case:
            incident.case.case_id = self.numbering.case(self.district_code, incident.case.opened)
        reported_at = formats.iso_datetime(incident.at)
        if self.noise.roll("dispatch_date_variant", where):
            reported_at = formats.datetime_variant(incident.at, self.noise.rng)
        location = incident.location
        address = location if isinstance(location, str) else free_typed(location, self.noise, where)
        self.out.write(
            "dispatch_incidents",
            (
                incident_id,
                reported_at,
                incident.category,
                address,
                incident.summary,
                incident.disposition,
                incident.case.case_id if incident.case else "",
            ),
        )
        keys = tuple(self._party(party, incident_id) for party in incident.parties)
        canonical = location if isinstance(location, str) else location.formal()
        return Recorded(
            incident_id, incident.category, formats.iso_datetime(incident.at), canonical, keys
        )

    def _party(self, party: Party, incident_id: str) -> str:
        """Writes the party's row; returns the person key the row refers to."""
        noise, person = self.noise, party.person
        party_id = self.numbering.dispatch_party()
        where: Where = ("dispatch_parties", party_id)
        if party.may_go_unidentified and noise.roll("dispatch_unknown_party", where):
            return self._unidentified(party, incident_id, party_id)
        if (
            party.role == CALLER
            and person.surname
            and noise.roll("dispatch_caller_placeholder", where)
        ):
            name = names.polite_form(person.surname, person.gender)
        else:
            name = written_name(
                person.name,
                noise,
                where,
                homophone="dispatch_homophone",
                traditional="dispatch_traditional",
                space="dispatch_stray_space",
            )
        phone = ""
        if person.phones and (
            party.role == CALLER or noise.roll("dispatch_other_phone_present", where)
        ):
            phone = written_phone(noise.rng.choice(person.phones), noise, where, "phone_format")
        id_number = ""
        if noise.roll("dispatch_id_present", where):
            id_number = written_id(person.id_number, noise, where, mistyped="dispatch_id_mistyped")
        gender = (
            formats.gender_word(person.gender)
            if noise.roll("dispatch_gender_present", where)
            else ""
        )
        self.out.write(
            "dispatch_parties", (party_id, incident_id, party.role, name, phone, id_number, gender)
        )
        self.out.truth("dispatch", party_id, person.key)
        return person.key

    def _unidentified(self, party: Party, incident_id: str, party_id: str) -> str:
        rng = self.noise.rng
        gender = rng.choice("MF")
        name = names.placeholder(rng, names.SURNAMES.pick(rng), gender)
        self.out.write("dispatch_parties", (party_id, incident_id, party.role, name, "", "", ""))
        key = self.numbering.unidentified()
        self.out.truth("dispatch", party_id, key)
        return key
