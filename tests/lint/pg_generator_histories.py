# ruff: noqa: E501  (real histories keep their long lines)
"""PostgreSQL histories in the shapes that migration generators and hand-run tools leave, with the
error findings a reviewer expects.

Written for ratchet after the patterns of public histories, not copied from any, and audited blind
(every expected finding decided from the lint's contract before the lint ran): an inventory service
kept as Alembic's offline ``--sql`` output (``-- Running upgrade a -> b`` comments, the
``alembic_version`` bookkeeping, ``COMMIT`` written by ``op.execute`` and by ``autocommit_block``
around a concurrent index); a Rails application that starts from its ``structure.sql`` (pg_dump's
session settings, ``set_config('search_path', '', false)``, sequences owned by columns, ``ALTER TABLE
ONLY``) and goes on in ActiveRecord's SQL (strong_migrations' NOT VALID check before ``SET NOT NULL``,
``change_table bulk``, scenic views, enum values, hstore to jsonb); a Phoenix application with Ecto's
SQL and Oban's job tables (conditional enum in a ``DO`` block, ``IF NOT EXISTS`` everywhere, a
notify trigger replaced, ``RENAME "a" TO "b"`` without ``COLUMN``); a multi-tenant SaaS kept as dbmate
files (``-- migrate:up``, ``transaction:false``, schemas, roles, default privileges, row level
security, ``search_path`` set in a file, range partitions rotated, enum labels reordered and removed,
domains, ``SECURITY DEFINER`` functions); a shop written by TypeORM (generated constraint names, a
length change as ``DROP COLUMN`` + ``ADD``, the enum swap through ``_old``, ``typeorm_metadata`` rows
for view entities); an Atlas-planned service with a pgroll-style expand/contract column change
(versioned schemas of views, a ``_pgroll_new_`` column kept in step by a trigger, batched backfill,
then the contract step); a book catalogue begun with Knex (``.alter()`` restating a column: drop
default, drop not null, new type, set not null) and carried on with MikroORM (``set
session_replication_role``, check constraints as enums, ``truncate ... cascade``). Each history is a list of files ``(name, sql, expected)``; each expected
finding is written as the rule and a piece of text, and every line holding that text is a finding.
"""

from __future__ import annotations

from history_corpus import Expected, History

#: A file as written here: ``(description, sql, ((rule, text on the finding's lines), ...))``.
Draft = tuple[str, str, tuple[tuple[str, str], ...]]


def _history(drafts: list[Draft]) -> History:
    """The drafts as files ``1.N.0__description.sql``; a mark's text gives every line that holds it."""
    history: History = []
    for number, (description, sql, marks) in enumerate(drafts):
        expected: Expected = set()
        for rule, text in marks:
            lines = [index for index, line in enumerate(sql.splitlines(), start=1) if text in line]
            assert lines, (description, text)
            expected |= {(rule, line) for line in lines}
        history.append((f"1.{number}.0__{description}.sql", sql, expected))
    return history


def _alembic(previous: str, revision: str, body: str) -> str:
    """One revision of ``alembic upgrade --sql``: its comment, its SQL, and the version bump."""
    return (
        f"-- Running upgrade {previous} -> {revision}\n\n{body}\n"
        f"UPDATE alembic_version SET version_num='{revision}' WHERE alembic_version.version_num = '{previous}';\n\n"
    )


_REVISIONS = [f"{(0x3F9A1C7BE25D * (number + 7)) % 16**12:012x}" for number in range(40)]


def _rev(number: int, body: str) -> str:
    return _alembic(_REVISIONS[number - 1], _REVISIONS[number], body)


ALEMBIC_INVENTORY: History = _history(
    [
        (
            "alembic_init",
            f"""BEGIN;

CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> {_REVISIONS[0]}

CREATE TABLE warehouses (
    id SERIAL NOT NULL,
    code VARCHAR(16) NOT NULL,
    name VARCHAR(120) NOT NULL,
    city VARCHAR(80),
    PRIMARY KEY (id),
    UNIQUE (code)
);

INSERT INTO alembic_version (version_num) VALUES ('{_REVISIONS[0]}') RETURNING alembic_version.version_num;

COMMIT;
""",
            (("transaction-control", "BEGIN;"), ("transaction-control", "COMMIT;")),
        ),
        (
            "products",
            _rev(
                1,
                """CREATE TYPE unitkind AS ENUM ('PIECE', 'BOX', 'PALLET');

CREATE TABLE products (
    id SERIAL NOT NULL,
    sku VARCHAR(32) NOT NULL,
    title VARCHAR(200) NOT NULL,
    unit unitkind DEFAULT 'PIECE' NOT NULL,
    weight_grams INTEGER,
    created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT NULL,
    PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_products_sku ON products (sku);
""",
            ),
            (),
        ),
        (
            "stock_levels",
            _rev(
                2,
                """CREATE TABLE stock_levels (
    id SERIAL NOT NULL,
    product_id INTEGER NOT NULL,
    warehouse_id INTEGER NOT NULL,
    quantity INTEGER DEFAULT '0' NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(product_id) REFERENCES products (id),
    FOREIGN KEY(warehouse_id) REFERENCES warehouses (id) ON DELETE CASCADE,
    CONSTRAINT uq_stock_product_wh UNIQUE (product_id, warehouse_id)
);

CREATE INDEX ix_stock_levels_warehouse_id ON stock_levels (warehouse_id);
""",
            ),
            (),
        ),
        ("barcode", _rev(3, "ALTER TABLE products ADD COLUMN barcode VARCHAR(14);\n"), ()),
        (
            "reorder_point",
            _rev(4, "ALTER TABLE stock_levels ADD COLUMN reorder_point INTEGER DEFAULT '10' NOT NULL;\n"),
            (),
        ),
        (
            "suppliers",
            _rev(
                5,
                """CREATE TABLE suppliers (
    id SERIAL NOT NULL,
    name VARCHAR(120) NOT NULL,
    email VARCHAR(255),
    PRIMARY KEY (id)
);

ALTER TABLE products ADD COLUMN supplier_id INTEGER;

ALTER TABLE products ADD CONSTRAINT fk_products_supplier_id_suppliers FOREIGN KEY(supplier_id) REFERENCES suppliers (id);
""",
            ),
            (),
        ),
        ("widen_title", _rev(6, "ALTER TABLE products ALTER COLUMN title TYPE VARCHAR(255);\n"), ()),
        (
            "weight_numeric",
            _rev(7, "ALTER TABLE products ALTER COLUMN weight_grams TYPE NUMERIC(10, 2);\n"),
            (("alter-column-type", "TYPE NUMERIC(10, 2)"),),
        ),
        (
            "weight_kg",
            _rev(8, "ALTER TABLE products RENAME weight_grams TO weight_kg;\n"),
            (("rename-column", "RENAME weight_grams"),),
        ),
        (
            "stock_movements",
            _rev(
                9,
                """CREATE TYPE movementkind AS ENUM ('RECEIPT', 'SHIPMENT', 'ADJUSTMENT');

CREATE TABLE stock_movements (
    id BIGSERIAL NOT NULL,
    stock_level_id INTEGER NOT NULL,
    kind movementkind NOT NULL,
    delta INTEGER NOT NULL,
    note TEXT,
    moved_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(stock_level_id) REFERENCES stock_levels (id)
);

CREATE INDEX ix_stock_movements_moved_at ON stock_movements (moved_at);
""",
            ),
            (),
        ),
        (
            "movement_return",
            _rev(10, "COMMIT;\n\nALTER TYPE movementkind ADD VALUE 'RETURN';\n"),
            (("transaction-control", "COMMIT;"),),
        ),
        (
            "barcode_index",
            "BEGIN;\n\n"
            + _rev(11, "COMMIT;\n\nCREATE INDEX CONCURRENTLY ix_products_barcode ON products (barcode);\n\nBEGIN;\n")
            + "COMMIT;\n",
            (
                ("transaction-control", "BEGIN;"),
                ("transaction-control", "COMMIT;"),
                ("needs-no-transaction", "CONCURRENTLY"),
            ),
        ),
        (
            "drop_movement_note",
            _rev(12, "ALTER TABLE stock_movements DROP COLUMN note;\n"),
            (("drop-column", "DROP COLUMN note"),),
        ),
        (
            "movement_reference",
            _rev(
                13,
                """ALTER TABLE stock_movements ADD COLUMN reference VARCHAR(64);

UPDATE stock_movements SET reference = 'legacy-' || id::text WHERE reference IS NULL;

ALTER TABLE stock_movements ALTER COLUMN reference SET NOT NULL;
""",
            ),
            (("add-not-null-without-default", "reference SET NOT NULL"),),
        ),
        (
            "stock_overview",
            _rev(
                14,
                """CREATE VIEW stock_overview AS SELECT p.sku, p.title, w.code AS warehouse, s.quantity
FROM stock_levels s JOIN products p ON p.id = s.product_id JOIN warehouses w ON w.id = s.warehouse_id;
""",
            ),
            (),
        ),
        (
            "quantity_bigint",
            _rev(
                15,
                """DROP VIEW stock_overview;

ALTER TABLE stock_levels ALTER COLUMN quantity TYPE BIGINT;

CREATE VIEW stock_overview AS SELECT p.sku, p.title, w.code AS warehouse, s.quantity
FROM stock_levels s JOIN products p ON p.id = s.product_id JOIN warehouses w ON w.id = s.warehouse_id;
""",
            ),
            (),
        ),
        (
            "warehouses_depots",
            _rev(16, "ALTER TABLE warehouses RENAME TO depots;\n"),
            (("rename-table", "RENAME TO depots"),),
        ),
        (
            "drop_depot_city",
            _rev(17, "ALTER TABLE depots DROP COLUMN city;\n"),
            (("drop-column", "DROP COLUMN city"),),
        ),
        (
            "unit_crate",
            _rev(
                18,
                """ALTER TYPE unitkind RENAME TO unitkind_old;

CREATE TYPE unitkind AS ENUM ('PIECE', 'BOX', 'CRATE');

ALTER TABLE products ALTER COLUMN unit DROP DEFAULT;

ALTER TABLE products ALTER COLUMN unit TYPE unitkind USING unit::text::unitkind;

ALTER TABLE products ALTER COLUMN unit SET DEFAULT 'PIECE';

DROP TYPE unitkind_old;
""",
            ),
            (("alter-column-type", "TYPE unitkind USING"),),
        ),
        (
            "reorder_point_default",
            _rev(19, "ALTER TABLE stock_levels ALTER COLUMN reorder_point SET DEFAULT '5';\n"),
            (),
        ),
        (
            "reorder_point_no_default",
            _rev(20, "ALTER TABLE stock_levels ALTER COLUMN reorder_point DROP DEFAULT;\n"),
            (),
        ),
        (
            "barcode_required",
            _rev(
                21,
                """UPDATE products SET barcode = sku WHERE barcode IS NULL;

ALTER TABLE products ALTER COLUMN barcode SET NOT NULL;
""",
            ),
            (("set-not-null", "barcode SET NOT NULL"),),
        ),
        (
            "cleanup_data",
            _rev(
                22,
                """DELETE FROM stock_movements WHERE moved_at < now() - interval '5 years';

UPDATE products SET title = trim(title);
""",
            ),
            (("update-without-where", "UPDATE products SET title"),),
        ),
        (
            "vendors",
            _rev(
                23,
                """CREATE TABLE vendors (
    id SERIAL NOT NULL,
    name VARCHAR(120) NOT NULL,
    country CHAR(2),
    PRIMARY KEY (id)
);

INSERT INTO vendors (id, name) SELECT id, name FROM suppliers;

SELECT setval('vendors_id_seq', (SELECT coalesce(max(id), 1) FROM vendors));

ALTER TABLE products DROP CONSTRAINT fk_products_supplier_id_suppliers;

ALTER TABLE products RENAME supplier_id TO vendor_id;

ALTER TABLE products ADD CONSTRAINT fk_products_vendor_id_vendors FOREIGN KEY(vendor_id) REFERENCES vendors (id);

DROP TABLE suppliers;
""",
            ),
            (("rename-column", "RENAME supplier_id"), ("drop-table", "DROP TABLE suppliers")),
        ),
        (
            "low_stock_index",
            _rev(
                24, "CREATE INDEX ix_stock_levels_low ON stock_levels (warehouse_id) WHERE quantity < reorder_point;\n"
            ),
            (),
        ),
        (
            "quantity_check",
            _rev(
                25, "ALTER TABLE stock_levels ADD CONSTRAINT ck_stock_levels_quantity_nonneg CHECK (quantity >= 0);\n"
            ),
            (),
        ),
        (
            "depot_totals",
            _rev(
                26,
                """CREATE MATERIALIZED VIEW depot_totals AS SELECT warehouse_id, sum(quantity) AS units
FROM stock_levels GROUP BY warehouse_id WITH DATA;

CREATE UNIQUE INDEX ix_depot_totals_warehouse_id ON depot_totals (warehouse_id);
""",
            ),
            (),
        ),
        ("refresh_depot_totals", _rev(27, "REFRESH MATERIALIZED VIEW CONCURRENTLY depot_totals;\n"), ()),
        (
            "drop_depot_totals",
            _rev(28, "DROP MATERIALIZED VIEW depot_totals;\n"),
            (("drop-view", "DROP MATERIALIZED VIEW"),),
        ),
        ("long_revisions", _rev(29, "ALTER TABLE alembic_version ALTER COLUMN version_num TYPE VARCHAR(64);\n"), ()),
    ]
)


