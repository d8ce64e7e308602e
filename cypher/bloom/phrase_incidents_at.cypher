// Search phrase: incidents at the addresses whose text, compound or road holds $address.
// Quoted, the text is one Lucene phrase: its characters in a row, not any one of them (the
// standard analyser makes every Chinese character a term). Quotes and backslashes in the
// input become spaces so that they cannot break the phrase.
CALL db.index.fulltext.queryNodes(
  'address_texts', '"' + replace(replace($address, '\\', ' '), '"', ' ') + '"'
) YIELD node AS a
MATCH (i:Incident)-[o:OCCURRED_AT]->(a)
RETURN i, o, a
LIMIT 300
