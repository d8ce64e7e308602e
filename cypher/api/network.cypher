// Repeat-dispute networks by id, in one round trip.
UNWIND $ids AS id
MATCH (n:DisputeNetwork {networkId: id})
RETURN id, [n {.*}] AS items
