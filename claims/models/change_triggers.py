"""Database triggers that write the changes feed (claims_change), SQLite and PostgreSQL.

Every insert, update and delete of an object the API serves appends a row to
claims_change: triggers on the tables themselves, so bulk writes, queryset updates and
cascaded deletes are recorded too, and a deletion stays as a tombstone. An update that
changes only bookkeeping (`updated_at`, a worker's heartbeat) is not a change.

Commit order. An id is handed out when a row is inserted, not when its transaction
commits: with two writers, id 8 can be visible before id 7, and a reader that had
passed 8 would never see 7. So `position` is assigned at commit: on PostgreSQL a
deferred constraint trigger takes one advisory lock (held until the commit is visible)
and numbers the transaction's rows from a sequence. Positions therefore appear in
commit order and every reader sees a prefix of them. SQLite has one writer at a time,
so the id is already in commit order and is copied at insert.

SQLite drops a table's triggers when a migration rebuilds it, so, like the review
triggers, these are lifted before `migrate` and installed again after it (apps.py).
"""

from __future__ import annotations

CHANGE_TABLE = "claims_change"
POSITION_SEQUENCE = "claims_change_position_seq"
# Any constant: the one advisory lock that orders the commits of writing transactions.
POSITION_LOCK = 7_141_001

# table -> (object_type in the feed, the column naming the object, columns ignored)
TRACKED_TABLES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "articles_article": (
        "article",
        "id",
        ("updated_at", "processing_heartbeat_at", "raw", "minhash"),
    ),
    "claims_claim": ("claim", "id", ("updated_at",)),
    "claims_claimlink": ("link", "id", ("updated_at",)),
    "claims_trackedclaim": ("tracked_claim", "id", ("updated_at",)),
    "claims_factcheck": ("fact_check", "id", ()),
    "claims_reviewevent": ("review_event", "id", ()),
    # A claim's re-check state is part of the claim in the API.
    "claims_recheckschedule": ("claim", "claim_id", ("updated_at", "started_at", "quiet_runs")),
}


def _columns(connection, table: str) -> list[str]:
    with connection.cursor() as cursor:
        return [
            column.name for column in connection.introspection.get_table_description(cursor, table)
        ]


def _changed(connection, table: str, distinct: str) -> str:
    ignored = TRACKED_TABLES[table][2]
    watched = [c for c in _columns(connection, table) if c not in ignored]
    return " OR ".join(f"OLD.{c} {distinct} NEW.{c}" for c in watched)


# --- SQLite ------------------------------------------------------------------------------


def _sqlite_triggers(connection) -> dict[str, str]:
    now = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
    triggers = {
        f"{CHANGE_TABLE}_position": (
            f"AFTER INSERT ON {CHANGE_TABLE} FOR EACH ROW BEGIN "
            f"UPDATE {CHANGE_TABLE} SET position = NEW.id WHERE id = NEW.id; END"
        )
    }
    for table, (object_type, id_column, _) in TRACKED_TABLES.items():
        created = "update" if table == "claims_recheckschedule" else "create"
        for kind, row, operation, when in (
            ("INSERT", "NEW", created, ""),
            ("UPDATE", "NEW", "update", f"WHEN {_changed(connection, table, 'IS NOT')} "),
            ("DELETE", "OLD", "delete", ""),
        ):
            if kind == "DELETE" and table == "claims_recheckschedule":
                continue  # only ever deleted with its claim, which records the deletion
            triggers[f"{CHANGE_TABLE}_{table}_{kind.lower()}"] = (
                f"AFTER {kind} ON {table} FOR EACH ROW {when}BEGIN "
                f"INSERT INTO {CHANGE_TABLE} (object_type, object_id, operation, changed_at) "
                f"VALUES ('{object_type}', {row}.{id_column}, '{operation}', {now}); END"
            )
    return triggers


# --- PostgreSQL --------------------------------------------------------------------------

