// People by name (characters, homophones, traditional), pinyin, ID number or phone.
// $name is the simplified name key, $pinyin its toneless pinyin, $digits the
// normalised ID or phone; pages are ordered by personId after $after.
MATCH (p:Person)
WHERE (p.name = $name OR p.pinyin = $pinyin OR p.idNumber = $digits OR $digits IN p.phones)
  AND p.personId > $after
RETURN p {.personId, .name, .pinyin, .idNumber, .birthDate, .sex, .phones, .ethnicity,
          .recordCount, .sources} AS person
ORDER BY p.personId
LIMIT $limit
