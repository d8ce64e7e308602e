// One person by id, with counts the API shows.
MATCH (p:Person {personId: $id})
RETURN p {.personId, .name, .pinyin, .idNumber, .birthDate, .sex, .phones, .recordCount} AS person
