// Scene action on disputes: the incidents of the thread and the people party to it.
MATCH (d:Dispute)<-[r:PART_OF|PARTY_TO]-(x)
WHERE elementId(d) IN $nodes
RETURN d, r, x
