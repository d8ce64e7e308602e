// Persons by id, in one round trip (a DataLoader batches the ids of a request).
UNWIND $ids AS id
MATCH (p:Person {personId: id})
RETURN id, [p {.personId, .name, .pinyin, .idNumber, .birthDate, .sex, .phones, .ethnicity,
               .recordCount, .sources}] AS items
