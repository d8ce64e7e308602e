// Search phrase: incidents at the addresses whose text, compound or road holds $address (a
// Lucene phrase, as in phrase_incidents_at), reported since $since, newest first.
CALL db.index.fulltext.queryNodes(
  'address_texts', '"' + replace(replace($address, '\\', ' '), '"', ' ') + '"'
) YIELD node AS a
MATCH (i:Incident)-[o:OCCURRED_AT]->(a)
WHERE i.reportedAt >= $since
RETURN i, o, a
ORDER BY i.reportedAt DESC
LIMIT 300
