// Who lives (LIVES_AT) or is registered (REGISTERED_AT) at each address; $kind filters.
// An address outside the caller's $districts has no residents to show.
UNWIND $ids AS id
MATCH (a:Address {addressId: id})
WHERE ($districts IS NULL OR a.district IN $districts)
CALL (a) {
  MATCH (p:Person)-[r:LIVES_AT|REGISTERED_AT]->(a)
  WHERE $kind IS NULL OR type(r) = $kind
  WITH p, type(r) AS kind ORDER BY p.personId, kind
  RETURN collect({kind: kind, person: p {.personId, .name, .pinyin, .idNumber, .birthDate, .sex,
                                          .phones, .ethnicity, .recordCount, .sources}}) AS items
}
RETURN id, items
