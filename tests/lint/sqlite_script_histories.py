# ruff: noqa: E501  (tool-generated SQL keeps its long lines, as real histories have them)
"""SQLite histories in shapes the other corpora do not hold, written for ratchet after the shapes of
public projects' histories (not copied from any), with the error findings a reviewer expects, decided
by hand from the lint's rules before the lint ran:

- ``BILLING``: an invoicing app's EF Core ``dotnet ef migrations script`` output, one file per
  migration (quoted PascalCase names, ``CONSTRAINT "PK_X" PRIMARY KEY``, ``IX_``/``FK_`` names,
  ``__EFMigrationsHistory`` made ``IF NOT EXISTS`` and written by every file; ``ef_temp_X`` rebuilds
  copied with ``IFNULL`` where a column became required, with ``PRAGMA foreign_keys = 0``/``1``
  around the drop; files that keep the script's ``BEGIN TRANSACTION``/``COMMIT``, and one marked
  ``no-transaction`` that keeps EF's whole ``COMMIT; PRAGMA foreign_keys = 0; BEGIN TRANSACTION;``
  shape; rebuilds that drop a column, change a type, add a required column, forget a trigger EF
  does not know about, and one that drops and makes a view again around it; ``HasData`` seeds);
- ``FEEDS``: a Go feed reader's goose migrations (``-- +goose Up``, ``StatementBegin``/``StatementEnd``
  around trigger bodies, ``STRICT`` and ``WITHOUT ROWID`` tables, an FTS5 external-content index kept
  by triggers, partial and expression indexes, a virtual generated column with an index, views
  dropped and made again, ``PRAGMA user_version``; Diesel/Vaultwarden-style ``X__new`` rebuilds that
  keep everything (leaving the generated column out of the copy), make a column required, change a
  type, forget the FTS triggers or another trigger, deduplicate with ``OR IGNORE``);
- ``SHOP``: a Symfony shop's Doctrine migrations (unquoted lower-case names, a table named ``"order"``,
  ``--(DC2Type:...)`` comments inside column lists, hashed ``IDX_``/``UNIQ_``/``FK_`` names,
  ``NOT DEFERRABLE INITIALLY IMMEDIATE``; Doctrine's rebuild through ``CREATE TEMPORARY TABLE
  __temp__X AS SELECT``, with the table's indexes dropped first and made again after: faithful ones,
  and ones that make a column required, leave a column out of the backup, change a type, add a
  required column, copy back ``DISTINCT`` or drop an index for good);
- ``NEWSROOM``: a Laravel newsroom's migrations as ``--pretend`` prints them (lower-case keywords,
  ``"x_y_index"``/``"x_y_unique"`` names, ``tinyint(1)``, ``check ("status" in (...))`` enums, the
  framework's own tables; ``__temp__X`` rebuilds for ``->change()`` between ``pragma foreign_keys``
  lines: a wider type, a widened check, a column made required around a view dropped and made
  again, one kept view under ``legacy_alter_table``, a stricter key copied ``or replace``, a type
  change through ``case``; ``on conflict do nothing``, ``where 1 = 1``).

Measured blind (the expectations committed before the first lint run): 102 files, 52 expected errors,
52 found, 51 of them expected: precision 0.98, recall 0.98 (``BILLING`` and ``FEEDS`` 1.00/1.00). Both
disagreements were the expectations': INTEGER to NUMERIC keeps every value on SQLite, and a primary key
a rebuild makes stricter is still one it does not make again (``hotel`` and the rebuild tests keep that
rule).

``HISTORIES``: label -> files ``(name, sql, expected)``, ``expected`` the ``(rule, line)`` of each error.
A file whose expected findings include ``sqlite-add-column-restriction`` or ``syntax-error`` does not
run on SQLite; such files come last in their history.
"""

from __future__ import annotations

from history_corpus import History

_EF_HISTORY = """CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);
"""


def _ef_done(migration: str) -> str:
    return f"""INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('{migration}', '8.0.4');
"""


def _ef_swap(table: str) -> str:
    """EF Core's end of a rebuild: the old table dropped and the copy renamed into place with foreign
    keys off (seven lines)."""
    return f"""PRAGMA foreign_keys = 0;

DROP TABLE "{table}";

ALTER TABLE "ef_temp_{table}" RENAME TO "{table}";

PRAGMA foreign_keys = 1;

"""


