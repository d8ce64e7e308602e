// Indexes behind people(search) as a search box (cypher/api/people_search): pinyin typed
// without spaces, and initials, each found whole or by its start (a range index seeks
// STARTS WITH). The properties are derived from `pinyin` where persons are written
// (load/05_persons, review/refresh_persons). Partial names are found through the
// full-text index person_names (schema/003), which holds each Han character as a term.
CREATE INDEX person_pinyin_letters IF NOT EXISTS
FOR (p:Person) ON (p.pinyinLetters);

CREATE INDEX person_pinyin_initials IF NOT EXISTS
FOR (p:Person) ON (p.pinyinInitials);
