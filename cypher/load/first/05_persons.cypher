// Persons into an empty database (load/05_persons otherwise, which says why the search
// keys are derived here).
UNWIND $rows AS row
CREATE (p:Person {personId: row.personId})
SET p += row.props
SET p.pinyinLetters = replace(p.pinyin, ' ', ''),
    p.pinyinInitials = reduce(initials = '', syllable IN split(p.pinyin, ' ') |
                              initials + left(syllable, 1)),
    p.birthYear = CASE WHEN p.birthDate IS :: STRING THEN toInteger(left(p.birthDate, 4))
                       ELSE p.birthDate.year END
