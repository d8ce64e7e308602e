// Scene action on addresses: the incidents and cases there, and who lives or is registered there.
MATCH (a:Address)<-[r:OCCURRED_AT|LIVES_AT|REGISTERED_AT]-(x)
WHERE elementId(a) IN $nodes
RETURN a, r, x
