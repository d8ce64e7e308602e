// Every analysis result with its members, to compare two analyses of one graph.
CALL () {
  MATCH (d:Dispute)
  RETURN 'dispute' AS kind, d.disputeId AS id, properties(d) AS props,
         [(p:Person)-[:PARTY_TO]->(d) | p.personId] + [(i:Incident)-[:PART_OF]->(d) | i.incidentId] AS members
  UNION ALL
  MATCH (n:DisputeNetwork)
  RETURN 'network' AS kind, n.networkId AS id, properties(n) AS props,
         [(p:Person)-[:MEMBER_OF]->(n) | p.personId] + [(i:Incident)-[:IN_NETWORK]->(n) | i.incidentId]
         + [(n)-[:CENTRED_AT]->(a:Address) | a.addressId] AS members
  UNION ALL
  MATCH (al:Alert)
  RETURN 'alert' AS kind, al.alertId AS id, properties(al) AS props,
         [(al)-[:ABOUT]->(i:Incident) | i.incidentId] + [(al)-[:RAISED_FOR]->(a:Address) | a.addressId] AS members
  UNION ALL
  MATCH (a:Person)-[w:IN_DISPUTE_WITH]->(b:Person)
  RETURN 'pair' AS kind, a.personId + '|' + b.personId AS id, properties(w) AS props, [] AS members
}
RETURN kind, id, props, members
