# ruff: noqa: E501  (hand-written SQL keeps its long lines, as real histories have them)
"""A long SQLite history of a desktop flashcard app, written for ratchet after the shapes of public
desktop and mobile apps' histories (not copied from any): ``PRAGMA user_version`` at the end of
each file, many small ``ADD COLUMN``s, index churn, data fixes, triggers that keep a denormalised
counter, ``CREATE TEMP`` tables in data migrations, upserts and ``REPLACE INTO``, ``RENAME COLUMN``
and ``DROP COLUMN``, rebuilds of each shape (listing columns, rename-first, Django's ``new__``
rebuilds as ``sqlmigrate`` prints them, the SQLite FAQ's backup copy), a virtual table of an
extension module the app loads (spellfix1), and ``WHERE`` clauses that keep every row; and a
Django project's ``sqlmigrate`` output (``LIBRARY``).

``HISTORIES``: label -> files ``(name, sql, expected)``, ``expected`` the ``(rule, line)`` of each
error, decided by hand before the lint ran. Files that fail on SQLite come last.
"""

from __future__ import annotations

from history_corpus import History

FLASHCARDS: History = [
    (
        "1.0.0__collection.sql",
        """-- schema 11: the collection as the desktop app creates it
CREATE TABLE col (id INTEGER PRIMARY KEY, crt INTEGER NOT NULL, mod INTEGER NOT NULL, scm INTEGER NOT NULL, ver INTEGER NOT NULL, usn INTEGER NOT NULL, ls INTEGER NOT NULL);
CREATE TABLE config (key TEXT NOT NULL PRIMARY KEY, usn INTEGER NOT NULL DEFAULT 0, mtime_secs INTEGER NOT NULL DEFAULT 0, val BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE decks (id INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL COLLATE NOCASE, mtime_secs INTEGER NOT NULL, usn INTEGER NOT NULL, common BLOB NOT NULL, kind BLOB NOT NULL);
CREATE UNIQUE INDEX idx_decks_name ON decks (name);
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    guid TEXT NOT NULL,
    mid INTEGER NOT NULL,
    mod INTEGER NOT NULL,
    usn INTEGER NOT NULL,
    tags TEXT NOT NULL,
    flds TEXT NOT NULL,
    sfld INTEGER NOT NULL,
    csum INTEGER NOT NULL,
    extra TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_notes_csum ON notes (csum);
CREATE TABLE cards (
    id INTEGER PRIMARY KEY,
    nid INTEGER NOT NULL,
    did INTEGER NOT NULL,
    ord INTEGER NOT NULL,
    mod INTEGER NOT NULL,
    usn INTEGER NOT NULL,
    type INTEGER NOT NULL,
    queue INTEGER NOT NULL,
    due INTEGER NOT NULL,
    ivl INTEGER NOT NULL,
    factor INTEGER NOT NULL,
    reps INTEGER NOT NULL,
    lapses INTEGER NOT NULL,
    remaining INTEGER NOT NULL,
    flags INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE TABLE revlog (id INTEGER PRIMARY KEY, cid INTEGER NOT NULL, usn INTEGER NOT NULL, ease INTEGER NOT NULL, ivl INTEGER NOT NULL, lastIvl INTEGER NOT NULL, factor INTEGER NOT NULL, time INTEGER NOT NULL, type INTEGER NOT NULL);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE TABLE graves (oid INTEGER NOT NULL, type INTEGER NOT NULL, usn INTEGER NOT NULL);
CREATE TABLE tags (tag TEXT NOT NULL PRIMARY KEY COLLATE NOCASE, usn INTEGER NOT NULL, collapsed BOOLEAN NOT NULL DEFAULT 0) WITHOUT ROWID;
INSERT INTO col (id, crt, mod, scm, ver, usn, ls) VALUES (1, 0, 0, 0, 11, 0, 0);
PRAGMA user_version = 11;
""",
        set(),
    ),
    (
        "1.1.0__small_columns.sql",
        """ALTER TABLE notes ADD COLUMN flags INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cards ADD COLUMN odue INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cards ADD COLUMN odid INTEGER NOT NULL DEFAULT 0;
ALTER TABLE decks ADD COLUMN description TEXT;
PRAGMA user_version = 12;
""",
        set(),
    ),
    (
        "1.2.0__lookup_indexes.sql",
        """CREATE INDEX IF NOT EXISTS ix_cards_nid ON cards (nid);
CREATE INDEX ix_revlog_cid ON revlog (cid);
-- already there on collections made by 2.1.50 and later
CREATE INDEX IF NOT EXISTS ix_notes_usn ON notes (usn);
PRAGMA user_version = 13;
""",
        set(),
    ),
    (
        "1.3.0__index_churn.sql",
        """DROP INDEX ix_cards_nid;
CREATE INDEX ix_cards_nid_ord ON cards (nid, ord);
DROP INDEX IF EXISTS ix_notes_csum;
CREATE INDEX ix_notes_csum ON notes (csum, mid);
PRAGMA user_version = 14;
""",
        set(),
    ),
    (
        "1.4.0__data_fixes.sql",
        """-- cards pushed past the end of the scheduler's range by an old bug
UPDATE cards SET due = 1000000 WHERE queue = 2 AND due > 1000000;
UPDATE cards SET odid = 0, odue = 0 WHERE odid != 0 AND odid NOT IN (SELECT id FROM decks);
DELETE FROM graves WHERE usn = -1 AND type = 2;
DELETE FROM revlog WHERE cid NOT IN (SELECT id FROM cards);
PRAGMA user_version = 15;
""",
        set(),
    ),
    (
        "1.5.0__deck_card_counts.sql",
        """ALTER TABLE decks ADD COLUMN card_count INTEGER NOT NULL DEFAULT 0;
UPDATE decks SET card_count = (SELECT count(*) FROM cards WHERE cards.did = decks.id);
CREATE TRIGGER cards_count_insert AFTER INSERT ON cards BEGIN
    UPDATE decks SET card_count = card_count + 1 WHERE id = NEW.did;
END;
CREATE TRIGGER cards_count_delete AFTER DELETE ON cards BEGIN
    UPDATE decks SET card_count = card_count - 1 WHERE id = OLD.did;
END;
CREATE TRIGGER cards_count_move AFTER UPDATE OF did ON cards WHEN OLD.did != NEW.did BEGIN
    UPDATE decks SET card_count = card_count - 1 WHERE id = OLD.did;
    UPDATE decks SET card_count = card_count + 1 WHERE id = NEW.did;
END;
PRAGMA user_version = 16;
""",
        set(),
    ),
    (
        "1.6.0__lower_case_tags.sql",
        """CREATE TEMP TABLE tag_fix AS SELECT tag AS old, lower(tag) AS new FROM tags WHERE tag != lower(tag);
UPDATE tags SET tag = (SELECT new FROM tag_fix WHERE old = tags.tag) WHERE tag IN (SELECT old FROM tag_fix);
DROP TABLE tag_fix;
PRAGMA user_version = 17;
""",
        set(),
    ),
    (
        "1.7.0__config_defaults.sql",
        """INSERT INTO config (key, usn, mtime_secs, val) VALUES ('sched2021', 0, 0, x'01')
    ON CONFLICT (key) DO UPDATE SET val = excluded.val, mtime_secs = excluded.mtime_secs;
INSERT INTO config (key, usn, mtime_secs, val) SELECT 'creationOffset', 0, 0, x'00' WHERE true ON CONFLICT DO NOTHING;
PRAGMA user_version = 18;
""",
        set(),
    ),
    (
        "1.8.0__default_model.sql",
        """REPLACE INTO config (key, usn, mtime_secs, val) VALUES ('curModel', 0, 0, x'31');
INSERT OR REPLACE INTO tags (tag, usn, collapsed) VALUES ('leech', 0, 0);
""",
        set(),
    ),
    (
        "1.9.0__sort_field_name.sql",
        """-- sfld holds the sort field's text: name it for what it is
ALTER TABLE notes RENAME COLUMN sfld TO sort_field;
PRAGMA user_version = 19;
""",
        {("rename-column", 2)},
    ),
    (
        "1.10.0__cards_checks.sql",
        """-- SQLite cannot add a CHECK to a column: rebuild cards
CREATE TABLE cards_new (
    id INTEGER PRIMARY KEY,
    nid INTEGER NOT NULL,
    did INTEGER NOT NULL,
    ord INTEGER NOT NULL CHECK (ord >= 0),
    mod INTEGER NOT NULL,
    usn INTEGER NOT NULL,
    type INTEGER NOT NULL CHECK (type BETWEEN 0 AND 3),
    queue INTEGER NOT NULL CHECK (queue BETWEEN -3 AND 4),
    due INTEGER NOT NULL,
    ivl INTEGER NOT NULL,
    factor INTEGER NOT NULL,
    reps INTEGER NOT NULL,
    lapses INTEGER NOT NULL,
    remaining INTEGER NOT NULL,
    flags INTEGER NOT NULL DEFAULT 0,
    odue INTEGER NOT NULL DEFAULT 0,
    odid INTEGER NOT NULL DEFAULT 0
);
INSERT INTO cards_new (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, remaining, flags, odue, odid)
    SELECT id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, remaining, flags, odue, odid FROM cards;
DROP TABLE cards;
ALTER TABLE cards_new RENAME TO cards;
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_cards_nid_ord ON cards (nid, ord);
CREATE TRIGGER cards_count_insert AFTER INSERT ON cards BEGIN
    UPDATE decks SET card_count = card_count + 1 WHERE id = NEW.did;
END;
CREATE TRIGGER cards_count_delete AFTER DELETE ON cards BEGIN
    UPDATE decks SET card_count = card_count - 1 WHERE id = OLD.did;
END;
CREATE TRIGGER cards_count_move AFTER UPDATE OF did ON cards WHEN OLD.did != NEW.did BEGIN
    UPDATE decks SET card_count = card_count - 1 WHERE id = OLD.did;
    UPDATE decks SET card_count = card_count + 1 WHERE id = NEW.did;
END;
PRAGMA user_version = 20;
""",
        set(),
    ),
    (
        "1.11.0__revlog_ease_check.sql",
        """CREATE TABLE revlog_new (id INTEGER PRIMARY KEY, cid INTEGER NOT NULL, usn INTEGER NOT NULL, ease INTEGER NOT NULL CHECK (ease BETWEEN 0 AND 4), ivl INTEGER NOT NULL, lastIvl INTEGER NOT NULL, factor INTEGER NOT NULL, time INTEGER NOT NULL, type INTEGER NOT NULL);
INSERT INTO revlog_new (id, cid, usn, ease, ivl, lastIvl, factor, time, type) SELECT id, cid, usn, ease, ivl, lastIvl, factor, time, type FROM revlog;
DROP TABLE revlog;
ALTER TABLE revlog_new RENAME TO revlog;
CREATE INDEX ix_revlog_usn ON revlog (usn);
PRAGMA user_version = 21;
""",
        {("rebuild-loses-dependents", 3)},
    ),
    (
        "1.12.0__drop_note_checksum.sql",
        """-- the checksum moves to the duplicate finder's own table
DROP INDEX ix_notes_csum;
ALTER TABLE notes DROP COLUMN csum;
PRAGMA user_version = 22;
""",
        {("drop-column", 3)},
    ),
    (
        "1.13.0__media.sql",
        """CREATE TABLE media (
    id INTEGER PRIMARY KEY,
    fname VARCHAR(100) NOT NULL UNIQUE,
    csum TEXT,
    mtime INTEGER NOT NULL,
    dirty INTEGER NOT NULL,
    legacy_path TEXT
);
CREATE INDEX idx_media_dirty ON media (dirty) WHERE dirty = 1;
PRAGMA user_version = 23;
""",
        set(),
    ),
    (
        "1.14.0__media_deck.sql",
        """ALTER TABLE media ADD COLUMN deck_id INTEGER REFERENCES decks (id) ON DELETE SET NULL;
PRAGMA user_version = 24;
""",
        set(),
    ),
    (
        "1.15.0__clear_graves.sql",
        """-- after a full sync the server has every deletion: start the graves afresh
DELETE FROM graves;
PRAGMA user_version = 25;
""",
        {("delete-without-where", 2)},
    ),
    (
        "1.16.0__force_full_sync.sql",
        """-- the v3 scheduler changes card states: unbury, then force a one-way sync
UPDATE cards SET queue = type WHERE queue IN (-2, -3);
UPDATE col SET mod = 0, usn = -1, scm = 0 WHERE 1 = 1;
PRAGMA user_version = 26;
""",
        {("update-without-where", 3)},
    ),
    (
        "1.17.0__due_view.sql",
        """CREATE VIEW due_cards AS SELECT c.id, c.nid, c.did, c.due, n.sort_field FROM cards c JOIN notes n ON n.id = c.nid WHERE c.queue IN (1, 2, 3);
PRAGMA user_version = 27;
""",
        set(),
    ),
    (
        "1.18.0__due_view_interval.sql",
        """DROP VIEW due_cards;
CREATE VIEW due_cards AS SELECT c.id, c.nid, c.did, c.due, c.ivl, n.sort_field FROM cards c JOIN notes n ON n.id = c.nid WHERE c.queue IN (1, 2, 3);
DROP VIEW IF EXISTS card_stats;
PRAGMA user_version = 28;
""",
        # card_stats is in no earlier file, but IF EXISTS expects it may be there (a database the
        # desktop app made before these files): dropping it breaks its readers
        {("drop-view", 3)},
    ),
    (
        "1.19.0__tag_registry.sql",
        """ALTER TABLE tags RENAME TO tag_registry;
PRAGMA user_version = 29;
""",
        {("rename-table", 1)},
    ),
    (
        "1.20.0__graves_key.sql",
        """-- graves get a primary key: rename the old table out of the way first
ALTER TABLE graves RENAME TO _graves_old;
CREATE TABLE graves (oid INTEGER NOT NULL, type INTEGER NOT NULL, usn INTEGER NOT NULL, PRIMARY KEY (oid, type)) WITHOUT ROWID;
INSERT INTO graves (oid, type, usn) SELECT oid, type, usn FROM _graves_old;
DROP TABLE _graves_old;
PRAGMA user_version = 30;
""",
        set(),
    ),
    (
        "1.21.0__media_fname_length.sql",
        """BEGIN;
--
-- Alter field fname on media
--
CREATE TABLE "new__media" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "fname" varchar(255) NOT NULL UNIQUE, "csum" text NULL, "mtime" integer NOT NULL, "dirty" integer NOT NULL, "legacy_path" text NULL, "deck_id" integer NULL REFERENCES "decks" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "new__media" ("id", "fname", "csum", "mtime", "dirty", "legacy_path", "deck_id") SELECT "id", "fname", "csum", "mtime", "dirty", "legacy_path", "deck_id" FROM "media";
DROP TABLE "media";
ALTER TABLE "new__media" RENAME TO "media";
CREATE INDEX "idx_media_dirty" ON "media" ("dirty") WHERE "dirty" = 1;
COMMIT;
""",
        {("transaction-control", 1), ("transaction-control", 10)},
    ),
    (
        "1.22.0__note_ease_bonus.sql",
        """--
-- Add field ease_bonus to note (the view over notes is dropped and made again around the rebuild)
--
DROP VIEW due_cards;
CREATE TABLE "new__notes" ("id" integer NOT NULL PRIMARY KEY, "guid" text NOT NULL, "mid" integer NOT NULL, "mod" integer NOT NULL, "usn" integer NOT NULL, "tags" text NOT NULL, "flds" text NOT NULL, "sort_field" integer NOT NULL, "extra" text NOT NULL DEFAULT '', "flags" integer NOT NULL DEFAULT 0, "ease_bonus" integer NOT NULL);
INSERT INTO "new__notes" ("id", "guid", "mid", "mod", "usn", "tags", "flds", "sort_field", "extra", "flags", "ease_bonus") SELECT "id", "guid", "mid", "mod", "usn", "tags", "flds", "sort_field", "extra", "flags", 0 FROM "notes";
DROP TABLE "notes";
ALTER TABLE "new__notes" RENAME TO "notes";
CREATE INDEX "ix_notes_usn" ON "notes" ("usn");
CREATE VIEW due_cards AS SELECT c.id, c.nid, c.did, c.due, c.ivl, n.sort_field FROM cards c JOIN notes n ON n.id = c.nid WHERE c.queue IN (1, 2, 3);
""",
        # decided "nothing" before the lint ran; on review the lint is right: Django's column has its
        # default in Python only, so the running release's inserts that do not name it fail
        {("add-not-null-without-default", 8)},
    ),
    (
        "1.23.0__media_drop_legacy_path.sql",
        """--
-- Remove field legacy_path from media
--
CREATE TABLE "new__media" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "fname" varchar(255) NOT NULL UNIQUE, "csum" text NULL, "mtime" integer NOT NULL, "dirty" integer NOT NULL, "deck_id" integer NULL REFERENCES "decks" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "new__media" ("id", "fname", "csum", "mtime", "dirty", "deck_id") SELECT "id", "fname", "csum", "mtime", "dirty", "deck_id" FROM "media";
DROP TABLE "media";
ALTER TABLE "new__media" RENAME TO "media";
CREATE INDEX "idx_media_dirty" ON "media" ("dirty") WHERE "dirty" = 1;
""",
        {("rebuild-unverified", 6)},
    ),
    (
        "1.24.0__revlog_only_answers.sql",
        """-- manual reschedules (ease 0) are not reviews: leave them behind
CREATE TABLE revlog_new (id INTEGER PRIMARY KEY, cid INTEGER NOT NULL, usn INTEGER NOT NULL, ease INTEGER NOT NULL CHECK (ease BETWEEN 1 AND 4), ivl INTEGER NOT NULL, lastIvl INTEGER NOT NULL, factor INTEGER NOT NULL, time INTEGER NOT NULL, type INTEGER NOT NULL);
INSERT INTO revlog_new (id, cid, usn, ease, ivl, lastIvl, factor, time, type) SELECT id, cid, usn, ease, ivl, lastIvl, factor, time, type FROM revlog WHERE ease > 0;
DROP TABLE revlog;
ALTER TABLE revlog_new RENAME TO revlog;
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_revlog_cid ON revlog (cid);
PRAGMA user_version = 31;
""",
        {("rebuild-filters-rows", 3)},
    ),
    (
        "1.25.0__decks_name_check.sql",
        """-- the SQLite FAQ's way: through a temporary backup
CREATE TEMPORARY TABLE decks_backup (id, name, mtime_secs, usn, common, kind, description, card_count);
INSERT INTO decks_backup SELECT id, name, mtime_secs, usn, common, kind, description, card_count FROM decks;
DROP TABLE decks;
CREATE TABLE decks (id INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL COLLATE NOCASE CHECK (length(name) > 0), mtime_secs INTEGER NOT NULL, usn INTEGER NOT NULL, common BLOB NOT NULL, kind BLOB NOT NULL, description TEXT, card_count INTEGER NOT NULL DEFAULT 0);
INSERT INTO decks SELECT id, name, mtime_secs, usn, common, kind, description, card_count FROM decks_backup;
DROP TABLE decks_backup;
CREATE UNIQUE INDEX idx_decks_name ON decks (name);
PRAGMA user_version = 32;
""",
        set(),
    ),
    (
        "1.26.0__tag_registry_collapsed_int.sql",
        """CREATE TEMPORARY TABLE tag_backup (tag, collapsed, usn);
INSERT INTO tag_backup SELECT tag, usn, collapsed FROM tag_registry;
DROP TABLE tag_registry;
CREATE TABLE tag_registry (tag TEXT NOT NULL PRIMARY KEY COLLATE NOCASE, usn INTEGER NOT NULL, collapsed INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
INSERT INTO tag_registry (tag, usn, collapsed) SELECT tag, usn, collapsed FROM tag_backup;
DROP TABLE tag_backup;
PRAGMA user_version = 33;
""",
        {("rebuild-unverified", 3)},
    ),
    (
        "1.27.0__orphan_cards.sql",
        """CREATE TEMP TABLE orphan_notes AS SELECT id FROM notes WHERE id NOT IN (SELECT nid FROM cards);
INSERT INTO graves (oid, type, usn) SELECT id, 1, -1 FROM orphan_notes WHERE true ON CONFLICT (oid, type) DO NOTHING;
DELETE FROM notes WHERE id IN (SELECT id FROM orphan_notes);
DROP TABLE orphan_notes;
PRAGMA user_version = 34;
""",
        set(),
    ),
    (
        "1.28.0__spelling.sql",
        """-- the spelling suggester, from the spellfix1 extension the app loads on its connection
CREATE VIRTUAL TABLE note_spell USING spellfix1;
INSERT INTO note_spell (word) SELECT DISTINCT sort_field FROM notes WHERE sort_field != '';
CREATE TABLE spell_settings (id INTEGER PRIMARY KEY, language TEXT NOT NULL DEFAULT 'en');
PRAGMA user_version = 35;
""",
        set(),
    ),
    (
        "1.29.0__note_data.sql",
        """ALTER TABLE notes ADD COLUMN data TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data));
ALTER TABLE notes ADD COLUMN sort_key TEXT GENERATED ALWAYS AS (lower(sort_field)) VIRTUAL;
CREATE INDEX ix_notes_sort_key ON notes (sort_key);
ALTER TABLE spell_settings ADD COLUMN max_suggestions INTEGER NOT NULL DEFAULT 5;
PRAGMA user_version = 36;
""",
        set(),
    ),
    (
        "1.30.0__no_spelling.sql",
        """-- the extension is no longer shipped
DROP TABLE note_spell;
DROP TABLE IF EXISTS note_spell_vocab;
PRAGMA user_version = 37;
""",
        {("drop-table", 2)},
    ),
    (
        "1.31.0__count_triggers_v2.sql",
        """DROP TRIGGER cards_count_move;
CREATE TRIGGER cards_count_move AFTER UPDATE OF did ON cards WHEN OLD.did IS NOT NEW.did BEGIN
    UPDATE decks SET card_count = card_count - 1 WHERE id = OLD.did;
    UPDATE decks SET card_count = card_count + 1 WHERE id = NEW.did;
END;
CREATE UNIQUE INDEX IF NOT EXISTS ix_notes_guid ON notes (guid);
PRAGMA user_version = 38;
""",
        set(),
    ),
    (
        "1.32.0__reset_flags.sql",
        """-- flags 5-7 were never shown: clear them everywhere
UPDATE cards SET flags = flags & 3 WHERE true;
UPDATE cards SET flags = 0 WHERE flags > 7;
DELETE FROM config WHERE 1;
DELETE FROM config WHERE 1 = 0;
PRAGMA user_version = 39;
""",
        {("update-without-where", 2), ("delete-without-where", 4)},
    ),
    (
        "1.33.0__deck_limits.sql",
        """CREATE TABLE deck_limits (deck_id INTEGER PRIMARY KEY REFERENCES decks (id) ON DELETE CASCADE, new_today INTEGER NOT NULL DEFAULT 0, review_today INTEGER NOT NULL DEFAULT 0);
INSERT INTO deck_limits (deck_id) SELECT id FROM decks;
ALTER TABLE deck_limits RENAME COLUMN new_today TO new_limit;
PRAGMA user_version = 40;
""",
        set(),
    ),
    (
        "1.34.0__cards_without_view.sql",
        """-- cards again, now with a flags check; the view over cards is forgotten
CREATE TABLE cards_new (
    id INTEGER PRIMARY KEY,
    nid INTEGER NOT NULL,
    did INTEGER NOT NULL,
    ord INTEGER NOT NULL CHECK (ord >= 0),
    mod INTEGER NOT NULL,
    usn INTEGER NOT NULL,
    type INTEGER NOT NULL CHECK (type BETWEEN 0 AND 3),
    queue INTEGER NOT NULL CHECK (queue BETWEEN -3 AND 4),
    due INTEGER NOT NULL,
    ivl INTEGER NOT NULL,
    factor INTEGER NOT NULL,
    reps INTEGER NOT NULL,
    lapses INTEGER NOT NULL,
    remaining INTEGER NOT NULL,
    flags INTEGER NOT NULL DEFAULT 0 CHECK (flags BETWEEN 0 AND 7),
    odue INTEGER NOT NULL DEFAULT 0,
    odid INTEGER NOT NULL DEFAULT 0
);
INSERT INTO cards_new (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, remaining, flags, odue, odid)
    SELECT id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, remaining, flags, odue, odid FROM cards;
DROP TABLE cards;
ALTER TABLE cards_new RENAME TO cards;
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_cards_nid_ord ON cards (nid, ord);
CREATE TRIGGER cards_count_insert AFTER INSERT ON cards BEGIN
    UPDATE decks SET card_count = card_count + 1 WHERE id = NEW.did;
END;
CREATE TRIGGER cards_count_delete AFTER DELETE ON cards BEGIN
    UPDATE decks SET card_count = card_count - 1 WHERE id = OLD.did;
END;
CREATE TRIGGER cards_count_move AFTER UPDATE OF did ON cards WHEN OLD.did IS NOT NEW.did BEGIN
    UPDATE decks SET card_count = card_count - 1 WHERE id = OLD.did;
    UPDATE decks SET card_count = card_count + 1 WHERE id = NEW.did;
END;
""",
        {("rebuild-loses-dependents", 23)},
    ),
    (
        "1.35.0__media_owner.sql",
        """ALTER TABLE media ADD COLUMN owner_deck INTEGER NOT NULL DEFAULT 1 REFERENCES decks (id);
""",
        {("sqlite-add-column-restriction", 1)},
    ),
    (
        "1.36.0__note_created.sql",
        """ALTER TABLE notes ADD COLUMN created INTEGER DEFAULT (strftime('%s', 'now'));
""",
        {("sqlite-add-column-restriction", 1)},
    ),
    (
        "1.37.0__note_title.sql",
        """ALTER TABLE notes ADD COLUMN title TEXT GENERATED ALWAYS AS (substr(flds, 1, 40)) STORED;
""",
        {("sqlite-add-column-restriction", 1)},
    ),
]

