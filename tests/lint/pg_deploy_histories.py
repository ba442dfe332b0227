# ruff: noqa: E501  (real histories keep their long lines)
"""PostgreSQL histories in deploy-tool and extension shapes, with the error findings a reviewer expects.

Written for ratchet after the patterns of public histories, not copied from any, and audited blind
(every expected finding decided from the lint's contract before the lint ran): a bookkeeping
application deployed with sqitch (``-- Deploy proj:change to pg`` headers, ``BEGIN``/``COMMIT`` in
every script, ``SET client_min_messages``, schema-qualified names, domains, generated and identity
columns, reworked functions, row level security, publications, ``CREATE INDEX CONCURRENTLY`` in a
script of its own, a multi-step NOT NULL, renames and drops after deprecation); a fleet telemetry
service on time-series and partitioning extensions (``SELECT create_hypertable(...)``, retention
policies, pg_partman's ``create_parent`` and ``part_config``, range partitions with a default
partition, ``ATTACH``/``DETACH PARTITION``, indexes built ``ON ONLY`` the parent and concurrently
per partition, geometric types, exclusion constraints); a subscription service kept as Liquibase
formatted SQL (``--changeset`` and ``--rollback`` comments naming destructive statements that do
not run, preconditions, ``ALTER TYPE ... ADD VALUE`` in its own changeset, ``USING`` casts).
The extension functions a plain server lacks are stand-ins made by the first file. Each history is
a list of files ``(name, sql, expected)``; each expected finding is written as the rule and a piece
of text found on exactly one line of the file, which gives its line.
"""

from __future__ import annotations

from history_corpus import History
from pg_orm_histories import numbered

TX = (("transaction-control", "BEGIN;"), ("transaction-control", "COMMIT;"))


#: The ledger's trial balance view (by account id), made and made again around column changes.
TRIAL_BALANCE = """CREATE VIEW ledger.trial_balance AS
SELECT a.code, a.name, a.kind, ledger.account_balance(a.id) AS balance
  FROM ledger.accounts a;

GRANT SELECT ON ledger.trial_balance TO ledger_reader;
"""


def _sqitch(change: str, body: str, header: str = "") -> str:
    """A sqitch deploy script: its ``-- Deploy`` line (and any ``header`` text after it, such as
    ``-- requires:`` lines), then ``body`` inside the ``BEGIN``/``COMMIT`` that sqitch scripts carry."""
    return f"-- Deploy ledger:{change} to pg{header}\n\nBEGIN;\n\n{body}\nCOMMIT;\n"


