"""The OpenSearch implementation of the search backend: the same answers from a cluster.

Floors, lowest first (each module imports only those below it):

devcluster.py  local clusters from the launcher jar (make cluster-up, tests, bench); no client
config.py      where the cluster is and what our indexes are called (hosts, prefix, timeouts)
mapping.py     the index templates (JSON files, shared with deploy/opensearch/)
weights.py     per-record term frequencies, precomputed so Lucene's BM25 gives our BM25F
client.py      the opensearch-py client with retries
backend.py     OpenSearchBackend (the SearchBackend) over one version's indexes
build.py       write one version: records, catalogue and facts indexes, bulk
store.py       versions behind aliases: lock, verify, atomic switch, rollback, prune, open
"""
