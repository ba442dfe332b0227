# ruff: noqa: E501  (real histories keep their long lines)
"""PostgreSQL histories from Sequelize, migra's schema diffs and sql-migrate, with the error findings
a reviewer expects: a third blind round after ``pg_generator_histories`` and ``pg_framework_histories``.

Written for ratchet after the patterns of public histories, not copied from any, and audited blind
(every expected finding decided from the lint's contract before the lint ran): an events application
from Sequelize's ``queryInterface`` (``CREATE TABLE IF NOT EXISTS`` for every table, ``"enum_T_c"``
types, ``changeColumn`` writing several statements on one line); a todo service kept as migra's
diffs (lower-case quoted names, ``set data type ... using``, the ``__old_version_to_be_dropped`` enum
swap, ``drop index if exists`` of a primary key's index after its constraint, policies and grants);
a Go inventory service from sql-migrate (``-- +migrate Up``, ``StatementBegin``/``StatementEnd``
around routines, ``notransaction``). Each history is a list of files ``(name, sql, expected)``; each
expected finding is written as the rule and a piece of text, and every line holding that text is a
finding.
"""

from __future__ import annotations

from history_corpus import History
from pg_generator_histories import _history

SEQUELIZE_EVENTS: History = _history(
    [
        (
            "20240101000000_create_user",
            """CREATE TABLE IF NOT EXISTS "Users" ("id"   SERIAL , "firstName" VARCHAR(255), "lastName" VARCHAR(255), "email" VARCHAR(255) NOT NULL UNIQUE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY ("id"));
""",
            (),
        ),
        (
            "20240108000000_create_event",
            """CREATE TYPE "public"."enum_Events_status" AS ENUM('draft', 'published');
CREATE TABLE IF NOT EXISTS "Events" ("id"   SERIAL , "title" VARCHAR(255) NOT NULL, "status" "public"."enum_Events_status" DEFAULT 'draft', "startsAt" TIMESTAMP WITH TIME ZONE, "legacyId" INTEGER, "organizerId" INTEGER REFERENCES "Users" ("id") ON DELETE SET NULL ON UPDATE CASCADE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY ("id"));
CREATE INDEX "events_starts_at" ON "Events" ("startsAt");
""",
            (),
        ),
        (
            "20240115000000_create_ticket",
            """CREATE TABLE IF NOT EXISTS "Tickets" ("id"   SERIAL , "eventId" INTEGER NOT NULL, "userId" INTEGER NOT NULL, "price" DECIMAL(10,2) NOT NULL DEFAULT 0, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY ("id"));
ALTER TABLE "Tickets" ADD CONSTRAINT "Tickets_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Events" ("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Tickets" ADD CONSTRAINT "Tickets_userId_fkey" FOREIGN KEY ("userId") REFERENCES "Users" ("id") ON DELETE CASCADE ON UPDATE CASCADE;
""",
            (),
        ),
        (
            "20240122000000_add_venue",
            'ALTER TABLE "public"."Events" ADD COLUMN "venue" VARCHAR(255);\n',
            (),
        ),
        (
            "20240129000000_first_name_required",
            """UPDATE "Users" SET "firstName" = '' WHERE "firstName" IS NULL;
ALTER TABLE "Users" ALTER COLUMN "firstName" SET NOT NULL;ALTER TABLE "Users" ALTER COLUMN "firstName" DROP DEFAULT;ALTER TABLE "Users" ALTER COLUMN "firstName" TYPE VARCHAR(255);
""",
            (("set-not-null", 'ALTER COLUMN "firstName" SET NOT NULL'),),
        ),
        (
            "20240205000000_email_longer",
            """ALTER TABLE "Users" ALTER COLUMN "email" SET NOT NULL;ALTER TABLE "Users" ALTER COLUMN "email" DROP DEFAULT;ALTER TABLE "Users" ALTER COLUMN "email" TYPE VARCHAR(320);
""",
            (),
        ),
        (
            "20240212000000_rename_venue",
            'ALTER TABLE "public"."Events" RENAME COLUMN "venue" TO "location";\n',
            (("rename-column", "RENAME COLUMN"),),
        ),
        (
            "20240219000000_status_cancelled",
            """ALTER TYPE "public"."enum_Events_status" ADD VALUE 'cancelled';
""",
            (),
        ),
        (
            "20240226000000_remove_legacy_id",
            'ALTER TABLE "public"."Events" DROP COLUMN "legacyId";\n',
            (("drop-column", "DROP COLUMN"),),
        ),
        (
            "20240304000000_tickets_registrations",
            'ALTER TABLE "public"."Tickets" RENAME TO "Registrations";\n',
            (("rename-table", "RENAME TO"),),
        ),
        (
            "20240311000000_create_sessions",
            """CREATE TABLE IF NOT EXISTS "Sessions" ("sid" VARCHAR(36) , "expires" TIMESTAMP WITH TIME ZONE, "data" TEXT, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY ("sid"));
""",
            (),
        ),
        ("20240318000000_clear_sessions", 'DELETE FROM "Sessions";\n', (("delete-without-where", "DELETE FROM"),)),
        (
            "20240325000000_title_shorter",
            """ALTER TABLE "Events" ALTER COLUMN "title" SET NOT NULL;ALTER TABLE "Events" ALTER COLUMN "title" DROP DEFAULT;ALTER TABLE "Events" ALTER COLUMN "title" TYPE VARCHAR(120);
""",
            (("alter-column-type", "VARCHAR(120)"),),
        ),
        (
            "20240401000000_status_required",
            """UPDATE "Events" SET "status" = 'draft' WHERE "status" IS NULL;
ALTER TABLE "Events" ALTER COLUMN "status" SET NOT NULL;ALTER TABLE "Events" ALTER COLUMN "status" SET DEFAULT 'draft';
""",
            (("set-not-null", "SET NOT NULL"),),
        ),
        ("20240408000000_drop_sessions", 'DROP TABLE IF EXISTS "Sessions";\n', (("drop-table", "DROP TABLE"),)),
        (
            "20240415000000_price_cents",
            """ALTER TABLE "Registrations" ADD COLUMN "priceCents" INTEGER NOT NULL DEFAULT 0;
UPDATE "Registrations" SET "priceCents" = ROUND("price" * 100);
ALTER TABLE "Registrations" DROP COLUMN "price";
""",
            (("drop-column", "DROP COLUMN"),),
        ),
    ]
)


