// A page of each person's incidents, newest first, filtered by time and role
// (those in the caller's $districts).
UNWIND $ids AS id
MATCH (p:Person {personId: id})
CALL (p) {
  MATCH (p)-[r:INVOLVED_IN]->(i:Incident)
  WHERE ($since IS NULL OR i.reportedAt >= $since) AND ($until IS NULL OR i.reportedAt < $until)
    AND ($role IS NULL OR r.role = $role)
    AND ($districts IS NULL OR EXISTS { (i)-[:OCCURRED_AT]->(x:Address) WHERE x.district IN $districts })
  WITH DISTINCT i, r.role AS role ORDER BY i.reportedAt DESC, i.incidentId
  RETURN collect({role: role, node: i {.*, raw: null}}) AS all
}
RETURN id, all[$offset..$offset + $limit] AS items
