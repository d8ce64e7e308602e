// Analysis results are rebuilt at every run: remove the previous ones, in batches.
CALL () {
  MATCH (n) WHERE n:Dispute OR n:DisputeNetwork OR n:Alert
  WITH n LIMIT $batch
  DETACH DELETE n
  RETURN count(*) AS nodes
}
CALL () {
  MATCH ()-[r:IN_DISPUTE_WITH]->()
  WITH r LIMIT $batch
  DELETE r
  RETURN count(*) AS relationships
}
RETURN nodes + relationships AS removed
