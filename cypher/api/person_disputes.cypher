// The dispute threads each person is party to, latest first.
UNWIND $ids AS id
MATCH (p:Person {personId: id})
CALL (p) {
  MATCH (p)-[:PARTY_TO]->(d:Dispute)
  WITH d ORDER BY d.lastAt DESC, d.disputeId
  RETURN collect(d {.*}) AS items
}
RETURN id, items
