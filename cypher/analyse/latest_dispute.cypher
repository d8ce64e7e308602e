// When the newest dispute incident was reported: the end of the trailing windows.
MATCH (i:Incident) USING INDEX i:Incident(reportedAt)
WHERE i.reportedAt IS NOT NULL AND i.isDispute
RETURN i.reportedAt AS at
ORDER BY i.reportedAt DESC
LIMIT 1
