"""Realistic PostgreSQL migration histories with the error findings a reviewer expects.

Written for ratchet after the patterns of public histories (Rails and Django schema changes,
Supabase projects with policies and DO-guarded types, goose/Flyway files written to be
idempotent, pg_dump-style files), not copied from any. Each history is a list of files
``(name, sql, expected)`` where ``expected`` is the set of ``(rule, line)`` error findings.
A file whose expected findings include ``syntax-error`` does not run on a server.
"""

from __future__ import annotations

from history_corpus import History, union
from pg_app_histories import APP_HISTORIES
from pg_deploy_histories import DEPLOY_HISTORIES
from pg_diff_histories import DIFF_HISTORIES
from pg_framework_histories import FRAMEWORK_HISTORIES
from pg_generator_histories import GENERATOR_HISTORIES
from pg_orm_histories import ORM_HISTORIES
from pg_platform_histories import PLATFORM_HISTORIES
from pg_tool_histories import TOOL_HISTORIES

SHOP: History = [
    (
        "1.0.0__create_customers.sql",
        """-- customers of the shop
CREATE TABLE customers (
  id bigserial PRIMARY KEY,
  email varchar(255) NOT NULL,
  name varchar(100),
  created_at timestamp NOT NULL DEFAULT now(),
  updated_at timestamp NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX index_customers_on_email ON customers (email);
""",
        set(),
    ),
    (
        "1.1.0__create_orders.sql",
        """CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id),
  total_cents integer NOT NULL DEFAULT 0,
  state varchar(20) NOT NULL DEFAULT 'pending',
  placed_at timestamp
);
CREATE INDEX index_orders_on_customer_id ON orders (customer_id);
""",
        set(),
    ),
    (
        "1.2.0__add_phone_to_customers.sql",
        "ALTER TABLE customers ADD COLUMN phone varchar(30);\nCOMMENT ON COLUMN customers.phone IS 'E.164';\n",
        set(),
    ),
    ("1.3.0__widen_customer_name.sql", "ALTER TABLE customers ALTER COLUMN name TYPE varchar(255);\n", set()),
    ("1.4.0__orders_total_bigint.sql", "ALTER TABLE orders ALTER COLUMN total_cents TYPE bigint;\n", set()),
    (
        "1.5.0__require_phone.sql",
        "UPDATE customers SET phone = '' WHERE phone IS NULL;\n"
        "ALTER TABLE customers ALTER COLUMN phone SET NOT NULL;\n",
        {("set-not-null", 2)},
    ),
    (
        "1.6.0__order_state_enum.sql",
        """CREATE TYPE order_state AS ENUM ('pending', 'paid', 'shipped');
ALTER TABLE orders ALTER COLUMN state DROP DEFAULT;
ALTER TABLE orders ALTER COLUMN state TYPE order_state USING state::order_state;
ALTER TABLE orders ALTER COLUMN state SET DEFAULT 'pending';
""",
        {("alter-column-type", 3)},
    ),
    (
        "1.7.0__add_currency.sql",
        """ALTER TABLE orders ADD COLUMN currency char(3);
UPDATE orders SET currency = 'EUR';
ALTER TABLE orders ALTER COLUMN currency SET NOT NULL;
""",
        {("add-not-null-without-default", 3)},
    ),
    ("1.8.0__drop_updated_at.sql", "ALTER TABLE customers DROP COLUMN updated_at;\n", {("drop-column", 1)}),
    (
        "1.9.0__rename_shipped.sql",
        "ALTER TYPE order_state RENAME VALUE 'shipped' TO 'dispatched';\n",
        {("rename-enum-value", 1)},
    ),
    ("1.10.0__add_refunded.sql", "ALTER TYPE order_state ADD VALUE 'refunded';\n", set()),
    (
        "1.11.0__orders_notes.sql",
        """ALTER TABLE orders
  ADD COLUMN notes text,
  ADD COLUMN gift boolean NOT NULL DEFAULT false,
  ADD COLUMN priority integer NOT NULL;
""",
        {("add-not-null-without-default", 4)},
    ),
]

