// Dispute threads a batch replaced.
UNWIND $ids AS id
MATCH (d:Dispute {disputeId: id})
DETACH DELETE d
