// The dispute incidents these persons were parties to.
UNWIND $ids AS id
MATCH (:Person {personId: id})-[:INVOLVED_IN]->(i:Incident)
WHERE i.isDispute
RETURN DISTINCT i.incidentId AS id
