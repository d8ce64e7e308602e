// Indexes behind people(search): each way of finding a person is an index seek.
CREATE INDEX person_name IF NOT EXISTS
FOR (p:Person) ON (p.name);

CREATE INDEX person_pinyin IF NOT EXISTS
FOR (p:Person) ON (p.pinyin);

CREATE INDEX person_id_number IF NOT EXISTS
FOR (p:Person) ON (p.idNumber);

// A range index cannot find one element of a list; a full-text index indexes each phone.
CREATE FULLTEXT INDEX person_phones IF NOT EXISTS
FOR (p:Person) ON EACH [p.phones];
