# ruff: noqa: E501  (ORM-generated SQL keeps its long lines, as real histories have them)
"""Realistic SQLite migration histories, written from the patterns of public projects (ORM-generated
table rebuilds with their foreign-key pragmas, hand-written idempotent scripts, FTS tables,
triggers, data fixes), each with the error findings a careful reviewer expects.

``HISTORIES``: ``(name, files, expected)``; ``files`` are ``(file name, SQL)`` in version order,
``expected`` the ``(file name, rule, line)`` of every error the history deserves. Used by
``test_lint_sqlite_corpus.py``, which measures precision and recall of error findings on it.
"""

from __future__ import annotations

# An ORM-generated history (Prisma/Drizzle style): quoted names, rebuilds between FK pragmas.
ORM = [
    (
        "1.0.0__init.sql",
        """-- CreateTable
CREATE TABLE "User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Post" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "content" TEXT,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "authorId" INTEGER NOT NULL,
    CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
""",
    ),
    (
        "1.1.0__post_views.sql",
        """-- AlterTable
ALTER TABLE "Post" ADD COLUMN "views" INTEGER NOT NULL DEFAULT 0;
""",
    ),
    (
        "1.2.0__redefine_post.sql",
        """-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Post" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "content" TEXT,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "authorId" INTEGER NOT NULL,
    "views" INTEGER NOT NULL DEFAULT 0,
    "slug" TEXT,
    CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Post" ("authorId", "content", "id", "published", "title", "views") SELECT "authorId", "content", "id", "published", "title", "views" FROM "Post";
DROP TABLE "Post";
ALTER TABLE "new_Post" RENAME TO "Post";
CREATE UNIQUE INDEX "Post_slug_key" ON "Post"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
""",
    ),
    (
        "1.3.0__drop_content.sql",
        """-- RedefineTables: "content" is gone (the generator warns that its data will be lost)
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Post" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "authorId" INTEGER NOT NULL,
    "views" INTEGER NOT NULL DEFAULT 0,
    "slug" TEXT,
    CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Post" ("authorId", "id", "published", "title", "views", "slug") SELECT "authorId", "id", "published", "title", "views", "slug" FROM "Post";
DROP TABLE "Post";
ALTER TABLE "new_Post" RENAME TO "Post";
CREATE UNIQUE INDEX "Post_slug_key" ON "Post"("slug");
PRAGMA foreign_keys=ON;
""",
    ),
    (
        "1.4.0__user_role_required.sql",
        """-- The generator made "role" required without a default: existing writers break.
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "role" TEXT NOT NULL
);
INSERT INTO "new_User" ("createdAt", "email", "id", "name", "role") SELECT "createdAt", "email", "id", "name", 'member' FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
""",
    ),
    (
        "1.5.0__tags.sql",
        """-- CreateTable
CREATE TABLE "Tag" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "label" TEXT NOT NULL);
CREATE TABLE "_PostToTag" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,
    CONSTRAINT "_PostToTag_A_fkey" FOREIGN KEY ("A") REFERENCES "Post" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_PostToTag_B_fkey" FOREIGN KEY ("B") REFERENCES "Tag" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "_PostToTag_AB_unique" ON "_PostToTag"("A", "B");
CREATE INDEX "_PostToTag_B_index" ON "_PostToTag"("B");
""",
    ),
]
ORM_EXPECTED = {
    ("1.3.0__drop_content.sql", "rebuild-unverified", 13),
    ("1.4.0__user_role_required.sql", "add-not-null-without-default", 12),
}

