// Addresses into an empty database (a first load, graph/loader.py): CREATE, as nothing
// can exist yet; the key constraint still refuses a second node of one key.
UNWIND $rows AS row
CREATE (a:Address {addressId: row.addressId})
SET a += row.props
