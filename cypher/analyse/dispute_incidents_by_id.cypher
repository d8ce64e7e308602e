// The dispute incidents among $ids, as analyse/dispute_incidents returns them.
UNWIND $ids AS id
MATCH (i:Incident {incidentId: id}) USING INDEX i:Incident(incidentId)
WHERE i.isDispute
OPTIONAL MATCH (i)-[:OCCURRED_AT]->(a:Address)
RETURN i.incidentId AS incidentId, i.reportedAt AS reportedAt, i.category AS category,
       a.addressId AS addressId, a.buildingKey AS buildingKey, a.compoundKey AS compoundKey,
       a.compoundName AS compoundName, a.district AS district,
       [(p:Person)-[:INVOLVED_IN]->(i) | p.personId] AS persons,
       exists { (i)-[:ESCALATED_TO]->(:Case) } AS escalated