BILLING: History = [
    (
        "1.0.0__Initial.sql",
        _EF_HISTORY
        + """
CREATE TABLE "Customers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Customers" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Email" TEXT NULL,
    "Phone" TEXT NULL
);

CREATE TABLE "Products" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Products" PRIMARY KEY AUTOINCREMENT,
    "Title" TEXT NOT NULL,
    "Price" TEXT NULL,
    "Active" INTEGER NOT NULL
);

CREATE TABLE "Invoices" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Invoices" PRIMARY KEY AUTOINCREMENT,
    "CustomerId" INTEGER NOT NULL,
    "IssuedAt" TEXT NOT NULL,
    "Total" TEXT NOT NULL,
    CONSTRAINT "FK_Invoices_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "InvoiceLines" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_InvoiceLines" PRIMARY KEY AUTOINCREMENT,
    "InvoiceId" INTEGER NOT NULL,
    "ProductId" INTEGER NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "UnitPrice" TEXT NOT NULL,
    CONSTRAINT "FK_InvoiceLines_Invoices_InvoiceId" FOREIGN KEY ("InvoiceId") REFERENCES "Invoices" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_InvoiceLines_Products_ProductId" FOREIGN KEY ("ProductId") REFERENCES "Products" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_Customers_Email" ON "Customers" ("Email");

CREATE INDEX "IX_InvoiceLines_InvoiceId" ON "InvoiceLines" ("InvoiceId");

CREATE INDEX "IX_InvoiceLines_ProductId" ON "InvoiceLines" ("ProductId");

CREATE INDEX "IX_Invoices_CustomerId" ON "Invoices" ("CustomerId");

"""
        + _ef_done("20240105093011_Initial"),
        set(),
    ),
    (
        "1.1.0__ProductSku.sql",
        _EF_HISTORY
        + """
ALTER TABLE "Products" ADD "Sku" TEXT NOT NULL DEFAULT '';

CREATE UNIQUE INDEX "IX_Products_Sku" ON "Products" ("Sku");

"""
        + _ef_done("20240112150244_ProductSku"),
        set(),
    ),
    (
        "1.2.0__CustomerEmailRequired.sql",
        """CREATE TABLE "ef_temp_Customers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Customers" PRIMARY KEY AUTOINCREMENT,
    "Email" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Phone" TEXT NULL
);

INSERT INTO "ef_temp_Customers" ("Id", "Email", "Name", "Phone")
SELECT "Id", IFNULL("Email", ''), "Name", "Phone"
FROM "Customers";

"""
        + _ef_swap("Customers")
        + """CREATE UNIQUE INDEX "IX_Customers_Email" ON "Customers" ("Email");

"""
        + _ef_done("20240119101500_CustomerEmailRequired"),
        {("set-not-null", 16)},
    ),
    (
        "1.3.0__InvoiceNumber.sql",
        """ALTER TABLE "Invoices" ADD "Number" TEXT NOT NULL DEFAULT '';

UPDATE "Invoices" SET "Number" = 'INV-' || printf('%06d', "Id");

CREATE UNIQUE INDEX "IX_Invoices_Number" ON "Invoices" ("Number");

"""
        + _ef_done("20240126084512_InvoiceNumber"),
        set(),
    ),
    (
        "1.4.0__ProductName.sql",
        """ALTER TABLE "Products" RENAME COLUMN "Title" TO "Name";

"""
        + _ef_done("20240202112000_ProductName"),
        {("rename-column", 1)},
    ),
    (
        "1.5.0__Payments.sql",
        """CREATE TABLE "Payments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Payments" PRIMARY KEY AUTOINCREMENT,
    "InvoiceId" INTEGER NOT NULL,
    "Amount" TEXT NOT NULL,
    "PaidAt" TEXT NOT NULL,
    "Method" INTEGER NOT NULL,
    CONSTRAINT "FK_Payments_Invoices_InvoiceId" FOREIGN KEY ("InvoiceId") REFERENCES "Invoices" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Payments_InvoiceId" ON "Payments" ("InvoiceId");

"""
        + _ef_done("20240209140130_Payments"),
        set(),
    ),
    (
        "1.6.0__CustomerNoPhone.sql",
        """ALTER TABLE "Customers" DROP COLUMN "Phone";

"""
        + _ef_done("20240216091245_CustomerNoPhone"),
        {("drop-column", 1)},
    ),
    (
        "1.7.0__TaxRates.sql",
        """CREATE TABLE "TaxRates" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TaxRates" PRIMARY KEY AUTOINCREMENT,
    "Code" TEXT NOT NULL,
    "Rate" TEXT NOT NULL
);

INSERT INTO "TaxRates" ("Id", "Code", "Rate")
VALUES (1, 'STD', '0.2');
INSERT INTO "TaxRates" ("Id", "Code", "Rate")
VALUES (2, 'RED', '0.05');
INSERT INTO "TaxRates" ("Id", "Code", "Rate")
VALUES (3, 'ZERO', '0.0');

CREATE UNIQUE INDEX "IX_TaxRates_Code" ON "TaxRates" ("Code");

"""
        + _ef_done("20240223160000_TaxRates"),
        set(),
    ),
    (
        "1.8.0__LineQuantityDecimal.sql",
        """CREATE TABLE "ef_temp_InvoiceLines" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_InvoiceLines" PRIMARY KEY AUTOINCREMENT,
    "InvoiceId" INTEGER NOT NULL,
    "ProductId" INTEGER NOT NULL,
    "Quantity" TEXT NOT NULL,
    "UnitPrice" TEXT NOT NULL,
    CONSTRAINT "FK_InvoiceLines_Invoices_InvoiceId" FOREIGN KEY ("InvoiceId") REFERENCES "Invoices" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_InvoiceLines_Products_ProductId" FOREIGN KEY ("ProductId") REFERENCES "Products" ("Id") ON DELETE RESTRICT
);

INSERT INTO "ef_temp_InvoiceLines" ("Id", "InvoiceId", "ProductId", "Quantity", "UnitPrice")
SELECT "Id", "InvoiceId", "ProductId", "Quantity", "UnitPrice"
FROM "InvoiceLines";

"""
        + _ef_swap("InvoiceLines")
        + """CREATE INDEX "IX_InvoiceLines_InvoiceId" ON "InvoiceLines" ("InvoiceId");

CREATE INDEX "IX_InvoiceLines_ProductId" ON "InvoiceLines" ("ProductId");

"""
        + _ef_done("20240301103000_LineQuantityDecimal"),
        {("rebuild-unverified", 17)},
    ),
    (
        "1.9.0__InvoiceStatus.sql",
        """ALTER TABLE "Invoices" ADD "Status" INTEGER NOT NULL DEFAULT 0;

CREATE INDEX "IX_Invoices_Status" ON "Invoices" ("Status");

"""
        + _ef_done("20240308120000_InvoiceStatus"),
        set(),
    ),
    (
        "1.10.0__InvoiceDueDate.sql",
        _EF_HISTORY
        + """
BEGIN TRANSACTION;

ALTER TABLE "Invoices" ADD "DueDate" TEXT NULL;

"""
        + _ef_done("20240315094500_InvoiceDueDate")
        + """
COMMIT;
""",
        {("transaction-control", 6), ("transaction-control", 13)},
    ),
    (
        "1.11.0__InvoiceCustomerRestrict.sql",
        """-- guard: no-transaction
BEGIN TRANSACTION;

CREATE TABLE "ef_temp_Invoices" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Invoices" PRIMARY KEY AUTOINCREMENT,
    "CustomerId" INTEGER NOT NULL,
    "DueDate" TEXT NULL,
    "IssuedAt" TEXT NOT NULL,
    "Number" TEXT NOT NULL DEFAULT '',
    "Status" INTEGER NOT NULL DEFAULT 0,
    "Total" TEXT NOT NULL,
    CONSTRAINT "FK_Invoices_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE RESTRICT
);

INSERT INTO "ef_temp_Invoices" ("Id", "CustomerId", "DueDate", "IssuedAt", "Number", "Status", "Total")
SELECT "Id", "CustomerId", "DueDate", "IssuedAt", "Number", "Status", "Total"
FROM "Invoices";

COMMIT;

PRAGMA foreign_keys = 0;

BEGIN TRANSACTION;

DROP TABLE "Invoices";

ALTER TABLE "ef_temp_Invoices" RENAME TO "Invoices";

COMMIT;

PRAGMA foreign_keys = 1;

BEGIN TRANSACTION;

CREATE INDEX "IX_Invoices_CustomerId" ON "Invoices" ("CustomerId");

CREATE UNIQUE INDEX "IX_Invoices_Number" ON "Invoices" ("Number");

CREATE INDEX "IX_Invoices_Status" ON "Invoices" ("Status");

"""
        + _ef_done("20240322110000_InvoiceCustomerRestrict")
        + """
COMMIT;
""",
        set(),
    ),
    (
        "1.12.0__NoPayments.sql",
        """DROP TABLE "Payments";

"""
        + _ef_done("20240329150000_NoPayments"),
        {("drop-table", 1)},
    ),
    (
        "1.13.0__LineItems.sql",
        """DROP INDEX "IX_InvoiceLines_InvoiceId";

DROP INDEX "IX_InvoiceLines_ProductId";

ALTER TABLE "InvoiceLines" RENAME TO "LineItems";

CREATE INDEX "IX_LineItems_InvoiceId" ON "LineItems" ("InvoiceId");

CREATE INDEX "IX_LineItems_ProductId" ON "LineItems" ("ProductId");

"""
        + _ef_done("20240405100000_LineItems"),
        {("rename-table", 5)},
    ),
    (
        "1.14.0__ProductPriceRequired.sql",
        """CREATE TABLE "ef_temp_Products" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Products" PRIMARY KEY AUTOINCREMENT,
    "Active" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Price" TEXT NOT NULL DEFAULT '0.0',
    "Sku" TEXT NOT NULL DEFAULT ''
);

INSERT INTO "ef_temp_Products" ("Id", "Active", "Name", "Price", "Sku")
SELECT "Id", "Active", "Name", IFNULL("Price", '0.0'), "Sku"
FROM "Products";

"""
        + _ef_swap("Products")
        + """CREATE UNIQUE INDEX "IX_Products_Sku" ON "Products" ("Sku");

"""
        + _ef_done("20240412093000_ProductPriceRequired"),
        {("set-not-null", 17)},
    ),
    (
        "1.15.0__SkuUpper.sql",
        """UPDATE "Products" SET "Sku" = upper("Sku");

"""
        + _ef_done("20240419120000_SkuUpper"),
        {("update-without-where", 1)},
    ),
    (
        "1.16.0__TaxRatesNoZero.sql",
        """DELETE FROM "TaxRates"
WHERE "Id" = 3;
SELECT changes();

UPDATE "TaxRates" SET "Rate" = '0.07'
WHERE "Id" = 2;
SELECT changes();

"""
        + _ef_done("20240426080000_TaxRatesNoZero"),
        set(),
    ),
    (
        "1.17.0__Audit.sql",
        """CREATE TABLE "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "Entity" TEXT NOT NULL,
    "EntityId" INTEGER NOT NULL,
    "At" TEXT NOT NULL
);

CREATE TRIGGER "TR_Invoices_Audit" AFTER UPDATE ON "Invoices"
BEGIN
    INSERT INTO "AuditEntries" ("Entity", "EntityId", "At") VALUES ('Invoice', NEW."Id", datetime('now'));
END;

"""
        + _ef_done("20240503101010_Audit"),
        set(),
    ),
    (
        "1.18.0__InvoiceCustomerCascade.sql",
        """CREATE TABLE "ef_temp_Invoices" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Invoices" PRIMARY KEY AUTOINCREMENT,
    "CustomerId" INTEGER NOT NULL,
    "DueDate" TEXT NULL,
    "IssuedAt" TEXT NOT NULL,
    "Number" TEXT NOT NULL DEFAULT '',
    "Status" INTEGER NOT NULL DEFAULT 0,
    "Total" TEXT NOT NULL,
    CONSTRAINT "FK_Invoices_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE CASCADE
);

INSERT INTO "ef_temp_Invoices" ("Id", "CustomerId", "DueDate", "IssuedAt", "Number", "Status", "Total")
SELECT "Id", "CustomerId", "DueDate", "IssuedAt", "Number", "Status", "Total"
FROM "Invoices";

"""
        + _ef_swap("Invoices")
        + """CREATE INDEX "IX_Invoices_CustomerId" ON "Invoices" ("CustomerId");

CREATE UNIQUE INDEX "IX_Invoices_Number" ON "Invoices" ("Number");

CREATE INDEX "IX_Invoices_Status" ON "Invoices" ("Status");

"""
        + _ef_done("20240510143000_InvoiceCustomerCascade"),
        {("rebuild-loses-dependents", 18)},
    ),
    (
        "1.19.0__BalancesView.sql",
        """CREATE VIEW "vw_CustomerBalances" AS
SELECT c."Id" AS "CustomerId", c."Name", COUNT(i."Id") AS "Invoices", SUM(CAST(i."Total" AS REAL)) AS "Billed"
FROM "Customers" AS c
LEFT JOIN "Invoices" AS i ON i."CustomerId" = c."Id"
GROUP BY c."Id", c."Name";

"""
        + _ef_done("20240517090000_BalancesView"),
        set(),
    ),
    (
        "1.20.0__CustomerVatNumber.sql",
        """DROP VIEW "vw_CustomerBalances";

CREATE TABLE "ef_temp_Customers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Customers" PRIMARY KEY AUTOINCREMENT,
    "Email" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "VatNumber" TEXT NULL CHECK (length("VatNumber") <= 14)
);

INSERT INTO "ef_temp_Customers" ("Id", "Email", "Name")
SELECT "Id", "Email", "Name"
FROM "Customers";

"""
        + _ef_swap("Customers")
        + """CREATE UNIQUE INDEX "IX_Customers_Email" ON "Customers" ("Email");

CREATE VIEW "vw_CustomerBalances" AS
SELECT c."Id" AS "CustomerId", c."Name", c."VatNumber", COUNT(i."Id") AS "Invoices", SUM(CAST(i."Total" AS REAL)) AS "Billed"
FROM "Customers" AS c
LEFT JOIN "Invoices" AS i ON i."CustomerId" = c."Id"
GROUP BY c."Id", c."Name";

"""
        + _ef_done("20240524110000_CustomerVatNumber"),
        set(),
    ),
    (
        "1.21.0__LineItemUnit.sql",
        """CREATE TABLE "ef_temp_LineItems" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_InvoiceLines" PRIMARY KEY AUTOINCREMENT,
    "InvoiceId" INTEGER NOT NULL,
    "ProductId" INTEGER NOT NULL,
    "Quantity" TEXT NOT NULL,
    "Unit" TEXT NOT NULL,
    "UnitPrice" TEXT NOT NULL,
    CONSTRAINT "FK_LineItems_Invoices_InvoiceId" FOREIGN KEY ("InvoiceId") REFERENCES "Invoices" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_LineItems_Products_ProductId" FOREIGN KEY ("ProductId") REFERENCES "Products" ("Id") ON DELETE RESTRICT
);

INSERT INTO "ef_temp_LineItems" ("Id", "InvoiceId", "ProductId", "Quantity", "UnitPrice")
SELECT "Id", "InvoiceId", "ProductId", "Quantity", "UnitPrice"
FROM "LineItems";

"""
        + _ef_swap("LineItems")
        + """CREATE INDEX "IX_LineItems_InvoiceId" ON "LineItems" ("InvoiceId");

CREATE INDEX "IX_LineItems_ProductId" ON "LineItems" ("ProductId");

"""
        + _ef_done("20240531100000_LineItemUnit"),
        {("add-not-null-without-default", 20)},
    ),
    (
        "1.22.0__ProductNoActive.sql",
        """CREATE TABLE "ef_temp_Products" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Products" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Price" TEXT NOT NULL DEFAULT '0.0',
    "Sku" TEXT NOT NULL DEFAULT ''
);

INSERT INTO "ef_temp_Products" ("Id", "Name", "Price", "Sku")
SELECT "Id", "Name", "Price", "Sku"
FROM "Products";

"""
        + _ef_swap("Products")
        + """CREATE UNIQUE INDEX "IX_Products_Sku" ON "Products" ("Sku");

"""
        + _ef_done("20240607100000_ProductNoActive"),
        {("rebuild-unverified", 14)},
    ),
    (
        "1.23.0__NoBalancesView.sql",
        """DROP VIEW "vw_CustomerBalances";

"""
        + _ef_done("20240614100000_NoBalancesView"),
        {("drop-view", 1)},
    ),
    (
        "1.24.0__AuditPurge.sql",
        """DELETE FROM "AuditEntries";

DROP TRIGGER IF EXISTS "TR_Invoices_Audit";

"""
        + _ef_done("20240621100000_AuditPurge"),
        {("delete-without-where", 1)},
    ),
    (
        "1.25.0__InvoiceNotes.sql",
        _EF_HISTORY
        + """
BEGIN TRANSACTION;

ALTER TABLE "Invoices" ADD "Notes" TEXT NULL;

ALTER TABLE "Invoices" ADD "Currency" TEXT NOT NULL DEFAULT 'EUR';

"""
        + _ef_done("20240628100000_InvoiceNotes")
        + """
COMMIT;
""",
        {("transaction-control", 6), ("transaction-control", 15)},
    ),
    (
        "1.26.0__CustomerCreatedAt.sql",
        """ALTER TABLE "Customers" ADD "CreatedAt" TEXT NOT NULL DEFAULT (datetime('now'));

"""
        + _ef_done("20240705100000_CustomerCreatedAt"),
        {("sqlite-add-column-restriction", 1)},
    ),
]

