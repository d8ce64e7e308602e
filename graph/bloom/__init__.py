"""The Neo4j Bloom perspective: what investigators get (`design`) written in Bloom's own
export format (`export`) from the graph model (`graph/model.py`)."""
