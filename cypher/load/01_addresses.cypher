// Addresses, one per normalised flat (or the most precise level known).
UNWIND $rows AS row
MERGE (a:Address {addressId: row.addressId})
SET a += row.props
