// Dispute incidents reported between two times: those a trailing window leaves behind
// when the newest incident moves.
MATCH (i:Incident) USING INDEX i:Incident(reportedAt)
WHERE i.reportedAt >= $since AND i.reportedAt < $until AND i.isDispute
RETURN i.incidentId AS id
