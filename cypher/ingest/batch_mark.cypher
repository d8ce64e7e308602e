// A batch's mark, if the graph holds it.
MATCH (b:Batch {batchId: $batchId})
RETURN b.summary AS summary
