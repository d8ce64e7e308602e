// Full-text indexes so that Bloom and Browser searches find people and places by
// name (characters or pinyin) and by address text. Eventually consistent: Lucene is
// updated in the background, off the commit path of the loader's writes (10% of a
// load's time otherwise); the loader waits for them at its end (load/12_search_indexes).
CREATE FULLTEXT INDEX person_names IF NOT EXISTS
FOR (n:Person|SourceRecord) ON EACH [n.name, n.pinyin, n.nameRaw]
OPTIONS {indexConfig: {`fulltext.eventually_consistent`: true}};

CREATE FULLTEXT INDEX address_texts IF NOT EXISTS
FOR (n:Address) ON EACH [n.text, n.compound, n.road, n.compoundName]
OPTIONS {indexConfig: {`fulltext.eventually_consistent`: true}};
