// Escalations the dispatch side records (an incident's case_id).
UNWIND $rows AS row
MATCH (i:Incident {incidentId: row.incidentId}) USING INDEX i:Incident(incidentId)
MATCH (c:Case {caseId: row.caseId}) USING INDEX c:Case(caseId)
MERGE (i)-[:ESCALATED_TO]->(c)
