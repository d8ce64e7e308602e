// A node by the id the API shows for it (personId, addressId, incidentId, caseId,
// disputeId, networkId or alertId), each looked up through its own index; outside the
// caller's $districts (null: everywhere) it is not found (see neighbours.cypher).
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
WITH n WHERE ($districts IS NULL OR CASE
  WHEN n:Address OR n:DisputeNetwork OR n:Alert THEN n.district IN $districts
  WHEN n:Incident OR n:Case
    THEN EXISTS { (n)-[:OCCURRED_AT]->(x:Address) WHERE x.district IN $districts }
  WHEN n:Dispute THEN EXISTS { (n)<-[:PART_OF]-(:Incident)-[:OCCURRED_AT]->(x:Address)
                            WHERE x.district IN $districts }
  WHEN n:Person THEN EXISTS { (n)-[:LIVES_AT|REGISTERED_AT]->(x:Address)
                               WHERE x.district IN $districts }
    OR EXISTS { (n)-[:INVOLVED_IN]->()-[:OCCURRED_AT]->(x:Address)
                WHERE x.district IN $districts }
  WHEN n:SourceRecord THEN EXISTS { (o:Person)-[:RESOLVED_FROM]->(n)
    WHERE EXISTS { (o)-[:LIVES_AT|REGISTERED_AT]->(x:Address) WHERE x.district IN $districts }
       OR EXISTS { (o)-[:INVOLVED_IN]->()-[:OCCURRED_AT]->(x:Address)
                   WHERE x.district IN $districts } }
  ELSE false END)
RETURN {elementId: elementId(n), labels: labels(n), props: n {.*, raw: null}} AS node
LIMIT 1
