// A page of the incidents at each address, newest first (in the caller's $districts).
UNWIND $ids AS id
MATCH (a:Address {addressId: id})
WHERE ($districts IS NULL OR a.district IN $districts)
CALL (a) {
  MATCH (i:Incident)-[:OCCURRED_AT]->(a)
  WHERE ($since IS NULL OR i.reportedAt >= $since) AND ($until IS NULL OR i.reportedAt < $until)
    AND (NOT $disputesOnly OR i.isDispute)
  WITH i ORDER BY i.reportedAt DESC, i.incidentId
  RETURN collect(i {.*, raw: null}) AS all
}
RETURN id, all[$offset..$offset + $limit] AS items
