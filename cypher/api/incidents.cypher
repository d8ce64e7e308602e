// Incidents, newest first, filtered by time, category, district, address or person, within
// the caller's $districts (null: everywhere).
MATCH (i:Incident)
WHERE ($since IS NULL OR i.reportedAt >= $since) AND ($until IS NULL OR i.reportedAt < $until)
  AND ($category IS NULL OR i.category STARTS WITH $category)
  AND (NOT $disputesOnly OR i.isDispute)
  AND ($district IS NULL OR EXISTS { (i)-[:OCCURRED_AT]->(:Address {district: $district}) })
  AND ($addressId IS NULL OR EXISTS { (i)-[:OCCURRED_AT]->(:Address {addressId: $addressId}) })
  AND ($personId IS NULL OR EXISTS { (:Person {personId: $personId})-[:INVOLVED_IN]->(i) })
  AND ($districts IS NULL OR EXISTS { (i)-[:OCCURRED_AT]->(x:Address) WHERE x.district IN $districts })
WITH i ORDER BY i.reportedAt DESC, i.incidentId
SKIP $offset LIMIT $limit
RETURN i {.*, raw: null} AS incident
