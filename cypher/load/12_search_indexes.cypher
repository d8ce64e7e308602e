// The load ends when the eventually consistent full-text indexes (schema/003) have
// caught up, so that Bloom finds every person and address just loaded.
CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()
