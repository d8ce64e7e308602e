// Canonical attributes of persons whose records changed, from their records in the
// graph, by the survivorship rules of persons.csv (registry first, then cases, then
// 110; placeholders never name anyone; a valid ID number before an invalid one).
// The next resolve and load recompute them from the full records. The search keys follow
// as load/05_persons derives them.
UNWIND $ids AS id
MATCH (p:Person {personId: id})
CALL (p) {
  MATCH (p)-[:RESOLVED_FROM]->(r:SourceRecord)
  WITH r ORDER BY CASE r.source WHEN 'population' THEN 0 WHEN 'case' THEN 1 ELSE 2 END, r.recordId
  RETURN collect(r) AS records
}
WITH p, records WHERE size(records) > 0
WITH p, records, [r IN records WHERE NOT coalesce(r.placeholder, false)] AS named
SET p.recordCount = size(records),
    p.name = head([r IN named WHERE r.name IS NOT NULL | r.name]),
    p.pinyin = head([r IN named WHERE r.pinyin IS NOT NULL | r.pinyin]),
    p.idNumber = head([r IN records WHERE r.idValid AND r.idNumber IS NOT NULL | r.idNumber]
                      + [r IN records WHERE r.idNumber IS NOT NULL | r.idNumber]),
    p.birthDate = head([r IN records WHERE r.birthDate IS NOT NULL | r.birthDate]),
    p.sex = head([r IN records WHERE r.sex IS NOT NULL | r.sex]),
    p.phones = reduce(seen = [], r IN records |
                      seen + [x IN coalesce(r.phones, []) WHERE NOT x IN seen]),
    p.sources = reduce(out = '', source IN ['population', 'case', 'dispatch'] |
                       out + CASE WHEN any(r IN records WHERE r.source = source)
                                  THEN CASE out WHEN '' THEN '' ELSE ';' END + source + ':'
                                       + toString(size([r IN records WHERE r.source = source]))
                                  ELSE '' END)
SET p.pinyinLetters = replace(p.pinyin, ' ', ''),
    p.pinyinInitials = reduce(initials = '', syllable IN split(p.pinyin, ' ') |
                              initials + left(syllable, 1)),
    p.birthYear = CASE WHEN p.birthDate IS :: STRING THEN toInteger(left(p.birthDate, 4))
                       ELSE p.birthDate.year END
