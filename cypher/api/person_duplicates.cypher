// Review candidates: persons that may be the same as each person, likeliest first (those
// in the caller's $districts).
UNWIND $ids AS id
MATCH (p:Person {personId: id})
CALL (p) {
  MATCH (p)-[s:POSSIBLY_SAME_AS]-(o:Person)
  WHERE ($districts IS NULL
       OR EXISTS { (o)-[:LIVES_AT|REGISTERED_AT]->(x:Address) WHERE x.district IN $districts }
       OR EXISTS { (o)-[:INVOLVED_IN]->()-[:OCCURRED_AT]->(x:Address) WHERE x.district IN $districts })
  WITH s, o ORDER BY s.score DESC, o.personId
  RETURN collect({
    person: o {.personId, .name, .pinyin, .idNumber, .birthDate, .sex,
                                          .phones, .ethnicity, .recordCount, .sources},
    score: s.score, reason: s.reason}) AS items
}
RETURN id, items
