// Resolved persons with their canonical attributes. The loader splits these rows
// between its writers by person: each transaction touches only its own Person nodes.
// The search keys of people(search) follow from them (review/refresh_persons derives
// them alike): pinyin without spaces, initials, and the birth year, read from a birth
// date stored as ISO text or as a Neo4j date.
UNWIND $rows AS row
MERGE (p:Person {personId: row.personId})
SET p += row.props
SET p.pinyinLetters = replace(p.pinyin, ' ', ''),
    p.pinyinInitials = reduce(initials = '', syllable IN split(p.pinyin, ' ') |
                              initials + left(syllable, 1)),
    p.birthYear = CASE WHEN p.birthDate IS :: STRING THEN toInteger(left(p.birthDate, 4))
                       ELSE p.birthDate.year END
