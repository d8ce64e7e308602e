// Review candidates: two persons that may be one, for investigators to see and the review
// desk to decide. The relationship keeps the likeliest record pair (source:record_id keys,
// recordA a record of personA) that made them candidates.
UNWIND $rows AS row
MATCH (a:Person {personId: row.personA}) USING INDEX a:Person(personId)
MATCH (b:Person {personId: row.personB}) USING INDEX b:Person(personId)
WHERE a <> b
MERGE (a)-[s:POSSIBLY_SAME_AS]-(b)
WITH s, row, s.score IS NULL OR row.score > s.score AS better
SET s.score = CASE WHEN better THEN row.score ELSE s.score END,
    s.reason = CASE WHEN better THEN row.reason ELSE s.reason END,
    s.recordA = CASE WHEN better THEN row.recordA ELSE s.recordA END,
    s.recordB = CASE WHEN better THEN row.recordB ELSE s.recordB END
