// The IN_DISPUTE_WITH of pairs a batch recomputes (written again where they still hold).
UNWIND $pairs AS pair
MATCH (a:Person {personId: pair[0]}) USING INDEX a:Person(personId)
MATCH (a)-[w:IN_DISPUTE_WITH]->(b:Person)
WHERE b.personId = pair[1]
DELETE w