MIGRA_TODOS: History = _history(
    [
        (
            "init",
            """create type "public"."status" as enum ('todo', 'doing', 'done', 'archived');

create table "public"."todos" (
    "id" bigint generated by default as identity not null,
    "title" character varying(200) not null,
    "status" status not null default 'todo'::status,
    "owner" uuid not null,
    "notes" text,
    "inserted_at" timestamp with time zone not null default now()
);

CREATE UNIQUE INDEX todos_pkey ON public.todos USING btree (id);

alter table "public"."todos" add constraint "todos_pkey" PRIMARY KEY using index "todos_pkey";

alter table "public"."todos" enable row level security;

create policy "owners read" on "public"."todos" as permissive for select to public using ((owner = '00000000-0000-0000-0000-000000000000'::uuid));
""",
            (),
        ),
        (
            "todo_priority",
            """alter table "public"."todos" add column "priority" smallint not null default 0;
""",
            (),
        ),
        (
            "todo_title_longer",
            """alter table "public"."todos" alter column "title" set data type character varying(500) using "title"::character varying(500);
""",
            (),
        ),
        (
            "open_todos",
            """create or replace view "public"."open_todos" as  SELECT todos.id,
    todos.title,
    todos.priority
   FROM todos
  WHERE (todos.status <> 'done'::status);
""",
            (),
        ),
        (
            "status_without_archived",
            """drop view if exists "public"."open_todos";

alter type "public"."status" rename to "status__old_version_to_be_dropped";

create type "public"."status" as enum ('todo', 'doing', 'done');

alter table "public"."todos" alter column status drop default;

alter table "public"."todos" alter column status type "public"."status" using status::text::"public"."status";

alter table "public"."todos" alter column status set default 'todo'::status;

drop type "public"."status__old_version_to_be_dropped";

create or replace view "public"."open_todos" as  SELECT todos.id,
    todos.title,
    todos.priority
   FROM todos
  WHERE (todos.status <> 'done'::status);
""",
            (("alter-column-type", 'alter column status type "public"."status"'),),
        ),
        (
            "touch_function",
            """set check_function_bodies = off;

CREATE OR REPLACE FUNCTION public.touch_inserted()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
begin
  new.inserted_at = coalesce(new.inserted_at, now());
  return new;
end;
$function$
;

CREATE TRIGGER touch_inserted BEFORE INSERT ON public.todos FOR EACH ROW EXECUTE FUNCTION touch_inserted();
""",
            (),
        ),
        (
            "grants",
            """grant delete on table "public"."todos" to "postgres";

grant insert on table "public"."todos" to "postgres";

grant select on table "public"."todos" to "postgres";

grant update on table "public"."todos" to "postgres";
""",
            (),
        ),
        (
            "drop_notes",
            """alter table "public"."todos" drop column "notes";
""",
            (("drop-column", "drop column"),),
        ),
        (
            "todo_lists",
            """create table "public"."lists" (
    "id" bigint generated by default as identity not null,
    "name" text not null
);

CREATE UNIQUE INDEX lists_pkey ON public.lists USING btree (id);

alter table "public"."lists" add constraint "lists_pkey" PRIMARY KEY using index "lists_pkey";

alter table "public"."todos" add column "list_id" bigint;

alter table "public"."todos" add constraint "todos_list_id_fkey" FOREIGN KEY (list_id) REFERENCES lists(id) not valid;

alter table "public"."todos" validate constraint "todos_list_id_fkey";
""",
            (),
        ),
        (
            "list_required",
            """alter table "public"."todos" alter column "list_id" set not null;
""",
            (("set-not-null", "set not null"),),
        ),
        (
            "lists_key_uuid",
            """alter table "public"."todos" drop constraint "todos_list_id_fkey";

alter table "public"."lists" drop constraint "lists_pkey";

drop index if exists "public"."lists_pkey";

alter table "public"."lists" add column "uid" uuid not null default gen_random_uuid();

CREATE UNIQUE INDEX lists_pkey ON public.lists USING btree (uid);

alter table "public"."lists" add constraint "lists_pkey" PRIMARY KEY using index "lists_pkey";
""",
            (),
        ),
        (
            "drop_policy_and_view",
            """drop policy "owners read" on "public"."todos";

drop view if exists "public"."open_todos";
""",
            (("drop-view", "drop view"),),
        ),
        (
            "priority_int",
            """alter table "public"."todos" alter column "priority" set data type integer using "priority"::integer;
""",
            (),
        ),
        (
            "drop_lists",
            """alter table "public"."todos" drop column "list_id";

drop table "public"."lists";
""",
            (("drop-column", "drop column"), ("drop-table", "drop table")),
        ),
    ]
)