SAAS: History = [
    (
        "1.0.0__profiles.sql",
        """CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE TABLE profiles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text UNIQUE,
  avatar_url text,
  updated_at timestamptz
);
ALTER TABLE profiles ENABLE ROW LEVEL SECURITY;
CREATE POLICY "profiles are public" ON profiles FOR SELECT USING (true);
""",
        set(),
    ),
    (
        "1.1.0__plan.sql",
        """DO $$ BEGIN
    CREATE TYPE plan AS ENUM ('free', 'pro');
EXCEPTION
    WHEN duplicate_object THEN null;
END $$;
ALTER TABLE profiles ADD COLUMN IF NOT EXISTS plan plan DEFAULT 'free' NOT NULL;
""",
        set(),
    ),
    (
        "1.2.0__teams.sql",
        """CREATE TABLE IF NOT EXISTS teams (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS memberships (
  team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  profile_id uuid NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
  role text NOT NULL DEFAULT 'member',
  PRIMARY KEY (team_id, profile_id)
);
""",
        set(),
    ),
    (
        "1.3.0__updated_at_trigger.sql",
        """CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS profiles_updated_at ON profiles;
CREATE TRIGGER profiles_updated_at BEFORE UPDATE ON profiles FOR EACH ROW EXECUTE FUNCTION set_updated_at();
""",
        set(),
    ),
    (
        "1.4.0__policies.sql",
        """DROP POLICY IF EXISTS "profiles are public" ON profiles;
CREATE POLICY "profiles are public" ON profiles FOR SELECT TO PUBLIC USING (id IS NOT NULL);
GRANT SELECT ON profiles TO PUBLIC;
""",
        set(),
    ),
    (
        "1.5.0__role_length.sql",
        "ALTER TABLE memberships ALTER COLUMN role TYPE varchar(20);\n",
        {("alter-column-type", 1)},
    ),
    (
        "1.6.0__drop_avatar.sql",
        """DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'profiles' AND column_name = 'avatar_url') THEN
    ALTER TABLE profiles DROP COLUMN avatar_url;
  END IF;
END $$;
""",
        {("drop-column", 4)},
    ),
    (
        "1.7.0__team_slug.sql",
        """ALTER TABLE teams ADD COLUMN slug text;
UPDATE teams SET slug = lower(name);
ALTER TABLE teams ADD CONSTRAINT teams_slug_present CHECK (slug IS NOT NULL);
CREATE UNIQUE INDEX teams_slug_key ON teams (slug);
""",
        {("add-not-null-without-default", 3)},
    ),
    (
        "1.8.0__username_required.sql",
        "ALTER TABLE profiles ALTER COLUMN username SET NOT NULL;\n",
        {("set-not-null", 1)},
    ),
    (
        "1.9.0__backfill_plan.sql",
        """DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT id FROM profiles WHERE plan IS NULL LOOP
    UPDATE profiles SET plan = 'free' WHERE id = r.id;
  END LOOP;
  INSERT INTO teams (name, slug) SELECT 'personal', 'personal' WHERE NOT EXISTS (SELECT 1 FROM teams);
END $$;
""",
        set(),
    ),
]