_FTS_TRIGGERS = """-- +goose StatementBegin
CREATE TRIGGER entries_fts_ai AFTER INSERT ON entries BEGIN
    INSERT INTO entries_fts (rowid, title, content) VALUES (new.id, new.title, new.content);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER entries_fts_ad AFTER DELETE ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, content) VALUES ('delete', old.id, old.title, old.content);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER entries_fts_au AFTER UPDATE ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, content) VALUES ('delete', old.id, old.title, old.content);
    INSERT INTO entries_fts (rowid, title, content) VALUES (new.id, new.title, new.content);
END;
-- +goose StatementEnd
"""

_UNREAD_VIEW = """CREATE VIEW unread_counts AS
    SELECT feed_id, count(*) AS unread FROM entries WHERE read = 0 GROUP BY feed_id;
"""

_ENTRY_INDEXES = """CREATE INDEX entries_feed_published ON entries (feed_id, published_at DESC);
CREATE INDEX entries_unread ON entries (feed_id) WHERE read = 0;
CREATE INDEX entries_published_day ON entries (published_day);
"""

FEEDS: History = [
    (
        "0.1.0__init.sql",
        """-- +goose Up
CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    title TEXT,
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
) STRICT;

CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    guid TEXT NOT NULL,
    title TEXT,
    link TEXT,
    content TEXT,
    published_at INTEGER,
    read INTEGER NOT NULL DEFAULT 0,
    UNIQUE (feed_id, guid)
) STRICT;

CREATE INDEX entries_feed_published ON entries (feed_id, published_at DESC);
""",
        set(),
    ),
    (
        "0.2.0__search.sql",
        """-- +goose Up
CREATE VIRTUAL TABLE entries_fts USING fts5 (
    title,
    content,
    content = 'entries',
    content_rowid = 'id'
);

"""
        + _FTS_TRIGGERS
        + """
INSERT INTO entries_fts (entries_fts) VALUES ('rebuild');
""",
        set(),
    ),
    (
        "0.3.0__settings.sql",
        """-- +goose Up
CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;

INSERT OR IGNORE INTO settings (key, value) VALUES ('refresh_minutes', '30'), ('theme', 'auto');
""",
        set(),
    ),
    (
        "0.4.0__unread_index.sql",
        """-- +goose Up
CREATE INDEX entries_unread ON entries (feed_id) WHERE read = 0;
CREATE INDEX feeds_url_lower ON feeds (lower(url));
""",
        set(),
    ),
    (
        "0.5.0__published_day.sql",
        """-- +goose Up
ALTER TABLE entries ADD COLUMN published_day TEXT GENERATED ALWAYS AS (date(published_at, 'unixepoch')) VIRTUAL;
CREATE INDEX entries_published_day ON entries (published_day);
""",
        set(),
    ),
    (
        "0.6.0__unread_view.sql",
        "-- +goose Up\n" + _UNREAD_VIEW,
        set(),
    ),
    (
        "0.7.0__conditional_get.sql",
        """-- +goose Up
ALTER TABLE feeds ADD COLUMN etag TEXT;
ALTER TABLE feeds ADD COLUMN last_modified TEXT;
PRAGMA user_version = 7;
""",
        set(),
    ),
    (
        "0.8.0__categories.sql",
        """-- +goose Up
CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
) STRICT;
ALTER TABLE feeds ADD COLUMN category_id INTEGER REFERENCES categories (id) ON DELETE SET NULL;
INSERT INTO categories (name) VALUES ('Uncategorized');
UPDATE feeds SET category_id = (SELECT id FROM categories WHERE name = 'Uncategorized');
""",
        set(),
    ),
    (
        "0.9.0__feeds_url_check.sql",
        """-- +goose Up
PRAGMA foreign_keys = OFF;

CREATE TABLE feeds__new (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE CHECK (url <> ''),
    title TEXT,
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    etag TEXT,
    last_modified TEXT,
    category_id INTEGER REFERENCES categories (id) ON DELETE SET NULL
) STRICT;

INSERT INTO feeds__new SELECT id, url, title, created_at, etag, last_modified, category_id FROM feeds;

DROP TABLE feeds;

ALTER TABLE feeds__new RENAME TO feeds;

CREATE INDEX feeds_url_lower ON feeds (lower(url));

PRAGMA foreign_key_check;
PRAGMA foreign_keys = ON;
""",
        set(),
    ),
    (
        "0.10.0__feed_title_required.sql",
        """-- +goose Up
PRAGMA foreign_keys = OFF;

CREATE TABLE feeds__new (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE CHECK (url <> ''),
    title TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    etag TEXT,
    last_modified TEXT,
    category_id INTEGER REFERENCES categories (id) ON DELETE SET NULL
) STRICT;

INSERT INTO feeds__new SELECT id, url, coalesce(title, url), created_at, etag, last_modified, category_id FROM feeds;

DROP TABLE feeds;

ALTER TABLE feeds__new RENAME TO feeds;

CREATE INDEX feeds_url_lower ON feeds (lower(url));

PRAGMA foreign_keys = ON;
""",
        {("set-not-null", 18)},
    ),
    (
        "0.11.0__entries_author.sql",
        """-- +goose Up
ALTER TABLE entries ADD COLUMN author TEXT;
""",
        set(),
    ),
    (
        "0.12.0__entries_keep_all.sql",
        """-- +goose Up
PRAGMA foreign_keys = OFF;

DROP VIEW unread_counts;

CREATE TABLE entries__new (
    id INTEGER PRIMARY KEY,
    feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    guid TEXT NOT NULL,
    title TEXT,
    link TEXT,
    content TEXT,
    published_at INTEGER,
    read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
    published_day TEXT GENERATED ALWAYS AS (date(published_at, 'unixepoch')) VIRTUAL,
    author TEXT,
    UNIQUE (feed_id, guid)
) STRICT;

INSERT INTO entries__new (id, feed_id, guid, title, link, content, published_at, read, author)
    SELECT id, feed_id, guid, title, link, content, published_at, read, author FROM entries;

DROP TABLE entries;

ALTER TABLE entries__new RENAME TO entries;

"""
        + _ENTRY_INDEXES
        + _FTS_TRIGGERS
        + _UNREAD_VIEW
        + """
PRAGMA foreign_keys = ON;
""",
        set(),
    ),
    (
        "0.13.0__entries_published_text.sql",
        """-- +goose Up
PRAGMA foreign_keys = OFF;

DROP VIEW unread_counts;

CREATE TABLE entries__new (
    id INTEGER PRIMARY KEY,
    feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    guid TEXT NOT NULL,
    title TEXT,
    link TEXT,
    content TEXT,
    published_at TEXT,
    read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
    published_day TEXT GENERATED ALWAYS AS (date(published_at)) VIRTUAL,
    author TEXT,
    UNIQUE (feed_id, guid)
) STRICT;

INSERT INTO entries__new (id, feed_id, guid, title, link, content, published_at, read, author)
    SELECT id, feed_id, guid, title, link, content, datetime(published_at, 'unixepoch'), read, author FROM entries;

DROP TABLE entries;

ALTER TABLE entries__new RENAME TO entries;

"""
        + _ENTRY_INDEXES
        + _FTS_TRIGGERS
        + _UNREAD_VIEW
        + """
PRAGMA foreign_keys = ON;
""",
        {("rebuild-unverified", 23)},
    ),
    (
        "0.14.0__entries_forget_search.sql",
        """-- +goose Up
PRAGMA foreign_keys = OFF;

DROP VIEW unread_counts;

CREATE TABLE entries__new (
    id INTEGER PRIMARY KEY,
    feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    guid TEXT NOT NULL,
    title TEXT,
    link TEXT,
    content TEXT,
    published_at TEXT,
    read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
    published_day TEXT GENERATED ALWAYS AS (date(published_at)) VIRTUAL,
    author TEXT,
    starred INTEGER NOT NULL DEFAULT 0,
    UNIQUE (feed_id, guid)
) STRICT;

INSERT INTO entries__new (id, feed_id, guid, title, link, content, published_at, read, author)
    SELECT id, feed_id, guid, title, link, content, published_at, read, author FROM entries;

DROP TABLE entries;

ALTER TABLE entries__new RENAME TO entries;

"""
        + _ENTRY_INDEXES
        + _UNREAD_VIEW
        + """
PRAGMA foreign_keys = ON;
""",
        {("rebuild-loses-dependents", 24)},
    ),
    (
        "0.15.0__search_again.sql",
        "-- +goose Up\n" + _FTS_TRIGGERS + "INSERT INTO entries_fts (entries_fts) VALUES ('rebuild');\n",
        set(),
    ),
    (
        "0.16.0__unread_view_starred.sql",
        """-- +goose Up
DROP VIEW IF EXISTS unread_counts;
CREATE VIEW unread_counts AS
    SELECT feed_id, count(*) AS unread, sum(starred) AS starred FROM entries WHERE read = 0 GROUP BY feed_id;
""",
        set(),
    ),
    (
        "0.17.0__entries_url.sql",
        """-- +goose Up
ALTER TABLE entries RENAME COLUMN link TO url;
""",
        {("rename-column", 2)},
    ),
    (
        "0.18.0__search_author.sql",
        """-- +goose Up
DROP TRIGGER entries_fts_ai;
DROP TRIGGER entries_fts_ad;
DROP TRIGGER entries_fts_au;
DROP TABLE entries_fts;
CREATE VIRTUAL TABLE entries_fts USING fts5 (title, content, author, content = 'entries', content_rowid = 'id', tokenize = 'porter unicode61');
-- +goose StatementBegin
CREATE TRIGGER entries_fts_ai AFTER INSERT ON entries BEGIN
    INSERT INTO entries_fts (rowid, title, content, author) VALUES (new.id, new.title, new.content, new.author);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER entries_fts_ad AFTER DELETE ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, content, author) VALUES ('delete', old.id, old.title, old.content, old.author);
END;
-- +goose StatementEnd
INSERT INTO entries_fts (entries_fts) VALUES ('rebuild');
""",
        {("drop-table", 5)},
    ),
    (
        "0.19.0__prune_read.sql",
        """-- +goose Up
DELETE FROM entries WHERE read = 1 AND starred = 0 AND published_at < datetime('now', '-90 days');
INSERT INTO entries_fts (entries_fts) VALUES ('optimize');
""",
        set(),
    ),
    (
        "0.20.0__mark_all_unread.sql",
        """-- +goose Up
UPDATE entries SET read = 0;
""",
        {("update-without-where", 2)},
    ),
    (
        "0.21.0__tags.sql",
        """-- +goose Up
CREATE TABLE entry_tags (
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    tag TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (entry_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX entry_tags_tag ON entry_tags (tag);
""",
        set(),
    ),
    (
        "0.22.0__tags_case.sql",
        """-- +goose Up
CREATE TABLE entry_tags__new (
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (entry_id, tag)
) STRICT, WITHOUT ROWID;
INSERT OR IGNORE INTO entry_tags__new (entry_id, tag) SELECT entry_id, lower(tag) FROM entry_tags;
DROP TABLE entry_tags;
ALTER TABLE entry_tags__new RENAME TO entry_tags;
CREATE INDEX entry_tags_tag ON entry_tags (tag);
""",
        {("rebuild-filters-rows", 7)},
    ),
    (
        "0.23.0__no_categories.sql",
        """-- +goose Up
UPDATE feeds SET category_id = NULL WHERE category_id IS NOT NULL;
DROP TABLE categories;
""",
        {("drop-table", 3)},
    ),
    (
        "0.24.0__no_etag.sql",
        """-- +goose Up
ALTER TABLE feeds DROP COLUMN etag;
""",
        {("drop-column", 2)},
    ),
    (
        "0.25.0__prefs.sql",
        """-- +goose Up
ALTER TABLE settings RENAME TO prefs;
PRAGMA user_version = 25;
""",
        {("rename-table", 2)},
    ),
    (
        "0.26.0__feeds_touch.sql",
        """-- +goose Up
ALTER TABLE feeds ADD COLUMN updated_at TEXT;
UPDATE feeds SET updated_at = created_at;
-- +goose StatementBegin
CREATE TRIGGER feeds_touch AFTER UPDATE ON feeds FOR EACH ROW WHEN new.updated_at IS old.updated_at
BEGIN
    UPDATE feeds SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = new.id;
END;
-- +goose StatementEnd
""",
        set(),
    ),
    (
        "0.27.0__feeds_no_check.sql",
        """-- +goose Up
PRAGMA foreign_keys = OFF;
CREATE TABLE feeds__new (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    last_modified TEXT,
    category_id INTEGER,
    updated_at TEXT
) STRICT;
INSERT INTO feeds__new (id, url, title, created_at, last_modified, category_id, updated_at)
    SELECT id, url, title, created_at, last_modified, category_id, updated_at FROM feeds;
DROP TABLE feeds;
ALTER TABLE feeds__new RENAME TO feeds;
CREATE INDEX feeds_url_lower ON feeds (lower(url));
PRAGMA foreign_keys = ON;
""",
        {("rebuild-loses-dependents", 14)},
    ),
    (
        "0.28.0__feeds_fetched_at.sql",
        """-- +goose Up
ALTER TABLE feeds ADD COLUMN fetched_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP;
""",
        {("sqlite-add-column-restriction", 2)},
    ),
]

