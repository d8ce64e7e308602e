// What each incident led to and belongs to: its case, dispute thread and networks.
UNWIND $ids AS id
MATCH (i:Incident {incidentId: id})
RETURN id, [{
  case: head([(i)-[:ESCALATED_TO]->(c:Case) | c {.*, raw: null}]),
  dispute: head([(i)-[:PART_OF]->(d:Dispute) | d {.*}]),
  networks: [(i)-[:IN_NETWORK]->(n:DisputeNetwork) | n {.*}]
}] AS items
