// The batch's mark, written in the transaction that applied it: a graph that holds it
// holds the whole batch (an interrupted ingest finds it, and does not write it twice).
MERGE (b:Batch {batchId: $batchId})
SET b.seq = $seq, b.source = $source, b.appliedAt = $appliedAt, b.summary = $summary
