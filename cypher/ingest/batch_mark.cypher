// A batch's mark, if the graph holds it.
MATCH (b:Batch {batchId: $batchId})
RETURN properties(b) AS mark
