// Addresses by id, in one round trip; those outside the caller's $districts (null:
// everywhere) are not found.
UNWIND $ids AS id
MATCH (a:Address {addressId: id})
WHERE ($districts IS NULL OR a.district IN $districts)
RETURN id, [a {.*}] AS items
