# ruff: noqa: E501  (hand-written SQL keeps its long lines, as real histories have them)
"""A long SQLite history of a desktop flashcard app, written for ratchet after the shapes of public
desktop and mobile apps' histories (not copied from any): ``PRAGMA user_version`` at the end of
each file, many small ``ADD COLUMN``s, index churn, data fixes, triggers that keep a denormalised
counter, ``CREATE TEMP`` tables in data migrations, upserts and ``REPLACE INTO``, ``RENAME COLUMN``
and ``DROP COLUMN``, rebuilds of each shape (listing columns, rename-first, Django's ``new__``
rebuilds as ``sqlmigrate`` prints them, the SQLite FAQ's backup copy), a virtual table of an
extension module the app loads (spellfix1), and ``WHERE`` clauses that keep every row.

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
        set(),
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

HISTORIES: dict[str, History] = {"flashcards": FLASHCARDS}
