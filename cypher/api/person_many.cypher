// Several persons by id, in one round trip.
UNWIND $ids AS id
MATCH (p:Person {personId: id})
RETURN p {.personId, .name, .pinyin, .idNumber, .birthDate, .sex, .phones, .recordCount} AS person
