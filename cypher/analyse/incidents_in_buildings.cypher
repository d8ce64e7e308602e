// Dispute incidents in these buildings since a time (a hotspot's trailing window).
UNWIND $keys AS key
MATCH (a:Address {buildingKey: key})<-[:OCCURRED_AT]-(i:Incident)
WHERE i.isDispute AND i.reportedAt >= $since
RETURN DISTINCT i.incidentId AS id
