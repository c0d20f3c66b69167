"""The database's own guard of the review history (claims_reviewevent), SQLite and PostgreSQL.

What the triggers refuse, whoever sends the SQL:

- any DELETE, and any UPDATE of a column that never changes;
- a reference (claim, link, tracked claim, article) changed to another row, or set to
  NULL while the row it points at still exists;
- an INSERT that would replace an existing row (SQLite's `REPLACE INTO` / `INSERT OR
  REPLACE` deletes the old row without firing DELETE triggers unless recursive
  triggers are on, so both are closed: this trigger, and `enable_recursive_triggers`
  on every SQLite connection);
- a new claim or link event that does not name its claim, or names another one than
  its `data` does.

A reference becomes NULL only when its row is deleted: the model declares
`on_delete=DO_NOTHING` and a trigger on each referenced table clears the reference
after the row is gone (Django's SET_NULL would clear it before the delete, which the
guard cannot tell from tampering). The ids stay in `data`.

SQLite drops a table's triggers when a migration rebuilds the table (most ALTERs on
SQLite), so `install` is idempotent and runs again after every `migrate`
(claims/apps.py); a test checks that none is missing.
"""

from __future__ import annotations

EVENT_TABLE = "claims_reviewevent"
MESSAGE = "claims_reviewevent is append-only: review history cannot be changed or deleted"
# Columns that never change once written.
FIXED_COLUMNS = (
    "id",
    "action",
    "actor_id",
    "created_at",
    "from_status",
    "to_status",
    "rejection",
    "reason",
    "evidence",
    "data",
)
# Reference column -> the table it points at. Each may only go to NULL once that row is gone.
REFERENCES = {
    "claim_id": "claims_claim",
    "link_id": "claims_claimlink",
    "tracked_claim_id": "claims_trackedclaim",
    "article_id": "articles_article",
}
# Events of these actions are about one claim and must name it when written.
CLAIM_ACTION_PREFIXES = ("claim.", "link.")


# --- The conditions, shared by both databases -------------------------------------------


def _update_refused(distinct: str) -> str:
    fixed = [f"NEW.{c} {distinct} OLD.{c}" for c in FIXED_COLUMNS]
    references = []
    for column, table in REFERENCES.items():
        references.append(f"(NEW.{column} {distinct} OLD.{column} AND NEW.{column} IS NOT NULL)")
        references.append(
            f"(OLD.{column} IS NOT NULL AND NEW.{column} IS NULL AND "
            f"EXISTS (SELECT 1 FROM {table} WHERE id = OLD.{column}))"
        )
    return " OR ".join(fixed + references)


def _insert_refused(data_claim_id: str) -> str:
    about_a_claim = " OR ".join(
        f"substr(NEW.action, 1, {len(prefix)}) = '{prefix}'" for prefix in CLAIM_ACTION_PREFIXES
    )
    return (
        f"(({about_a_claim}) AND NEW.claim_id IS NULL) OR "
        f"(NEW.claim_id IS NOT NULL AND {data_claim_id} IS NOT NULL "
        f"AND {data_claim_id} <> NEW.claim_id)"
    )


# --- SQLite ------------------------------------------------------------------------------


def _sqlite_triggers() -> dict[str, str]:
    raise_ = f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    data_claim_id = "json_extract(NEW.data, '$.claim_id')"
    triggers = {
        f"{EVENT_TABLE}_no_update": (
            f"BEFORE UPDATE ON {EVENT_TABLE} FOR EACH ROW "
            f"WHEN {_update_refused('IS NOT')} {raise_}"
        ),
        f"{EVENT_TABLE}_no_delete": f"BEFORE DELETE ON {EVENT_TABLE} FOR EACH ROW {raise_}",
        f"{EVENT_TABLE}_no_replace": (
            f"BEFORE INSERT ON {EVENT_TABLE} FOR EACH ROW WHEN EXISTS "
            f"(SELECT 1 FROM {EVENT_TABLE} WHERE id = NEW.id) {raise_}"
        ),
        f"{EVENT_TABLE}_names_its_claim": (
            f"BEFORE INSERT ON {EVENT_TABLE} FOR EACH ROW "
            f"WHEN {_insert_refused(data_claim_id)} {raise_}"
        ),
    }
    for column, table in REFERENCES.items():
        triggers[f"{EVENT_TABLE}_detach_{column.removesuffix('_id')}"] = (
            f"AFTER DELETE ON {table} FOR EACH ROW BEGIN "
            f"UPDATE {EVENT_TABLE} SET {column} = NULL WHERE {column} = OLD.id; END"
        )
    return triggers


# --- PostgreSQL --------------------------------------------------------------------------

_PG_FUNCTIONS = {
    f"{EVENT_TABLE}_append_only": f"""
        BEGIN
            IF TG_OP = 'DELETE' OR {_update_refused("IS DISTINCT FROM")} THEN
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            RETURN NEW;
        END;""",
    f"{EVENT_TABLE}_check_insert": f"""
        BEGIN
            IF {_insert_refused("(NEW.data ->> 'claim_id')::bigint")} THEN
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            RETURN NEW;
        END;""",
    f"{EVENT_TABLE}_detach": f"""
        BEGIN
            EXECUTE 'UPDATE {EVENT_TABLE} SET ' || quote_ident(TG_ARGV[0])
                || ' = NULL WHERE ' || quote_ident(TG_ARGV[0]) || ' = $1' USING OLD.id;
            RETURN OLD;
        END;""",
}


