"""Finding prior claims: embed statements, search the stored vectors (exact numpy or
pgvector HNSW), and match free texts against the claims (Django side of `claims.linking`)."""
