// Each network's people, the addresses its disputes centre on, and its incidents (those
// in the caller's $districts).
UNWIND $ids AS id
MATCH (n:DisputeNetwork {networkId: id})
CALL (n) {
  MATCH (p:Person)-[:MEMBER_OF]->(n)
  WHERE ($districts IS NULL
       OR EXISTS { (p)-[:LIVES_AT|REGISTERED_AT]->(x:Address) WHERE x.district IN $districts }
       OR EXISTS { (p)-[:INVOLVED_IN]->()-[:OCCURRED_AT]->(x:Address) WHERE x.district IN $districts })
  WITH p ORDER BY p.personId
  RETURN collect(p {.personId, .name, .pinyin, .idNumber, .birthDate, .sex,
                                          .phones, .ethnicity, .recordCount, .sources}) AS people
}
CALL (n) {
  MATCH (n)-[:CENTRED_AT]->(a:Address)
  WHERE ($districts IS NULL OR a.district IN $districts)
  WITH a ORDER BY a.addressId
  RETURN collect(a {.*}) AS addresses
}
CALL (n) {
  MATCH (i:Incident)-[:IN_NETWORK]->(n)
  WHERE ($districts IS NULL OR EXISTS { (i)-[:OCCURRED_AT]->(x:Address) WHERE x.district IN $districts })
  WITH i ORDER BY i.reportedAt, i.incidentId
  RETURN collect(i {.*, raw: null}) AS incidents
}
RETURN id, [{people: people, addresses: addresses, incidents: incidents}] AS items
