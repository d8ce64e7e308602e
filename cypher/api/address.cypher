// Addresses by id, in one round trip.
UNWIND $ids AS id
MATCH (a:Address {addressId: id})
RETURN id, [a {.*}] AS items