SQITCH_LEDGER: History = numbered(
    [
        (
            "appschema",
            _sqitch(
                "appschema",
                """CREATE SCHEMA ledger;
""",
            ),
            TX,
        ),
        (
            "extensions",
            _sqitch(
                "extensions",
                """CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pgcrypto;
""",
                header="\n-- requires: appschema",
            ),
            TX,
        ),
        (
            "roles",
            _sqitch(
                "roles",
                """DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_reader') THEN
        CREATE ROLE ledger_reader NOLOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA ledger TO ledger_reader;
""",
                header="\n-- requires: appschema",
            ),
            TX,
        ),
        (
            "currencies",
            _sqitch(
                "currencies",
                """SET client_min_messages = 'warning';

CREATE TABLE ledger.currencies (
    code     CHAR(3)  PRIMARY KEY,
    name     TEXT     NOT NULL,
    decimals SMALLINT NOT NULL DEFAULT 2 CHECK (decimals BETWEEN 0 AND 4)
);

INSERT INTO ledger.currencies (code, name) VALUES ('EUR', 'Euro'), ('USD', 'US Dollar');
""",
                header="\n-- requires: appschema",
            ),
            TX,
        ),
        (
            "accounts",
            _sqitch(
                "accounts",
                """SET client_min_messages = 'warning';

CREATE TYPE ledger.account_kind AS ENUM ('asset', 'liability', 'income', 'expense');

CREATE TABLE ledger.accounts (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        VARCHAR(20) NOT NULL UNIQUE,
    name        VARCHAR(80) NOT NULL,
    kind        ledger.account_kind NOT NULL,
    currency    CHAR(3)     NOT NULL REFERENCES ledger.currencies (code),
    parent_id   BIGINT      REFERENCES ledger.accounts (id),
    created_at  TIMESTAMP   NOT NULL DEFAULT now()
);

CREATE INDEX accounts_parent_idx ON ledger.accounts (parent_id);

GRANT SELECT ON ledger.accounts TO ledger_reader;
""",
                header="\n-- requires: currencies\n-- requires: roles",
            ),
            TX,
        ),
        (
            "journals",
            _sqitch(
                "journals",
                """CREATE TABLE ledger.journals (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    posted_on   DATE NOT NULL,
    memo        TEXT,
    created_by  TEXT NOT NULL DEFAULT current_user
);

CREATE TABLE ledger.entries (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    journal_id  BIGINT NOT NULL REFERENCES ledger.journals (id) ON DELETE CASCADE,
    account_id  BIGINT NOT NULL REFERENCES ledger.accounts (id),
    amount      NUMERIC(14, 2) NOT NULL,
    side        CHAR(1) NOT NULL CHECK (side IN ('D', 'C'))
);

CREATE INDEX entries_journal_idx ON ledger.entries (journal_id);
CREATE INDEX entries_account_idx ON ledger.entries (account_id);
""",
                header="\n-- requires: accounts",
            ),
            TX,
        ),
        (
            "account_balance",
            _sqitch(
                "account_balance",
                """CREATE OR REPLACE FUNCTION ledger.account_balance(p_account BIGINT)
RETURNS NUMERIC LANGUAGE sql STABLE AS $$
    SELECT coalesce(sum(CASE side WHEN 'D' THEN amount ELSE -amount END), 0)
      FROM ledger.entries
     WHERE account_id = p_account;
$$;
""",
                header="\n-- requires: journals",
            ),
            TX,
        ),
        (
            "trial_balance",
            _sqitch(
                "trial_balance",
                TRIAL_BALANCE,
                header="\n-- requires: account_balance",
            ),
            TX,
        ),
        (
            "journal_balanced",
            _sqitch(
                "journal_balanced",
                """CREATE FUNCTION ledger.check_journal_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT sum(CASE side WHEN 'D' THEN amount ELSE -amount END)
          FROM ledger.entries WHERE journal_id = NEW.journal_id) <> 0 THEN
        RAISE EXCEPTION 'journal % does not balance', NEW.journal_id;
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER entries_balanced
    AFTER INSERT OR UPDATE ON ledger.entries
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ledger.check_journal_balanced();
""",
                header="\n-- requires: journals",
            ),
            TX,
        ),
        (
            "account_description",
            _sqitch(
                "account_description",
                """ALTER TABLE ledger.accounts ADD COLUMN description TEXT;
""",
            ),
            TX,
        ),
        (
            "entry_currency",
            _sqitch(
                "entry_currency",
                """ALTER TABLE ledger.entries
    ADD COLUMN currency CHAR(3) NOT NULL DEFAULT 'EUR' REFERENCES ledger.currencies (code);
""",
            ),
            TX,
        ),
        (
            "journal_status",
            _sqitch(
                "journal_status",
                """CREATE TYPE ledger.journal_status AS ENUM ('draft', 'posted');
ALTER TABLE ledger.journals ADD COLUMN status ledger.journal_status NOT NULL DEFAULT 'posted';
""",
            ),
            TX,
        ),
        (
            "journal_status_void",
            """-- Deploy ledger:journal_status_void to pg
-- requires: journal_status
-- No transaction block here: a new enum label cannot be used in the transaction that added it.

ALTER TYPE ledger.journal_status ADD VALUE IF NOT EXISTS 'void' AFTER 'posted';
""",
            (),
        ),
        (
            "journals_open_idx",
            _sqitch(
                "journals_open_idx",
                """CREATE INDEX journals_open_idx ON ledger.journals (posted_on) WHERE status <> 'void';
""",
                header="\n-- requires: journal_status_void",
            ),
            TX,
        ),
        (
            "account_balance_rework_void",
            _sqitch(
                "account_balance",
                """CREATE OR REPLACE FUNCTION ledger.account_balance(p_account BIGINT)
RETURNS NUMERIC LANGUAGE sql STABLE AS $$
    SELECT coalesce(sum(CASE e.side WHEN 'D' THEN e.amount ELSE -e.amount END), 0)
      FROM ledger.entries e
      JOIN ledger.journals j ON j.id = e.journal_id
     WHERE e.account_id = p_account AND j.status <> 'void';
$$;
""",
                header=" (reworked: void journals do not count)\n-- requires: journals_open_idx",
            ),
            TX,
        ),
        (
            "account_name_length",
            _sqitch(
                "account_name_length",
                """DROP VIEW ledger.trial_balance;

ALTER TABLE ledger.accounts ALTER COLUMN name TYPE VARCHAR(200);

"""
                + TRIAL_BALANCE,
                header="\n-- The view reads the column, so it goes and comes back around the type change.",
            ),
            TX,
        ),
        (
            "amount_precision",
            _sqitch(
                "amount_precision",
                """ALTER TABLE ledger.entries ALTER COLUMN amount TYPE NUMERIC(18, 4);
""",
            ),
            TX,
        ),
        (
            "members",
            _sqitch(
                "members",
                """SET client_min_messages = 'warning';

CREATE TABLE ledger.members (
    id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    email         citext NOT NULL UNIQUE,
    display       TEXT,
    password_hash TEXT NOT NULL
);

GRANT SELECT (id, email, display) ON ledger.members TO ledger_reader;
""",
                header="\n-- requires: extensions",
            ),
            TX,
        ),
        (
            "journal_created_by_id",
            _sqitch(
                "journal_created_by_id",
                """ALTER TABLE ledger.journals ADD COLUMN created_by_id BIGINT REFERENCES ledger.members (id);
""",
            ),
            TX,
        ),
        (
            "journal_created_by_backfill",
            _sqitch(
                "journal_created_by_backfill",
                """UPDATE ledger.journals j
   SET created_by_id = m.id
  FROM ledger.members m
 WHERE m.email = j.created_by;
""",
            ),
            TX,
        ),
        (
            "journal_created_by_check",
            _sqitch(
                "journal_created_by_check",
                """ALTER TABLE ledger.journals
    ADD CONSTRAINT journals_created_by_id_nn CHECK (created_by_id IS NOT NULL) NOT VALID;
""",
            ),
            (*TX, ("set-not-null", "ADD CONSTRAINT journals_created_by_id_nn")),
        ),
        (
            "journal_created_by_validate",
            _sqitch(
                "journal_created_by_validate",
                """ALTER TABLE ledger.journals VALIDATE CONSTRAINT journals_created_by_id_nn;
""",
            ),
            TX,
        ),
        (
            "journal_created_by_not_null",
            _sqitch(
                "journal_created_by_not_null",
                """ALTER TABLE ledger.journals ALTER COLUMN created_by_id SET NOT NULL;
ALTER TABLE ledger.journals DROP CONSTRAINT journals_created_by_id_nn;
""",
            ),
            TX,
        ),
        (
            "journal_created_by_deprecated",
            _sqitch(
                "journal_created_by_deprecated",
                """COMMENT ON COLUMN ledger.journals.created_by IS 'deprecated: read created_by_id';
""",
            ),
            TX,
        ),
        (
            "email_domain",
            _sqitch(
                "email_domain",
                """CREATE DOMAIN ledger.email_address AS citext CHECK (VALUE ~ '^[^@]+@[^@]+$');

ALTER TABLE ledger.members ALTER COLUMN email TYPE ledger.email_address;
""",
            ),
            (*TX, ("alter-column-type", "ALTER COLUMN email TYPE")),
        ),
        (
            "email_domain_length",
            _sqitch(
                "email_domain_length",
                """ALTER DOMAIN ledger.email_address
    ADD CONSTRAINT email_address_length CHECK (length(VALUE) <= 254) NOT VALID;
""",
            ),
            TX,
        ),
        (
            "email_domain_validate",
            _sqitch(
                "email_domain_validate",
                """ALTER DOMAIN ledger.email_address VALIDATE CONSTRAINT email_address_length;
""",
            ),
            TX,
        ),
        (
            "entry_signed_amount",
            _sqitch(
                "entry_signed_amount",
                """ALTER TABLE ledger.entries
    ADD COLUMN signed_amount NUMERIC(18, 4)
    GENERATED ALWAYS AS (CASE side WHEN 'D' THEN amount ELSE -amount END) STORED;
""",
            ),
            TX,
        ),
        (
            "account_balance_rework_signed",
            _sqitch(
                "account_balance",
                """CREATE OR REPLACE FUNCTION ledger.account_balance(p_account BIGINT)
RETURNS NUMERIC LANGUAGE sql STABLE AS $$
    SELECT coalesce(sum(e.signed_amount), 0)
      FROM ledger.entries e
      JOIN ledger.journals j ON j.id = e.journal_id
     WHERE e.account_id = p_account AND j.status <> 'void';
$$;
""",
                header=" (reworked: reads signed_amount)",
            ),
            TX,
        ),
        (
            "journal_narration",
            _sqitch(
                "journal_narration",
                """ALTER TABLE ledger.journals RENAME COLUMN memo TO narration;
""",
            ),
            (*TX, ("rename-column", "RENAME COLUMN memo")),
        ),
        (
            "journal_created_by_drop",
            _sqitch(
                "journal_created_by_drop",
                """ALTER TABLE ledger.journals DROP COLUMN created_by;
""",
                header="\n-- Deprecated two releases ago.",
            ),
            (*TX, ("drop-column", "DROP COLUMN created_by")),
        ),
        (
            "entries_account_journal_idx",
            """-- Deploy ledger:entries_account_journal_idx to pg
-- Built concurrently, so this script has no transaction block.

CREATE INDEX CONCURRENTLY IF NOT EXISTS entries_account_journal_idx
    ON ledger.entries (account_id, journal_id);
""",
            (("needs-no-transaction", "CREATE INDEX CONCURRENTLY"),),
        ),
        (
            "entries_account_idx_drop",
            _sqitch(
                "entries_account_idx_drop",
                """DROP INDEX ledger.entries_account_idx;
""",
            ),
            TX,
        ),
        (
            "periods",
            _sqitch(
                "periods",
                """CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE ledger.periods (
    id      INT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    during  daterange NOT NULL,
    closed  BOOLEAN NOT NULL DEFAULT false,
    EXCLUDE USING gist (during WITH &&)
);
""",
            ),
            TX,
        ),
        (
            "journals_rls",
            _sqitch(
                "journals_rls",
                """ALTER TABLE ledger.journals ENABLE ROW LEVEL SECURITY;

CREATE POLICY journals_reader ON ledger.journals
    FOR SELECT TO ledger_reader
    USING (status = 'posted');

GRANT SELECT ON ledger.journals, ledger.entries TO ledger_reader;
""",
            ),
            TX,
        ),
        (
            "journals_rls_void",
            _sqitch(
                "journals_rls_void",
                """DROP POLICY journals_reader ON ledger.journals;

CREATE POLICY journals_reader ON ledger.journals
    FOR SELECT TO ledger_reader
    USING (status IN ('posted', 'void'));
""",
            ),
            TX,
        ),
        (
            "entries_revoke",
            _sqitch(
                "entries_revoke",
                """REVOKE SELECT ON ledger.entries FROM ledger_reader;
""",
            ),
            TX,
        ),
        (
            "account_balance_by_code",
            _sqitch(
                "account_balance_by_code",
                """DROP VIEW ledger.trial_balance;
DROP FUNCTION ledger.account_balance(BIGINT);

CREATE FUNCTION ledger.account_balance(p_code VARCHAR)
RETURNS NUMERIC LANGUAGE sql STABLE AS $$
    SELECT coalesce(sum(e.signed_amount), 0)
      FROM ledger.entries e
      JOIN ledger.journals j ON j.id = e.journal_id
      JOIN ledger.accounts a ON a.id = e.account_id
     WHERE a.code = p_code AND j.status <> 'void';
$$;

CREATE VIEW ledger.trial_balance AS
SELECT a.code, a.name, a.kind, ledger.account_balance(a.code) AS balance
  FROM ledger.accounts a;

GRANT SELECT ON ledger.trial_balance TO ledger_reader;
""",
                header="\n-- Callers pass the account code now.",
            ),
            (*TX, ("drop-routine", "DROP FUNCTION ledger.account_balance(BIGINT)")),
        ),
        (
            "monthly_totals",
            _sqitch(
                "monthly_totals",
                """CREATE MATERIALIZED VIEW ledger.monthly_totals AS
SELECT date_trunc('month', j.posted_on)::date AS month, e.account_id, sum(e.signed_amount) AS total
  FROM ledger.entries e
  JOIN ledger.journals j ON j.id = e.journal_id
 GROUP BY 1, 2
WITH NO DATA;

CREATE UNIQUE INDEX monthly_totals_key ON ledger.monthly_totals (month, account_id);
""",
            ),
            TX,
        ),
        (
            "monthly_totals_refresh",
            _sqitch(
                "monthly_totals_refresh",
                """REFRESH MATERIALIZED VIEW ledger.monthly_totals;
""",
            ),
            TX,
        ),
        (
            "accounts_created_at_tz",
            _sqitch(
                "accounts_created_at_tz",
                """ALTER TABLE ledger.accounts
    ALTER COLUMN created_at TYPE TIMESTAMPTZ USING created_at AT TIME ZONE 'UTC';
""",
            ),
            (*TX, ("alter-column-type", "ALTER COLUMN created_at TYPE")),
        ),
        (
            "purge_old_void_journals",
            _sqitch(
                "purge_old_void_journals",
                """DELETE FROM ledger.journals WHERE status = 'void' AND posted_on < DATE '2020-01-01';
""",
            ),
            TX,
        ),
        (
            "publication",
            _sqitch(
                "publication",
                """CREATE PUBLICATION ledger_pub FOR TABLE ledger.journals, ledger.entries;
""",
            ),
            TX,
        ),
        (
            "publication_accounts",
            _sqitch(
                "publication_accounts",
                """ALTER PUBLICATION ledger_pub ADD TABLE ledger.accounts;
""",
            ),
            TX,
        ),
        (
            "publication_no_entries",
            _sqitch(
                "publication_no_entries",
                """ALTER PUBLICATION ledger_pub DROP TABLE ledger.entries;
""",
            ),
            TX,
        ),
        (
            "account_kind_revenue",
            _sqitch(
                "account_kind_revenue",
                """ALTER TYPE ledger.account_kind RENAME VALUE 'income' TO 'revenue';
""",
            ),
            (*TX, ("rename-enum-value", "RENAME VALUE")),
        ),
        (
            "members_password_drop",
            _sqitch(
                "members_password_drop",
                """ALTER TABLE ledger.members DROP COLUMN IF EXISTS password_hash;
""",
                header="\n-- Passwords live in the identity service now.",
            ),
            (*TX, ("drop-column", "DROP COLUMN IF EXISTS password_hash")),
        ),
        (
            "fiscal_periods",
            _sqitch(
                "fiscal_periods",
                """ALTER TABLE ledger.periods RENAME TO fiscal_periods;
""",
            ),
            (*TX, ("rename-table", "RENAME TO fiscal_periods")),
        ),
        (
            "monthly_totals_drop",
            _sqitch(
                "monthly_totals_drop",
                """DROP MATERIALIZED VIEW ledger.monthly_totals;
""",
            ),
            (*TX, ("drop-view", "DROP MATERIALIZED VIEW")),
        ),
        (
            "members_display_required",
            _sqitch(
                "members_display_required",
                """UPDATE ledger.members SET display = split_part(email::text, '@', 1) WHERE display IS NULL;
ALTER TABLE ledger.members ALTER COLUMN display SET NOT NULL;
""",
            ),
            (*TX, ("set-not-null", "SET NOT NULL")),
        ),
        (
            "currency_symbol",
            _sqitch(
                "currency_symbol",
                """ALTER TABLE ledger.currencies ADD COLUMN symbol TEXT;
UPDATE ledger.currencies SET symbol = code;
ALTER TABLE ledger.currencies ALTER COLUMN symbol SET NOT NULL;
""",
            ),
            (*TX, ("add-not-null-without-default", "SET NOT NULL")),
        ),
        (
            "currency_id",
            _sqitch(
                "currency_id",
                """ALTER TABLE ledger.currencies ADD COLUMN id INT GENERATED BY DEFAULT AS IDENTITY;
""",
            ),
            TX,
        ),
        (
            "journal_balanced_drop",
            _sqitch(
                "journal_balanced_drop",
                """DROP FUNCTION IF EXISTS ledger.check_journal_balanced() CASCADE;
""",
                header="\n-- The application balances journals before it writes them.",
            ),
            TX,
        ),
        (
            "account_code_length",
            _sqitch(
                "account_code_length",
                """SET LOCAL search_path = ledger, public;

DROP VIEW trial_balance;
ALTER TABLE accounts ALTER COLUMN code TYPE VARCHAR(40);
CREATE VIEW trial_balance AS
SELECT a.code, a.name, a.kind, account_balance(a.code) AS balance
  FROM accounts a;
""",
            ),
            TX,
        ),
        (
            "journal_narration_drop",
            _sqitch(
                "journal_narration_drop",
                """SET LOCAL search_path = ledger, public;

ALTER TABLE journals DROP COLUMN narration;
""",
            ),
            (*TX, ("drop-column", "DROP COLUMN narration")),
        ),
    ]
)

