// Review candidates are replaced at every load: the new result's review.csv is the list.
MATCH ()-[s:POSSIBLY_SAME_AS]->() DELETE s
