// For each person, the people they are in dispute with (one round trip for a page of persons).
UNWIND $ids AS id
MATCH (p:Person {personId: id})-[w:IN_DISPUTE_WITH]-(o:Person)
RETURN id, o {.personId, .name, .pinyin, .idNumber, .birthDate, .sex, .phones, .recordCount} AS person,
       w.incidents AS incidents, w.first AS first, w.last AS last
ORDER BY id, incidents DESC, o.personId