#: pg_dump's session settings at the top of Rails' ``structure.sql``.
_DUMP_SETTINGS = """SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;
"""

RAILS_PUBLISHING: History = _history(
    [
        (
            "structure",
            _DUMP_SETTINGS
            + """
--
-- Name: pgcrypto; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;

COMMENT ON EXTENSION pgcrypto IS 'cryptographic functions';

SET default_tablespace = '';

SET default_table_access_method = heap;

CREATE TABLE public.ar_internal_metadata (
    key character varying NOT NULL,
    value character varying,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);

CREATE TABLE public.schema_migrations (
    version character varying NOT NULL
);

CREATE TABLE public.users (
    id bigint NOT NULL,
    email character varying DEFAULT ''::character varying NOT NULL,
    encrypted_password character varying DEFAULT ''::character varying NOT NULL,
    name character varying,
    time_zone character varying DEFAULT 'UTC'::character varying,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);

CREATE SEQUENCE public.users_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.users_id_seq OWNED BY public.users.id;

CREATE TABLE public.posts (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    title character varying NOT NULL,
    body text,
    views integer DEFAULT 0 NOT NULL,
    published_at timestamp(6) without time zone,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);

CREATE SEQUENCE public.posts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.posts_id_seq OWNED BY public.posts.id;

ALTER TABLE ONLY public.users ALTER COLUMN id SET DEFAULT nextval('public.users_id_seq'::regclass);

ALTER TABLE ONLY public.posts ALTER COLUMN id SET DEFAULT nextval('public.posts_id_seq'::regclass);

ALTER TABLE ONLY public.ar_internal_metadata
    ADD CONSTRAINT ar_internal_metadata_pkey PRIMARY KEY (key);

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.posts
    ADD CONSTRAINT posts_pkey PRIMARY KEY (id);

CREATE UNIQUE INDEX index_users_on_email ON public.users USING btree (email);

CREATE INDEX index_posts_on_user_id ON public.posts USING btree (user_id);

ALTER TABLE ONLY public.posts
    ADD CONSTRAINT fk_rails_5b5ddfd518 FOREIGN KEY (user_id) REFERENCES public.users(id);

SET search_path TO "$user", public;

INSERT INTO "schema_migrations" (version) VALUES
('20230105101010'),
('20230112093000');
""",
            (),
        ),
        (
            "devise_confirmable",
            """ALTER TABLE "users" ADD "confirmation_token" character varying;
ALTER TABLE "users" ADD "confirmed_at" timestamp(6);
ALTER TABLE "users" ADD "confirmation_sent_at" timestamp(6);
""",
            (),
        ),
        (
            "index_confirmation_token",
            """CREATE UNIQUE INDEX CONCURRENTLY "index_users_on_confirmation_token" ON "users" ("confirmation_token");
""",
            (("needs-no-transaction", "CONCURRENTLY"),),
        ),
        (
            "index_posts_published_at",
            """-- guard: no-transaction

CREATE INDEX CONCURRENTLY "index_posts_on_published_at" ON "posts" ("published_at");
""",
            (),
        ),
        (
            "create_comments",
            """CREATE TABLE "comments" ("id" uuid DEFAULT gen_random_uuid() NOT NULL PRIMARY KEY, "post_id" bigint NOT NULL, "user_id" bigint NOT NULL, "body" text NOT NULL, "created_at" timestamp(6) NOT NULL, "updated_at" timestamp(6) NOT NULL, CONSTRAINT "fk_rails_2fd19c0db7"
FOREIGN KEY ("post_id")
  REFERENCES "posts" ("id")
, CONSTRAINT "fk_rails_03de2dc08c"
FOREIGN KEY ("user_id")
  REFERENCES "users" ("id")
);
CREATE INDEX "index_comments_on_post_id" ON "comments" ("post_id");
CREATE INDEX "index_comments_on_user_id" ON "comments" ("user_id");
""",
            (),
        ),
        (
            "time_zone_not_null_check",
            """ALTER TABLE "users" ADD CONSTRAINT "users_time_zone_null" CHECK ("time_zone" IS NOT NULL) NOT VALID;
""",
            (("set-not-null", "users_time_zone_null"),),
        ),
        ("time_zone_validate", 'ALTER TABLE "users" VALIDATE CONSTRAINT "users_time_zone_null";\n', ()),
        (
            "time_zone_not_null",
            """ALTER TABLE "users" ALTER COLUMN "time_zone" SET NOT NULL;
ALTER TABLE "users" DROP CONSTRAINT "users_time_zone_null";
""",
            (),
        ),
        (
            "post_status",
            """CREATE TYPE "post_status" AS ENUM ('draft', 'published', 'archived');
ALTER TABLE "posts" ADD "status" "post_status" DEFAULT 'draft' NOT NULL;
""",
            (),
        ),
        ("index_posts_status", 'CREATE INDEX "index_posts_on_status" ON "posts" ("status");\n', ()),
        ("post_status_scheduled", "ALTER TYPE \"post_status\" ADD VALUE 'scheduled' BEFORE 'published';\n", ()),
        (
            "post_status_hidden",
            "ALTER TYPE \"post_status\" RENAME VALUE 'archived' TO 'hidden';\n",
            (("rename-enum-value", "RENAME VALUE"),),
        ),
        ("posts_views_bigint", 'ALTER TABLE "posts" ALTER COLUMN "views" TYPE bigint;\n', ()),
        (
            "rename_body_to_content",
            'ALTER TABLE "posts" RENAME COLUMN "body" TO "content";\n',
            (("rename-column", "RENAME COLUMN"),),
        ),
        (
            "users_bulk",
            """ALTER TABLE "users" ADD "locale" character varying DEFAULT 'en' NOT NULL, ADD "admin" boolean DEFAULT FALSE NOT NULL, DROP COLUMN "confirmation_sent_at";
""",
            (("drop-column", "confirmation_sent_at"),),
        ),
        (
            "posts_editor",
            """ALTER TABLE "posts" ADD "editor_id" bigint;
ALTER TABLE "posts" ADD CONSTRAINT "fk_rails_e1c1e5b6a1"
FOREIGN KEY ("editor_id")
  REFERENCES "users" ("id")
 NOT VALID;
""",
            (),
        ),
        ("validate_posts_editor", 'ALTER TABLE "posts" VALIDATE CONSTRAINT "fk_rails_e1c1e5b6a1";\n', ()),
        (
            "create_author_stats",
            """CREATE VIEW "author_stats" AS SELECT users.id AS user_id,
    count(posts.id) AS posts_count,
    sum(posts.views) AS total_views
   FROM (users
     LEFT JOIN posts ON ((posts.user_id = users.id)))
  GROUP BY users.id;
""",
            (),
        ),
        (
            "update_author_stats_to_version_2",
            """DROP VIEW "author_stats";
CREATE VIEW "author_stats" AS SELECT users.id AS user_id,
    count(DISTINCT posts.id) AS posts_count,
    sum(posts.views) AS total_views,
    count(comments.id) AS comments_count
   FROM ((users
     LEFT JOIN posts ON ((posts.user_id = users.id)))
     LEFT JOIN comments ON ((comments.user_id = users.id)))
  GROUP BY users.id;
""",
            (),
        ),
        (
            "create_trending_posts",
            """CREATE MATERIALIZED VIEW "trending_posts" AS SELECT posts.id,
    posts.title,
    posts.views
   FROM posts
  WHERE (posts.published_at > (now() - 'P7D'::interval))
  ORDER BY posts.views DESC
 LIMIT 100 WITH DATA;
CREATE UNIQUE INDEX "index_trending_posts_on_id" ON "trending_posts" ("id");
""",
            (),
        ),
        (
            "user_settings_hstore",
            """CREATE EXTENSION IF NOT EXISTS "hstore";
ALTER TABLE "users" ADD "settings" hstore DEFAULT ''::hstore NOT NULL;
""",
            (),
        ),
        (
            "user_preferences_jsonb",
            """ALTER TABLE "users" ADD "preferences" jsonb DEFAULT '{}' NOT NULL;
UPDATE "users" SET "preferences" = hstore_to_jsonb("settings");
""",
            (),
        ),
        (
            "remove_settings",
            """ALTER TABLE "users" DROP COLUMN "settings";
DROP EXTENSION IF EXISTS "hstore";
""",
            (("drop-column", 'DROP COLUMN "settings"'), ("drop-extension", "DROP EXTENSION")),
        ),
        (
            "users_name_required",
            """UPDATE "users" SET "name" = split_part("email", '@', 1) WHERE "name" IS NULL;
ALTER TABLE "users" ALTER COLUMN "name" SET NOT NULL;
""",
            (("set-not-null", "SET NOT NULL"),),
        ),
        (
            "users_email_citext",
            """CREATE EXTENSION IF NOT EXISTS "citext";
ALTER TABLE "users" ALTER COLUMN "email" TYPE citext;
""",
            (("alter-column-type", "TYPE citext"),),
        ),
        ("refresh_trending_posts", 'REFRESH MATERIALIZED VIEW CONCURRENTLY "trending_posts";\n', ()),
        (
            "rename_comments",
            """ALTER TABLE "comments" RENAME TO "post_comments";
ALTER INDEX "index_comments_on_post_id" RENAME TO "index_post_comments_on_post_id";
ALTER INDEX "index_comments_on_user_id" RENAME TO "index_post_comments_on_user_id";
""",
            (("rename-table", 'RENAME TO "post_comments"'),),
        ),
        (
            "post_comments_parent",
            """-- guard: no-transaction

ALTER TABLE "post_comments" ADD "parent_id" uuid;
CREATE INDEX CONCURRENTLY "index_post_comments_on_parent_id" ON "post_comments" ("parent_id");
""",
            (),
        ),
        (
            "remove_posts_published_at",
            """DROP MATERIALIZED VIEW "trending_posts";
ALTER TABLE "posts" DROP COLUMN "published_at";
CREATE MATERIALIZED VIEW "trending_posts" AS SELECT posts.id,
    posts.title,
    posts.views
   FROM posts
  WHERE (posts.status = 'published'::post_status)
  ORDER BY posts.views DESC
 LIMIT 100 WITH DATA;
CREATE UNIQUE INDEX "index_trending_posts_on_id" ON "trending_posts" ("id");
""",
            (("drop-column", "DROP COLUMN"),),
        ),
        ("forget_schema_sha1", 'DELETE FROM "ar_internal_metadata" WHERE "key" = \'schema_sha1\';\n', ()),
        (
            "posts_status_index_gone",
            """DROP INDEX "index_posts_on_status";
ALTER TABLE "posts" ALTER COLUMN "status" SET DEFAULT 'scheduled';
""",
            (),
        ),
        ("drop_author_stats", 'DROP VIEW "author_stats";\n', (("drop-view", "DROP VIEW"),)),
        (
            "comments_created_at_tz",
            'ALTER TABLE "post_comments" ALTER COLUMN "created_at" TYPE timestamp(6) with time zone;\n',
            (("alter-column-type", "with time zone"),),
        ),
    ]
)