FLEET_TELEMETRY: History = numbered(
    [
        (
            "extension_stand_ins",
            """-- The time-series and partition-manager extensions provide these functions in production;
-- on plain servers (development, CI) these stand-ins take the same arguments and do nothing.
CREATE SCHEMA IF NOT EXISTS partman;

CREATE FUNCTION public.create_hypertable(relation regclass, time_column_name name,
    chunk_time_interval interval DEFAULT NULL, if_not_exists boolean DEFAULT false,
    migrate_data boolean DEFAULT false)
RETURNS TABLE (hypertable_id integer, created boolean)
LANGUAGE sql AS $$ SELECT 1, true $$;

CREATE FUNCTION public.add_retention_policy(relation regclass, drop_after interval,
    if_not_exists boolean DEFAULT false)
RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;

CREATE FUNCTION public.remove_retention_policy(relation regclass, if_exists boolean DEFAULT false)
RETURNS void LANGUAGE plpgsql AS $$ BEGIN END $$;

CREATE TABLE partman.part_config (
    parent_table text PRIMARY KEY,
    control text NOT NULL,
    partition_interval text NOT NULL,
    retention text,
    retention_keep_table boolean NOT NULL DEFAULT true
);

CREATE FUNCTION partman.create_parent(p_parent_table text, p_control text, p_interval text,
    p_type text DEFAULT 'native')
RETURNS boolean LANGUAGE sql AS $$
    INSERT INTO partman.part_config (parent_table, control, partition_interval)
    VALUES (p_parent_table, p_control, p_interval)
    RETURNING true
$$;

CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;
""",
            (),
        ),
        (
            "vehicles",
            """CREATE TABLE vehicles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plate varchar(16) NOT NULL,
  model text,
  home_lat double precision,
  home_lon double precision,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX vehicles_plate_key ON vehicles (plate);
""",
            (),
        ),
        (
            "positions",
            """CREATE TABLE positions (
  time timestamptz NOT NULL,
  vehicle_id uuid NOT NULL REFERENCES vehicles (id),
  location point NOT NULL,
  speed_kmh real,
  heading smallint
);
SELECT create_hypertable('positions', 'time', chunk_time_interval => INTERVAL '1 day');
CREATE INDEX positions_vehicle_time_idx ON positions (vehicle_id, time DESC);
""",
            (),
        ),
        (
            "positions_retention",
            "SELECT add_retention_policy('positions', INTERVAL '180 days', if_not_exists => true);\n",
            (),
        ),
        (
            "trips",
            """CREATE TABLE trips (
  id bigserial,
  vehicle_id uuid NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  distance_m integer,
  PRIMARY KEY (id, started_at)
) PARTITION BY RANGE (started_at);

CREATE TABLE trips_default PARTITION OF trips DEFAULT;

SELECT partman.create_parent('public.trips', 'started_at', '1 month');
""",
            (),
        ),
        (
            "trips_2024",
            """CREATE TABLE trips_2024_01 PARTITION OF trips FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');
CREATE TABLE trips_2024_02 PARTITION OF trips FOR VALUES FROM ('2024-02-01') TO ('2024-03-01');
""",
            (),
        ),
        (
            "trips_retention",
            """UPDATE partman.part_config
   SET retention = '24 months', retention_keep_table = false
 WHERE parent_table = 'public.trips';
""",
            (),
        ),
        (
            "trips_vehicle_idx_parent",
            "CREATE INDEX trips_vehicle_idx ON ONLY trips (vehicle_id);\n",
            (),
        ),
        (
            "trips_vehicle_idx_partitions",
            """-- guard: no-transaction
CREATE INDEX CONCURRENTLY trips_2024_01_vehicle_idx ON trips_2024_01 (vehicle_id);
CREATE INDEX CONCURRENTLY trips_2024_02_vehicle_idx ON trips_2024_02 (vehicle_id);
CREATE INDEX CONCURRENTLY trips_default_vehicle_idx ON trips_default (vehicle_id);
""",
            (),
        ),
        (
            "trips_vehicle_idx_attach",
            """ALTER INDEX trips_vehicle_idx ATTACH PARTITION trips_2024_01_vehicle_idx;
ALTER INDEX trips_vehicle_idx ATTACH PARTITION trips_2024_02_vehicle_idx;
ALTER INDEX trips_vehicle_idx ATTACH PARTITION trips_default_vehicle_idx;
""",
            (),
        ),
        (
            "geofences",
            """CREATE TABLE geofences (
  id serial PRIMARY KEY,
  name text NOT NULL,
  area box NOT NULL,
  active_during tstzrange NOT NULL DEFAULT tstzrange(now(), NULL),
  EXCLUDE USING gist (name WITH =, active_during WITH &&)
);
""",
            (),
        ),
        (
            "vehicle_distance",
            """CREATE FUNCTION vehicle_distance_km(a point, b point) RETURNS double precision
LANGUAGE sql IMMUTABLE AS $$ SELECT (a <@> b) * 1.609344 $$;
""",
            (),
        ),
        ("vehicles_vin", "ALTER TABLE vehicles ADD COLUMN vin varchar(17) NULL;\n", ()),
        (
            "positions_battery",
            """ALTER TABLE positions ADD COLUMN battery_pct smallint;
ALTER TABLE positions ADD CONSTRAINT positions_battery_range CHECK (battery_pct BETWEEN 0 AND 100) NOT VALID;
""",
            (),
        ),
        ("positions_battery_validate", "ALTER TABLE positions VALIDATE CONSTRAINT positions_battery_range;\n", ()),
        (
            "vehicle_daily",
            """CREATE MATERIALIZED VIEW vehicle_daily AS
SELECT vehicle_id, date_trunc('day', time) AS day, max(speed_kmh) AS max_speed, count(*) AS samples
  FROM positions
 GROUP BY 1, 2;
CREATE UNIQUE INDEX vehicle_daily_key ON vehicle_daily (vehicle_id, day);
""",
            (),
        ),
        ("positions_heading_int", "ALTER TABLE positions ALTER COLUMN heading TYPE integer;\n", ()),
        (
            "positions_speed_numeric",
            """DROP MATERIALIZED VIEW vehicle_daily;
ALTER TABLE positions ALTER COLUMN speed_kmh TYPE numeric(5, 1) USING round(speed_kmh::numeric, 1);
CREATE MATERIALIZED VIEW vehicle_daily AS
SELECT vehicle_id, date_trunc('day', time) AS day, max(speed_kmh) AS max_speed, count(*) AS samples
  FROM positions
 GROUP BY 1, 2;
CREATE UNIQUE INDEX vehicle_daily_key ON vehicle_daily (vehicle_id, day);
""",
            (("alter-column-type", "ALTER COLUMN speed_kmh TYPE"),),
        ),
        ("trips_2024_01_detach", "ALTER TABLE trips DETACH PARTITION trips_2024_01;\n", ()),
        (
            "trips_2024_01_drop",
            "-- Archived to cold storage by the ops runbook.\nDROP TABLE trips_2024_01;\n",
            (("drop-table", "DROP TABLE trips_2024_01"),),
        ),
        (
            "trips_2024_03",
            """CREATE TABLE trips_2024_03 (LIKE trips INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE trips_2024_03 ADD CONSTRAINT trips_2024_03_range
  CHECK (started_at >= '2024-03-01' AND started_at < '2024-04-01');
ALTER TABLE trips ATTACH PARTITION trips_2024_03 FOR VALUES FROM ('2024-03-01') TO ('2024-04-01');
ALTER TABLE trips_2024_03 DROP CONSTRAINT trips_2024_03_range;
""",
            (),
        ),
        (
            "vehicle_status",
            """CREATE TYPE vehicle_status AS ENUM ('active', 'maintenance', 'retired');
ALTER TABLE vehicles ADD COLUMN status vehicle_status NOT NULL DEFAULT 'active';
""",
            (),
        ),
        ("vehicle_status_stolen", "ALTER TYPE vehicle_status ADD VALUE 'stolen';\n", ()),
        (
            "vehicle_status_sold",
            """ALTER TYPE vehicle_status ADD VALUE 'sold';
UPDATE vehicles SET status = 'sold' WHERE status = 'retired' AND model IS NULL;
""",
            (("needs-no-transaction", "UPDATE vehicles SET status = 'sold'"),),
        ),
        (
            "drivers",
            """CREATE TABLE drivers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id integer NOT NULL,
  name text NOT NULL,
  license_no text
);
ALTER TABLE drivers ENABLE ROW LEVEL SECURITY;
ALTER TABLE drivers FORCE ROW LEVEL SECURITY;
CREATE POLICY drivers_tenant ON drivers USING (tenant_id = current_setting('app.tenant_id')::integer);
""",
            (),
        ),
        ("trips_driver", "ALTER TABLE trips ADD COLUMN driver_id bigint REFERENCES drivers (id);\n", ()),
        (
            "vehicles_vin_backfill",
            "UPDATE vehicles SET vin = 'UNKNOWN' || substr(id::text, 1, 10) WHERE vin IS NULL;\n",
            (),
        ),
        (
            "vehicles_vin_check",
            "ALTER TABLE vehicles ADD CONSTRAINT vehicles_vin_not_null CHECK (vin IS NOT NULL) NOT VALID;\n",
            (("set-not-null", "vehicles_vin_not_null"),),
        ),
        ("vehicles_vin_validate", "ALTER TABLE vehicles VALIDATE CONSTRAINT vehicles_vin_not_null;\n", ()),
        (
            "vehicles_vin_not_null",
            """ALTER TABLE vehicles ALTER COLUMN vin SET NOT NULL;
ALTER TABLE vehicles DROP CONSTRAINT vehicles_vin_not_null;
""",
            (),
        ),
        (
            "vehicles_home",
            """ALTER TABLE vehicles ADD COLUMN home point;
UPDATE vehicles SET home = point(home_lon, home_lat) WHERE home_lat IS NOT NULL;
""",
            (),
        ),
        (
            "vehicles_home_lat_lon_drop",
            """-- home replaced these two releases ago
ALTER TABLE vehicles
  DROP COLUMN home_lat,
  DROP COLUMN home_lon;
""",
            (("drop-column", "DROP COLUMN home_lat"), ("drop-column", "DROP COLUMN home_lon")),
        ),
        (
            "positions_retention_year",
            """SELECT remove_retention_policy('positions', if_exists => true);
SELECT add_retention_policy('positions', INTERVAL '365 days');
""",
            (),
        ),
        (
            "positions_storage",
            "ALTER TABLE positions SET (autovacuum_vacuum_scale_factor = 0.01, fillfactor = 90);\n",
            (),
        ),
        (
            "cdc_publication",
            "CREATE PUBLICATION fleet_cdc FOR TABLE vehicles, drivers WITH (publish = 'insert, update');\n",
            (),
        ),
        ("cdc_publication_trips", "ALTER PUBLICATION fleet_cdc ADD TABLE trips;\n", ()),
        ("cdc_publication_root", "ALTER PUBLICATION fleet_cdc SET (publish_via_partition_root = true);\n", ()),
        (
            "vehicles_plate_normalized",
            """ALTER TABLE vehicles
  ADD COLUMN plate_normalized text GENERATED ALWAYS AS (upper(replace(plate, ' ', ''))) STORED NOT NULL;
""",
            (),
        ),
        (
            "vehicles_plate_normalized_key",
            """-- guard: no-transaction
CREATE UNIQUE INDEX CONCURRENTLY vehicles_plate_norm_key ON vehicles (plate_normalized) WHERE status <> 'retired';
""",
            (),
        ),
        (
            "vehicles_plate_key_drop",
            """-- guard: no-transaction
DROP INDEX CONCURRENTLY IF EXISTS vehicles_plate_key;
""",
            (),
        ),
        (
            "positions_vehicle_idx",
            """DROP INDEX CONCURRENTLY positions_vehicle_time_idx;
CREATE INDEX positions_vehicle_idx ON positions (vehicle_id, time);
""",
            (("needs-no-transaction", "DROP INDEX CONCURRENTLY"),),
        ),
        (
            "trips_distance_meters",
            "ALTER TABLE trips RENAME COLUMN distance_m TO distance_meters;\n",
            (("rename-column", "RENAME COLUMN"),),
        ),
        ("trips_distance_bigint", "ALTER TABLE trips ALTER COLUMN distance_meters TYPE bigint;\n", ()),
        (
            "drivers_license_length",
            "ALTER TABLE drivers ALTER COLUMN license_no TYPE varchar(32);\n",
            (("alter-column-type", "ALTER COLUMN license_no"),),
        ),
        ("vehicles_specs", "ALTER TABLE vehicles ADD COLUMN specs json;\n", ()),
        (
            "vehicles_specs_jsonb",
            "ALTER TABLE vehicles ALTER COLUMN specs TYPE jsonb USING specs::jsonb;\n",
            (("alter-column-type", "ALTER COLUMN specs"),),
        ),
        (
            "trips_default_drop",
            """-- Every month has its own partition now.
ALTER TABLE trips DETACH PARTITION trips_default;
DROP TABLE trips_default;
""",
            (("drop-table", "DROP TABLE trips_default"),),
        ),
        ("import_positions", "CREATE TABLE IF NOT EXISTS import_positions (LIKE positions);\n", ()),
        ("import_positions_clear", "TRUNCATE import_positions;\n", (("truncate", "TRUNCATE"),)),
        (
            "drivers_license_unique",
            """DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'drivers_tenant_license_key') THEN
    ALTER TABLE drivers ADD CONSTRAINT drivers_tenant_license_key UNIQUE (tenant_id, license_no);
  END IF;
END
$$;
""",
            (),
        ),
        (
            "vehicle_daily_drop",
            "DROP MATERIALIZED VIEW IF EXISTS vehicle_daily;\n",
            (("drop-view", "DROP MATERIALIZED VIEW"),),
        ),
        (
            "positions_purge",
            """WITH gone AS (
  DELETE FROM positions WHERE time < now() - INTERVAL '2 years' RETURNING 1
)
SELECT count(*) FROM gone;
""",
            (("data-modifying-cte", "DELETE FROM positions"),),
        ),
        (
            "earthdistance_drop",
            """DROP FUNCTION vehicle_distance_km(point, point);
DROP EXTENSION earthdistance;
""",
            (("drop-routine", "DROP FUNCTION"), ("drop-extension", "DROP EXTENSION")),
        ),
        (
            "drivers_schema",
            """CREATE SCHEMA fleet;
ALTER TABLE drivers SET SCHEMA fleet;
""",
            (("rename-table", "SET SCHEMA"),),
        ),
    ]
)

