// Repeat-dispute networks by id, in one round trip; those outside the caller's $districts
// are not found.
UNWIND $ids AS id
MATCH (n:DisputeNetwork {networkId: id})
WHERE ($districts IS NULL OR n.district IN $districts)
RETURN id, [n {.*}] AS items
