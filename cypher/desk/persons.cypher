// The persons a pair's records belong to, for the pair view and its undo: each person's
// records with their links, its addresses, its latest incidents, its disputes and networks.
UNWIND $ids AS id
MATCH (p:Person {personId: id})
CALL (p) {
  MATCH (p)-[link:RESOLVED_FROM]->(r:SourceRecord)
  WITH r, link ORDER BY r.source, r.recordId
  RETURN collect({key: r.source + ':' + r.recordId, source: r.source, name: r.name,
                  idNumber: r.idNumber, phones: r.phones, sex: r.sex,
                  birthDate: toString(r.birthDate), score: link.score,
                  evidence: link.evidence}) AS records
}
CALL (p) {
  OPTIONAL MATCH (p)-[inv:INVOLVED_IN]->(i:Incident)
  WITH i, inv ORDER BY i.reportedAt DESC
  WITH collect(CASE WHEN i IS NOT NULL THEN {id: i.incidentId,
               reportedAt: toString(i.reportedAt), category: i.category, role: inv.role,
               recordKey: inv.recordKey} END) AS items
  RETURN items[0..$maxIncidents] AS incidents, size(items) AS incidentCount
}
CALL (p) {
  OPTIONAL MATCH (p)-[:INVOLVED_IN]->(:Incident)-[:PART_OF]->(d:Dispute)
  RETURN count(DISTINCT d) AS disputes
}
CALL (p) {
  OPTIONAL MATCH (p)-[:MEMBER_OF]->(n:DisputeNetwork)
  RETURN collect(n.networkId) AS networks
}
RETURN p.personId AS personId, p.name AS name, p.recordCount AS recordCount,
       p.sources AS sources, records, incidents, incidentCount, disputes, networks,
       [(p)-[:LIVES_AT]->(x:Address) | x.addressId] AS livesAt,
       [(p)-[:REGISTERED_AT]->(x:Address) | x.addressId] AS registeredAt