SHOP: History = [
    (
        "2.0.0__Version20240110101010.sql",
        """CREATE TABLE user (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, email VARCHAR(180) NOT NULL, roles CLOB NOT NULL --(DC2Type:json)
, password VARCHAR(255) NOT NULL, created_at DATETIME NOT NULL --(DC2Type:datetime_immutable)
);
CREATE UNIQUE INDEX UNIQ_8D93D649E7927C74 ON user (email);
CREATE TABLE product (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, name VARCHAR(255) NOT NULL, price INTEGER NOT NULL, description CLOB DEFAULT NULL, stock INTEGER DEFAULT NULL);
CREATE TABLE messenger_messages (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, body CLOB NOT NULL, headers CLOB NOT NULL, queue_name VARCHAR(190) NOT NULL, created_at DATETIME NOT NULL --(DC2Type:datetime_immutable)
, available_at DATETIME NOT NULL --(DC2Type:datetime_immutable)
, delivered_at DATETIME DEFAULT NULL --(DC2Type:datetime_immutable)
);
CREATE INDEX IDX_75EA56E0FB7336F0 ON messenger_messages (queue_name);
CREATE INDEX IDX_75EA56E0E3BD61CE ON messenger_messages (available_at);
CREATE INDEX IDX_75EA56E016BA31DB ON messenger_messages (delivered_at);
""",
        set(),
    ),
    (
        "2.1.0__Version20240117090000.sql",
        """CREATE TABLE "order" (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, customer_id INTEGER NOT NULL, status VARCHAR(20) NOT NULL, placed_at DATETIME NOT NULL --(DC2Type:datetime_immutable)
, CONSTRAINT FK_F52993989395C3F3 FOREIGN KEY (customer_id) REFERENCES user (id) NOT DEFERRABLE INITIALLY IMMEDIATE);
CREATE INDEX IDX_F52993989395C3F3 ON "order" (customer_id);
CREATE TABLE order_item (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, purchase_id INTEGER NOT NULL, product_id INTEGER NOT NULL, quantity INTEGER NOT NULL, CONSTRAINT FK_52EA1F09558FBEB9 FOREIGN KEY (purchase_id) REFERENCES "order" (id) NOT DEFERRABLE INITIALLY IMMEDIATE, CONSTRAINT FK_52EA1F094584665A FOREIGN KEY (product_id) REFERENCES product (id) NOT DEFERRABLE INITIALLY IMMEDIATE);
CREATE INDEX IDX_52EA1F09558FBEB9 ON order_item (purchase_id);
CREATE INDEX IDX_52EA1F094584665A ON order_item (product_id);
""",
        set(),
    ),
    (
        "2.2.0__Version20240124120000.sql",
        """ALTER TABLE product ADD COLUMN slug VARCHAR(255) DEFAULT NULL;
UPDATE product SET slug = lower(replace(name, ' ', '-'));
CREATE UNIQUE INDEX UNIQ_D34A04AD989D9B62 ON product (slug);
""",
        set(),
    ),
    (
        "2.3.0__Version20240131150000.sql",
        """CREATE TEMPORARY TABLE __temp__product AS SELECT id, name, price, description, stock, slug FROM product;
DROP TABLE product;
CREATE TABLE product (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, name VARCHAR(255) NOT NULL, price INTEGER NOT NULL, description CLOB DEFAULT NULL, stock INTEGER DEFAULT 0 NOT NULL, slug VARCHAR(255) DEFAULT NULL);
INSERT INTO product (id, name, price, description, stock, slug) SELECT id, name, price, description, stock, slug FROM __temp__product;
DROP TABLE __temp__product;
CREATE UNIQUE INDEX UNIQ_D34A04AD989D9B62 ON product (slug);
""",
        {("set-not-null", 3)},
    ),
    (
        "2.4.0__Version20240207100000.sql",
        """CREATE TABLE category (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, name VARCHAR(100) NOT NULL);
CREATE TEMPORARY TABLE __temp__product AS SELECT id, name, price, description, stock, slug FROM product;
DROP TABLE product;
CREATE TABLE product (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, category_id INTEGER DEFAULT NULL, name VARCHAR(255) NOT NULL, price INTEGER NOT NULL, description CLOB DEFAULT NULL, stock INTEGER DEFAULT 0 NOT NULL, slug VARCHAR(255) DEFAULT NULL, CONSTRAINT FK_D34A04AD12469DE2 FOREIGN KEY (category_id) REFERENCES category (id) NOT DEFERRABLE INITIALLY IMMEDIATE);
INSERT INTO product (id, name, price, description, stock, slug) SELECT id, name, price, description, stock, slug FROM __temp__product;
DROP TABLE __temp__product;
CREATE UNIQUE INDEX UNIQ_D34A04AD989D9B62 ON product (slug);
CREATE INDEX IDX_D34A04AD12469DE2 ON product (category_id);
""",
        set(),
    ),
    (
        "2.5.0__Version20240214110000.sql",
        """DROP INDEX IDX_F52993989395C3F3;
CREATE TEMPORARY TABLE __temp__order AS SELECT id, customer_id, status, placed_at FROM "order";
DROP TABLE "order";
CREATE TABLE "order" (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, customer_id INTEGER NOT NULL, status VARCHAR(20) NOT NULL, placed_at DATETIME NOT NULL --(DC2Type:datetime_immutable)
, total INTEGER DEFAULT 0 NOT NULL, CONSTRAINT FK_F52993989395C3F3 FOREIGN KEY (customer_id) REFERENCES user (id) ON DELETE CASCADE NOT DEFERRABLE INITIALLY IMMEDIATE);
INSERT INTO "order" (id, customer_id, status, placed_at) SELECT id, customer_id, status, placed_at FROM __temp__order;
DROP TABLE __temp__order;
CREATE INDEX IDX_F52993989395C3F3 ON "order" (customer_id);
""",
        set(),
    ),
    (
        "2.6.0__Version20240221090000.sql",
        """CREATE TEMPORARY TABLE __temp__product AS SELECT id, category_id, name, price, stock, slug FROM product;
DROP TABLE product;
CREATE TABLE product (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, category_id INTEGER DEFAULT NULL, name VARCHAR(255) NOT NULL, price INTEGER NOT NULL, stock INTEGER DEFAULT 0 NOT NULL, slug VARCHAR(255) DEFAULT NULL, CONSTRAINT FK_D34A04AD12469DE2 FOREIGN KEY (category_id) REFERENCES category (id) NOT DEFERRABLE INITIALLY IMMEDIATE);
INSERT INTO product (id, category_id, name, price, stock, slug) SELECT id, category_id, name, price, stock, slug FROM __temp__product;
DROP TABLE __temp__product;
CREATE UNIQUE INDEX UNIQ_D34A04AD989D9B62 ON product (slug);
CREATE INDEX IDX_D34A04AD12469DE2 ON product (category_id);
""",
        {("rebuild-unverified", 2)},
    ),
    (
        "2.7.0__Version20240228140000.sql",
        """ALTER TABLE user ADD COLUMN is_verified BOOLEAN DEFAULT 0 NOT NULL;
ALTER TABLE user ADD COLUMN display_name VARCHAR(100) DEFAULT NULL;
""",
        set(),
    ),
    (
        "2.8.0__Version20240306100000.sql",
        """CREATE TEMPORARY TABLE __temp__order AS SELECT id, customer_id, status, placed_at, total FROM "order";
DROP TABLE "order";
CREATE TABLE "order" (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, customer_id INTEGER NOT NULL, status VARCHAR(20) NOT NULL, placed_at DATETIME NOT NULL --(DC2Type:datetime_immutable)
, total NUMERIC(10, 2) DEFAULT 0 NOT NULL, CONSTRAINT FK_F52993989395C3F3 FOREIGN KEY (customer_id) REFERENCES user (id) ON DELETE CASCADE NOT DEFERRABLE INITIALLY IMMEDIATE);
INSERT INTO "order" (id, customer_id, status, placed_at, total) SELECT id, customer_id, status, placed_at, total FROM __temp__order;
DROP TABLE __temp__order;
CREATE INDEX IDX_F52993989395C3F3 ON "order" (customer_id);
""",
        # keyed rebuild-unverified before the lint ran; on review the lint is right: INTEGER and
        # NUMERIC affinity store every value alike, and SQLite keeps no precision or scale, so
        # INTEGER to NUMERIC(10, 2) keeps every value (widen-column-type, info)
        set(),
    ),
    (
        "2.9.0__Version20240313120000.sql",
        """CREATE TABLE review (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, product_id INTEGER NOT NULL, author_id INTEGER DEFAULT NULL, rating SMALLINT NOT NULL, body CLOB DEFAULT NULL, created_at DATETIME NOT NULL --(DC2Type:datetime_immutable)
, CONSTRAINT FK_794381C64584665A FOREIGN KEY (product_id) REFERENCES product (id) NOT DEFERRABLE INITIALLY IMMEDIATE, CONSTRAINT FK_794381C6F675F31B FOREIGN KEY (author_id) REFERENCES user (id) NOT DEFERRABLE INITIALLY IMMEDIATE);
CREATE INDEX IDX_794381C64584665A ON review (product_id);
CREATE INDEX IDX_794381C6F675F31B ON review (author_id);
""",
        set(),
    ),
    (
        "2.10.0__Version20240320090000.sql",
        """DROP INDEX IDX_794381C64584665A;
DROP INDEX IDX_794381C6F675F31B;
CREATE TEMPORARY TABLE __temp__review AS SELECT id, product_id, author_id, rating, body, created_at FROM review;
DROP TABLE review;
CREATE TABLE review (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, product_id INTEGER NOT NULL, author_id INTEGER NOT NULL, rating SMALLINT NOT NULL, body CLOB DEFAULT NULL, created_at DATETIME NOT NULL --(DC2Type:datetime_immutable)
, CONSTRAINT FK_794381C64584665A FOREIGN KEY (product_id) REFERENCES product (id) NOT DEFERRABLE INITIALLY IMMEDIATE, CONSTRAINT FK_794381C6F675F31B FOREIGN KEY (author_id) REFERENCES user (id) NOT DEFERRABLE INITIALLY IMMEDIATE);
INSERT INTO review (id, product_id, author_id, rating, body, created_at) SELECT id, product_id, author_id, rating, body, created_at FROM __temp__review;
DROP TABLE __temp__review;
CREATE INDEX IDX_794381C64584665A ON review (product_id);
CREATE INDEX IDX_794381C6F675F31B ON review (author_id);
""",
        {("set-not-null", 5)},
    ),
    (
        "2.11.0__Version20240327110000.sql",
        """ALTER TABLE user RENAME COLUMN display_name TO nickname;
""",
        {("rename-column", 1)},
    ),
    (
        "2.12.0__Version20240403100000.sql",
        """DROP INDEX IDX_794381C64584665A;
DROP INDEX IDX_794381C6F675F31B;
CREATE TEMPORARY TABLE __temp__review AS SELECT id, product_id, author_id, rating, body, created_at FROM review;
DROP TABLE review;
CREATE TABLE review (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, product_id INTEGER NOT NULL, author_id INTEGER NOT NULL, rating SMALLINT NOT NULL, body CLOB DEFAULT NULL, created_at DATETIME NOT NULL --(DC2Type:datetime_immutable)
, CONSTRAINT FK_794381C64584665A FOREIGN KEY (product_id) REFERENCES product (id) ON DELETE CASCADE NOT DEFERRABLE INITIALLY IMMEDIATE, CONSTRAINT FK_794381C6F675F31B FOREIGN KEY (author_id) REFERENCES user (id) NOT DEFERRABLE INITIALLY IMMEDIATE);
INSERT INTO review (id, product_id, author_id, rating, body, created_at) SELECT id, product_id, author_id, rating, body, created_at FROM __temp__review;
DROP TABLE __temp__review;
CREATE INDEX IDX_794381C6F675F31B ON review (author_id);
""",
        # the index the file drops first and does not make again is a drop-index (warning): gone
        # before the rebuild, not lost by it
        set(),
    ),
    (
        "2.13.0__Version20240410100000.sql",
        """CREATE TABLE doctrine_migration_versions (version VARCHAR(191) NOT NULL, executed_at DATETIME DEFAULT NULL, execution_time INTEGER DEFAULT NULL, PRIMARY KEY(version));
INSERT INTO doctrine_migration_versions (version, executed_at, execution_time) VALUES ('DoctrineMigrations\\Version20240410100000', datetime('now'), 12);
DELETE FROM messenger_messages WHERE delivered_at IS NOT NULL;
""",
        set(),
    ),
    (
        "2.14.0__Version20240417100000.sql",
        """DROP TABLE messenger_messages;
""",
        {("drop-table", 1)},
    ),
    (
        "2.15.0__Version20240424100000.sql",
        """CREATE TEMPORARY TABLE __temp__user AS SELECT id, email, roles, password, created_at, is_verified, nickname FROM user;
DROP TABLE user;
CREATE TABLE user (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, email VARCHAR(180) NOT NULL, roles CLOB NOT NULL --(DC2Type:json)
, password VARCHAR(255) NOT NULL, created_at DATETIME NOT NULL --(DC2Type:datetime_immutable)
, is_verified BOOLEAN DEFAULT 0 NOT NULL, nickname VARCHAR(100) DEFAULT NULL, locale VARCHAR(5) NOT NULL);
INSERT INTO user (id, email, roles, password, created_at, is_verified, nickname) SELECT id, email, roles, password, created_at, is_verified, nickname FROM __temp__user;
DROP TABLE __temp__user;
CREATE UNIQUE INDEX UNIQ_8D93D649E7927C74 ON user (email);
""",
        {("add-not-null-without-default", 3)},
    ),
    (
        "2.16.0__Version20240501100000.sql",
        """UPDATE product SET stock = 0;
UPDATE "order" SET status = 'cancelled' WHERE status = 'pending' AND placed_at < '2024-01-01';
""",
        {("update-without-where", 1)},
    ),
    (
        "2.17.0__Version20240508100000.sql",
        """CREATE TEMPORARY TABLE __temp__category AS SELECT id, name FROM category;
DROP TABLE category;
CREATE TABLE category (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, name VARCHAR(100) NOT NULL, parent_id INTEGER DEFAULT NULL, CONSTRAINT FK_64C19C1727ACA70 FOREIGN KEY (parent_id) REFERENCES category (id) NOT DEFERRABLE INITIALLY IMMEDIATE);
INSERT INTO category (id, name) SELECT DISTINCT id, name FROM __temp__category;
DROP TABLE __temp__category;
CREATE INDEX IDX_64C19C1727ACA70 ON category (parent_id);
""",
        {("rebuild-filters-rows", 4)},
    ),
    (
        "2.18.0__Version20240515100000.sql",
        """ALTER TABLE order_item RENAME TO order_line;
""",
        {("rename-table", 1)},
    ),
    (
        "2.19.0__Version20240522100000.sql",
        """ALTER TABLE user DROP COLUMN nickname;
""",
        {("drop-column", 1)},
    ),
]

