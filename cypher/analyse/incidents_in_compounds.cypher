// Dispute incidents in these compounds since a time (a hotspot's trailing window).
UNWIND $keys AS key
MATCH (a:Address {compoundKey: key})<-[:OCCURRED_AT]-(i:Incident)
WHERE i.isDispute AND i.reportedAt >= $since
RETURN DISTINCT i.incidentId AS id
