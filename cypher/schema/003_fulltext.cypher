// Full-text indexes so that Bloom and Browser searches find people and places by
// name (characters or pinyin) and by address text.
CREATE FULLTEXT INDEX person_names IF NOT EXISTS
FOR (n:Person|SourceRecord) ON EACH [n.name, n.pinyin, n.nameRaw];

CREATE FULLTEXT INDEX address_texts IF NOT EXISTS
FOR (n:Address) ON EACH [n.text, n.compound, n.road, n.compoundName];
