// Who lives (LIVES_AT) or is registered (REGISTERED_AT) at each address; $kind filters.
UNWIND $ids AS id
MATCH (a:Address {addressId: id})
CALL (a) {
  MATCH (p:Person)-[r:LIVES_AT|REGISTERED_AT]->(a)
  WHERE $kind IS NULL OR type(r) = $kind
  WITH p, type(r) AS kind ORDER BY p.personId, kind
  RETURN collect({kind: kind, person: p {.personId, .name, .pinyin, .idNumber, .birthDate, .sex,
                                          .phones, .ethnicity, .recordCount, .sources}}) AS items
}
RETURN id, items
