// The newest batch the graph holds (for /readyz: how far the graph is fed).
MATCH (b:Batch)
RETURN b.batchId AS batchId, b.seq AS seq
ORDER BY b.seq DESC
LIMIT 1