#: Oban's notify trigger function, as its early migrations made it.
_OBAN_NOTIFY = """CREATE OR REPLACE FUNCTION "public".oban_jobs_notify() RETURNS trigger AS $$
DECLARE
  channel text;
  notice json;
BEGIN
  IF (TG_OP = 'INSERT') THEN
    channel = 'public.oban_insert';
    notice = json_build_object('queue', NEW.queue, 'state', NEW.state);

    -- No point triggering for a job that isn't scheduled to run now
    IF NEW.scheduled_at IS NOT NULL AND NEW.scheduled_at > now() AT TIME ZONE 'utc' THEN
      RETURN null;
    END IF;
  ELSE
    channel = 'public.oban_update';
    notice = json_build_object('queue', NEW.queue, 'new_state', NEW.state, 'old_state', OLD.state);
  END IF;

  PERFORM pg_notify(channel, notice::text);

  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""

ECTO_OBAN: History = _history(
    [
        (
            "create_accounts_auth_tables",
            """CREATE EXTENSION IF NOT EXISTS citext;
CREATE TABLE "accounts" ("id" bigserial, "email" citext NOT NULL, "hashed_password" varchar(255) NOT NULL, "confirmed_at" timestamp(0), "inserted_at" timestamp(0) NOT NULL, "updated_at" timestamp(0) NOT NULL, PRIMARY KEY ("id"));
CREATE UNIQUE INDEX "accounts_email_index" ON "accounts" ("email");
""",
            (),
        ),
        (
            "create_accounts_tokens",
            """CREATE TABLE "accounts_tokens" ("id" bigserial, "account_id" bigint NOT NULL CONSTRAINT "accounts_tokens_account_id_fkey" REFERENCES "accounts"("id") ON DELETE CASCADE, "token" bytea NOT NULL, "context" varchar(255) NOT NULL, "sent_to" varchar(255), "inserted_at" timestamp(0) NOT NULL, PRIMARY KEY ("id"));
CREATE INDEX "accounts_tokens_account_id_index" ON "accounts_tokens" ("account_id");
CREATE UNIQUE INDEX "accounts_tokens_context_token_index" ON "accounts_tokens" ("context", "token");
""",
            (),
        ),
        (
            "add_oban_jobs_table",
            """DO $$
BEGIN
IF NOT EXISTS (SELECT 1 FROM pg_type
               WHERE typname = 'oban_job_state'
                 AND typnamespace = 'public'::regnamespace::oid) THEN
    CREATE TYPE "public".oban_job_state AS ENUM (
      'available',
      'scheduled',
      'executing',
      'retryable',
      'completed',
      'discarded'
    );
  END IF;
END$$;
CREATE TABLE IF NOT EXISTS "public".oban_jobs (id bigserial PRIMARY KEY, state "public".oban_job_state NOT NULL DEFAULT 'available', queue text NOT NULL DEFAULT 'default', worker text NOT NULL, args jsonb NOT NULL, errors jsonb[] NOT NULL DEFAULT ARRAY[]::jsonb[], attempt integer NOT NULL DEFAULT 0, max_attempts integer NOT NULL DEFAULT 20, inserted_at timestamp without time zone NOT NULL DEFAULT timezone('UTC', now()), scheduled_at timestamp without time zone NOT NULL DEFAULT timezone('UTC', now()), attempted_at timestamp without time zone, completed_at timestamp without time zone);
CREATE INDEX IF NOT EXISTS oban_jobs_queue_index ON "public".oban_jobs (queue);
CREATE INDEX IF NOT EXISTS oban_jobs_state_index ON "public".oban_jobs (state);
CREATE INDEX IF NOT EXISTS oban_jobs_scheduled_at_index ON "public".oban_jobs (scheduled_at);
"""
            + _OBAN_NOTIFY
            + """CREATE TRIGGER oban_notify