def _up(body: str, options: str = "", header: str = "") -> str:
    """An sql-migrate file: ``-- +migrate Up`` (with its options) and the statements, after ``header``."""
    return f"{header}-- +migrate Up{options}\n{body}"


SQL_MIGRATE_STOCK: History = _history(
    [
        (
            "create_items",
            _up(
                """CREATE TABLE items (
    id BIGSERIAL PRIMARY KEY,
    sku TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    qty INTEGER NOT NULL DEFAULT 0,
    location TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
"""
            ),
            (),
        ),
        (
            "create_moves",
            _up(
                """CREATE TABLE moves (
    id BIGSERIAL PRIMARY KEY,
    item_id BIGINT NOT NULL REFERENCES items (id),
    delta INTEGER NOT NULL,
    reason TEXT,
    moved_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX moves_item_id_idx ON moves (item_id);
"""
            ),
            (),
        ),
        (
            "apply_move_trigger",
            _up(
                """-- +migrate StatementBegin
CREATE OR REPLACE FUNCTION apply_move() RETURNS trigger AS $$
BEGIN
    UPDATE items SET qty = qty + NEW.delta WHERE id = NEW.item_id;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +migrate StatementEnd
CREATE TRIGGER moves_apply AFTER INSERT ON moves FOR EACH ROW EXECUTE PROCEDURE apply_move();
"""
            ),
            (),
        ),
        (
            "moves_index_concurrently",
            _up(
                "CREATE INDEX CONCURRENTLY moves_moved_at_idx ON moves (moved_at);\n",
                options=" notransaction",
                header="-- guard: no-transaction\n",
            ),
            (),
        ),
        (
            "items_location_index",
            _up("CREATE INDEX CONCURRENTLY items_location_idx ON items (location);\n", options=" notransaction"),
            (("needs-no-transaction", "CONCURRENTLY"),),
        ),
        (
            "items_qty_bigint",
            _up("ALTER TABLE items ALTER COLUMN qty TYPE BIGINT;\n"),
            (),
        ),
        (
            "items_location_required",
            _up(
                """UPDATE items SET location = 'unknown' WHERE location IS NULL;
ALTER TABLE items ALTER COLUMN location SET DEFAULT 'unknown';
ALTER TABLE items ALTER COLUMN location SET NOT NULL;
"""
            ),
            (("set-not-null", "SET NOT NULL"),),
        ),
        (
            "moves_reason_enum",
            _up(
                """CREATE TYPE move_reason AS ENUM ('receipt', 'sale', 'count');
ALTER TABLE moves ALTER COLUMN reason TYPE move_reason USING reason::move_reason;
"""
            ),
            (("alter-column-type", "TYPE move_reason USING"),),
        ),
        (
            "check_qty_function",
            _up(
                """-- +migrate StatementBegin
CREATE OR REPLACE FUNCTION apply_move() RETURNS trigger AS $$
BEGIN
    UPDATE items SET qty = qty + NEW.delta WHERE id = NEW.item_id;
    IF (SELECT qty FROM items WHERE id = NEW.item_id) < 0 THEN
        RAISE EXCEPTION 'stock of item % below zero', NEW.item_id;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +migrate StatementEnd
"""
            ),
            (),
        ),
        (
            "stock_report",
            _up(
                """-- +migrate StatementBegin
CREATE FUNCTION reset_counts() RETURNS void AS $$
BEGIN
    DELETE FROM moves WHERE reason = 'count';
    UPDATE items SET qty = 0;
END;
$$ LANGUAGE plpgsql;
-- +migrate StatementEnd
"""
            ),
            (),
        ),
        (
            "run_reset_counts",
            _up("SELECT reset_counts();\n"),
            (("update-without-where", "SELECT reset_counts()"),),
        ),
        (
            "drop_reset_counts",
            _up("DROP FUNCTION reset_counts();\n"),
            (("drop-routine", "DROP FUNCTION"),),
        ),
        (
            "items_name_rename",
            _up("ALTER TABLE items RENAME COLUMN name TO title;\n"),
            (("rename-column", "RENAME COLUMN"),),
        ),
        (
            "drop_moves_trigger",
            _up(
                """DROP TRIGGER moves_apply ON moves;
DROP FUNCTION apply_move();
"""
            ),
            (),
        ),
    ]
)

DIFF_HISTORIES: dict[str, History] = {
    "sequelize_events": SEQUELIZE_EVENTS,
    "migra_todos": MIGRA_TODOS,
    "sql_migrate_stock": SQL_MIGRATE_STOCK,
}
