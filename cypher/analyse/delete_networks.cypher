// Networks a batch replaced.
UNWIND $ids AS id
MATCH (n:DisputeNetwork {networkId: id})
DETACH DELETE n
