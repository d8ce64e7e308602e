// Dispute incidents (categories beginning 纠纷) with their parties, place and escalation.
MATCH (i:Incident) WHERE i.isDispute
OPTIONAL MATCH (i)-[:OCCURRED_AT]->(a:Address)
RETURN i.incidentId AS incidentId, i.reportedAt AS reportedAt, i.category AS category,
       a.addressId AS addressId, a.buildingKey AS buildingKey, a.compoundKey AS compoundKey,
       a.compoundName AS compoundName, a.district AS district,
       [(p:Person)-[:INVOLVED_IN]->(i) | p.personId] AS persons,
       exists { (i)-[:ESCALATED_TO]->(:Case) } AS escalated
ORDER BY incidentId
