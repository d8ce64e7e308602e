// A page of each person's cases, newest first, filtered by time and role
// (those in the caller's $districts).
UNWIND $ids AS id
MATCH (p:Person {personId: id})
CALL (p) {
  MATCH (p)-[r:INVOLVED_IN]->(c:Case)
  WHERE ($since IS NULL OR c.openedAt >= $since) AND ($until IS NULL OR c.openedAt < $until)
    AND ($role IS NULL OR r.role = $role)
    AND ($districts IS NULL OR EXISTS { (c)-[:OCCURRED_AT]->(x:Address) WHERE x.district IN $districts })
  WITH DISTINCT c, r.role AS role ORDER BY c.openedAt DESC, c.caseId
  RETURN collect({role: role, node: c {.*, raw: null}}) AS all
}
RETURN id, all[$offset..$offset + $limit] AS items
