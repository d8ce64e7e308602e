// Escalations the dispatch side records (an incident's case_id).
UNWIND $rows AS row
MATCH (i:Incident {incidentId: row.incidentId})
MATCH (c:Case {caseId: row.caseId})
MERGE (i)-[:ESCALATED_TO]->(c)
