// SAME_HOUSEHOLD of the given persons, from the flats they are registered at: of those a
// batch changed (graph/changes.py) or a review decision touched (api/review.py);
// load/11_same_household builds it for a whole result.
UNWIND $ids AS id
MATCH (p:Person {personId: id}) USING INDEX p:Person(personId)
CALL (p) {
  MATCH (p)-[old:SAME_HOUSEHOLD]-()
  DELETE old
}
WITH p
MATCH (p)-[:REGISTERED_AT]->(flat:Address)<-[:REGISTERED_AT]-(q:Person)
WHERE flat.level = 'room' AND q <> p
WITH CASE WHEN p.personId < q.personId THEN [p, q] ELSE [q, p] END AS pair
WITH pair[0] AS a, pair[1] AS b
MERGE (a)-[:SAME_HOUSEHOLD]->(b)
