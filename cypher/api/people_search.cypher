// People as a search box finds them (docs/api.md, people). api/graphql/search.py turns
// the text into terms; those a kind of search does not use are null:
//   $name, $bare  a name or part of one, simplified (minority names' parts joined by ·),
//                 and the same without the ·;
//   $han          $bare when it is Han characters only (so it needs no escaping in a
//                 full-text query), for names that hold it anywhere;
//   $pinyin       the sound of $bare, for homophones;
//   $letters      pinyin typed (letters only): whole, its start, or initials;
//   $digits       a full ID number or phone, found only whole, never by a part.
// Each branch is an index seek or a full-text query. Ranks: 0 the exact name or the
// identifier, 1 the same sound (or the pinyin typed in full), 2 the initials, 3 the start
// of the name or pinyin (a surname alone), 4 the end of the name (a given name alone),
// 5 anywhere in the name, or the start of the initials. Ties: shorter names first, then
// by name and personId. The filters narrow the matches; pages are offsets. A caller with
// a jurisdiction ($districts) finds only the people of its districts.
CALL () {
  MATCH (p:Person {name: $name}) RETURN p
  UNION
  MATCH (p:Person {pinyin: $pinyin}) RETURN p
  UNION
  WITH $han AS han WHERE han IS NOT NULL
  CALL db.index.fulltext.queryNodes('person_names', 'name:"' + han + '"') YIELD node AS p
  WITH p WHERE p:Person
  RETURN p
  UNION
  MATCH (p:Person) WHERE p.pinyinLetters STARTS WITH $letters RETURN p
  UNION
  MATCH (p:Person) WHERE p.pinyinInitials STARTS WITH $letters RETURN p
  UNION
  MATCH (p:Person {idNumber: $digits}) RETURN p
  UNION
  WITH $digits AS digits WHERE digits IS NOT NULL
  CALL db.index.fulltext.queryNodes('person_phone_numbers', '"' + digits + '"') YIELD node AS p
  WITH p, digits WHERE digits IN p.phones
  RETURN p
}
WITH p WHERE ($sex IS NULL OR p.sex = $sex)
  AND ($bornFrom IS NULL OR p.birthYear >= $bornFrom)
  AND ($bornUntil IS NULL OR p.birthYear <= $bornUntil)
  AND ($district IS NULL
       OR EXISTS { (p)-[:LIVES_AT|REGISTERED_AT]->(:Address {district: $district}) })
  AND ($districts IS NULL
       OR EXISTS { (p)-[:LIVES_AT|REGISTERED_AT]->(x:Address) WHERE x.district IN $districts }
       OR EXISTS { (p)-[:INVOLVED_IN]->()-[:OCCURRED_AT]->(x:Address) WHERE x.district IN $districts })
WITH p, replace(p.name, '·', '') AS named
WITH p, CASE
  WHEN p.idNumber = $digits OR $digits IN p.phones OR named = $bare THEN 0
  WHEN p.pinyin = $pinyin OR p.pinyinLetters = $letters THEN 1
  WHEN p.pinyinInitials = $letters THEN 2
  WHEN named STARTS WITH $bare OR p.pinyinLetters STARTS WITH $letters THEN 3
  WHEN named ENDS WITH $bare THEN 4
  ELSE 5
END AS rank
ORDER BY rank, size(p.name), p.name, p.personId
SKIP $offset LIMIT $limit
RETURN p {.personId, .name, .pinyin, .idNumber, .birthDate, .sex, .phones, .ethnicity,
          .recordCount, .sources} AS person