EVENTS: History = [
    (
        "1.0.0__events.sql",
        """CREATE TABLE IF NOT EXISTS events (
  id bigserial PRIMARY KEY,
  kind varchar(50) NOT NULL,
  payload json,
  created_at timestamptz NOT NULL DEFAULT now()
);
""",
        set(),
    ),
    (
        "1.1.0__events_source.sql",
        """CREATE TABLE IF NOT EXISTS events (
  id bigserial PRIMARY KEY,
  kind varchar(50) NOT NULL,
  payload json,
  created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE events ADD COLUMN IF NOT EXISTS source varchar(50);
""",
        set(),
    ),
    (
        "1.2.0__archive.sql",
        """CREATE TABLE IF NOT EXISTS event_archive (id bigint, kind text, note text);
ALTER TABLE event_archive DROP COLUMN IF EXISTS note;
""",
        {("drop-column", 2)},
    ),
    (
        "1.3.0__payload_jsonb.sql",
        "ALTER TABLE events ALTER COLUMN payload TYPE jsonb USING payload::jsonb;\n",
        {("alter-column-type", 1)},
    ),
    (
        "1.4.0__event_stats.sql",
        """DROP TABLE IF EXISTS event_stats;
CREATE TABLE event_stats (day date PRIMARY KEY, total bigint NOT NULL DEFAULT 0);
""",
        set(),
    ),
    (
        "1.5.0__event_stats_kinds.sql",
        """DROP TABLE IF EXISTS event_stats;
CREATE TABLE event_stats (day date PRIMARY KEY, total bigint NOT NULL DEFAULT 0, kinds integer NOT NULL DEFAULT 0);
""",
        {("drop-table", 1)},
    ),
    (
        "1.6.0__widen_kind.sql",
        "ALTER TABLE events ALTER COLUMN kind TYPE text;\nALTER TABLE events ALTER COLUMN source TYPE varchar(100);\n",
        set(),
    ),
    (
        "1.7.0__indexes.sql",
        "CREATE INDEX events_kind_idx ON events (kind)\nCREATE INDEX events_created_idx ON events (created_at);\n",
        {("syntax-error", 2)},
    ),
    (
        "1.8.0__purge.sql",
        "DELETE FROM events;\nTRUNCATE event_archive;\nDELETE FROM event_stats WHERE day < '2020-01-01';\n",
        {("delete-without-where", 1), ("truncate", 2)},
    ),
    ("1.9.0__rename_source.sql", "ALTER TABLE events RENAME COLUMN source TO origin;\n", {("rename-column", 1)}),
    (
        "1.10.0__tidy.sql",
        """-- guard: no-transaction
CREATE INDEX CONCURRENTLY IF NOT EXISTS events_kind_idx ON events (kind);
VACUUM ANALYZE events;
""",
        set(),
    ),
]

