// Dispute incidents that both persons of a pair were parties to.
UNWIND $pairs AS pair
MATCH (a:Person {personId: pair[0]}) USING INDEX a:Person(personId)
MATCH (a)-[:INVOLVED_IN]->(i:Incident)<-[:INVOLVED_IN]-(b:Person)
WHERE i.isDispute AND b.personId = pair[1]
RETURN DISTINCT i.incidentId AS id
