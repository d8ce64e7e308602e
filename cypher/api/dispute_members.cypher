// Each dispute thread's incidents (oldest first) and parties.
UNWIND $ids AS id
MATCH (d:Dispute {disputeId: id})
CALL (d) {
  MATCH (i:Incident)-[:PART_OF]->(d)
  WITH i ORDER BY i.reportedAt, i.incidentId
  RETURN collect(i {.*, raw: null}) AS incidents
}
CALL (d) {
  MATCH (p:Person)-[:PARTY_TO]->(d)
  WITH p ORDER BY p.personId
  RETURN collect(p {.personId, .name, .pinyin, .idNumber, .birthDate, .sex, .phones, .ethnicity,
                    .recordCount, .sources}) AS parties
}
RETURN id, [{incidents: incidents, parties: parties}] AS items
