// A node by the id the API shows for it (personId, addressId, incidentId, caseId,
// disputeId, networkId or alertId), each looked up through its own index.
CALL () {
  MATCH (n:Person {personId: $id}) RETURN n
  UNION
  MATCH (n:Address {addressId: $id}) RETURN n
  UNION
  MATCH (n:Incident {incidentId: $id}) RETURN n
  UNION
  MATCH (n:Case {caseId: $id}) RETURN n
  UNION
  MATCH (n:Dispute {disputeId: $id}) RETURN n
  UNION
  MATCH (n:DisputeNetwork {networkId: $id}) RETURN n
  UNION
  MATCH (n:Alert {alertId: $id}) RETURN n
}
RETURN {elementId: elementId(n), labels: labels(n), props: n {.*, raw: null}} AS node
LIMIT 1
