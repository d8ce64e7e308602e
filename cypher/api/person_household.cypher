// The people registered (户籍) at the same flat as each person (in the caller's $districts).
UNWIND $ids AS id
MATCH (p:Person {personId: id})
CALL (p) {
  MATCH (p)-[:SAME_HOUSEHOLD]-(o:Person)
  WHERE ($districts IS NULL
       OR EXISTS { (o)-[:LIVES_AT|REGISTERED_AT]->(x:Address) WHERE x.district IN $districts }
       OR EXISTS { (o)-[:INVOLVED_IN]->()-[:OCCURRED_AT]->(x:Address) WHERE x.district IN $districts })
  WITH DISTINCT o ORDER BY o.personId
  RETURN collect(o {.personId, .name, .pinyin, .idNumber, .birthDate, .sex,
                                          .phones, .ethnicity, .recordCount, .sources}) AS items
}
RETURN id, items