LEGACY: History = [
    (
        "1.0.0__initial.sql",
        """CREATE TABLE app_user (
  id serial PRIMARY KEY,
  username varchar(150) NOT NULL UNIQUE,
  is_staff boolean NOT NULL,
  date_joined timestamp with time zone NOT NULL
);
CREATE TABLE app_post (
  id serial PRIMARY KEY,
  author_id integer NOT NULL,
  title varchar(200) NOT NULL,
  body text NOT NULL
);
ALTER TABLE app_post ADD CONSTRAINT app_post_author_id_fk FOREIGN KEY (author_id)
  REFERENCES app_user (id) DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX app_post_author_id_idx ON app_post (author_id);
""",
        set(),
    ),
    (
        "1.1.0__post_published.sql",
        """ALTER TABLE app_post ADD COLUMN published boolean DEFAULT false NOT NULL;
ALTER TABLE app_post ALTER COLUMN published DROP DEFAULT;
""",
        {("add-not-null-without-default", 2)},
    ),
    (
        "1.2.0__published_view.sql",
        "CREATE VIEW published_posts AS SELECT id, title FROM app_post WHERE published;\n",
        set(),
    ),
    (
        "1.3.0__published_view_author.sql",
        """DROP VIEW published_posts;
CREATE VIEW published_posts AS SELECT id, title, author_id FROM app_post WHERE published;
""",
        set(),
    ),
    ("1.4.0__longer_username.sql", "ALTER TABLE app_user ALTER COLUMN username TYPE varchar(254);\n", set()),
    ("1.5.0__restart_ids.sql", "ALTER SEQUENCE app_user_id_seq RESTART WITH 1000;\n", set()),
    ("1.6.0__rename_post.sql", "ALTER TABLE app_post RENAME TO blog_post;\n", {("rename-table", 1)}),
    (
        "1.7.0__maintenance.sql",
        """ALTER TABLE blog_post ALTER CONSTRAINT app_post_author_id_fk NOT DEFERRABLE;
ALTER TABLE blog_post DISABLE TRIGGER ALL;
UPDATE blog_post SET title = trim(title) WHERE title <> trim(title);
ALTER TABLE blog_post ENABLE TRIGGER ALL;
CREATE STATISTICS blog_post_stats (dependencies) ON author_id, published FROM blog_post;
ALTER TABLE blog_post SET (autovacuum_vacuum_scale_factor = 0.05);
ALTER TABLE blog_post ALTER COLUMN body SET (n_distinct = -1);
CREATE OR REPLACE RULE blog_post_no_delete AS ON DELETE TO blog_post WHERE OLD.published DO INSTEAD NOTHING;
""",
        set(),
    ),
    (
        "1.8.0__drop_view.sql",
        "DROP INDEX app_post_author_id_idx;\nDROP VIEW published_posts;\n",
        {("drop-view", 2)},
    ),
    ("1.9.0__drop_unique.sql", "ALTER TABLE app_user DROP CONSTRAINT app_user_username_key;\n", set()),
    (
        "1.10.0__staff_flag.sql",
        """ALTER TABLE app_user ADD COLUMN is_active boolean;
UPDATE app_user SET is_active = true;
ALTER TABLE app_user ALTER COLUMN is_active SET DEFAULT true;
ALTER TABLE app_user ALTER COLUMN is_active SET NOT NULL;
""",
        set(),
    ),
    (
        "1.11.0__rebuild_user.sql",
        """CREATE TABLE app_user_new (
  id integer PRIMARY KEY,
  username varchar(254) NOT NULL,
  is_staff boolean NOT NULL,
  date_joined timestamptz NOT NULL,
  is_active boolean NOT NULL DEFAULT true
);
INSERT INTO app_user_new SELECT id, username, is_staff, date_joined, is_active FROM app_user WHERE is_active;
ALTER TABLE blog_post DROP CONSTRAINT app_post_author_id_fk;
DROP TABLE app_user;
ALTER TABLE app_user_new RENAME TO app_user;
""",
        {("rebuild-filters-rows", 8)},
    ),
]

PRISMA: History = [
    (
        "1.0.0__init.sql",
        """-- CreateEnum
CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" "Role" NOT NULL DEFAULT 'USER',
    "tags" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Post" (
    "id" SERIAL NOT NULL,
    "title" VARCHAR(191) NOT NULL,
    "authorId" INTEGER NOT NULL,

    CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id")
    ON DELETE RESTRICT ON UPDATE CASCADE;
""",
        set(),
    ),
    (
        "1.1.0__post_updated_at.sql",
        """/*
  Warnings:

  - Added the required column `updatedAt` to the `Post` table without a default value.
*/
-- AlterTable
ALTER TABLE "Post" ADD COLUMN "updatedAt" TIMESTAMP(3) NOT NULL;
""",
        {("add-not-null-without-default", 7)},
    ),
    (
        "1.2.0__post_published.sql",
        """-- AlterTable
ALTER TABLE "Post" ADD COLUMN "published" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "content" TEXT;
""",
        set(),
    ),
    (
        "1.3.0__title_length.sql",
        '-- AlterTable\nALTER TABLE "Post" ALTER COLUMN "title" SET DATA TYPE VARCHAR(255);\n',
        set(),
    ),
    (
        "1.4.0__role_editor.sql",
        """-- AlterEnum
CREATE TYPE "Role_new" AS ENUM ('USER', 'EDITOR');
ALTER TABLE "User" ALTER COLUMN "role" DROP DEFAULT;
ALTER TABLE "User" ALTER COLUMN "role" TYPE "Role_new" USING ("role"::text::"Role_new");
ALTER TYPE "Role" RENAME TO "Role_old";
ALTER TYPE "Role_new" RENAME TO "Role";
DROP TYPE "Role_old";
ALTER TABLE "User" ALTER COLUMN "role" SET DEFAULT 'USER';
""",
        {("alter-column-type", 4)},
    ),
    ("1.5.0__drop_name.sql", '-- AlterTable\nALTER TABLE "User" DROP COLUMN "name";\n', {("drop-column", 2)}),
    ("1.6.0__rename_index.sql", '-- RenameIndex\nALTER INDEX "User_email_key" RENAME TO "User_email_unique";\n', set()),
    (
        "1.7.0__tags_required.sql",
        """-- AlterTable
ALTER TABLE "User" ALTER COLUMN "tags" SET NOT NULL,
ALTER COLUMN "tags" SET DEFAULT ARRAY[]::TEXT[];
""",
        {("set-not-null", 2)},
    ),
]

