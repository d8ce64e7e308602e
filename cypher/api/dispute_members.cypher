// Each dispute thread's incidents (oldest first) and parties (in the caller's $districts).
UNWIND $ids AS id
MATCH (d:Dispute {disputeId: id})
CALL (d) {
  MATCH (i:Incident)-[:PART_OF]->(d)
  WHERE ($districts IS NULL OR EXISTS { (i)-[:OCCURRED_AT]->(x:Address) WHERE x.district IN $districts })
  WITH i ORDER BY i.reportedAt, i.incidentId
  RETURN collect(i {.*, raw: null}) AS incidents
}
CALL (d) {
  MATCH (p:Person)-[:PARTY_TO]->(d)
  WHERE ($districts IS NULL
       OR EXISTS { (p)-[:LIVES_AT|REGISTERED_AT]->(x:Address) WHERE x.district IN $districts }
       OR EXISTS { (p)-[:INVOLVED_IN]->()-[:OCCURRED_AT]->(x:Address) WHERE x.district IN $districts })
  WITH p ORDER BY p.personId
  RETURN collect(p {.personId, .name, .pinyin, .idNumber, .birthDate, .sex,
                                          .phones, .ethnicity, .recordCount, .sources}) AS parties
}
RETURN id, [{incidents: incidents, parties: parties}] AS items
