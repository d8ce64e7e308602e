// SAME_HOUSEHOLD between persons registered (户籍) at the same flat; rebuilt each load.
CALL () {
  MATCH ()-[old:SAME_HOUSEHOLD]->() DELETE old
}
MATCH (a:Person)-[:REGISTERED_AT]->(flat:Address)<-[:REGISTERED_AT]-(b:Person)
WHERE a.personId < b.personId AND flat.level = 'room'
MERGE (a)-[:SAME_HOUSEHOLD]->(b)
RETURN count(*) AS pairs
