// The dispute threads each person is party to, latest first (in the caller's $districts).
UNWIND $ids AS id
MATCH (p:Person {personId: id})
CALL (p) {
  MATCH (p)-[:PARTY_TO]->(d:Dispute)
  WHERE ($districts IS NULL OR EXISTS { (d)<-[:PART_OF]-(:Incident)-[:OCCURRED_AT]->(x:Address) WHERE x.district IN $districts })
  WITH d ORDER BY d.lastAt DESC, d.disputeId
  RETURN collect(d {.*}) AS items
}
RETURN id, items
