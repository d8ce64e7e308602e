// For each person, the people they are in dispute with, most incidents first (those in
// the caller's $districts).
UNWIND $ids AS id
MATCH (p:Person {personId: id})
CALL (p) {
  MATCH (p)-[w:IN_DISPUTE_WITH]-(o:Person)
  WHERE ($districts IS NULL
       OR EXISTS { (o)-[:LIVES_AT|REGISTERED_AT]->(x:Address) WHERE x.district IN $districts }
       OR EXISTS { (o)-[:INVOLVED_IN]->()-[:OCCURRED_AT]->(x:Address) WHERE x.district IN $districts })
  WITH w, o ORDER BY w.incidents DESC, o.personId
  RETURN collect({
    person: o {.personId, .name, .pinyin, .idNumber, .birthDate, .sex,
                                          .phones, .ethnicity, .recordCount, .sources},
    incidents: w.incidents, first: w.first, last: w.last}) AS items
}
RETURN id, items
