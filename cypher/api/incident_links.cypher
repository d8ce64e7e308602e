// What each incident led to and belongs to: its case, dispute thread and networks (those
// in the caller's $districts).
UNWIND $ids AS id
MATCH (i:Incident {incidentId: id})
RETURN id, [{
  case: head([(i)-[:ESCALATED_TO]->(c:Case) WHERE ($districts IS NULL OR EXISTS { (c)-[:OCCURRED_AT]->(x:Address) WHERE x.district IN $districts }) | c {.*, raw: null}]),
  dispute: head([(i)-[:PART_OF]->(d:Dispute) WHERE ($districts IS NULL OR EXISTS { (d)<-[:PART_OF]-(:Incident)-[:OCCURRED_AT]->(x:Address) WHERE x.district IN $districts }) | d {.*}]),
  networks: [(i)-[:IN_NETWORK]->(n:DisputeNetwork) WHERE ($districts IS NULL OR n.district IN $districts) | n {.*}]
}] AS items