AFTER INSERT OR UPDATE OF state ON "public".oban_jobs
FOR EACH ROW EXECUTE PROCEDURE "public".oban_jobs_notify();
""",
            (),
        ),
        (
            "oban_v2",
            """ALTER TABLE "public".oban_jobs ADD COLUMN IF NOT EXISTS discarded_at timestamp without time zone;
ALTER TABLE "public".oban_jobs ADD COLUMN IF NOT EXISTS priority integer;
ALTER TABLE "public".oban_jobs ADD COLUMN IF NOT EXISTS tags varchar(255)[];
CREATE TABLE IF NOT EXISTS "public".oban_beats (node text NOT NULL, queue text NOT NULL, nonce text NOT NULL, "limit" integer NOT NULL, paused boolean NOT NULL DEFAULT false, running bigint[] NOT NULL DEFAULT ARRAY[]::integer[], inserted_at timestamp without time zone NOT NULL DEFAULT timezone('UTC', now()), started_at timestamp without time zone NOT NULL);
CREATE INDEX IF NOT EXISTS oban_beats_inserted_at_index ON "public".oban_beats (inserted_at);
""",
            (),
        ),
        (
            "oban_v3",
            """ALTER TABLE "public".oban_jobs ALTER COLUMN priority SET DEFAULT 0;
UPDATE "public".oban_jobs SET priority = 0 WHERE priority IS NULL;
ALTER TABLE "public".oban_jobs ALTER COLUMN priority SET NOT NULL;
ALTER TABLE "public".oban_jobs ALTER COLUMN tags SET DEFAULT ARRAY[]::varchar[];
""",
            (("set-not-null", "priority SET NOT NULL"),),
        ),
        (
            "oban_v4",
            """ALTER TYPE "public".oban_job_state ADD VALUE IF NOT EXISTS 'cancelled' BEFORE 'discarded';
ALTER TABLE "public".oban_jobs ADD COLUMN IF NOT EXISTS cancelled_at timestamp without time zone;
""",
            (),
        ),
        (
            "oban_v5",
            """DROP TRIGGER IF EXISTS oban_notify ON "public".oban_jobs;
DROP FUNCTION IF EXISTS "public".oban_jobs_notify();
""",
            (),
        ),
        ("oban_v6", 'DROP TABLE IF EXISTS "public".oban_beats;\n', (("drop-table", "DROP TABLE"),)),
        (
            "oban_v7",
            """ALTER TABLE "public".oban_jobs ADD COLUMN IF NOT EXISTS meta jsonb DEFAULT '{}'::jsonb NOT NULL;
ALTER TABLE "public".oban_jobs ADD CONSTRAINT attempt_range CHECK (((attempt >= 0) AND (attempt <= max_attempts)));
""",
            (),
        ),
        (
            "oban_v8",
            """CREATE INDEX IF NOT EXISTS oban_jobs_args_index ON "public".oban_jobs USING gin (args);
CREATE INDEX IF NOT EXISTS oban_jobs_meta_index ON "public".oban_jobs USING gin (meta);
DROP INDEX IF EXISTS "public".oban_jobs_queue_index;
DROP INDEX IF EXISTS "public".oban_jobs_state_index;
CREATE INDEX IF NOT EXISTS oban_jobs_state_queue_priority_scheduled_at_id_index ON "public".oban_jobs (state, queue, priority, scheduled_at, id);
""",
            (),
        ),
        (
            "create_posts",
            """CREATE TABLE "posts" ("id" bigserial, "title" varchar(255) NOT NULL, "body" text, "status" varchar(255) DEFAULT 'draft', "account_id" bigint CONSTRAINT "posts_account_id_fkey" REFERENCES "accounts"("id") ON DELETE SET NULL, "inserted_at" timestamp(0) NOT NULL, "updated_at" timestamp(0) NOT NULL, PRIMARY KEY ("id"));
CREATE INDEX "posts_account_id_index" ON "posts" ("account_id");
""",
            (),
        ),
        ("posts_title_text", 'ALTER TABLE "posts" ALTER COLUMN "title" TYPE text;\n', ()),
        (
            "posts_status_required",
            'ALTER TABLE "posts" ALTER COLUMN "status" TYPE varchar(255), ALTER COLUMN "status" SET NOT NULL;\n',
            (("set-not-null", "SET NOT NULL"),),
        ),
        (
            "rename_posts_title",
            'ALTER TABLE "posts" RENAME "title" TO "headline";\n',
            (("rename-column", "RENAME"),),
        ),
        (
            "posts_usec_timestamps",
            'ALTER TABLE "posts" ALTER COLUMN "inserted_at" TYPE timestamp, ALTER COLUMN "updated_at" TYPE timestamp;\n',
            (),
        ),
        (
            "accounts_confirmed_at_utc",
            'ALTER TABLE "accounts" ALTER COLUMN "confirmed_at" TYPE timestamp with time zone;\n',
            (("alter-column-type", "confirmed_at"),),
        ),
        (
            "posts_tags",
            """ALTER TABLE "posts" ADD COLUMN "tags" varchar(255)[] DEFAULT ARRAY[]::varchar[];
CREATE INDEX "posts_tags_index" ON "posts" USING gin ("tags");
""",
            (),
        ),
        ("remove_posts_body", 'ALTER TABLE "posts" DROP COLUMN "body";\n', (("drop-column", "DROP COLUMN"),)),
        ("remove_posts_legacy_slug", 'ALTER TABLE "posts" DROP COLUMN IF EXISTS "legacy_slug";\n', ()),
        ("rename_posts_articles", 'ALTER TABLE "posts" RENAME TO "articles";\n', (("rename-table", "RENAME TO"),)),
        (
            "articles_updated_at_trigger",
            """CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at = (now() AT TIME ZONE 'utc');
  RETURN NEW;
END
$$;
CREATE TRIGGER articles_set_updated_at BEFORE UPDATE ON "articles" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
""",
            (),
        ),
        (
            "accounts_role",
            """ALTER TABLE "accounts" ADD COLUMN "role" varchar(255) DEFAULT 'member' NOT NULL;
ALTER TABLE "accounts" ADD CONSTRAINT "role_must_be_known" CHECK (role IN ('member', 'admin'));
""",
            (),
        ),
        (
            "oban_v9",
            """ALTER TABLE "public".oban_jobs DROP CONSTRAINT IF EXISTS attempt_range;
ALTER TABLE "public".oban_jobs ADD CONSTRAINT attempt_range CHECK (((attempt >= 0) AND (attempt <= max_attempts))) NOT VALID;
ALTER TABLE "public".oban_jobs ALTER COLUMN args SET DEFAULT '{}'::jsonb;
""",
            (),
        ),
        (
            "oban_v10",
            """CREATE UNLOGGED TABLE IF NOT EXISTS "public".oban_peers (name text NOT NULL, node text NOT NULL, started_at timestamp without time zone NOT NULL, expires_at timestamp without time zone NOT NULL, PRIMARY KEY (name));
ALTER TABLE "public".oban_jobs SET (fillfactor = 90);
""",
            (),
        ),
        (
            "accounts_tokens_authenticated_at",
            """ALTER TABLE "accounts_tokens" ADD COLUMN "authenticated_at" timestamp(0);
UPDATE "accounts_tokens" SET "authenticated_at" = "inserted_at";
""",
            (),
        ),
        (
            "purge_sessions_and_jobs",
            """DELETE FROM "accounts_tokens" WHERE "context" = 'session' AND "inserted_at" < now() - interval '60 days';
DELETE FROM "public".oban_jobs;
""",
            (("delete-without-where", 'DELETE FROM "public".oban_jobs'),),
        ),
        (
            "accounts_email_varchar",
            'ALTER TABLE "accounts" ALTER COLUMN "email" TYPE varchar(160);\n',
            (("alter-column-type", "varchar(160)"),),
        ),
        (
            "oban_cancelled_index",
            """CREATE INDEX IF NOT EXISTS oban_jobs_cancelled_at_index ON "public".oban_jobs (cancelled_at) WHERE state = 'cancelled';
""",
            (),
        ),
        (
            "drop_legacy_schema_migrations",
            'DROP TABLE IF EXISTS "schema_migrations_legacy";\n',
            (("drop-table", "DROP TABLE"),),
        ),
        (
            "article_counts",
            """CREATE MATERIALIZED VIEW "article_counts" AS SELECT account_id, count(*) AS n FROM "articles" GROUP BY account_id;