def _pg_triggers() -> dict[tuple[str, str], str]:
    """(trigger, table) -> the rest of its CREATE TRIGGER statement."""
    triggers = {
        (f"{EVENT_TABLE}_append_only", EVENT_TABLE): (
            f"BEFORE UPDATE OR DELETE ON {EVENT_TABLE} FOR EACH ROW "
            f"EXECUTE FUNCTION {EVENT_TABLE}_append_only()"
        ),
        (f"{EVENT_TABLE}_check_insert", EVENT_TABLE): (
            f"BEFORE INSERT ON {EVENT_TABLE} FOR EACH ROW "
            f"EXECUTE FUNCTION {EVENT_TABLE}_check_insert()"
        ),
    }
    for column, table in REFERENCES.items():
        triggers[(f"{EVENT_TABLE}_detach", table)] = (
            f"AFTER DELETE ON {table} FOR EACH ROW "
            f"EXECUTE FUNCTION {EVENT_TABLE}_detach('{column}')"
        )
    return triggers


# --- Install, remove, check --------------------------------------------------------------


def _statements_to_install(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [
            statement
            for name, body in _sqlite_triggers().items()
            for statement in (f"DROP TRIGGER IF EXISTS {name}", f"CREATE TRIGGER {name} {body}")
        ]
    if vendor == "postgresql":
        functions = [
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $${body}\n$$ LANGUAGE plpgsql"
            for name, body in _PG_FUNCTIONS.items()
        ]
        triggers = [
            statement
            for (name, table), body in _pg_triggers().items()
            for statement in (
                f"DROP TRIGGER IF EXISTS {name} ON {table}",
                f"CREATE TRIGGER {name} {body}",
            )
        ]
        return functions + triggers
    return []  # other databases: the model, its queryset and the admin still refuse


def _statements_to_uninstall(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name}" for name in _sqlite_triggers()]
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {name} ON {table}" for name, table in _pg_triggers()] + [
            f"DROP FUNCTION IF EXISTS {name}()" for name in _PG_FUNCTIONS
        ]
    return []


def _run(connection, statements: list[str]) -> None:
    # Straight to the cursor, without parameters: the SQL is ours and has no placeholders.
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install(connection) -> None:
    """Create (or re-create) every trigger and function; idempotent."""
    _run(connection, _statements_to_install(connection.vendor))


def uninstall(connection) -> None:
    _run(connection, _statements_to_uninstall(connection.vendor))


def missing(connection) -> list[str]:
    """The triggers that should be installed and are not."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            present = {name for (name,) in cursor.fetchall()}
            return sorted(set(_sqlite_triggers()) - present)
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname, tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal"
            )
            present = set(cursor.fetchall())
            return sorted(f"{name} on {table}" for name, table in set(_pg_triggers()) - present)
    return []


def enable_recursive_triggers(connection) -> None:
    """SQLite: let REPLACE's implicit delete fire DELETE triggers (off by default)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA recursive_triggers = ON")


# --- Called from migrations and after `migrate` ------------------------------------------


def install_for_migration(apps, schema_editor) -> None:
    """RunPython: install the triggers, except on SQLite, where post_migrate does it.

    SQLite rebuilds a table to alter it (create, copy, drop, rename), and refuses to drop
    a table that a trigger's body names: with the triggers in place, any later migration
    altering a claim, link, tracked claim or article would fail. So on SQLite they are
    lifted before `migrate` (``lift_before_migrate``) and installed after it.
    """
    if schema_editor.connection.vendor != "sqlite":
        install(schema_editor.connection)


def lift_before_migrate(*, using: str, plan=None, **kwargs) -> None:
    """pre_migrate: on SQLite, drop the triggers for the migration run (see above);
    ``reinstall_after_migrate`` puts them back when it ends."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    connection = connections[using]
    if connection.vendor != "sqlite" or not plan:
        return
    recorder = MigrationRecorder(connection)
    if (
        recorder.has_table()
        and recorder.migration_qs.filter(app="claims", name="0006_review_event_integrity").exists()
    ):
        uninstall(connection)


def reinstall_after_migrate(*, using: str, apps=None, **kwargs) -> None:
    """post_migrate: put back what a SQLite table rebuild dropped.

    Only once the schema has handed reference clearing to the database (the
    ReviewEvent foreign keys are DO_NOTHING in the migrated state), so migrating back
    before that leaves the old triggers alone.
    """
    from django.apps import apps as installed_apps
    from django.db import connections, models

    apps = apps or installed_apps  # `flush` sends post_migrate without the migrated state
    try:
        event = apps.get_model("claims", "ReviewEvent")
    except LookupError:
        return
    if event._meta.get_field("claim").remote_field.on_delete is not models.DO_NOTHING:
        return
    install(connections[using])
