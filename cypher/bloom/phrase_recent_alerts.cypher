// Search phrase: the alerts raised in the 90 days up to the newest incident (the graph's
// present, as the analysis counts it: a graph fed every day has today's), with the addresses
// they were raised for. Times are LOCAL DATETIME values, so the window is a duration.
MATCH (i:Incident) USING INDEX i:Incident(reportedAt)
WHERE i.reportedAt IS NOT NULL
WITH i.reportedAt AS newest ORDER BY newest DESC LIMIT 1
MATCH (al:Alert)-[r:RAISED_FOR]->(a:Address)
WHERE al.raisedAt >= newest - duration({days: 90})
RETURN al, r, a
