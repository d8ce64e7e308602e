// The Dispute threads these incidents are part of, with all their incidents.
UNWIND $ids AS id
MATCH (:Incident {incidentId: id})-[:PART_OF]->(d:Dispute)
WITH DISTINCT d
RETURN d.disputeId AS disputeId, [(j:Incident)-[:PART_OF]->(d) | j.incidentId] AS incidents