#: A Django project's library app on SQLite, each file ``sqlmigrate``'s output (two with its
#: ``BEGIN;``/``COMMIT;``): ``new__`` rebuilds for AlterField (NOT NULL, a wider varchar, text to
#: integer, a deduplicating copy, RemoveField before SQLite 3.35), RenameField, RenameModel there
#: and back, DeleteModel, RunSQL data fixes.
LIBRARY: History = [
    (
        "1.0.0__initial.sql",
        """BEGIN;
--
-- Create model Author
--
CREATE TABLE "library_author" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(200) NOT NULL, "sort" varchar(200) NOT NULL, "link" varchar(200) NOT NULL);
--
-- Create model Series
--
CREATE TABLE "library_series" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(200) NOT NULL UNIQUE);
--
-- Create model Book
--
CREATE TABLE "library_book" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(255) NOT NULL, "sort" varchar(255) NULL, "pubdate" datetime NULL, "series_index" real NOT NULL, "path" varchar(255) NOT NULL, "has_cover" bool NOT NULL, "price" text NULL, "series_id" bigint NULL REFERENCES "library_series" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "library_book_authors" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "book_id" bigint NOT NULL REFERENCES "library_book" ("id") DEFERRABLE INITIALLY DEFERRED, "author_id" bigint NOT NULL REFERENCES "library_author" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "library_book_series_id_3f1c2a" ON "library_book" ("series_id");
CREATE UNIQUE INDEX "library_book_authors_book_id_author_id_9b1e0c_uniq" ON "library_book_authors" ("book_id", "author_id");
CREATE INDEX "library_book_authors_book_id_41d2aa" ON "library_book_authors" ("book_id");
CREATE INDEX "library_book_authors_author_id_77c0de" ON "library_book_authors" ("author_id");
COMMIT;
""",
        {("transaction-control", 1), ("transaction-control", 19)},
    ),
    (
        "1.1.0__book_isbn.sql",
        """--
-- Add field isbn to book
--
ALTER TABLE "library_book" ADD COLUMN "isbn" varchar(13) NULL;
--
-- Add field last_modified to book
--
ALTER TABLE "library_book" ADD COLUMN "last_modified" datetime NULL;
""",
        set(),
    ),
    (
        "1.2.0__tags.sql",
        """--
-- Create model Tag
--
CREATE TABLE "library_tag" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL UNIQUE);
CREATE TABLE "library_book_tags" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "book_id" bigint NOT NULL REFERENCES "library_book" ("id") DEFERRABLE INITIALLY DEFERRED, "tag_id" bigint NOT NULL REFERENCES "library_tag" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE UNIQUE INDEX "library_book_tags_book_id_tag_id_0c6b1f_uniq" ON "library_book_tags" ("book_id", "tag_id");
CREATE INDEX "library_book_tags_book_id_a1b2c3" ON "library_book_tags" ("book_id");
CREATE INDEX "library_book_tags_tag_id_d4e5f6" ON "library_book_tags" ("tag_id");
""",
        set(),
    ),
    (
        "1.3.0__rating.sql",
        """--
-- Create model Rating
--
CREATE TABLE "library_rating" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "rating" integer NOT NULL CHECK ("rating" >= 0), "book_id" bigint NOT NULL UNIQUE REFERENCES "library_book" ("id") DEFERRABLE INITIALLY DEFERRED);
""",
        set(),
    ),
    (
        "1.4.0__fill_sort.sql",
        """-- RunSQL: books imported before 1.0 have no sort title
UPDATE "library_book" SET "sort" = "title" WHERE "sort" IS NULL OR "sort" = '';
UPDATE "library_author" SET "sort" = "name" WHERE "sort" = '';
""",
        set(),
    ),
    (
        "1.5.0__book_sort_not_null.sql",
        """--
-- Alter field sort on book
--
CREATE TABLE "new__library_book" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(255) NOT NULL, "sort" varchar(255) NOT NULL, "pubdate" datetime NULL, "series_index" real NOT NULL, "path" varchar(255) NOT NULL, "has_cover" bool NOT NULL, "price" text NULL, "series_id" bigint NULL REFERENCES "library_series" ("id") DEFERRABLE INITIALLY DEFERRED, "isbn" varchar(13) NULL, "last_modified" datetime NULL);
INSERT INTO "new__library_book" ("id", "title", "sort", "pubdate", "series_index", "path", "has_cover", "price", "series_id", "isbn", "last_modified") SELECT "id", "title", coalesce("sort", "title"), "pubdate", "series_index", "path", "has_cover", "price", "series_id", "isbn", "last_modified" FROM "library_book";
DROP TABLE "library_book";
ALTER TABLE "new__library_book" RENAME TO "library_book";
CREATE INDEX "library_book_series_id_3f1c2a" ON "library_book" ("series_id");
""",
        {("set-not-null", 7)},
    ),
    (
        "1.6.0__author_link_length.sql",
        """--
-- Alter field link on author
--
CREATE TABLE "new__library_author" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(200) NOT NULL, "sort" varchar(200) NOT NULL, "link" varchar(1000) NOT NULL);
INSERT INTO "new__library_author" ("id", "name", "sort", "link") SELECT "id", "name", "sort", "link" FROM "library_author";
DROP TABLE "library_author";
ALTER TABLE "new__library_author" RENAME TO "library_author";
""",
        set(),
    ),
    (
        "1.7.0__rename_has_cover.sql",
        """--
-- Rename field has_cover on book to cover_present
--
ALTER TABLE "library_book" RENAME COLUMN "has_cover" TO "cover_present";
""",
        {("rename-column", 4)},
    ),
    (
        "1.8.0__book_uuid.sql",
        """--
-- Add field uuid to book
--
ALTER TABLE "library_book" ADD COLUMN "uuid" char(32) NULL;
-- RunSQL: fill it
UPDATE "library_book" SET "uuid" = lower(hex(randomblob(16))) WHERE "uuid" IS NULL;
CREATE UNIQUE INDEX "library_book_uuid_5e6f7a_uniq" ON "library_book" ("uuid");
""",
        set(),
    ),
    (
        "1.9.0__publisher.sql",
        """--
-- Create model Publisher
--
CREATE TABLE "library_publisher" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(200) NOT NULL UNIQUE);
--
-- Add field publisher to book
--
ALTER TABLE "library_book" ADD COLUMN "publisher_id" bigint NULL REFERENCES "library_publisher" ("id") DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "library_book_publisher_id_8a9b0c" ON "library_book" ("publisher_id");
""",
        set(),
    ),
    (
        "1.10.0__price_integer.sql",
        """--
-- Alter field price on book: cents in an integer
--
CREATE TABLE "new__library_book" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(255) NOT NULL, "sort" varchar(255) NOT NULL, "pubdate" datetime NULL, "series_index" real NOT NULL, "path" varchar(255) NOT NULL, "cover_present" bool NOT NULL, "price" integer NULL, "series_id" bigint NULL REFERENCES "library_series" ("id") DEFERRABLE INITIALLY DEFERRED, "isbn" varchar(13) NULL, "last_modified" datetime NULL, "uuid" char(32) NULL, "publisher_id" bigint NULL REFERENCES "library_publisher" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "new__library_book" ("id", "title", "sort", "pubdate", "series_index", "path", "cover_present", "price", "series_id", "isbn", "last_modified", "uuid", "publisher_id") SELECT "id", "title", "sort", "pubdate", "series_index", "path", "cover_present", "price", "series_id", "isbn", "last_modified", "uuid", "publisher_id" FROM "library_book";
DROP TABLE "library_book";
ALTER TABLE "new__library_book" RENAME TO "library_book";
CREATE INDEX "library_book_series_id_3f1c2a" ON "library_book" ("series_id");
CREATE UNIQUE INDEX "library_book_uuid_5e6f7a_uniq" ON "library_book" ("uuid");
CREATE INDEX "library_book_publisher_id_8a9b0c" ON "library_book" ("publisher_id");
""",
        {("rebuild-unverified", 6)},
    ),
    (
        "1.11.0__remove_link.sql",
        """--
-- Remove field link from author
--
ALTER TABLE "library_author" DROP COLUMN "link";
""",
        {("drop-column", 4)},
    ),
    (
        "1.12.0__rename_series.sql",
        """--
-- Rename model Series to Collection
--
ALTER TABLE "library_series" RENAME TO "library_collection";
""",
        {("rename-table", 4)},
    ),
    (
        "1.13.0__languages.sql",
        """--
-- Create model Language
--
CREATE TABLE "library_language" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "code" varchar(3) NOT NULL UNIQUE);
CREATE TABLE "library_book_languages" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "book_id" bigint NOT NULL REFERENCES "library_book" ("id") DEFERRABLE INITIALLY DEFERRED, "language_id" bigint NOT NULL REFERENCES "library_language" ("id") DEFERRABLE INITIALLY DEFERRED, "item_order" integer NOT NULL);
CREATE UNIQUE INDEX "library_book_languages_book_id_language_id_1a2b3c_uniq" ON "library_book_languages" ("book_id", "language_id");
INSERT INTO "library_language" ("code") VALUES ('eng'), ('fra'), ('deu');
""",
        set(),
    ),
    (
        "1.14.0__remove_rating.sql",
        """--
-- Delete model Rating: ratings move to a column
--
ALTER TABLE "library_book" ADD COLUMN "rating" smallint NULL CHECK ("rating" BETWEEN 0 AND 10);
UPDATE "library_book" SET "rating" = (SELECT "rating" FROM "library_rating" WHERE "library_rating"."book_id" = "library_book"."id");
DROP TABLE "library_rating";
""",
        {("drop-table", 6)},
    ),
    (
        "1.15.0__book_title_index.sql",
        """--
-- Create index library_boo_title_idx on field(s) title of model book
--
CREATE INDEX "library_boo_title_1a2b3c_idx" ON "library_book" ("title");
--
-- Remove index library_book_publisher_id_8a9b0c from book
--
DROP INDEX "library_book_publisher_id_8a9b0c";
""",
        set(),
    ),
    (
        "1.16.0__clear_last_modified.sql",
        """-- RunSQL: every book is modified now, so the next sync sends them all
UPDATE "library_book" SET "last_modified" = CURRENT_TIMESTAMP;
""",
        {("update-without-where", 2)},
    ),
    (
        "1.17.0__tag_name_case.sql",
        """--
-- Alter field name on tag: case-insensitive
--
CREATE TABLE "new__library_tag" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL UNIQUE COLLATE NOCASE);
INSERT INTO "new__library_tag" ("id", "name") SELECT "id", "name" FROM "library_tag";
DROP TABLE "library_tag";
ALTER TABLE "new__library_tag" RENAME TO "library_tag";
""",
        set(),
    ),
    (
        "1.18.0__identifiers.sql",
        """--
-- Create model Identifier
--
CREATE TABLE "library_identifier" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "type" varchar(20) NOT NULL, "val" varchar(200) NOT NULL, "book_id" bigint NOT NULL REFERENCES "library_book" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "library_identifier_book_id_c1d2e3" ON "library_identifier" ("book_id");
-- RunSQL: the ISBN becomes an identifier
INSERT INTO "library_identifier" ("type", "val", "book_id") SELECT 'isbn', "isbn", "id" FROM "library_book" WHERE "isbn" IS NOT NULL;
""",
        set(),
    ),
    (
        "1.19.0__remove_isbn.sql",
        """--
-- Remove field isbn from book
--
ALTER TABLE "library_book" DROP COLUMN "isbn";
""",
        {("drop-column", 4)},
    ),
    (
        "1.20.0__identifier_unique.sql",
        """--
-- Alter unique_together for identifier (1 constraint(s))
--
CREATE UNIQUE INDEX "library_identifier_book_id_type_f4a5b6_uniq" ON "library_identifier" ("book_id", "type");
""",
        set(),
    ),
    (
        "1.21.0__book_comments.sql",
        """--
-- Create model Comment
--
CREATE TABLE "library_comment" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "text" text NOT NULL, "book_id" bigint NOT NULL UNIQUE REFERENCES "library_book" ("id") DEFERRABLE INITIALLY DEFERRED);
--
-- Add field word_count to comment
--
ALTER TABLE "library_comment" ADD COLUMN "word_count" integer NOT NULL DEFAULT 0;
""",
        set(),
    ),
    (
        "1.22.0__publisher_to_text.sql",
        """BEGIN;
--
-- Remove field publisher from book (kept as text)
--
ALTER TABLE "library_book" ADD COLUMN "publisher_name" varchar(200) NULL;
UPDATE "library_book" SET "publisher_name" = (SELECT "name" FROM "library_publisher" WHERE "library_publisher"."id" = "library_book"."publisher_id") WHERE "publisher_id" IS NOT NULL;
ALTER TABLE "library_book" DROP COLUMN "publisher_id";
DROP TABLE "library_publisher";
COMMIT;
""",
        {("transaction-control", 1), ("drop-column", 7), ("drop-table", 8), ("transaction-control", 9)},
    ),
    (
        "1.23.0__series_index_default.sql",
        """--
-- Alter field series_index on book: default 1.0
--
CREATE TABLE "new__library_book" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(255) NOT NULL, "sort" varchar(255) NOT NULL, "pubdate" datetime NULL, "series_index" real DEFAULT 1.0 NOT NULL, "path" varchar(255) NOT NULL, "cover_present" bool NOT NULL, "price" integer NULL, "series_id" bigint NULL REFERENCES "library_collection" ("id") DEFERRABLE INITIALLY DEFERRED, "last_modified" datetime NULL, "uuid" char(32) NULL, "rating" smallint NULL CHECK ("rating" BETWEEN 0 AND 10), "publisher_name" varchar(200) NULL);
INSERT INTO "new__library_book" ("id", "title", "sort", "pubdate", "series_index", "path", "cover_present", "price", "series_id", "last_modified", "uuid", "rating", "publisher_name") SELECT "id", "title", "sort", "pubdate", "series_index", "path", "cover_present", "price", "series_id", "last_modified", "uuid", "rating", "publisher_name" FROM "library_book";
DROP TABLE "library_book";
ALTER TABLE "new__library_book" RENAME TO "library_book";
CREATE INDEX "library_book_series_id_3f1c2a" ON "library_book" ("series_id");
CREATE UNIQUE INDEX "library_book_uuid_5e6f7a_uniq" ON "library_book" ("uuid");
CREATE INDEX "library_boo_title_1a2b3c_idx" ON "library_book" ("title");
""",
        set(),
    ),
    (
        "1.24.0__remove_empty_tags.sql",
        """-- RunSQL: tags no book uses
DELETE FROM "library_tag" WHERE "id" NOT IN (SELECT "tag_id" FROM "library_book_tags");
DELETE FROM "library_book_tags" WHERE 1 = 1;
""",
        {("delete-without-where", 3)},
    ),
    (
        "1.25.0__book_format.sql",
        """--
-- Create model Format
--
CREATE TABLE "library_format" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "format" varchar(10) NOT NULL, "size" integer NOT NULL, "name" varchar(255) NOT NULL, "book_id" bigint NOT NULL REFERENCES "library_book" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "library_format_book_id_0f1e2d" ON "library_format" ("book_id");
--
-- Add field cover_present index
--
CREATE INDEX "library_book_cover_present_idx" ON "library_book" ("cover_present") WHERE "cover_present";
""",
        set(),
    ),
    (
        "1.26.0__format_lower.sql",
        """--
-- Alter field format on format: lower case, keeping the biggest file of each
--
CREATE TABLE "new__library_format" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "format" varchar(10) NOT NULL, "size" integer NOT NULL, "name" varchar(255) NOT NULL, "book_id" bigint NOT NULL REFERENCES "library_book" ("id") DEFERRABLE INITIALLY DEFERRED, UNIQUE ("book_id", "format"));
INSERT INTO "new__library_format" ("id", "format", "size", "name", "book_id") SELECT max("id"), lower("format"), max("size"), "name", "book_id" FROM "library_format" GROUP BY "book_id", lower("format");
DROP TABLE "library_format";
ALTER TABLE "new__library_format" RENAME TO "library_format";
CREATE INDEX "library_format_book_id_0f1e2d" ON "library_format" ("book_id");
""",
        {("rebuild-filters-rows", 5)},
    ),
    (
        "1.27.0__comment_no_word_count.sql",
        """--
-- Remove field word_count from comment (SQLite before 3.35: remake the table)
--
CREATE TABLE "new__library_comment" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "text" text NOT NULL, "book_id" bigint NOT NULL UNIQUE REFERENCES "library_book" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "new__library_comment" ("id", "text", "book_id") SELECT "id", "text", "book_id" FROM "library_comment";
DROP TABLE "library_comment";
ALTER TABLE "new__library_comment" RENAME TO "library_comment";
""",
        {("rebuild-unverified", 6)},
    ),
    (
        "1.28.0__rename_collection_back.sql",
        """--
-- Rename model Collection to Series
--
ALTER TABLE "library_collection" RENAME TO "library_series";
""",
        {("rename-table", 4)},
    ),
    (
        "1.29.0__author_sort_required.sql",
        """--
-- Add field birth_year to author
--
ALTER TABLE "library_author" ADD COLUMN "birth_year" integer NOT NULL;
""",
        {("add-not-null-without-default", 4)},
    ),
]

HISTORIES: dict[str, History] = {"flashcards": FLASHCARDS, "catalogue": LIBRARY}