DUMPED: History = [
    (
        "1.0.0__baseline.sql",
        """-- a pg_dump of the schema the project had before it used migrations
SET statement_timeout = 0;
SET lock_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;
SET default_tablespace = '';
SET default_table_access_method = heap;
CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA public;
CREATE SCHEMA IF NOT EXISTS archive;
CREATE TABLE public.tenants (
    id integer NOT NULL,
    label character varying(80) NOT NULL,
    tier text DEFAULT 'basic'::text NOT NULL,
    credit numeric(10,2) DEFAULT 0 NOT NULL,
    joined timestamp without time zone DEFAULT now() NOT NULL
);
ALTER TABLE public.tenants OWNER TO postgres;
CREATE SEQUENCE public.tenants_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.tenants_id_seq OWNED BY public.tenants.id;
ALTER TABLE ONLY public.tenants ALTER COLUMN id SET DEFAULT nextval('public.tenants_id_seq'::regclass);
ALTER TABLE ONLY public.tenants ADD CONSTRAINT tenants_pkey PRIMARY KEY (id);
CREATE INDEX index_tenants_on_label ON public.tenants USING btree (label);
SELECT pg_catalog.setval('public.tenants_id_seq', 1, false);
COMMENT ON TABLE public.tenants IS 'one row per customer organisation';
""",
        set(),
    ),
    (
        "1.1.0__seats.sql",
        """create table if not exists public.seats (
  id uuid primary key default uuid_generate_v4(),
  tenant_id integer not null references public.tenants(id) on delete cascade,
  email text not null,
  role text not null default 'member' check (role in ('owner', 'member')),
  inserted_at timestamptz not null default timezone('utc'::text, now())
);
alter table public.seats enable row level security;
create policy "seats by tenant" on public.seats for select using (tenant_id > 0);
grant select, insert on public.seats to public;
revoke all on public.seats from public;
alter default privileges in schema public grant select on tables to public;
create publication seat_changes;
alter publication seat_changes add table public.seats;
alter table public.seats replica identity full;
notify pgrst, 'reload schema';
""",
        set(),
    ),
    (
        "1.2.0__seat_trigger.sql",
        """create or replace function public.lower_seat_email() returns trigger
language plpgsql security definer set search_path = public
as $$
begin
  new.email := lower(new.email);
  return new;
end;
$$;
create trigger seats_lower_email before insert on public.seats
  for each row execute procedure public.lower_seat_email();
alter function public.lower_seat_email() owner to postgres;
""",
        set(),
    ),
    (
        "1.3.0__widen.sql",
        """ALTER TABLE public.tenants ALTER COLUMN credit TYPE numeric(12,2);
ALTER TABLE public.tenants ALTER COLUMN label TYPE varchar(200);
ALTER SEQUENCE public.tenants_id_seq AS bigint;
ALTER TABLE public.tenants ALTER COLUMN id TYPE bigint;
""",
        set(),
    ),
    (
        "1.4.0__region.sql",
        """SET LOCAL lock_timeout = '5s';
ALTER TABLE public.tenants ADD COLUMN region text;
UPDATE public.tenants SET region = 'eu';
ANALYZE public.tenants;
""",
        set(),
    ),
    (
        "1.5.0__region_check.sql",
        """ALTER TABLE public.seats ADD CONSTRAINT seats_email_present CHECK (email <> '') NOT VALID;
ALTER TABLE public.seats VALIDATE CONSTRAINT seats_email_present;
ALTER TABLE public.tenants ADD CONSTRAINT tenants_region_present CHECK (region IS NOT NULL) NOT VALID;
""",
        {("set-not-null", 3)},
    ),
    ("1.6.0__validate_region.sql", "ALTER TABLE public.tenants VALIDATE CONSTRAINT tenants_region_present;\n", set()),
    (
        "1.7.0__region_not_null.sql",
        """ALTER TABLE public.tenants ALTER COLUMN region SET NOT NULL;
ALTER TABLE public.tenants DROP CONSTRAINT tenants_region_present;
""",
        set(),
    ),
    (
        "1.8.0__seat_email_unique.sql",
        """-- guard: no-transaction
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS seats_email_idx ON public.seats (email);
ALTER TABLE public.seats ADD CONSTRAINT seats_email_key UNIQUE USING INDEX seats_email_idx;
DROP INDEX CONCURRENTLY IF EXISTS public.index_tenants_on_label;
""",
        set(),
    ),
    (
        "1.9.0__usage.sql",
        """CREATE TABLE public.usage (
  id bigint GENERATED ALWAYS AS IDENTITY,
  tenant_id integer NOT NULL,
  at timestamptz NOT NULL,
  units integer NOT NULL DEFAULT 1,
  PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
CREATE TABLE public.usage_2024 PARTITION OF public.usage
  FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE public.usage_rest PARTITION OF public.usage DEFAULT;
CREATE MATERIALIZED VIEW public.usage_totals AS
  SELECT tenant_id, sum(units) AS units FROM public.usage GROUP BY tenant_id WITH NO DATA;
CREATE UNIQUE INDEX usage_totals_key ON public.usage_totals (tenant_id);
REFRESH MATERIALIZED VIEW public.usage_totals;
""",
        set(),
    ),
    (
        "1.10.0__reshuffle.sql",
        """ALTER TABLE public.usage DETACH PARTITION public.usage_2024;
DROP MATERIALIZED VIEW public.usage_totals;
ALTER TABLE public.usage_2024 SET SCHEMA archive;
""",
        {("drop-view", 2), ("rename-table", 3)},
    ),
    (
        "1.11.0__seat_status.sql",
        """CREATE DOMAIN public.email_text AS text CHECK (VALUE ~ '@');
CREATE TYPE public.seat_status AS ENUM ('active', 'suspended');
ALTER TABLE public.seats ADD COLUMN status public.seat_status NOT NULL DEFAULT 'active';
ALTER TYPE public.seat_status ADD VALUE IF NOT EXISTS 'invited' BEFORE 'active';
ALTER TABLE public.seats ALTER COLUMN email TYPE public.email_text;
ALTER TABLE public.seats ALTER COLUMN role SET STATISTICS 500;
ALTER TABLE public.seats ALTER COLUMN email SET STORAGE EXTERNAL;
ALTER TABLE public.seats FORCE ROW LEVEL SECURITY;
ALTER POLICY "seats by tenant" ON public.seats USING (true);
""",
        {("alter-column-type", 5)},
    ),
    (
        "1.12.0__identity.sql",
        """ALTER TABLE public.tenants ALTER COLUMN id DROP DEFAULT;
DROP SEQUENCE public.tenants_id_seq;
ALTER TABLE public.tenants ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY;
""",
        {("drop-sequence", 2)},
    ),
]

HISTORIES: dict[str, History] = {
    "shop": SHOP,
    "saas": SAAS,
    "events": EVENTS,
    "legacy": LEGACY,
    "prisma": PRISMA,
    "dumped": DUMPED,
}
HISTORIES = union(HISTORIES, TOOL_HISTORIES, APP_HISTORIES, PLATFORM_HISTORIES, ORM_HISTORIES, DEPLOY_HISTORIES)
HISTORIES = union(HISTORIES, GENERATOR_HISTORIES, FRAMEWORK_HISTORIES, DIFF_HISTORIES)
