// Each network's people, the addresses its disputes centre on, and its incidents.
UNWIND $ids AS id
MATCH (n:DisputeNetwork {networkId: id})
CALL (n) {
  MATCH (p:Person)-[:MEMBER_OF]->(n)
  WITH p ORDER BY p.personId
  RETURN collect(p {.personId, .name, .pinyin, .idNumber, .birthDate, .sex, .phones, .ethnicity,
                    .recordCount, .sources}) AS people
}
CALL (n) {
  MATCH (n)-[:CENTRED_AT]->(a:Address)
  WITH a ORDER BY a.addressId
  RETURN collect(a {.*}) AS addresses
}
CALL (n) {
  MATCH (i:Incident)-[:IN_NETWORK]->(n)
  WITH i ORDER BY i.reportedAt, i.incidentId
  RETURN collect(i {.*, raw: null}) AS incidents
}
RETURN id, [{people: people, addresses: addresses, incidents: incidents}] AS items
