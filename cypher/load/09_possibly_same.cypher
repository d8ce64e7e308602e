// Review candidates: two persons that may be one, for investigators to see.
UNWIND $rows AS row
MATCH (a:Person {personId: row.personA}) USING INDEX a:Person(personId)
MATCH (b:Person {personId: row.personB}) USING INDEX b:Person(personId)
WHERE a <> b
MERGE (a)-[s:POSSIBLY_SAME_AS]-(b)
SET s.score = CASE WHEN s.score IS NULL OR row.score > s.score THEN row.score ELSE s.score END,
    s.reason = row.reason