LIQUIBASE_BILLING: History = numbered(
    [
        (
            "init",
            """--liquibase formatted sql

--changeset billing:1
CREATE TABLE public.plan (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL,
    code VARCHAR(50) NOT NULL,
    name VARCHAR(255) NOT NULL,
    price NUMERIC(10, 2) NOT NULL,
    CONSTRAINT pk_plan PRIMARY KEY (id)
);
--rollback DROP TABLE public.plan;

--changeset billing:2
CREATE TABLE public.customer (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL,
    email VARCHAR(255) NOT NULL,
    full_name VARCHAR(255),
    created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT NOW() NOT NULL,
    CONSTRAINT pk_customer PRIMARY KEY (id)
);
--rollback DROP TABLE public.customer;
""",
            (),
        ),
        (
            "unique_codes",
            """--liquibase formatted sql

--changeset billing:3
ALTER TABLE public.plan ADD CONSTRAINT uc_plan_code UNIQUE (code);
--rollback ALTER TABLE public.plan DROP CONSTRAINT uc_plan_code;

--changeset billing:4
ALTER TABLE public.customer ADD CONSTRAINT uc_customer_email UNIQUE (email);
--rollback ALTER TABLE public.customer DROP CONSTRAINT uc_customer_email;
""",
            (),
        ),
        (
            "subscription",
            """--liquibase formatted sql

--changeset billing:5
CREATE TYPE subscription_status AS ENUM ('TRIAL', 'ACTIVE', 'PAST_DUE', 'CANCELLED');
--rollback DROP TYPE subscription_status;

--changeset billing:6
CREATE TABLE public.subscription (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL,
    customer_id BIGINT NOT NULL,
    plan_id BIGINT NOT NULL,
    status subscription_status DEFAULT 'TRIAL' NOT NULL,
    started_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    ends_at TIMESTAMP WITHOUT TIME ZONE,
    CONSTRAINT pk_subscription PRIMARY KEY (id)
);
ALTER TABLE public.subscription ADD CONSTRAINT FK_SUBSCRIPTION_ON_CUSTOMER FOREIGN KEY (customer_id) REFERENCES public.customer (id);
ALTER TABLE public.subscription ADD CONSTRAINT FK_SUBSCRIPTION_ON_PLAN FOREIGN KEY (plan_id) REFERENCES public.plan (id);
--rollback DROP TABLE public.subscription;
""",
            (),
        ),
        (
            "invoice",
            """--liquibase formatted sql

--changeset billing:7
CREATE TABLE public.invoice (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL,
    subscription_id BIGINT NOT NULL,
    amount NUMERIC(10, 2) NOT NULL,
    currency VARCHAR(3) DEFAULT 'USD' NOT NULL,
    issued_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    paid_at TIMESTAMP WITHOUT TIME ZONE,
    CONSTRAINT pk_invoice PRIMARY KEY (id),
    CONSTRAINT fk_invoice_subscription FOREIGN KEY (subscription_id) REFERENCES public.subscription (id) ON DELETE CASCADE
);
--rollback DROP TABLE public.invoice;

--changeset billing:8
CREATE INDEX idx_invoice_subscription ON public.invoice (subscription_id);
--rollback DROP INDEX idx_invoice_subscription;
""",
            (),
        ),
        (
            "customer_phone",
            """--liquibase formatted sql

--changeset billing:9
--preconditions onFail:MARK_RAN
--precondition-sql-check expectedResult:0 SELECT count(*) FROM information_schema.columns WHERE table_name = 'customer' AND column_name = 'phone'
ALTER TABLE public.customer ADD phone VARCHAR(32);
--rollback ALTER TABLE public.customer DROP COLUMN phone;
""",
            (),
        ),
        (
            "plan_price_precision",
            """--liquibase formatted sql

--changeset billing:10
ALTER TABLE public.plan ALTER COLUMN price TYPE DECIMAL(12, 2) USING (price::DECIMAL(12, 2));
""",
            (),
        ),
        (
            "invoice_amount_precision",
            """--liquibase formatted sql

--changeset billing:11
ALTER TABLE public.invoice ALTER COLUMN amount TYPE NUMERIC(12, 2);
""",
            (),
        ),
        (
            "customer_full_name_required",
            """--liquibase formatted sql

--changeset billing:12
UPDATE public.customer SET full_name = '' WHERE full_name IS NULL;
ALTER TABLE public.customer ALTER COLUMN full_name SET NOT NULL;
--rollback ALTER TABLE public.customer ALTER COLUMN full_name DROP NOT NULL;
""",
            (("set-not-null", "SET NOT NULL"),),
        ),
        (
            "subscription_auto_renew",
            """--liquibase formatted sql

--changeset billing:13
ALTER TABLE public.subscription ADD auto_renew BOOLEAN DEFAULT TRUE NOT NULL;
""",
            (),
        ),
        (
            "subscription_customer_idx",
            """--liquibase formatted sql

--changeset billing:14 runInTransaction:false
CREATE INDEX CONCURRENTLY idx_subscription_customer ON public.subscription (customer_id);
--rollback DROP INDEX CONCURRENTLY idx_subscription_customer;
""",
            (("needs-no-transaction", "CREATE INDEX CONCURRENTLY"),),
        ),
        (
            "subscription_plan_idx",
            """-- guard: no-transaction
--liquibase formatted sql

--changeset billing:15 runInTransaction:false
CREATE INDEX CONCURRENTLY idx_subscription_plan ON public.subscription (plan_id);
""",
            (),
        ),
        (
            "subscription_status_paused",
            """--liquibase formatted sql

--changeset billing:16
ALTER TYPE subscription_status ADD VALUE 'PAUSED';
""",
            (),
        ),
        (
            "subscription_status_varchar",
            """--liquibase formatted sql

--changeset billing:17
ALTER TABLE public.subscription ALTER COLUMN status DROP DEFAULT;
ALTER TABLE public.subscription ALTER COLUMN status TYPE VARCHAR(20) USING (status::VARCHAR(20));
ALTER TABLE public.subscription ALTER COLUMN status SET DEFAULT 'TRIAL';
""",
            (("alter-column-type", "ALTER COLUMN status TYPE"),),
        ),
        (
            "subscription_status_type_drop",
            """--liquibase formatted sql

--changeset billing:18
DROP TYPE subscription_status;
--rollback CREATE TYPE subscription_status AS ENUM ('TRIAL', 'ACTIVE', 'PAST_DUE', 'CANCELLED', 'PAUSED');
""",
            (("drop-type", "DROP TYPE"),),
        ),
        (
            "subscription_status_check",
            """--liquibase formatted sql

--changeset billing:19
ALTER TABLE public.subscription ADD CONSTRAINT ck_subscription_status
    CHECK (status IN ('TRIAL', 'ACTIVE', 'PAST_DUE', 'CANCELLED', 'PAUSED')) NOT VALID;
""",
            (),
        ),
        (
            "payment",
            """--liquibase formatted sql

--changeset billing:20
CREATE TABLE public.payment (
    id UUID DEFAULT gen_random_uuid() NOT NULL,
    invoice_id BIGINT NOT NULL,
    provider VARCHAR(30) NOT NULL,
    payload JSONB DEFAULT '{}'::jsonb NOT NULL,
    amount_cents BIGINT NOT NULL,
    amount NUMERIC(12, 2) GENERATED ALWAYS AS (amount_cents / 100.0) STORED,
    CONSTRAINT pk_payment PRIMARY KEY (id),
    CONSTRAINT fk_payment_invoice FOREIGN KEY (invoice_id) REFERENCES public.invoice (id)
);
--rollback DROP TABLE public.payment;
""",
            (),
        ),
        (
            "customer_updated_at",
            """--liquibase formatted sql

--changeset billing:21 splitStatements:false
CREATE OR REPLACE FUNCTION public.touch_updated_at() RETURNS TRIGGER AS $$
BEGIN
    NEW.updated_at = NOW();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

--changeset billing:22
ALTER TABLE public.customer ADD updated_at TIMESTAMP WITHOUT TIME ZONE DEFAULT NOW() NOT NULL;
CREATE TRIGGER trg_customer_updated_at BEFORE UPDATE ON public.customer FOR EACH ROW EXECUTE PROCEDURE public.touch_updated_at();
""",
            (),
        ),
        (
            "customer_display_name",
            """--liquibase formatted sql

--changeset billing:23
ALTER TABLE public.customer RENAME COLUMN full_name TO display_name;
--rollback ALTER TABLE public.customer RENAME COLUMN display_name TO full_name;
""",
            (("rename-column", "RENAME COLUMN full_name"),),
        ),
        (
            "customer_email_citext",
            """--liquibase formatted sql

--changeset billing:24
CREATE EXTENSION IF NOT EXISTS citext;
ALTER TABLE public.customer ALTER COLUMN email TYPE CITEXT;
""",
            (("alter-column-type", "ALTER COLUMN email TYPE"),),
        ),
        (
            "customer_phone_drop",
            """--liquibase formatted sql

--changeset billing:25
ALTER TABLE public.customer DROP COLUMN phone;
--rollback ALTER TABLE public.customer ADD phone VARCHAR(32);
""",
            (("drop-column", "DROP COLUMN phone"),),
        ),
        (
            "pricing_plan",
            """--liquibase formatted sql

--changeset billing:26
ALTER TABLE public.plan RENAME TO pricing_plan;
CREATE VIEW public.plan AS SELECT * FROM public.pricing_plan;
--rollback DROP VIEW public.plan;
--rollback ALTER TABLE public.pricing_plan RENAME TO plan;
""",
            (),
        ),
        (
            "coupon",
            """--liquibase formatted sql

--changeset billing:27
CREATE TABLE public.coupon (
    code VARCHAR(32) NOT NULL,
    percent_off SMALLINT NOT NULL,
    valid_until DATE,
    CONSTRAINT pk_coupon PRIMARY KEY (code)
);
""",
            (),
        ),
        (
            "plan_compat_view_drop",
            """--liquibase formatted sql

--changeset billing:28
DROP VIEW public.plan;
""",
            (("drop-view", "DROP VIEW public.plan"),),
        ),
        (
            "coupon_reset",
            """--liquibase formatted sql

--changeset billing:29
DELETE FROM public.coupon;
""",
            (("delete-without-where", "DELETE FROM public.coupon"),),
        ),
        (
            "invoice_due_at",
            """--liquibase formatted sql

--changeset billing:30
ALTER TABLE public.invoice ADD due_at TIMESTAMP WITHOUT TIME ZONE;
--rollback ALTER TABLE public.invoice DROP COLUMN due_at;

--changeset billing:31
CREATE INDEX idx_invoice_due ON public.invoice (due_at) WHERE paid_at IS NULL;
--rollback DROP INDEX IF EXISTS idx_invoice_due;
""",
            (),
        ),
        (
            "invoice_issued_at_tz",
            """--liquibase formatted sql

--changeset billing:32
ALTER TABLE public.invoice ALTER COLUMN issued_at TYPE TIMESTAMP WITH TIME ZONE;
""",
            (("alter-column-type", "ALTER COLUMN issued_at"),),
        ),
        (
            "invoice_number",
            """--liquibase formatted sql

--changeset billing:33
CREATE SEQUENCE public.invoice_number_seq START WITH 1000 INCREMENT BY 1;
ALTER TABLE public.invoice ADD number BIGINT DEFAULT nextval('public.invoice_number_seq') NOT NULL;
""",
            (),
        ),
        (
            "invoice_number_owned",
            """--liquibase formatted sql

--changeset billing:34
ALTER SEQUENCE public.invoice_number_seq OWNED BY public.invoice.number;
""",
            (),
        ),
        (
            "webhook_inbox",
            """--liquibase formatted sql

--changeset billing:35
CREATE UNLOGGED TABLE public.webhook_inbox (
    id BIGSERIAL PRIMARY KEY,
    received_at TIMESTAMP WITH TIME ZONE DEFAULT NOW() NOT NULL,
    body JSONB NOT NULL
);
""",
            (),
        ),
        (
            "webhook_inbox_logged",
            """--liquibase formatted sql

--changeset billing:36
ALTER TABLE public.webhook_inbox SET LOGGED;
""",
            (),
        ),
        (
            "payment_provider_length",
            """--liquibase formatted sql

--changeset billing:37
ALTER TABLE public.payment ALTER COLUMN provider TYPE VARCHAR(10);
""",
            (("alter-column-type", "ALTER COLUMN provider"),),
        ),
        (
            "expire_subscriptions",
            """--liquibase formatted sql

--changeset billing:38
UPDATE public.subscription SET status = 'CANCELLED' WHERE ends_at < NOW();
""",
            (),
        ),
        (
            "invoice_currency_upper",
            """--liquibase formatted sql

--changeset billing:39
UPDATE public.invoice SET currency = UPPER(currency);
""",
            (("update-without-where", "UPDATE public.invoice"),),
        ),
        (
            "grants",
            """--liquibase formatted sql

--changeset billing:40
GRANT SELECT ON ALL TABLES IN SCHEMA public TO PUBLIC;
REVOKE ALL ON public.payment FROM PUBLIC;
""",
            (),
        ),
        (
            "invoice_rls",
            """--liquibase formatted sql

--changeset billing:41
ALTER TABLE public.invoice ENABLE ROW LEVEL SECURITY;
CREATE POLICY invoice_by_customer ON public.invoice
    USING (subscription_id IN (SELECT id FROM public.subscription
                                WHERE customer_id = current_setting('app.customer_id', true)::bigint));
""",
            (),
        ),
        (
            "payment_status",
            """--liquibase formatted sql

--changeset billing:42
ALTER TABLE public.payment ADD status VARCHAR(20) NOT NULL;
""",
            (("add-not-null-without-default", "ADD status"),),
        ),
        (
            "customer_email_unique_lower",
            """--liquibase formatted sql

--changeset billing:43
ALTER TABLE public.customer DROP CONSTRAINT uc_customer_email;
CREATE UNIQUE INDEX uq_customer_email_lower ON public.customer (lower(email::text));
""",
            (),
        ),
        (
            "customer_updated_at_trigger_drop",
            """--liquibase formatted sql

--changeset billing:44
DROP TRIGGER trg_customer_updated_at ON public.customer;
DROP FUNCTION public.touch_updated_at();
""",
            (),
        ),
        (
            "coupon_drop",
            """--liquibase formatted sql

--changeset billing:45
DROP TABLE IF EXISTS public.coupon CASCADE;
""",
            (("drop-table", "DROP TABLE IF EXISTS public.coupon"),),
        ),
        (
            "invoice_archive",
            """--liquibase formatted sql

--changeset billing:46
CREATE SCHEMA billing_archive;
CREATE TABLE billing_archive.invoice_2019 (LIKE public.invoice INCLUDING ALL);
""",
            (),
        ),
        (
            "invoice_archive_move",
            """--liquibase formatted sql

--changeset billing:47
INSERT INTO billing_archive.invoice_2019 SELECT * FROM public.invoice WHERE issued_at < '2020-01-01';
DELETE FROM public.invoice WHERE issued_at < '2020-01-01';
""",
            (),
        ),
        (
            "invoice_archive_drop",
            """--liquibase formatted sql

--changeset billing:48
DROP SCHEMA billing_archive CASCADE;
""",
            (("drop-schema", "DROP SCHEMA"),),
        ),
        # added after the blind audit, for the primary key swap it found unjudged
        (
            "webhook_inbox_event_id",
            """--liquibase formatted sql

--changeset billing:49
ALTER TABLE public.webhook_inbox ADD event_id UUID;
""",
            (),
        ),
        (
            "webhook_inbox_event_id_key",
            """-- guard: no-transaction
--liquibase formatted sql

--changeset billing:50 runInTransaction:false
CREATE UNIQUE INDEX CONCURRENTLY uq_webhook_inbox_event ON public.webhook_inbox (event_id);
""",
            (),
        ),
        (
            "webhook_inbox_event_id_primary",
            """--liquibase formatted sql

--changeset billing:51
ALTER TABLE public.webhook_inbox DROP CONSTRAINT webhook_inbox_pkey,
    ADD CONSTRAINT webhook_inbox_pkey PRIMARY KEY USING INDEX uq_webhook_inbox_event;
""",
            (("set-not-null", "PRIMARY KEY USING INDEX"),),
        ),
    ]
)