_PG_FUNCTIONS = {
    f"{CHANGE_TABLE}_record": f"""
        DECLARE
            row_data jsonb;
        BEGIN
            IF TG_OP = 'DELETE' THEN row_data := to_jsonb(OLD);
            ELSE row_data := to_jsonb(NEW);
            END IF;
            INSERT INTO {CHANGE_TABLE} (object_type, object_id, operation, changed_at)
            VALUES (TG_ARGV[0], (row_data ->> TG_ARGV[1])::bigint, TG_ARGV[2], now());
            RETURN NULL;
        END;""",
    # Deferred to commit; the lock is held until the commit is visible, so positions are
    # handed out in commit order. The first row of a transaction numbers all of its rows
    # (the only unnumbered rows it can see are its own); the others find nothing to do.
    f"{CHANGE_TABLE}_position": f"""
        DECLARE
            pending bigint;
            base bigint;
        BEGIN
            PERFORM pg_advisory_xact_lock({POSITION_LOCK});
            SELECT count(*) INTO pending FROM {CHANGE_TABLE} WHERE position IS NULL;
            IF pending = 0 THEN RETURN NULL; END IF;
            base := nextval('{POSITION_SEQUENCE}');
            PERFORM setval('{POSITION_SEQUENCE}', base + pending - 1);
            UPDATE {CHANGE_TABLE} AS c SET position = base + t.n - 1
            FROM (SELECT id, row_number() OVER (ORDER BY id) AS n
                  FROM {CHANGE_TABLE} WHERE position IS NULL) AS t
            WHERE c.id = t.id;
            RETURN NULL;
        END;""",
}


def _pg_triggers(connection) -> dict[tuple[str, str], str]:
    triggers = {
        (f"{CHANGE_TABLE}_position", CHANGE_TABLE): (
            f"AFTER INSERT ON {CHANGE_TABLE} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
            f"EXECUTE FUNCTION {CHANGE_TABLE}_position()"
        )
    }
    for table, (object_type, id_column, _) in TRACKED_TABLES.items():
        created = "update" if table == "claims_recheckschedule" else "create"
        record = f"EXECUTE FUNCTION {CHANGE_TABLE}_record('{object_type}', '{id_column}'"
        triggers[(f"{CHANGE_TABLE}_insert", table)] = (
            f"AFTER INSERT ON {table} FOR EACH ROW {record}, '{created}')"
        )
        triggers[(f"{CHANGE_TABLE}_update", table)] = (
            f"AFTER UPDATE ON {table} FOR EACH ROW "
            f"WHEN ({_changed(connection, table, 'IS DISTINCT FROM')}) {record}, 'update')"
        )
        if table != "claims_recheckschedule":  # deleted only with its claim
            triggers[(f"{CHANGE_TABLE}_delete", table)] = (
                f"AFTER DELETE ON {table} FOR EACH ROW {record}, 'delete')"
            )
    return triggers


# --- Install, remove ---------------------------------------------------------------------


def _statements_to_install(connection) -> list[str]:
    if connection.vendor == "sqlite":
        return [
            statement
            for name, body in _sqlite_triggers(connection).items()
            for statement in (f"DROP TRIGGER IF EXISTS {name}", f"CREATE TRIGGER {name} {body}")
        ]
    if connection.vendor == "postgresql":
        statements = [f"CREATE SEQUENCE IF NOT EXISTS {POSITION_SEQUENCE}"]
        statements += [
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $${body}\n$$ LANGUAGE plpgsql"
            for name, body in _PG_FUNCTIONS.items()
        ]
        for (name, table), body in _pg_triggers(connection).items():
            constraint = "CONSTRAINT " if "DEFERRABLE" in body else ""
            statements += [
                f"DROP TRIGGER IF EXISTS {name} ON {table}",
                f"CREATE {constraint}TRIGGER {name} {body}",
            ]
        return statements
    return []


def _statements_to_uninstall(connection) -> list[str]:
    if connection.vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name}" for name in _sqlite_triggers(connection)]
    if connection.vendor == "postgresql":
        return [
            f"DROP TRIGGER IF EXISTS {name} ON {table}" for name, table in _pg_triggers(connection)
        ]
    return []


def _run(connection, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _ready(connection) -> bool:
    tables = set(connection.introspection.table_names())
    return CHANGE_TABLE in tables and set(TRACKED_TABLES) <= tables


def install(connection) -> None:
    """Create (or re-create) every trigger; idempotent."""
    if _ready(connection):
        _run(connection, _statements_to_install(connection))


def uninstall(connection) -> None:
    if _ready(connection):
        _run(connection, _statements_to_uninstall(connection))


def install_for_migration(apps, schema_editor) -> None:
    """RunPython: install, except on SQLite, where post_migrate does it (see above)."""
    if schema_editor.connection.vendor != "sqlite":
        install(schema_editor.connection)


def lift_before_migrate(*, using: str, plan=None, **kwargs) -> None:
    from django.db import connections

    connection = connections[using]
    if connection.vendor == "sqlite" and plan:
        uninstall(connection)


def reinstall_after_migrate(*, using: str, **kwargs) -> None:
    from django.db import connections

    install(connections[using])
