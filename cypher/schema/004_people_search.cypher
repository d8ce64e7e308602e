// Indexes behind people(search): each way of finding a person is an index seek.
CREATE INDEX person_name IF NOT EXISTS
FOR (p:Person) ON (p.name);

CREATE INDEX person_pinyin IF NOT EXISTS
FOR (p:Person) ON (p.pinyin);

CREATE INDEX person_id_number IF NOT EXISTS
FOR (p:Person) ON (p.idNumber);

// A range index cannot find one element of a list; a full-text index indexes each phone.
// Eventually consistent, like schema/003 (it took a third of a Person write's commit
// otherwise): the load and every review decision wait for it before they return.
// `person_phones` was its immediately consistent predecessor.
DROP INDEX person_phones IF EXISTS;

CREATE FULLTEXT INDEX person_phone_numbers IF NOT EXISTS
FOR (p:Person) ON EACH [p.phones]
OPTIONS {indexConfig: {`fulltext.eventually_consistent`: true}};
