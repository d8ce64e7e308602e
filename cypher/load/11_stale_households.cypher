// SAME_HOUSEHOLD whose persons are no longer registered (户籍) at one flat, removed
// $batch at a time before load/11_same_household writes the households of this load.
MATCH (a:Person)-[old:SAME_HOUSEHOLD]->(b:Person)
WHERE NOT EXISTS {
  (a)-[:REGISTERED_AT]->(flat:Address)<-[:REGISTERED_AT]-(b) WHERE flat.level = 'room'
}
WITH old LIMIT $batch
DELETE old
RETURN count(*) AS removed