_POSTS_INDEXES = """create index "posts_user_id_index" on "posts" ("user_id");
create unique index "posts_slug_unique" on "posts" ("slug");
create index "posts_published_at_index" on "posts" ("published_at");
"""

NEWSROOM: History = [
    (
        "1.0.0__create_users_table.sql",
        """create table "users" ("id" integer primary key autoincrement not null, "name" varchar not null, "email" varchar not null, "email_verified_at" datetime, "password" varchar not null, "remember_token" varchar, "created_at" datetime, "updated_at" datetime);
create unique index "users_email_unique" on "users" ("email");
create table "password_reset_tokens" ("email" varchar not null, "token" varchar not null, "created_at" datetime, primary key ("email"));
create table "sessions" ("id" varchar not null, "user_id" integer, "ip_address" varchar, "user_agent" text, "payload" text not null, "last_activity" integer not null, primary key ("id"));
create index "sessions_user_id_index" on "sessions" ("user_id");
create index "sessions_last_activity_index" on "sessions" ("last_activity");
""",
        set(),
    ),
    (
        "1.1.0__create_cache_table.sql",
        """create table "cache" ("key" varchar not null, "value" text not null, "expiration" integer not null, primary key ("key"));
create table "cache_locks" ("key" varchar not null, "owner" varchar not null, "expiration" integer not null, primary key ("key"));
""",
        set(),
    ),
    (
        "1.2.0__create_jobs_table.sql",
        """create table "jobs" ("id" integer primary key autoincrement not null, "queue" varchar not null, "payload" text not null, "attempts" integer not null, "reserved_at" integer, "available_at" integer not null, "created_at" integer not null);
create index "jobs_queue_index" on "jobs" ("queue");
create table "failed_jobs" ("id" integer primary key autoincrement not null, "uuid" varchar not null, "connection" text not null, "queue" text not null, "payload" text not null, "exception" text not null, "failed_at" datetime not null default CURRENT_TIMESTAMP);
create unique index "failed_jobs_uuid_unique" on "failed_jobs" ("uuid");
""",
        set(),
    ),
    (
        "2.0.0__create_posts_table.sql",
        """create table "posts" ("id" integer primary key autoincrement not null, "user_id" integer not null, "title" varchar not null, "slug" varchar not null, "body" text not null, "status" varchar check ("status" in ('draft', 'published', 'archived')) not null default 'draft', "published_at" datetime, "created_at" datetime, "updated_at" datetime, foreign key("user_id") references "users"("id") on delete cascade);
"""
        + _POSTS_INDEXES,
        set(),
    ),
    (
        "2.1.0__create_comments_table.sql",
        """create table "comments" ("id" integer primary key autoincrement not null, "post_id" integer not null, "author_name" varchar not null, "body" text not null, "approved" tinyint(1) not null default '0', "created_at" datetime, "updated_at" datetime, foreign key("post_id") references "posts"("id") on delete cascade);
create index "comments_post_id_approved_index" on "comments" ("post_id", "approved");
""",
        set(),
    ),
    (
        "2.2.0__add_excerpt_to_posts.sql",
        """alter table "posts" add column "excerpt" varchar;
update "posts" set "excerpt" = substr("body", 1, 200);
""",
        set(),
    ),
    (
        "2.3.0__make_excerpt_longer.sql",
        """pragma foreign_keys = off;
create table "__temp__posts" ("id" integer primary key autoincrement not null, "user_id" integer not null, "title" varchar not null, "slug" varchar not null, "body" text not null, "status" varchar check ("status" in ('draft', 'published', 'archived')) not null default 'draft', "published_at" datetime, "created_at" datetime, "updated_at" datetime, "excerpt" text, foreign key("user_id") references "users"("id") on delete cascade);
insert into "__temp__posts" ("id", "user_id", "title", "slug", "body", "status", "published_at", "created_at", "updated_at", "excerpt") select "id", "user_id", "title", "slug", "body", "status", "published_at", "created_at", "updated_at", "excerpt" from "posts";
drop table "posts";
alter table "__temp__posts" rename to "posts";
"""
        + _POSTS_INDEXES
        + """pragma foreign_keys = on;
""",
        set(),
    ),
    (
        "2.4.0__create_tags_tables.sql",
        """create table "tags" ("id" integer primary key autoincrement not null, "name" varchar not null, "created_at" datetime, "updated_at" datetime);
create unique index "tags_name_unique" on "tags" ("name");
create table "post_tag" ("post_id" integer not null, "tag_id" integer not null, foreign key("post_id") references "posts"("id") on delete cascade, foreign key("tag_id") references "tags"("id") on delete cascade, primary key ("post_id", "tag_id"));
""",
        set(),
    ),
    (
        "2.5.0__status_featured.sql",
        """pragma foreign_keys = off;
create table "__temp__posts" ("id" integer primary key autoincrement not null, "user_id" integer not null, "title" varchar not null, "slug" varchar not null, "body" text not null, "status" varchar check ("status" in ('draft', 'published', 'archived', 'featured')) not null default 'draft', "published_at" datetime, "created_at" datetime, "updated_at" datetime, "excerpt" text, foreign key("user_id") references "users"("id") on delete cascade);
insert into "__temp__posts" ("id", "user_id", "title", "slug", "body", "status", "published_at", "created_at", "updated_at", "excerpt") select "id", "user_id", "title", "slug", "body", "status", "published_at", "created_at", "updated_at", "excerpt" from "posts";
drop table "posts";
alter table "__temp__posts" rename to "posts";
"""
        + _POSTS_INDEXES
        + """pragma foreign_keys = on;
""",
        set(),
    ),
    (
        "2.6.0__rename_author_name.sql",
        """alter table "comments" rename column "author_name" to "author";
""",
        {("rename-column", 1)},
    ),
    (
        "2.7.0__comments_user.sql",
        """alter table "comments" add column "user_id" integer references "users"("id") on delete set null;
create index "comments_user_id_index" on "comments" ("user_id");
""",
        set(),
    ),
    (
        "2.8.0__purge_cache.sql",
        """delete from "cache";
delete from "cache_locks" where "expiration" < strftime('%s', 'now');
""",
        {("delete-without-where", 1)},
    ),
    (
        "2.9.0__drop_password_resets.sql",
        """drop table if exists "password_reset_tokens";
""",
        {("drop-table", 1)},
    ),
    (
        "3.0.0__views_count.sql",
        """alter table "posts" add column "views" integer not null default '0';
create view "popular_posts" as select "id", "title", "views" from "posts" where "status" = 'published' order by "views" desc limit 10;
""",
        set(),
    ),
    (
        "3.1.0__posts_title_required_length.sql",
        """pragma foreign_keys = off;
drop view if exists "popular_posts";
create table "__temp__posts" ("id" integer primary key autoincrement not null, "user_id" integer not null, "title" varchar not null, "slug" varchar not null, "body" text not null, "status" varchar check ("status" in ('draft', 'published', 'archived', 'featured')) not null default 'draft', "published_at" datetime, "created_at" datetime, "updated_at" datetime, "excerpt" text not null default '', "views" integer not null default '0', foreign key("user_id") references "users"("id") on delete cascade);
insert into "__temp__posts" ("id", "user_id", "title", "slug", "body", "status", "published_at", "created_at", "updated_at", "excerpt", "views") select "id", "user_id", "title", "slug", "body", "status", "published_at", "created_at", "updated_at", ifnull("excerpt", ''), "views" from "posts";
drop table "posts";
alter table "__temp__posts" rename to "posts";
"""
        + _POSTS_INDEXES
        + """create view "popular_posts" as select "id", "title", "views" from "posts" where "status" = 'published' order by "views" desc limit 10;
pragma foreign_keys = on;
""",
        {("set-not-null", 6)},
    ),
    (
        "3.2.0__posts_without_view.sql",
        """pragma foreign_keys = off;
create table "__temp__posts" ("id" integer primary key autoincrement not null, "user_id" integer not null, "title" varchar not null, "slug" varchar not null, "body" text not null, "status" varchar check ("status" in ('draft', 'published', 'archived', 'featured')) not null default 'draft', "published_at" datetime, "created_at" datetime, "updated_at" datetime, "excerpt" text not null default '', "views" integer not null default '0', "reading_minutes" integer, foreign key("user_id") references "users"("id") on delete cascade);
insert into "__temp__posts" ("id", "user_id", "title", "slug", "body", "status", "published_at", "created_at", "updated_at", "excerpt", "views") select "id", "user_id", "title", "slug", "body", "status", "published_at", "created_at", "updated_at", "excerpt", "views" from "posts";
drop table "posts";
pragma legacy_alter_table = on;
alter table "__temp__posts" rename to "posts";
pragma legacy_alter_table = off;
"""
        + _POSTS_INDEXES
        + """pragma foreign_keys = on;
""",
        set(),
    ),
    (
        "3.3.0__comments_no_user.sql",
        """drop index "comments_user_id_index";
alter table "comments" drop column "user_id";
""",
        {("drop-column", 2)},
    ),
    (
        "3.4.0__jobs_batches.sql",
        """create table "job_batches" ("id" varchar not null, "name" varchar not null, "total_jobs" integer not null, "pending_jobs" integer not null, "failed_jobs" integer not null, "failed_job_ids" text not null, "options" text, "cancelled_at" integer, "created_at" integer not null, "finished_at" integer, primary key ("id"));
insert into "tags" ("name", "created_at", "updated_at") values ('news', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) on conflict ("name") do nothing;
""",
        set(),
    ),
    (
        "3.5.0__approve_all_comments.sql",
        """update "comments" set "approved" = 1 where 1 = 1;
""",
        {("update-without-where", 1)},
    ),
    (
        "3.6.0__tags_slug.sql",
        """alter table "tags" add column "slug" varchar;
update "tags" set "slug" = lower(replace("name", ' ', '-'));
create unique index "tags_slug_unique" on "tags" ("slug");
""",
        set(),
    ),
    (
        "3.7.0__post_tag_positions.sql",
        """create table "__temp__post_tag" ("post_id" integer not null, "tag_id" integer not null, "position" integer not null default '0', foreign key("post_id") references "posts"("id") on delete cascade, foreign key("tag_id") references "tags"("id") on delete cascade, primary key ("post_id", "tag_id"));
insert into "__temp__post_tag" ("post_id", "tag_id") select "post_id", "tag_id" from "post_tag";
drop table "post_tag";
alter table "__temp__post_tag" rename to "post_tag";
""",
        set(),
    ),
    (
        "3.8.0__post_tag_one_tag.sql",
        """create table "__temp__post_tag" ("post_id" integer not null, "tag_id" integer not null, "position" integer not null default '0', foreign key("post_id") references "posts"("id") on delete cascade, foreign key("tag_id") references "tags"("id") on delete cascade, primary key ("post_id"));
insert or replace into "__temp__post_tag" ("post_id", "tag_id", "position") select "post_id", "tag_id", "position" from "post_tag";
drop table "post_tag";
alter table "__temp__post_tag" rename to "post_tag";
""",
        # the OR REPLACE copy drops rows. Keyed without the lost key before the lint ran (post_id
        # alone keeps all (post_id, tag_id) guaranteed); on review the lint is right by the rule
        # the other corpora keep: a key a rebuild does not make again is lost, even for a stricter one
        {("rebuild-filters-rows", 2), ("rebuild-loses-dependents", 3)},
    ),
    (
        "3.9.0__rename_tags.sql",
        """alter table "tags" rename to "topics";
""",
        {("rename-table", 1)},
    ),
    (
        "4.0.0__drop_sessions.sql",
        """drop index if exists "sessions_user_id_index";
drop index if exists "sessions_last_activity_index";
drop table "sessions";
""",
        {("drop-table", 3)},
    ),
    (
        "4.1.0__comments_body_limit.sql",
        """pragma foreign_keys = off;
create table "__temp__comments" ("id" integer primary key autoincrement not null, "post_id" integer not null, "author" varchar not null, "body" varchar(2000) not null, "approved" tinyint(1) not null default '0', "created_at" datetime, "updated_at" datetime, foreign key("post_id") references "posts"("id") on delete cascade);
insert into "__temp__comments" ("id", "post_id", "author", "body", "approved", "created_at", "updated_at") select "id", "post_id", "author", "body", "approved", "created_at", "updated_at" from "comments";
drop table "comments";
alter table "__temp__comments" rename to "comments";
create index "comments_post_id_approved_index" on "comments" ("post_id", "approved");
pragma foreign_keys = on;
""",
        set(),
    ),
    (
        "4.2.0__comments_approved_bool.sql",
        """pragma foreign_keys = off;
create table "__temp__comments" ("id" integer primary key autoincrement not null, "post_id" integer not null, "author" varchar not null, "body" varchar(2000) not null, "approved" varchar not null default 'no', "created_at" datetime, "updated_at" datetime, foreign key("post_id") references "posts"("id") on delete cascade);
insert into "__temp__comments" ("id", "post_id", "author", "body", "approved", "created_at", "updated_at") select "id", "post_id", "author", "body", case when "approved" = 1 then 'yes' else 'no' end, "created_at", "updated_at" from "comments";
drop table "comments";
alter table "__temp__comments" rename to "comments";
create index "comments_post_id_approved_index" on "comments" ("post_id", "approved");
pragma foreign_keys = on;
""",
        {("rebuild-unverified", 4)},
    ),
    (
        "4.3.0__users_username.sql",
        """alter table "users" add column "username" varchar not null;
""",
        {("add-not-null-without-default", 1)},
    ),
]


HISTORIES: dict[str, History] = {
    "billing": BILLING,
    "feeds": FEEDS,
    "shop": SHOP,
    "newsroom": NEWSROOM,
}