# A hand-written history of an app: idempotent scripts, triggers, FTS, data fixes, mistakes.
APP = [
    (
        "1.0.0__schema.sql",
        """-- 1.0.0: the first schema, written to run on old installs too
CREATE TABLE IF NOT EXISTS notes (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (datetime('now')),
  archived INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT);
CREATE INDEX IF NOT EXISTS idx_notes_created ON notes (created_at);
INSERT OR IGNORE INTO settings (key, value) VALUES ('theme', 'light');
""",
    ),
    (
        "1.1.0__search.sql",
        """CREATE VIRTUAL TABLE notes_fts USING fts5(title, body, content='notes', content_rowid='id');
CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN
  INSERT INTO notes_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER notes_ad AFTER DELETE ON notes BEGIN
  INSERT INTO notes_fts (notes_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
INSERT INTO notes_fts (rowid, title, body) SELECT id, title, body FROM notes;
""",
    ),
    (
        "1.2.0__tags.sql",
        """ALTER TABLE notes ADD COLUMN tags TEXT;
UPDATE notes SET tags = '';
CREATE TABLE tag_counts (tag TEXT PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0);
""",
    ),
    (
        "1.3.0__pinned.sql",
        """-- pinned notes first
ALTER TABLE notes ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
CREATE INDEX idx_notes_pinned ON notes (pinned, created_at)
CREATE INDEX idx_notes_archived ON notes (archived);
""",
    ),
    (
        "1.4.0__cleanup.sql",
        """-- drop the counter table nobody reads, and old archived notes
DROP TABLE tag_counts;
DELETE FROM notes WHERE archived = 1 AND created_at < '2020-01-01';
""",
    ),
    ("1.5.0__postgres_only.sql", "-- only the PostgreSQL build needs a change here\n"),
    (
        "1.6.0__recent_view.sql",
        """DROP VIEW IF EXISTS recent_notes;
CREATE VIEW recent_notes AS SELECT id, title FROM notes WHERE archived = 0 ORDER BY created_at DESC LIMIT 50;
""",
    ),
    (
        "1.7.0__owner.sql",
        """ALTER TABLE notes ADD COLUMN owner_id INTEGER NOT NULL;
""",
    ),
    (
        "1.8.0__rebuild_settings.sql",
        """-- settings: values become NOT NULL (the copy keeps only rows that have one)
CREATE TABLE settings_new (key TEXT PRIMARY KEY, value TEXT NOT NULL DEFAULT '');
INSERT INTO settings_new (key, value) SELECT key, value FROM settings WHERE value IS NOT NULL;
DROP TABLE settings;
ALTER TABLE settings_new RENAME TO settings;
""",
    ),
    (
        "1.9.0__cache.sql",
        """DROP TABLE IF EXISTS render_cache;
CREATE TABLE render_cache (note_id INTEGER PRIMARY KEY, html TEXT NOT NULL);
""",
    ),
    (
        "1.10.0__rename.sql",
        """ALTER TABLE notes RENAME COLUMN body TO content;
""",
    ),
]
APP_EXPECTED = {
    ("1.3.0__pinned.sql", "syntax-error", 4),
    ("1.4.0__cleanup.sql", "drop-table", 2),
    ("1.7.0__owner.sql", "add-not-null-without-default", 1),
    ("1.8.0__rebuild_settings.sql", "rebuild-filters-rows", 3),
    ("1.8.0__rebuild_settings.sql", "set-not-null", 5),
    ("1.10.0__rename.sql", "rename-column", 1),
}

# A history that starts from a dump of a database built before migrations were used; the
# dump's statements are data and transaction control, and its later files alter dumped tables.
DUMPED = [
    (
        "1.0.0__baseline.sql",
        """PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT);
INSERT INTO customers VALUES(1,'Ann','ann@example.com');
INSERT INTO customers VALUES(2,'Bob',NULL);
CREATE TABLE invoices (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), amount REAL);
INSERT INTO invoices VALUES(1,1,10.5);
CREATE INDEX idx_invoices_customer ON invoices (customer_id);
COMMIT;
""",
    ),
    (
        "1.1.0__invoice_status.sql",
        """ALTER TABLE invoices ADD COLUMN status TEXT NOT NULL DEFAULT 'open';
CREATE INDEX idx_invoices_status ON invoices (status);
""",
    ),
    (
        "1.2.0__amount_cents.sql",
        """-- money as integer cents
CREATE TABLE invoices_new (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER REFERENCES customers(id),
  amount REAL,
  amount_cents INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'open'
);
INSERT INTO invoices_new (id, customer_id, amount, amount_cents, status)
  SELECT id, customer_id, amount, CAST(round(amount * 100) AS INTEGER), status FROM invoices;
DROP TABLE invoices;
ALTER TABLE invoices_new RENAME TO invoices;
CREATE INDEX idx_invoices_customer ON invoices (customer_id);
CREATE INDEX idx_invoices_status ON invoices (status);
""",
    ),
    (
        "1.3.0__forget_status_index.sql",
        """CREATE TABLE invoices_new (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER REFERENCES customers(id),
  amount REAL,
  amount_cents INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'open',
  due_date TEXT
);
INSERT INTO invoices_new (id, customer_id, amount, amount_cents, status)
  SELECT id, customer_id, amount, amount_cents, status FROM invoices;
DROP TABLE invoices;
ALTER TABLE invoices_new RENAME TO invoices;
CREATE INDEX idx_invoices_customer ON invoices (customer_id);
""",
    ),
]
DUMPED_EXPECTED = {
    # a raw dump cannot run as a migration: ratchet wraps each file in its own transaction
    ("1.0.0__baseline.sql", "transaction-control", 2),
    ("1.0.0__baseline.sql", "transaction-control", 9),
    ("1.3.0__forget_status_index.sql", "rebuild-loses-dependents", 11),
}