def _graphile(number: int, message: str, sql: str, *, no_transaction: bool = False) -> str:
    """A committed graphile-migrate file: its ``--!`` header (hashes made up), then the SQL."""
    previous = "-" if number == 0 else f"sha1:{(number - 1) * 7919 % 65521:040x}"
    header = f"--! Previous: {previous}\n--! Hash: sha1:{number * 7919 % 65521:040x}\n--! Message: {message}\n"
    return header + ("--! no-transaction\n" if no_transaction else "") + "\n" + sql


TIMESTAMPS = "for each row execute procedure app_private.tg__timestamps();"

GRAPHILE_FORUM: History = numbered(
    [
        (
            "initial",
            _graphile(
                0,
                "initial schema",
                """drop schema if exists app_public cascade;
drop schema if exists app_hidden cascade;
drop schema if exists app_private cascade;

create schema app_public;
create schema app_hidden;
create schema app_private;

grant usage on schema app_public, app_hidden to public;

alter default privileges in schema app_public, app_hidden grant usage, select on sequences to public;
alter default privileges in schema app_public, app_hidden grant execute on functions to public;
""",
            ),
            (),
        ),
        (
            "users",
            _graphile(
                1,
                "users",
                f"""create extension if not exists citext with schema public;

create table app_public.users (
  id serial primary key,
  username citext not null unique check (length(username) between 2 and 24 and username ~ '^[a-zA-Z]([_]?[a-zA-Z0-9])+$'),
  name text,
  avatar_url text check (avatar_url ~ '^https?://[^/]+'),
  is_admin boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table app_public.users enable row level security;
comment on table app_public.users is E'A user who can log in to the application.';
comment on column app_public.users.is_admin is E'@omit create,update\\nIf true, the user has elevated privileges.';

create function app_private.tg__timestamps() returns trigger as $$
begin
  NEW.created_at = (case when TG_OP = 'INSERT' then NOW() else OLD.created_at end);
  NEW.updated_at = (case when TG_OP = 'UPDATE' and OLD.updated_at >= NOW() then OLD.updated_at + interval '1 millisecond' else NOW() end);
  return NEW;
end;
$$ language plpgsql volatile set search_path to pg_catalog, public, pg_temp;

create trigger _100_timestamps before insert or update on app_public.users
  {TIMESTAMPS}
""",
            ),
            (),
        ),
        (
            "current_user_id",
            _graphile(
                2,
                "current_user_id",
                """create function app_public.current_user_id() returns int as $$
  select nullif(pg_catalog.current_setting('jwt.claims.user_id', true), '')::int;
$$ language sql stable security definer set search_path to pg_catalog, public, pg_temp;
comment on function app_public.current_user_id() is E'@omit\\nHandy method to get the current user ID.';

create policy select_all on app_public.users for select using (true);
create policy update_self on app_public.users for update using (id = app_public.current_user_id());
grant select on app_public.users to public;
grant update(name, avatar_url) on app_public.users to public;
""",
            ),
            (),
        ),
        (
            "user_secrets",
            _graphile(
                3,
                "user secrets",
                """create table app_private.user_secrets (
  user_id int not null primary key references app_public.users on delete cascade,
  password_hash text,
  last_login_at timestamptz not null default now(),
  failed_password_attempts int not null default 0,
  first_failed_password_attempt timestamptz
);
alter table app_private.user_secrets enable row level security;
""",
            ),
            (),
        ),
        (
            "user_emails",
            _graphile(
                4,
                "user emails",
                f"""create table app_public.user_emails (
  id serial primary key,
  user_id int not null default app_public.current_user_id() references app_public.users on delete cascade,
  email citext not null check (email ~ '[^@]+@[^@]+\\.[^@]+'),
  is_verified boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint user_emails_user_id_email_key unique(user_id, email)
);
create unique index uniq_user_emails_verified_email on app_public.user_emails(email) where (is_verified is true);
alter table app_public.user_emails enable row level security;
create trigger _100_timestamps before insert or update on app_public.user_emails {TIMESTAMPS}
create policy select_own on app_public.user_emails for select using (user_id = app_public.current_user_id());
grant select on app_public.user_emails to public;
grant insert (email) on app_public.user_emails to public;
""",
            ),
            (),
        ),
        (
            "forums_topics",
            _graphile(
                5,
                "forums and topics",
                f"""create table app_public.forums (
  id serial primary key,
  slug text not null unique check (slug ~ '^[a-z0-9-]+$'),
  name text not null,
  description text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table app_public.forums enable row level security;
create trigger _100_timestamps before insert or update on app_public.forums {TIMESTAMPS}
create policy select_all on app_public.forums for select using (true);
grant select on app_public.forums to public;

create table app_public.topics (
  id serial primary key,
  forum_id int not null references app_public.forums on delete cascade,
  author_id int not null default app_public.current_user_id() references app_public.users on delete cascade,
  title text not null check (length(title) > 0),
  body text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index on app_public.topics (forum_id);
create index on app_public.topics (author_id);
alter table app_public.topics enable row level security;
create trigger _100_timestamps before insert or update on app_public.topics {TIMESTAMPS}
create policy select_all on app_public.topics for select using (true);
create policy manage_own on app_public.topics for all using (author_id = app_public.current_user_id());
grant select, insert (forum_id, title, body), update (title, body), delete on app_public.topics to public;
""",
            ),
            (),
        ),
        (
            "posts",
            _graphile(
                6,
                "posts",
                f"""create table app_public.posts (
  id serial primary key,
  topic_id int not null references app_public.topics on delete cascade,
  author_id int not null default app_public.current_user_id() references app_public.users on delete cascade,
  body text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index on app_public.posts (topic_id);
create index on app_public.posts (author_id);
alter table app_public.posts enable row level security;
create trigger _100_timestamps before insert or update on app_public.posts {TIMESTAMPS}
create policy select_all on app_public.posts for select using (true);
create policy manage_own on app_public.posts for all using (author_id = app_public.current_user_id());
grant select, insert (topic_id, body), update (body), delete on app_public.posts to public;
""",
            ),
            (),
        ),
        (
            "current_user_id_session",
            _graphile(
                7,
                "current_user_id reads the session setting first",
                """create or replace function app_public.current_user_id() returns int as $$
  select coalesce(
    nullif(pg_catalog.current_setting('my.user_id', true), ''),
    nullif(pg_catalog.current_setting('jwt.claims.user_id', true), '')
  )::int;
$$ language sql stable security definer set search_path to pg_catalog, public, pg_temp;
""",
            ),
            (),
        ),
        (
            "topics_summary",
            _graphile(
                8,
                "topics summary",
                """drop function if exists app_public.topics_summary(app_public.topics, int, text);
create function app_public.topics_summary(topic app_public.topics, length int default 50, omission text default '…')
returns text as $$
  select case when length(topic.body) > length then left(topic.body, length - length(omission)) || omission
         else topic.body end;
$$ language sql stable;
grant execute on function app_public.topics_summary(app_public.topics, int, text) to public;
""",
            ),
            (),
        ),
        (
            "posts_created_at_idx",
            _graphile(
                9,
                "posts created_at index",
                "create index concurrently if not exists posts_created_at_idx on app_public.posts (created_at desc);\n",
                no_transaction=True,
            ),
            (("needs-no-transaction", "create index concurrently"),),
        ),
        (
            "topic_slug",
            _graphile(
                10,
                "topic slug",
                """alter table app_public.topics add column slug text;
update app_public.topics set slug = lower(regexp_replace(title, '[^a-zA-Z0-9]+', '-', 'g')) where slug is null;
alter table app_public.topics alter column slug set not null;
create unique index topics_forum_slug on app_public.topics (forum_id, slug);
""",
            ),
            (("add-not-null-without-default", "alter column slug set not null"),),
        ),
        (
            "topic_post_count",
            _graphile(
                11,
                "topic post count",
                """drop trigger if exists _500_topic_post_count on app_public.posts;
drop function if exists app_private.tg_posts__update_topic_post_count();
alter table app_public.topics add column if not exists post_count int not null default 0;
create function app_private.tg_posts__update_topic_post_count() returns trigger as $$
begin
  if TG_OP = 'INSERT' then
    update app_public.topics set post_count = post_count + 1 where id = NEW.topic_id;
  elsif TG_OP = 'DELETE' then
    update app_public.topics set post_count = post_count - 1 where id = OLD.topic_id;
  end if;
  return null;
end;
$$ language plpgsql volatile security definer set search_path to pg_catalog, public, pg_temp;
create trigger _500_topic_post_count after insert or delete on app_public.posts
  for each row execute procedure app_private.tg_posts__update_topic_post_count();
update app_public.topics t set post_count = (select count(*) from app_public.posts p where p.topic_id = t.id);
""",
            ),
            (),
        ),
        (
            "forum_description_trim",
            _graphile(12, "trim forum descriptions", "update app_public.forums set description = trim(description);\n"),
            (("update-without-where", "update app_public.forums"),),
        ),
        (
            "topic_content",
            _graphile(13, "topic body is content", "alter table app_public.topics rename column body to content;\n"),
            (("rename-column", "rename column body"),),
        ),
        (
            "users_avatar_drop",
            _graphile(
                14, "avatars moved to the media service", "alter table app_public.users drop column avatar_url;\n"
            ),
            (("drop-column", "drop column avatar_url"),),
        ),
        (
            "topic_kind",
            _graphile(
                15,
                "topic kind",
                """create type app_public.topic_kind as enum ('discussion', 'question', 'announcement');
alter table app_public.topics add column kind app_public.topic_kind not null default 'discussion';
""",
            ),
            (),
        ),
        (
            "topic_kind_poll",
            _graphile(16, "polls", "alter type app_public.topic_kind add value if not exists 'poll';\n"),
            (),
        ),
        (
            "post_reactions",
            _graphile(
                17,
                "post reactions",
                """drop table if exists app_public.post_reactions cascade;
create table app_public.post_reactions (
  post_id int not null references app_public.posts on delete cascade,
  user_id int not null default app_public.current_user_id() references app_public.users on delete cascade,
  emoji text not null,
  primary key (post_id, user_id, emoji)
);
""",
            ),
            (),
        ),
        (
            "post_reactions_created_at",
            _graphile(
                18,
                "post reactions created_at",
                """drop table if exists app_public.post_reactions cascade;
create table app_public.post_reactions (
  post_id int not null references app_public.posts on delete cascade,
  user_id int not null default app_public.current_user_id() references app_public.users on delete cascade,
  emoji text not null,
  created_at timestamptz not null default now(),
  primary key (post_id, user_id, emoji)
);
""",
            ),
            (("drop-table", "drop table if exists"),),
        ),
        (
            "forum_stats",
            _graphile(
                19,
                "forum stats",
                """create view app_public.forum_stats with (security_invoker = true) as
select f.id as forum_id, count(t.id) as topic_count, coalesce(sum(t.post_count), 0) as post_count
  from app_public.forums f left join app_public.topics t on t.forum_id = f.id
 group by f.id;
grant select on app_public.forum_stats to public;
""",
            ),
            (),
        ),
        (
            "forum_stats_last_topic",
            _graphile(
                20,
                "forum stats: last topic",
                """create or replace view app_public.forum_stats with (security_invoker = true) as
select f.id as forum_id, count(t.id) as topic_count, coalesce(sum(t.post_count), 0) as post_count,
       max(t.created_at) as last_topic_at
  from app_public.forums f left join app_public.topics t on t.forum_id = f.id
 group by f.id;
""",
            ),
            (),
        ),
        (
            "forum_stats_slug",
            _graphile(
                21,
                "forum stats by slug",
                """drop view if exists app_public.forum_stats;
create view app_public.forum_stats with (security_invoker = true) as
select f.slug, count(t.id) as topic_count, max(t.created_at) as last_topic_at
  from app_public.forums f left join app_public.topics t on t.forum_id = f.id
 group by f.slug;
grant select on app_public.forum_stats to public;
""",
            ),
            (),
        ),
        (
            "topic_title_length",
            _graphile(
                22, "topic titles up to 200", "alter table app_public.topics alter column title type varchar(200);\n"
            ),
            (("alter-column-type", "alter column title type"),),
        ),
        (
            "users_is_admin_default",
            _graphile(
                23, "admins are made explicitly", "alter table app_public.users alter column is_admin drop default;\n"
            ),
            (),
        ),
        (
            "user_emails_grants",
            _graphile(
                24,
                "user emails grants",
                """revoke all on app_public.user_emails from public;
grant select on app_public.user_emails to public;
""",
            ),
            (),
        ),
        (
            "sessions",
            _graphile(
                25,
                "sessions",
                """create table app_private.sessions (
  uuid uuid not null default gen_random_uuid() primary key,
  user_id int not null references app_public.users on delete cascade,
  created_at timestamptz not null default now(),
  last_active timestamptz not null default now()
);
create index on app_private.sessions (user_id);
""",
            ),
            (),
        ),
        (
            "sessions_logout_everyone",
            _graphile(26, "log everyone out after the key rotation", "delete from app_private.sessions;\n"),
            (("delete-without-where", "delete from app_private.sessions"),),
        ),
        (
            "user_secrets_attempts",
            _graphile(
                27,
                "lockouts replace the first failed attempt",
                """alter table app_private.user_secrets drop column first_failed_password_attempt;
alter table app_private.user_secrets add column locked_until timestamptz;
""",
            ),
            (("drop-column", "drop column first_failed_password_attempt"),),
        ),
        (
            "app_internal",
            _graphile(28, "app_hidden is app_internal", "alter schema app_hidden rename to app_internal;\n"),
            (),
        ),
        (
            "url_domain",
            _graphile(
                29,
                "url domain",
                """create domain app_public.url as text check (value ~ '^https?://');
alter table app_public.forums add column website app_public.url;
""",
            ),
            (),
        ),
        ("users_website", _graphile(30, "user website", "alter table app_public.users add column website text;\n"), ()),
        (
            "users_website_url",
            _graphile(
                31, "user website is a url", "alter table app_public.users alter column website type app_public.url;\n"
            ),
            (("alter-column-type", "alter column website type"),),
        ),
        (
            "users_settings",
            _graphile(
                32,
                "user settings",
                "alter table app_public.users add column settings jsonb not null default '{}'::jsonb;\n",
            ),
            (),
        ),
        (
            "topics_search",
            _graphile(
                33,
                "topic search",
                """alter table app_public.topics
  add column search tsvector generated always as (to_tsvector('english', title || ' ' || content)) stored;
create index topics_search_idx on app_public.topics using gin (search);
""",
            ),
            (),
        ),
        (
            "topics_summary_drop",
            _graphile(
                34,
                "summaries are made by the client",
                "drop function app_public.topics_summary(app_public.topics, int, text);\n",
            ),
            (("drop-routine", "drop function"),),
        ),
        (
            "posts_body_not_null",
            _graphile(35, "posts body not null", "alter table app_public.posts alter column body set not null;\n"),
            (),
        ),
        (
            "forums_description_optional",
            _graphile(
                36,
                "forum description optional",
                "alter table app_public.forums alter column description drop not null;\n",
            ),
            (),
        ),
        (
            "topics_forum_slug_partial",
            _graphile(
                37,
                "announcements may share a slug",
                """drop index if exists app_public.topics_forum_slug;
create unique index topics_forum_slug on app_public.topics (forum_id, slug) where kind <> 'announcement';
""",
            ),
            (),
        ),
        (
            "emails",
            _graphile(38, "user_emails is emails", "alter table app_public.user_emails rename to emails;\n"),
            (("rename-table", "rename to emails"),),
        ),
        (
            "topics_body_gone",
            _graphile(39, "make sure body is gone", "alter table app_public.topics drop column if exists body;\n"),
            (),
        ),
        (
            "topic_kind_drop",
            _graphile(40, "topic kinds were never used", "drop type app_public.topic_kind cascade;\n"),
            (("drop-type", "drop type"),),
        ),
    ]
)

DEPLOY_HISTORIES: dict[str, History] = {
    "sqitch_ledger": SQITCH_LEDGER,
    "fleet_telemetry": FLEET_TELEMETRY,
    "liquibase_billing": LIQUIBASE_BILLING,
    "graphile_forum": GRAPHILE_FORUM,
}
