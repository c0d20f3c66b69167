"""Where the database offers pgvector, a vector column with an HNSW index for claim search.

Elsewhere (SQLite, PostgreSQL without the extension) this does nothing and the exact numpy
search is used; `claims.retrieval.pgvector_search.is_available` tells which at run time.
"""

from django.db import migrations

TABLE = "claims_claimembedding"
COLUMN = "embedding_hnsw"
DIMENSIONS = 384  # all-MiniLM-L6-v2


def add_vector_column(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")
        if cursor.fetchone() is None:
            return
        cursor.execute("CREATE EXTENSION IF NOT EXISTS vector")
        cursor.execute(
            f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS {COLUMN} vector({DIMENSIONS})"
        )
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {TABLE}_hnsw ON {TABLE} "
            f"USING hnsw ({COLUMN} vector_cosine_ops)"
        )


def drop_vector_column(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {TABLE}_hnsw")
        cursor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS {COLUMN}")


class Migration(migrations.Migration):
    dependencies = [("claims", "0003_embedding_updated_at")]

    operations = [migrations.RunPython(add_vector_column, drop_vector_column)]