# A mobile/desktop app history: Room's generated SQL (backticks, room_master_table, user_version),
# Drizzle's statement breakpoints and rebuilds, generated columns, STRICT and WITHOUT ROWID tables.
MOBILE = [
    (
        "1.0.0__room.sql",
        """CREATE TABLE IF NOT EXISTS `memo` (`id` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, `title` TEXT NOT NULL, `body` TEXT, `tint` INTEGER NOT NULL DEFAULT 0, `starred` BOOLEAN NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS `index_memo_title` ON `memo` (`title`);
CREATE TABLE IF NOT EXISTS room_master_table (id INTEGER PRIMARY KEY,identity_hash TEXT);
INSERT OR REPLACE INTO room_master_table (id,identity_hash) VALUES(42, 'f00d');
PRAGMA user_version = 1;
""",
    ),
    (
        "1.1.0__drizzle_folders.sql",
        """ALTER TABLE `memo` ADD `pinned` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE TABLE `folder` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `folder_name_unique` ON `folder` (`name`);
""",
    ),
    (
        "1.2.0__drizzle_memo_folder.sql",
        """PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_memo` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`body` text,
	`tint` integer DEFAULT 0 NOT NULL,
	`starred` integer DEFAULT 0 NOT NULL,
	`pinned` integer DEFAULT false NOT NULL,
	`folder_id` integer,
	`chars` integer AS (length(`body`)) VIRTUAL,
	FOREIGN KEY (`folder_id`) REFERENCES `folder`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_memo`("id", "title", "body", "tint", "starred", "pinned") SELECT "id", "title", "body", "tint", "starred", "pinned" FROM `memo`;--> statement-breakpoint
DROP TABLE `memo`;--> statement-breakpoint
ALTER TABLE `__new_memo` RENAME TO `memo`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `index_memo_title` ON `memo` (`title`);
""",
    ),
    (
        "1.3.0__extras.sql",
        """ALTER TABLE memo ADD COLUMN archived_at TEXT;
ALTER TABLE memo ADD COLUMN folder_name TEXT REFERENCES folder(name);
ALTER TABLE memo ADD COLUMN prio INTEGER NOT NULL DEFAULT 1 CHECK (prio BETWEEN 0 AND 5);
ALTER TABLE memo ADD COLUMN slug TEXT COLLATE NOCASE;
CREATE TRIGGER IF NOT EXISTS memo_touch AFTER UPDATE OF title ON memo FOR EACH ROW
WHEN NEW.archived_at IS OLD.archived_at
BEGIN
  UPDATE memo SET archived_at = NULL WHERE id = NEW.id;
END;
CREATE VIEW IF NOT EXISTS pinned_memo AS SELECT * FROM memo WHERE pinned = 1;
CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID;
CREATE TABLE counters (name TEXT NOT NULL PRIMARY KEY, n INTEGER NOT NULL) STRICT;
REINDEX;
ANALYZE;
PRAGMA optimize;
PRAGMA user_version = 4;
INSERT INTO kv (k, v) VALUES ('a', x'00') ON CONFLICT(k) DO UPDATE SET v = excluded.v;
UPDATE memo SET slug = lower(title) WHERE slug IS NULL;
""",
    ),
    (
        "1.4.0__tidy.sql",
        """DROP TRIGGER IF EXISTS memo_touch;
ALTER TABLE memo DROP COLUMN archived_at;
DROP VIEW IF EXISTS pinned_memo;
DROP INDEX IF EXISTS index_memo_title;
ALTER TABLE memo RENAME TO note;
""",
    ),
    (
        "1.5.0__owner.sql",
        """ALTER TABLE note ADD COLUMN owner TEXT;
UPDATE note SET owner = 'me';
CREATE TABLE note_new (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, title TEXT NOT NULL, body TEXT, tint INTEGER NOT NULL DEFAULT 0, starred INTEGER NOT NULL DEFAULT 0, pinned INTEGER NOT NULL DEFAULT 0, folder_id INTEGER REFERENCES folder(id), chars INTEGER AS (length(body)) VIRTUAL, folder_name TEXT, prio INTEGER NOT NULL DEFAULT 1, slug TEXT COLLATE NOCASE, owner TEXT NOT NULL);
INSERT INTO note_new (id, title, body, tint, starred, pinned, folder_id, folder_name, prio, slug, owner) SELECT id, title, body, tint, starred, pinned, folder_id, folder_name, prio, slug, owner FROM note;
DROP TABLE note;
ALTER TABLE note_new RENAME TO note;
""",
    ),
    (
        "1.6.0__starred_boolean.sql",
        """CREATE TABLE note_new (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, title TEXT NOT NULL, body TEXT, tint INTEGER NOT NULL DEFAULT 0, starred BOOLEAN NOT NULL DEFAULT 0, pinned INTEGER NOT NULL DEFAULT 0, folder_id INTEGER REFERENCES folder(id), chars INTEGER AS (length(body)) VIRTUAL, folder_name TEXT, prio INTEGER NOT NULL DEFAULT 1, slug TEXT COLLATE NOCASE, owner TEXT NOT NULL DEFAULT 'me');
INSERT INTO note_new (id, title, body, tint, starred, pinned, folder_id, folder_name, prio, slug, owner) SELECT id, title, body, tint, starred, pinned, folder_id, folder_name, prio, slug, owner FROM note;
DROP TABLE note;
ALTER TABLE note_new RENAME TO note;
""",
    ),
]
MOBILE_EXPECTED = {
    ("1.4.0__tidy.sql", "drop-column", 2),
    ("1.4.0__tidy.sql", "drop-view", 3),
    ("1.4.0__tidy.sql", "rename-table", 5),
    ("1.5.0__owner.sql", "add-not-null-without-default", 6),
}