""",
            (),
        ),
        (
            "rename_article_counts",
            'ALTER MATERIALIZED VIEW "article_counts" RENAME TO "account_article_counts";\n',
            (("rename-table", "RENAME TO"),),
        ),
    ]
)


def _dbmate(up: str, options: str = "", header: str = "") -> str:
    """A dbmate migration (``-- migrate:up`` with its options, the SQL, an empty ``-- migrate:down``),
    after ``header`` lines (ratchet's guards)."""
    return f"{header}-- migrate:up{options}\n{up}\n-- migrate:down\n\n"


DBMATE_TENANCY: History = _history(
    [
        (
            "schemas_and_roles",
            _dbmate(
                """CREATE SCHEMA IF NOT EXISTS app;
CREATE SCHEMA IF NOT EXISTS billing;

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tenant_app') THEN
    CREATE ROLE tenant_app NOLOGIN;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA app, billing TO tenant_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tenant_app;
"""
            ),
            (),
        ),
        (
            "tenants",
            _dbmate(
                """CREATE TABLE app.tenants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE,
  name text NOT NULL,
  plan text NOT NULL DEFAULT 'free',
  created_at timestamptz NOT NULL DEFAULT now()
);
"""
            ),
            (),
        ),
        (
            "users",
            _dbmate(
                """CREATE TABLE app.users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES app.tenants (id) ON DELETE CASCADE,
  email text NOT NULL,
  role text NOT NULL DEFAULT 'member',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, email)
);

ALTER TABLE app.users ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON app.users
  USING (tenant_id = current_setting('app.tenant_id')::uuid);
"""
            ),
            (),
        ),
        (
            "invoices",
            _dbmate(
                """SET search_path TO billing, public;

CREATE TYPE invoice_status AS ENUM ('draft', 'open', 'paid', 'void');

CREATE TABLE invoices (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES app.tenants (id),
  status invoice_status NOT NULL DEFAULT 'draft',
  amount_cents bigint NOT NULL,
  currency char(3) NOT NULL DEFAULT 'USD',
  issued_at timestamptz,
  due_at timestamptz,
  memo varchar(140)
);

CREATE INDEX invoices_tenant_idx ON invoices (tenant_id);
"""
            ),
            (),
        ),
        (
            "invoices_rls",
            _dbmate(
                """ALTER TABLE billing.invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing.invoices FORCE ROW LEVEL SECURITY;

CREATE POLICY invoices_tenant ON billing.invoices FOR ALL TO tenant_app
  USING (tenant_id = current_setting('app.tenant_id')::uuid)
  WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid);

GRANT SELECT, INSERT, UPDATE ON billing.invoices TO tenant_app;
"""
            ),
            (),
        ),
        (
            "events",
            _dbmate(
                """CREATE TABLE app.events (
  id bigserial,
  tenant_id uuid NOT NULL,
  kind text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  occurred_at timestamptz NOT NULL,
  PRIMARY KEY (id, occurred_at)
) PARTITION BY RANGE (occurred_at);

CREATE TABLE app.events_2026_01 PARTITION OF app.events FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');
CREATE TABLE app.events_2026_02 PARTITION OF app.events FOR VALUES FROM ('2026-02-01') TO ('2026-03-01');
CREATE TABLE app.events_default PARTITION OF app.events DEFAULT;

CREATE INDEX events_tenant_idx ON app.events (tenant_id, occurred_at);
"""
            ),
            (),
        ),
        (
            "events_2026_03",
            _dbmate(
                "CREATE TABLE app.events_2026_03 PARTITION OF app.events FOR VALUES FROM ('2026-03-01') TO ('2026-04-01');\n"
            ),
            (),
        ),
        (
            "events_retire_2026_01",
            _dbmate(
                """ALTER TABLE app.events DETACH PARTITION app.events_2026_01;
DROP TABLE app.events_2026_01;
"""
            ),
            (("drop-table", "DROP TABLE"),),
        ),
        (
            "invoice_status_uncollectible",
            _dbmate("ALTER TYPE billing.invoice_status ADD VALUE IF NOT EXISTS 'uncollectible';\n"),
            (),
        ),
        (
            "invoice_status_reorder",
            _dbmate(
                """ALTER TYPE billing.invoice_status RENAME TO invoice_status_old;
CREATE TYPE billing.invoice_status AS ENUM ('draft', 'open', 'paid', 'uncollectible', 'void');

ALTER TABLE billing.invoices
  ALTER COLUMN status DROP DEFAULT,
  ALTER COLUMN status TYPE billing.invoice_status USING status::text::billing.invoice_status,
  ALTER COLUMN status SET DEFAULT 'draft';

DROP TYPE billing.invoice_status_old;
"""
            ),
            (("alter-column-type", "ALTER COLUMN status TYPE"),),
        ),
        (
            "invoice_status_drop_uncollectible",
            _dbmate(
                """ALTER TABLE billing.invoices ALTER COLUMN status DROP DEFAULT;
ALTER TABLE billing.invoices ALTER COLUMN status SET DATA TYPE text;
DROP TYPE billing.invoice_status;
CREATE TYPE billing.invoice_status AS ENUM ('draft', 'open', 'paid', 'void');
UPDATE billing.invoices SET status = 'void' WHERE status = 'uncollectible';
ALTER TABLE billing.invoices ALTER COLUMN status SET DATA TYPE billing.invoice_status USING status::billing.invoice_status;
ALTER TABLE billing.invoices ALTER COLUMN status SET DEFAULT 'draft';
"""
            ),
            (("alter-column-type", "USING status::billing.invoice_status"),),
        ),
        (
            "users_policy_lenient",
            _dbmate(
                """DROP POLICY tenant_isolation ON app.users;
CREATE POLICY tenant_isolation ON app.users
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
"""
            ),
            (),
        ),
        ("invoice_memo_longer", _dbmate("ALTER TABLE billing.invoices ALTER COLUMN memo TYPE varchar(500);\n"), ()),
        (
            "invoice_currency_text",
            _dbmate("ALTER TABLE billing.invoices ALTER COLUMN currency TYPE text;\n"),
            (("alter-column-type", "TYPE text"),),
        ),
        (
            "open_balance",
            _dbmate(
                """CREATE FUNCTION billing.open_balance(p_tenant uuid) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = billing, pg_temp
AS $$
  SELECT coalesce(sum(amount_cents), 0)::bigint FROM invoices WHERE tenant_id = p_tenant AND status = 'open'
$$;

REVOKE ALL ON FUNCTION billing.open_balance(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION billing.open_balance(uuid) TO tenant_app;
"""
            ),
            (),
        ),
        (
            "open_balance_currency",
            _dbmate(
                """DROP FUNCTION billing.open_balance(uuid);

CREATE FUNCTION billing.open_balance(p_tenant uuid, p_currency text DEFAULT 'USD') RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = billing, pg_temp
AS $$
  SELECT coalesce(sum(amount_cents), 0)::bigint FROM invoices
   WHERE tenant_id = p_tenant AND status = 'open' AND currency = p_currency
$$;

REVOKE ALL ON FUNCTION billing.open_balance(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION billing.open_balance(uuid, text) TO tenant_app;
"""
            ),
            (),
        ),
        (
            "overdue_invoices",
            _dbmate(
                """CREATE VIEW billing.overdue_invoices WITH (security_invoker = true) AS
  SELECT id, tenant_id, amount_cents, due_at FROM billing.invoices
   WHERE status = 'open' AND due_at < now();
"""
            ),
            (),
        ),
        (
            "invoice_amount_numeric",
            _dbmate(
                """DROP VIEW billing.overdue_invoices;

ALTER TABLE billing.invoices ALTER COLUMN amount_cents TYPE numeric(14, 0);

CREATE VIEW billing.overdue_invoices WITH (security_invoker = true) AS
  SELECT id, tenant_id, amount_cents, due_at FROM billing.invoices
   WHERE status = 'open' AND due_at < now();
"""
            ),
            (("alter-column-type", "TYPE numeric(14, 0)"),),
        ),
        (
            "user_role_enum",
            _dbmate(
                """CREATE TYPE app.user_role AS ENUM ('member', 'admin', 'owner');
ALTER TABLE app.users ALTER COLUMN role DROP DEFAULT;
ALTER TABLE app.users ALTER COLUMN role TYPE app.user_role USING role::app.user_role;
ALTER TABLE app.users ALTER COLUMN role SET DEFAULT 'member';
"""
            ),
            (("alter-column-type", "TYPE app.user_role USING"),),
        ),
        (
            "users_email_index",
            _dbmate(
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_lower_idx ON app.users (lower(email));\n",
                options=" transaction:false",
                header="-- guard: no-transaction\n",
            ),
            (),
        ),
        (
            "invoices_due_index",
            _dbmate(
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS invoices_due_idx ON billing.invoices (due_at) WHERE status = 'open';\n",
                options=" transaction:false",
            ),
            (("needs-no-transaction", "CONCURRENTLY"),),
        ),
        (
            "tenant_seats",
            _dbmate(
                """ALTER TABLE app.tenants ADD COLUMN seats integer;
UPDATE app.tenants SET seats = 5;
ALTER TABLE app.tenants ALTER COLUMN seats SET NOT NULL;
"""
            ),
            (("add-not-null-without-default", "SET NOT NULL"),),
        ),
        (
            "events_2026_04",
            _dbmate(
                """CREATE TABLE app.events_2026_04 (LIKE app.events INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE app.events ATTACH PARTITION app.events_2026_04 FOR VALUES FROM ('2026-04-01') TO ('2026-05-01');
"""
            ),
            (),
        ),
        (
            "invoice_memo_gone",
            _dbmate(
                """SET search_path TO billing;
ALTER TABLE invoices DROP COLUMN memo;
"""
            ),
            (("drop-column", "DROP COLUMN memo"),),
        ),
        (
            "invoice_update_columns",
            _dbmate(
                """REVOKE UPDATE ON billing.invoices FROM tenant_app;
GRANT UPDATE (status, due_at) ON billing.invoices TO tenant_app;
"""
            ),
            (),
        ),
        (
            "billing_finance",
            _dbmate("ALTER SCHEMA billing RENAME TO finance;\n"),
            (("rename-table", "RENAME TO finance"),),
        ),
        ("events_default_cleared", _dbmate("TRUNCATE app.events_default;\n"), (("truncate", "TRUNCATE"),)),
        (
            "invoices_without_rls",
            _dbmate(
                """DROP POLICY invoices_tenant ON finance.invoices;
ALTER TABLE finance.invoices DISABLE ROW LEVEL SECURITY;
"""
            ),
            (),
        ),
        (
            "tenant_handle",
            _dbmate("ALTER TABLE app.tenants RENAME COLUMN slug TO handle;\n"),
            (("rename-column", "RENAME COLUMN"),),
        ),
        (
            "email_domain",
            _dbmate(
                """CREATE DOMAIN app.email AS text CHECK (VALUE ~ '^[^@]+@[^@]+$');
ALTER TABLE app.users ALTER COLUMN email TYPE app.email;
"""
            ),
            (("alter-column-type", "TYPE app.email"),),
        ),
        (
            "drop_open_balance",
            _dbmate("DROP FUNCTION finance.open_balance(uuid, text);\n"),
            (("drop-routine", "DROP FUNCTION"),),
        ),
        (
            "invoice_numbers_from_100000",
            _dbmate("ALTER TABLE finance.invoices ALTER COLUMN id RESTART WITH 100000;\n"),
            (),
        ),
    ]
)


TYPEORM_SHOP: History = _history(
    [
        (
            "Init1700000000001",
            """CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE TABLE "user" ("id" SERIAL NOT NULL, "firstName" character varying NOT NULL, "lastName" character varying NOT NULL, "age" integer NOT NULL, CONSTRAINT "PK_cace4a159ff9f2512dd42373760" PRIMARY KEY ("id"));
""",
            (),
        ),
        (
            "Product1700000000002",
            """CREATE TYPE "public"."product_status_enum" AS ENUM('draft', 'active', 'retired');
CREATE TABLE "product" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "name" character varying(100) NOT NULL, "price" numeric(10,2) NOT NULL, "status" "public"."product_status_enum" NOT NULL DEFAULT 'draft', "createdAt" TIMESTAMP NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_bebc9158e480b949565b4dc7a82" PRIMARY KEY ("id"));
""",
            (),
        ),
        (
            "Order1700000000003",
            """CREATE TABLE "order" ("id" SERIAL NOT NULL, "userId" integer, "total" numeric(10,2) NOT NULL DEFAULT '0', CONSTRAINT "PK_1031171c13130102495201e3e20" PRIMARY KEY ("id"));
ALTER TABLE "order" ADD CONSTRAINT "FK_caabe91507b3379c7ba73637b84" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
""",
            (),
        ),
        (
            "OrderProducts1700000000004",
            """CREATE TABLE "order_products_product" ("orderId" integer NOT NULL, "productId" uuid NOT NULL, CONSTRAINT "PK_59f5d41216418eba313ed3c7d7c" PRIMARY KEY ("orderId", "productId"));
CREATE INDEX "IDX_1f9ea0b0e59e0d98ade4f2d5e9" ON "order_products_product" ("orderId") ;
CREATE INDEX "IDX_d6c66c08b9c7e84a1b657797df" ON "order_products_product" ("productId") ;
ALTER TABLE "order_products_product" ADD CONSTRAINT "FK_1f9ea0b0e59e0d98ade4f2d5e99" FOREIGN KEY ("orderId") REFERENCES "order"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "order_products_product" ADD CONSTRAINT "FK_d6c66c08b9c7e84a1b657797dff" FOREIGN KEY ("productId") REFERENCES "product"("id") ON DELETE CASCADE ON UPDATE CASCADE;
""",
            (),
        ),
        (
            "UserEmail1700000000005",
            'ALTER TABLE "user" ADD "email" character varying NOT NULL;\n',
            (("add-not-null-without-default", '"email"'),),
        ),
        (
            "UserEmailUnique1700000000006",
            'ALTER TABLE "user" ADD CONSTRAINT "UQ_e12875dfb3b1d92d7d7c5377e22" UNIQUE ("email");\n',
            (),
        ),
        (
            "ProductNameLength1700000000007",
            """ALTER TABLE "product" DROP COLUMN "name";
ALTER TABLE "product" ADD "name" character varying(200) NOT NULL;
""",
            (("drop-column", "DROP COLUMN"), ("add-not-null-without-default", 'ADD "name"')),
        ),
        ("UserAgeOptional1700000000008", 'ALTER TABLE "user" ALTER COLUMN "age" DROP NOT NULL;\n', ()),
        ("OrderTotalDefault1700000000009", 'ALTER TABLE "order" ALTER COLUMN "total" SET DEFAULT \'0.00\';\n', ()),
        (
            "ProductStatusArchived1700000000010",
            """ALTER TYPE "public"."product_status_enum" RENAME TO "product_status_enum_old";
CREATE TYPE "public"."product_status_enum" AS ENUM('draft', 'active', 'retired', 'archived');
ALTER TABLE "product" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "product" ALTER COLUMN "status" TYPE "public"."product_status_enum" USING "status"::"text"::"public"."product_status_enum";
ALTER TABLE "product" ALTER COLUMN "status" SET DEFAULT 'draft';
DROP TYPE "public"."product_status_enum_old";
""",
            (),
        ),
        (
            "ProductStatusNoRetired1700000000011",
            """UPDATE "product" SET "status" = 'archived' WHERE "status" = 'retired';
ALTER TYPE "public"."product_status_enum" RENAME TO "product_status_enum_old";
CREATE TYPE "public"."product_status_enum" AS ENUM('draft', 'active', 'archived');
ALTER TABLE "product" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "product" ALTER COLUMN "status" TYPE "public"."product_status_enum" USING "status"::"text"::"public"."product_status_enum";
ALTER TABLE "product" ALTER COLUMN "status" SET DEFAULT 'draft';
DROP TYPE "public"."product_status_enum_old";
""",
            (("alter-column-type", 'COLUMN "status" TYPE'),),
        ),
        (
            "OrderUserCascade1700000000012",
            """ALTER TABLE "order" DROP CONSTRAINT "FK_caabe91507b3379c7ba73637b84";
ALTER TABLE "order" ADD CONSTRAINT "FK_caabe91507b3379c7ba73637b84" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION;
""",
            (),
        ),
        (
            "UserGivenName1700000000013",
            'ALTER TABLE "user" RENAME COLUMN "firstName" TO "givenName";\n',
            (("rename-column", "RENAME COLUMN"),),
        ),
        ("OrderTotalPrecision1700000000014", 'ALTER TABLE "order" ALTER COLUMN "total" TYPE numeric(12,2);\n', ()),
        (
            "Category1700000000015",
            """CREATE TABLE "category" ("id" SERIAL NOT NULL, "name" character varying NOT NULL, "parentId" integer, CONSTRAINT "UQ_23c05c292c439d77b0de816b500" UNIQUE ("name"), CONSTRAINT "PK_9c4e4a89e3674fc9f382d733f03" PRIMARY KEY ("id"));
ALTER TABLE "product" ADD "categoryId" integer;
ALTER TABLE "category" ADD CONSTRAINT "FK_d5456fd7e4c4866fec8ada1fa10" FOREIGN KEY ("parentId") REFERENCES "category"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
ALTER TABLE "product" ADD CONSTRAINT "FK_ff0c0301a95e517153df97f6812" FOREIGN KEY ("categoryId") REFERENCES "category"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
""",
            (),
        ),
        (
            "CategoryClosure1700000000016",
            """CREATE TABLE "category_closure" ("id_ancestor" integer NOT NULL, "id_descendant" integer NOT NULL, CONSTRAINT "PK_8da8666fc72217687e9b4f4c7e9" PRIMARY KEY ("id_ancestor", "id_descendant"));
CREATE INDEX "IDX_4aa1348fc4b7da9bef0fae8ff4" ON "category_closure" ("id_ancestor") ;
CREATE INDEX "IDX_6a22002acac4976977b1efd114" ON "category_closure" ("id_descendant") ;
ALTER TABLE "category_closure" ADD CONSTRAINT "FK_4aa1348fc4b7da9bef0fae8ff48" FOREIGN KEY ("id_ancestor") REFERENCES "category"("id") ON DELETE CASCADE ON UPDATE NO ACTION;
ALTER TABLE "category_closure" ADD CONSTRAINT "FK_6a22002acac4976977b1efd1145" FOREIGN KEY ("id_descendant") REFERENCES "category"("id") ON DELETE CASCADE ON UPDATE NO ACTION;
""",
            (),
        ),
        (
            "UserLastNameText1700000000017",
            """ALTER TABLE "user" DROP COLUMN "lastName";
ALTER TABLE "user" ADD "lastName" text;
""",
            (("drop-column", "DROP COLUMN"),),
        ),
        ("ProductSoftDelete1700000000018", 'ALTER TABLE "product" ADD "deletedAt" TIMESTAMP;\n', ()),
        (
            "ArchiveDeletedProducts1700000000019",
            'UPDATE "product" SET "status" = \'archived\' WHERE "deletedAt" IS NOT NULL;\n',
            (),
        ),
        (
            "OrderItem1700000000020",
            """CREATE TABLE "order_item" ("id" SERIAL NOT NULL, "orderId" integer NOT NULL, "productId" uuid NOT NULL, "quantity" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_d01158fe15b1ead5c26fd7f4e90" PRIMARY KEY ("id"));
INSERT INTO "order_item" ("orderId", "productId", "quantity") SELECT "orderId", "productId", 1 FROM "order_products_product";
ALTER TABLE "order_products_product" DROP CONSTRAINT "FK_d6c66c08b9c7e84a1b657797dff";
ALTER TABLE "order_products_product" DROP CONSTRAINT "FK_1f9ea0b0e59e0d98ade4f2d5e99";
DROP INDEX "public"."IDX_d6c66c08b9c7e84a1b657797df";
DROP INDEX "public"."IDX_1f9ea0b0e59e0d98ade4f2d5e9";
DROP TABLE "order_products_product";
ALTER TABLE "order_item" ADD CONSTRAINT "FK_646bf9ece6f45dbe41c203e06e0" FOREIGN KEY ("orderId") REFERENCES "order"("id") ON DELETE CASCADE ON UPDATE NO ACTION;
ALTER TABLE "order_item" ADD CONSTRAINT "FK_904370c093ceea4369659a3c810" FOREIGN KEY ("productId") REFERENCES "product"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;
""",
            (("drop-table", "DROP TABLE"),),
        ),
        (
            "ProductSummaryView1700000000021",
            """CREATE TABLE IF NOT EXISTS "typeorm_metadata" ("type" character varying NOT NULL, "database" character varying, "schema" character varying, "table" character varying, "name" character varying, "value" text);
CREATE VIEW "product_summary" AS SELECT "p"."id" AS "id", "p"."name" AS "name", "c"."name" AS "categoryName" FROM "product" "p" LEFT JOIN "category" "c" ON "c"."id" = "p"."categoryId";
INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (DEFAULT, 'public', DEFAULT, 'VIEW', 'product_summary', 'SELECT "p"."id" AS "id", "p"."name" AS "name", "c"."name" AS "categoryName" FROM "product" "p" LEFT JOIN "category" "c" ON "c"."id" = "p"."categoryId"');
""",
            (),
        ),
        (
            "ProductSummaryStatus1700000000022",
            """DELETE FROM "typeorm_metadata" WHERE "type" = 'VIEW' AND "name" = 'product_summary' AND "schema" = 'public';
DROP VIEW "product_summary";
CREATE VIEW "product_summary" AS SELECT "p"."id" AS "id", "p"."name" AS "name", "p"."status" AS "status", "c"."name" AS "categoryName" FROM "product" "p" LEFT JOIN "category" "c" ON "c"."id" = "p"."categoryId";
INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (DEFAULT, 'public', DEFAULT, 'VIEW', 'product_summary', 'SELECT "p"."id" AS "id", "p"."name" AS "name", "p"."status" AS "status", "c"."name" AS "categoryName" FROM "product" "p" LEFT JOIN "category" "c" ON "c"."id" = "p"."categoryId"');
""",
            (),
        ),
        (
            "ProductPriceCents1700000000023",
            """ALTER TABLE "product" ALTER COLUMN "price" TYPE integer USING ("price" * 100)::integer;
ALTER TABLE "product" RENAME COLUMN "price" TO "priceCents";
""",
            (("alter-column-type", "TYPE integer"), ("rename-column", "RENAME COLUMN")),
        ),
        ("UserIsActive1700000000024", 'ALTER TABLE "user" ADD "isActive" boolean NOT NULL DEFAULT true;\n', ()),
        ("UserNoAge1700000000025", 'ALTER TABLE "user" DROP COLUMN "age";\n', (("drop-column", "DROP COLUMN"),)),
        (
            "ProductNameIndex1700000000026",
            'CREATE INDEX "IDX_22cc43e9a74d7498546e9a63e7" ON "product" ("name") ;\n',
            (),
        ),
        (
            "CategoryNameLength1700000000027",
            """DROP VIEW "product_summary";
ALTER TABLE "category" ALTER COLUMN "name" TYPE character varying(120);
CREATE VIEW "product_summary" AS SELECT "p"."id" AS "id", "p"."name" AS "name", "p"."status" AS "status", "c"."name" AS "categoryName" FROM "product" "p" LEFT JOIN "category" "c" ON "c"."id" = "p"."categoryId";
""",
            (("alter-column-type", "character varying(120)"),),
        ),
        (
            "UserToAppUser1700000000028",
            """ALTER TABLE "user" RENAME TO "app_user";
ALTER SEQUENCE "user_id_seq" RENAME TO "app_user_id_seq";
ALTER TABLE "app_user" RENAME CONSTRAINT "PK_cace4a159ff9f2512dd42373760" TO "PK_22a5c4a3d9b2fb8e4e73fc4ada1";
""",
            (("rename-table", 'RENAME TO "app_user"'),),
        ),
        (
            "DropUuidOssp1700000000029",
            """ALTER TABLE "product" ALTER COLUMN "id" SET DEFAULT gen_random_uuid();
DROP EXTENSION IF EXISTS "uuid-ossp";
""",
            (("drop-extension", "DROP EXTENSION"),),
        ),
    ]
)


#: The trigger function pgroll-style tooling writes to keep the new column in step with the old one.
_SYNC_SCORE = """CREATE OR REPLACE FUNCTION "public"."_pgroll_trigger_users__pgroll_new_score"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('search_path') = 'app_v1' THEN
    NEW."_pgroll_new_score" := NEW."score"::numeric(8, 2);
  ELSE
    NEW."score" := round(NEW."_pgroll_new_score")::integer;
  END IF;
  RETURN NEW;
END; $$;
"""

ATLAS_EXPAND_CONTRACT: History = _history(
    [
        (
            "init",
            """-- Create "teams" table
CREATE TABLE "public"."teams" (
  "id" bigint NOT NULL GENERATED BY DEFAULT AS IDENTITY,
  "name" character varying(100) NOT NULL,
  "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY ("id")
);
-- Create index "teams_name_key" to table: "teams"
CREATE UNIQUE INDEX "teams_name_key" ON "public"."teams" ("name");
-- Create "users" table
CREATE TABLE "public"."users" (
  "id" bigint NOT NULL GENERATED BY DEFAULT AS IDENTITY,
  "team_id" bigint NULL,
  "name" character varying(255) NOT NULL,
  "email" character varying(255) NULL,
  "score" integer NOT NULL DEFAULT 0,
  "bio" text NULL,
  PRIMARY KEY ("id"),
  CONSTRAINT "users_team_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams" ("id") ON UPDATE NO ACTION ON DELETE SET NULL
);
-- Create index "users_team_id" to table: "users"
CREATE INDEX "users_team_id" ON "public"."users" ("team_id");
""",
            (),
        ),
        (
            "app_v1",
            """-- Add new schema named "app_v1"
CREATE SCHEMA "app_v1";
CREATE VIEW "app_v1"."users" AS SELECT "id", "team_id", "name", "email", "score", "bio" FROM "public"."users";
CREATE VIEW "app_v1"."teams" AS SELECT "id", "name", "created_at" FROM "public"."teams";
""",
            (),
        ),
        (
            "users_email_index",
            """-- atlas:txmode none

-- guard: no-transaction

-- Create index "users_email" to table: "users"
CREATE INDEX CONCURRENTLY "users_email" ON "public"."users" ("email");
""",
            (),
        ),
        (
            "teams_plan",
            """-- Modify "teams" table
ALTER TABLE "public"."teams" ADD COLUMN "plan" character varying(20) NOT NULL DEFAULT 'free', ADD COLUMN "seats" integer NULL;
""",
            (),
        ),
        (
            "expand_score_numeric",
            """-- Modify "users" table
ALTER TABLE "public"."users" ADD COLUMN "_pgroll_new_score" numeric(8, 2) NULL DEFAULT 0;
"""
            + _SYNC_SCORE
            + """CREATE TRIGGER "_pgroll_trigger_users__pgroll_new_score" BEFORE INSERT OR UPDATE ON "public"."users"
  FOR EACH ROW EXECUTE FUNCTION "public"."_pgroll_trigger_users__pgroll_new_score"();
UPDATE "public"."users" SET "_pgroll_new_score" = "score"::numeric(8, 2) WHERE "id" BETWEEN 1 AND 1000;
UPDATE "public"."users" SET "_pgroll_new_score" = "score"::numeric(8, 2) WHERE "id" BETWEEN 1001 AND 2000;
CREATE SCHEMA "app_v2";
CREATE VIEW "app_v2"."users" AS SELECT "id", "team_id", "name", "email", "_pgroll_new_score" AS "score", "bio" FROM "public"."users";
CREATE VIEW "app_v2"."teams" AS SELECT "id", "name", "created_at", "plan", "seats" FROM "public"."teams";
""",
            (),
        ),
        (
            "contract_score_numeric",
            """DROP TRIGGER "_pgroll_trigger_users__pgroll_new_score" ON "public"."users";
DROP FUNCTION "public"."_pgroll_trigger_users__pgroll_new_score"();
DROP SCHEMA "app_v1" CASCADE;
ALTER TABLE "public"."users" DROP COLUMN "score";
ALTER TABLE "public"."users" RENAME COLUMN "_pgroll_new_score" TO "score";
""",
            (
                ("drop-schema", "DROP SCHEMA"),
                ("drop-column", 'DROP COLUMN "score"'),
                ("rename-column", "RENAME COLUMN"),
            ),
        ),
        (
            "score_not_null",
            """-- Modify "users" table
ALTER TABLE "public"."users" ALTER COLUMN "score" SET NOT NULL;
""",
            (("set-not-null", "SET NOT NULL"),),
        ),
        (
            "audit_log",
            """-- Create "audit_log" table
CREATE TABLE "public"."audit_log" (
  "id" bigserial NOT NULL,
  "actor_id" bigint NULL,
  "action" text NOT NULL,
  "at" timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY ("id"),
  CONSTRAINT "audit_log_actor_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users" ("id") ON UPDATE NO ACTION ON DELETE SET NULL
);
-- Create index "audit_log_at" to table: "audit_log"
CREATE INDEX "audit_log_at" ON "public"."audit_log" USING brin ("at");
""",
            (),
        ),
        (
            "teams_seats_required",
            """-- Modify "teams" table
ALTER TABLE "public"."teams" ALTER COLUMN "seats" SET DEFAULT 1;
UPDATE "public"."teams" SET "seats" = 1 WHERE "seats" IS NULL;
ALTER TABLE "public"."teams" ALTER COLUMN "seats" SET NOT NULL;
""",
            (("set-not-null", '"seats" SET NOT NULL'),),
        ),
        (
            "users_bio_gone",
            """-- Modify "users" table
DROP VIEW "app_v2"."users";
ALTER TABLE "public"."users" DROP COLUMN "bio";
CREATE VIEW "app_v2"."users" AS SELECT "id", "team_id", "name", "email", "score" FROM "public"."users";
""",
            (("drop-column", "DROP COLUMN"),),
        ),
        (
            "teams_name_citext",
            """-- Add new extension "citext"
CREATE EXTENSION "citext" WITH SCHEMA "public";
-- Modify "teams" table
DROP VIEW "app_v2"."teams";
ALTER TABLE "public"."teams" ALTER COLUMN "name" TYPE "public"."citext";
CREATE VIEW "app_v2"."teams" AS SELECT "id", "name", "created_at", "plan", "seats" FROM "public"."teams";
""",
            (("alter-column-type", "TYPE"),),
        ),
        (
            "users_email_longer",
            """-- Modify "users" table
DROP VIEW "app_v2"."users";
ALTER TABLE "public"."users" ALTER COLUMN "email" TYPE character varying(320);
CREATE VIEW "app_v2"."users" AS SELECT "id", "team_id", "name", "email", "score" FROM "public"."users";
""",
            (),
        ),
        (
            "audit_log_partial_index",
            """-- Create index "audit_log_actor" to table: "audit_log"
CREATE INDEX "audit_log_actor" ON "public"."audit_log" ("actor_id") WHERE ("actor_id" IS NOT NULL);
""",
            (),
        ),
        (
            "teams_plan_check",
            """-- Modify "teams" table
ALTER TABLE "public"."teams" ADD CONSTRAINT "teams_plan_check" CHECK ((plan)::text = ANY ((ARRAY['free'::character varying, 'pro'::character varying, 'enterprise'::character varying])::text[])) NOT VALID;
""",
            (),
        ),
        ("teams_plan_check_validate", 'ALTER TABLE "public"."teams" VALIDATE CONSTRAINT "teams_plan_check";\n', ()),
        (
            "drop_audit_log",
            """-- Drop "audit_log" table
DROP TABLE "public"."audit_log";
""",
            (("drop-table", "DROP TABLE"),),
        ),
        (
            "users_team_required",
            """-- Modify "users" table
ALTER TABLE "public"."users" DROP CONSTRAINT "users_team_fk", ALTER COLUMN "team_id" SET NOT NULL, ADD CONSTRAINT "users_team_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams" ("id") ON UPDATE NO ACTION ON DELETE CASCADE;
""",
            (("set-not-null", "SET NOT NULL"),),
        ),
        (
            "app_v2_gone",
            """DROP SCHEMA "app_v2" CASCADE;
""",
            (("drop-schema", "DROP SCHEMA"),),
        ),
    ]
)


KNEX_MIKRO_BOOKS: History = _history(
    [
        (
            "knex_init",
            """create table "authors" ("id" serial primary key, "name" varchar(255) not null, "email" varchar(255) not null, "bio" varchar(255), "created_at" timestamptz not null default CURRENT_TIMESTAMP, "updated_at" timestamptz not null default CURRENT_TIMESTAMP);
alter table "authors" add constraint "authors_email_unique" unique ("email");
""",
            (),
        ),
        (
            "knex_books",
            """create table "books" ("id" serial primary key, "author_id" integer not null, "title" varchar(255) not null, "isbn" varchar(13), "price" decimal(8, 2), "published" boolean default '0');
alter table "books" add constraint "books_author_id_foreign" foreign key ("author_id") references "authors" ("id") on delete cascade;
create index "books_author_id_index" on "books" ("author_id");
""",
            (),
        ),
        (
            "knex_bio_text",
            """alter table "authors" alter column "bio" drop default;
alter table "authors" alter column "bio" drop not null;
alter table "authors" alter column "bio" type text using ("bio"::text);
""",
            (),
        ),
        (
            "knex_email_longer",
            """alter table "authors" alter column "email" drop default;
alter table "authors" alter column "email" drop not null;
alter table "authors" alter column "email" type varchar(320) using ("email"::varchar(320));
alter table "authors" alter column "email" set not null;
""",
            (),
        ),
        (
            "knex_price_digits",
            """alter table "books" alter column "price" drop default;
alter table "books" alter column "price" drop not null;
alter table "books" alter column "price" type decimal(10, 2) using ("price"::decimal(10, 2));
""",
            (),
        ),
        ("knex_isbn13", 'alter table "books" rename "isbn" to "isbn13";\n', (("rename-column", "rename"),)),
        ("knex_drop_published", 'alter table "books" drop column "published";\n', (("drop-column", "drop column"),)),
        (
            "knex_reviews",
            """create table "reviews" ("id" bigserial primary key, "book_id" integer not null, "body" text, "created_at" timestamptz default CURRENT_TIMESTAMP);
alter table "reviews" add constraint "reviews_book_id_foreign" foreign key ("book_id") references "books" ("id");
""",
            (),
        ),
        ("knex_reviews_rating", 'alter table "reviews" add column "rating" smallint not null default 5;\n', ()),
        (
            "knex_rating_integer",
            """alter table "reviews" alter column "rating" drop default;
alter table "reviews" alter column "rating" drop not null;
alter table "reviews" alter column "rating" type integer using ("rating"::integer);
alter table "reviews" alter column "rating" set not null;
""",
            (),
        ),
        (
            "Migration20250301120000",
            """set names 'utf8';
set session_replication_role = 'replica';

create table "publisher" ("id" serial primary key, "name" varchar(255) not null, "type" text check ("type" in ('local', 'global')) not null default 'local');

alter table "books" add column "publisher_id" int null;
alter table "books" add constraint "books_publisher_id_foreign" foreign key ("publisher_id") references "publisher" ("id") on update cascade on delete set null;

set session_replication_role = 'origin';
""",
            (),
        ),
        (
            "Migration20250308090000",
            'alter table "authors" add column "age" int null, add column "terms_accepted" boolean not null default false;\n',
            (),
        ),
        (
            "Migration20250315100000",
            'alter table "authors" alter column "age" type smallint using ("age"::smallint);\n',
            (("alter-column-type", "smallint"),),
        ),
        (
            "Migration20250322110000",
            """alter table "books" drop constraint "books_author_id_foreign";

alter table "books" alter column "author_id" drop not null;
alter table "books" add constraint "books_author_id_foreign" foreign key ("author_id") references "authors" ("id") on update cascade on delete set null;
""",
            (),
        ),
        (
            "Migration20250329120000",
            'alter table "publisher" rename to "publishers";\n',
            (("rename-table", "rename to"),),
        ),
        ("Migration20250405080000", 'drop table if exists "reviews" cascade;\n', (("drop-table", "drop table"),)),
        (
            "Migration20250412090000",
            """alter table "publishers" drop constraint if exists "publisher_type_check";

alter table "publishers" alter column "type" type text using ("type"::text);
alter table "publishers" add constraint "publisher_type_check" check ("type" in ('local', 'global', 'internal'));
""",
            (),
        ),
        (
            "Migration20250419100000",
            'alter table "books" alter column "title" type varchar(100) using ("title"::varchar(100));\n',
            (("alter-column-type", "varchar(100)"),),
        ),
        (
            "Migration20250426110000",
            """update "books" set "price" = 0 where "price" is null;
alter table "books" alter column "price" set not null;
""",
            (("set-not-null", "set not null"),),
        ),
        ("Migration20250503120000", 'create index "books_title_index" on "books" ("title");\n', ()),
        (
            "Migration20250510130000",
            """delete from "authors" where "id" not in (select "author_id" from "books" where "author_id" is not null);
truncate table "publishers" restart identity cascade;
""",
            (("truncate", "truncate"),),
        ),
    ]
)

GENERATOR_HISTORIES: dict[str, History] = {
    "alembic_inventory": ALEMBIC_INVENTORY,
    "rails_publishing": RAILS_PUBLISHING,
    "ecto_oban": ECTO_OBAN,
    "dbmate_tenancy": DBMATE_TENANCY,
    "typeorm_shop": TYPEORM_SHOP,
    "atlas_expand_contract": ATLAS_EXPAND_CONTRACT,
    "knex_mikro_books": KNEX_MIKRO_BOOKS,
}
