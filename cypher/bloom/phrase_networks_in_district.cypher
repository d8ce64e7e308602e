// Search phrase: the repeat-dispute networks of a district still active since a time (a
// LOCAL DATETIME, as lastAt is), with their members and the places their disputes happen.
MATCH (n:DisputeNetwork)
WHERE n.district = $district AND n.lastAt >= $since
MATCH (p:Person)-[m:MEMBER_OF]->(n)
OPTIONAL MATCH (n)-[c:CENTRED_AT]->(a:Address)
RETURN n, m, p, c, a
