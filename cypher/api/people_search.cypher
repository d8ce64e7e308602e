// People by name (characters, homophones, traditional), pinyin, ID number or phone.
// $name is the simplified name key, $pinyin its toneless pinyin, $digits the
// normalised ID or phone ("" when the search is not a number); each branch is an
// index seek. Pages are ordered by personId after $after.
CALL () {
  MATCH (p:Person {name: $name}) RETURN p
  UNION
  MATCH (p:Person {pinyin: $pinyin}) RETURN p
  UNION
  MATCH (p:Person {idNumber: $digits}) RETURN p
  UNION
  WITH $digits AS digits WHERE digits <> ''
  CALL db.index.fulltext.queryNodes('person_phone_numbers', '"' + digits + '"') YIELD node AS p
  WITH p, digits WHERE digits IN p.phones
  RETURN p
}
WITH p WHERE p.personId > $after
RETURN p {.personId, .name, .pinyin, .idNumber, .birthDate, .sex, .phones, .ethnicity,
          .recordCount, .sources} AS person
ORDER BY p.personId
LIMIT $limit
