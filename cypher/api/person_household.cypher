// The people registered (户籍) at the same flat as each person.
UNWIND $ids AS id
MATCH (p:Person {personId: id})
CALL (p) {
  MATCH (p)-[:SAME_HOUSEHOLD]-(o:Person)
  WITH DISTINCT o ORDER BY o.personId
  RETURN collect(o {.personId, .name, .pinyin, .idNumber, .birthDate, .sex, .phones, .ethnicity,
                    .recordCount, .sources}) AS items
}
RETURN id, items
