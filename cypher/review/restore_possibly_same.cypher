// Undo of a decision on a review candidate: the two persons are a candidate again, as
// they were before it.
MATCH (a:Person {personId: $a}) USING INDEX a:Person(personId)
MATCH (b:Person {personId: $b}) USING INDEX b:Person(personId)
WHERE a <> b
MERGE (a)-[s:POSSIBLY_SAME_AS]-(b)
SET s.score = $score, s.reason = $reason, s.recordA = $recordA, s.recordB = $recordB