# Histories of native-app and Rust tools (GRDB, SQLDelight, sqlx, Diesel): a faithful rebuild, an FTS5
# content table with its triggers, an empty down-file stub, and a DROP COLUMN that an index still uses.
NATIVE = [
    (
        "1.0.0__grdb_v1.sql",
        """CREATE TABLE "player" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "name" TEXT NOT NULL, "score" INTEGER NOT NULL);
CREATE INDEX "index_player_on_name" ON "player"("name");
CREATE TABLE "team" ("id" TEXT PRIMARY KEY NOT NULL, "color" TEXT NOT NULL);
""",
    ),
    (
        "1.1.0__grdb_v2.sql",
        """ALTER TABLE "player" ADD COLUMN "teamId" TEXT REFERENCES "team"("id") ON DELETE SET NULL;
ALTER TABLE "player" ADD COLUMN "email" TEXT;
CREATE INDEX "player_on_teamId" ON "player"("teamId");
""",
    ),
    (
        "1.2.0__grdb_recreate.sql",
        """CREATE TABLE "new_player" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "name" TEXT NOT NULL, "score" INTEGER NOT NULL DEFAULT 0, "teamId" TEXT REFERENCES "team"("id") ON DELETE SET NULL, "email" TEXT);
INSERT INTO "new_player" ("id", "name", "score", "teamId", "email") SELECT "id", "name", "score", "teamId", "email" FROM "player";
DROP TABLE "player";
ALTER TABLE "new_player" RENAME TO "player";
CREATE INDEX "index_player_on_name" ON "player"("name");
CREATE INDEX "player_on_teamId" ON "player"("teamId");
""",
    ),
    (
        "1.3.0__fts.sql",
        """CREATE VIRTUAL TABLE "player_ft" USING fts5(name, content='player', content_rowid='id');
CREATE TRIGGER player_ai AFTER INSERT ON player BEGIN
  INSERT INTO player_ft(rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER player_ad AFTER DELETE ON player BEGIN
  INSERT INTO player_ft(player_ft, rowid, name) VALUES ('delete', old.id, old.name);
END;
INSERT INTO player_ft(player_ft) VALUES ('rebuild');
""",
    ),
    (
        "1.4.0__sqldelight.sql",
        """ALTER TABLE player ADD COLUMN draft_year INTEGER;
ALTER TABLE player ADD COLUMN retired INTEGER NOT NULL DEFAULT 0;
CREATE VIEW active_player AS SELECT id, name, score FROM player WHERE retired = 0;
UPDATE player SET draft_year = 2000 WHERE draft_year IS NULL;
PRAGMA user_version = 5;
""",
    ),
    (
        "1.5.0__diesel_posts.sql",
        """-- Your SQL goes here
CREATE TABLE posts (
  id INTEGER NOT NULL PRIMARY KEY,
  title VARCHAR NOT NULL,
  body TEXT NOT NULL,
  published BOOLEAN NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS todos (id INTEGER PRIMARY KEY NOT NULL, description TEXT NOT NULL, done BOOLEAN NOT NULL DEFAULT 0);
""",
    ),
    (
        "1.6.0__diesel_noop.sql",
        """-- This file should undo anything in `up.sql`
""",
    ),
    (
        "1.7.0__diesel_rebuild_posts.sql",
        """PRAGMA foreign_keys=off;
CREATE TABLE posts_new (
  id INTEGER NOT NULL PRIMARY KEY,
  title VARCHAR NOT NULL,
  body TEXT NOT NULL,
  published BOOLEAN NOT NULL DEFAULT 0,
  author TEXT NOT NULL
);
INSERT INTO posts_new (id, title, body, published, author) SELECT id, title, body, published, 'unknown' FROM posts;
DROP TABLE posts;
ALTER TABLE posts_new RENAME TO posts;
PRAGMA foreign_keys=on;
""",
    ),
    (
        "1.8.0__rename.sql",
        """ALTER TABLE "player" RENAME COLUMN "email" TO "contactEmail";
UPDATE sqlite_sequence SET seq = 1000 WHERE name = 'player';
DELETE FROM todos WHERE done = 1;
ANALYZE;
""",
    ),
    (
        "1.9.0__sqlx_tags.sql",
        """CREATE TABLE IF NOT EXISTS tags (
    id INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_at TEXT NOT NULL DEFAULT (datetime('now'))
) STRICT;
ALTER TABLE posts ADD COLUMN tag_id INTEGER REFERENCES tags(id);
CREATE INDEX IF NOT EXISTS posts_tag_id ON posts (tag_id);
""",
    ),
    (
        "1.10.0__drop_name.sql",
        """DROP VIEW active_player;
ALTER TABLE player DROP COLUMN name;
""",
    ),
]
NATIVE_EXPECTED = {
    ("1.7.0__diesel_rebuild_posts.sql", "add-not-null-without-default", 11),
    ("1.8.0__rename.sql", "rename-column", 1),
    ("1.10.0__drop_name.sql", "drop-view", 1),
    ("1.10.0__drop_name.sql", "drop-column", 2),
    # SQLite refuses the drop (index_player_on_name still uses the column): the file would fail
    ("1.10.0__drop_name.sql", "syntax-error", 2),
}

HISTORIES: list[tuple[str, list[tuple[str, str]], set[tuple[str, str, int]]]] = [
    ("orm", ORM, ORM_EXPECTED),
    ("app", APP, APP_EXPECTED),
    ("dumped", DUMPED, DUMPED_EXPECTED),
    ("mobile", MOBILE, MOBILE_EXPECTED),
    ("native", NATIVE, NATIVE_EXPECTED),
]
