# ruff: noqa: E501  (app-written SQL keeps its long lines, as real histories have them)
"""Two shorter SQLite histories in the shapes app developers write by hand, written for ratchet after
the shapes of public projects' histories (not copied from any), with the error findings a reviewer
expects, decided by hand from the lint's rules before the lint ran:

- ``HABITS``: a Flutter habit tracker's sqflite upgrade scripts, one per database version
  (``ADD COLUMN`` with defaults, ``INSERT OR IGNORE`` seeds, a trigger keeping ``updated_at``, a
  summary view dropped and made again around each rebuild, ``CREATE INDEX IF NOT EXISTS`` and
  ``DROP INDEX IF EXISTS``; hand-made rebuilds through ``<t>_tmp``, ``new_<t>`` and the rename-first
  ``<t>_old`` with ``SELECT *``: faithful ones, and ones that leave the children's foreign keys on the
  renamed table, deduplicate with ``OR IGNORE`` or lose a column; rebuilds under
  ``PRAGMA legacy_alter_table = ON`` that leave another table's trigger naming the table in place,
  one of them forgetting the table's own trigger; a ``CREATE TABLE .. AS SELECT`` backup copied back;
  data fixes with and without ``WHERE``, an upsert and an ``UPDATE ... FROM``; ``PRAGMA user_version``,
  ``ANALYZE``, ``PRAGMA optimize``, ``REINDEX`` and a ``VACUUM``; a table renamed behind a view of its old
  name);
- ``BOOKMARKS``: a Tauri bookmark manager's rusqlite migrations (``STRICT`` and ``WITHOUT ROWID``
  tables, JSON columns with ``CHECK (json_valid(..))``, a virtual generated column with an index, an
  FTS5 external-content index kept by triggers, ``RENAME COLUMN`` and ``DROP COLUMN`` of an unindexed
  column; ``_new`` rebuilds that keep everything (one spelling ``INTEGER`` as ``INT``, one under
  ``legacy_alter_table`` leaving a view in place), change a type, filter the copy (``WHERE``, a
  filtering subquery, ``GROUP BY``, ``OR REPLACE`` into a narrower key), forget the FTS triggers, leave
  a kept column out of the copy or copy ``SELECT *`` into reordered columns; rebuilds that make an index
  again with other columns or under another name before the copy, or the triggers with other bodies; ``WHERE 1`` and
  ``WHERE true`` on every row; a ``STORED`` generated column SQLite cannot add).

``HISTORIES``: label -> files ``(name, sql, expected)``, ``expected`` the ``(rule, line)`` of each error.
A file whose expected findings include ``add-not-null-without-default`` for an ``ADD COLUMN``, or
``sqlite-add-column-restriction``, does not run on SQLite; such files come last in their history.
"""

from __future__ import annotations

from history_corpus import History

_HABIT_TOUCH = "CREATE TRIGGER IF NOT EXISTS habit_touch AFTER UPDATE ON habit FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at BEGIN UPDATE habit SET updated_at = CAST(strftime('%s', 'now') AS INTEGER) * 1000 WHERE id = NEW.id; END;"
_HABIT_STATS = "CREATE VIEW habit_stats AS SELECT h.id AS habit_id, h.title, COUNT(c.id) AS total, SUM(c.value) AS total_value FROM habit h LEFT JOIN checkin c ON c.habit_id = h.id GROUP BY h.id;"

_HABIT_TOUCH_ON_EDIT = "CREATE TRIGGER habit_touch AFTER UPDATE OF title, color, archived ON habit BEGIN UPDATE habit SET updated_at = CAST(strftime('%s', 'now') AS INTEGER) * 1000 WHERE id = NEW.id; END;"
_HABIT_COLUMNS = "id, title, color, created_at, archived, sort_order, updated_at, goal, icon"
_HABIT_DEF = "id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, color INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, archived INTEGER NOT NULL DEFAULT 0, sort_order INTEGER NOT NULL DEFAULT 0, updated_at INTEGER, goal INTEGER NOT NULL DEFAULT 1 CHECK (goal > 0), icon TEXT NOT NULL DEFAULT 'star'"

HABITS: History = [
    (
        "1.0.0__v1_create.sql",
        """CREATE TABLE habit (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, color INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL);
CREATE TABLE checkin (id INTEGER PRIMARY KEY AUTOINCREMENT, habit_id INTEGER NOT NULL REFERENCES habit(id) ON DELETE CASCADE, day TEXT NOT NULL, note TEXT);
CREATE INDEX IF NOT EXISTS idx_checkin_habit_day ON checkin(habit_id, day);
""",
        set(),
    ),
    (
        "1.1.0__v2_habit_order.sql",
        """ALTER TABLE habit ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;
ALTER TABLE habit ADD COLUMN sort_order INTEGER NOT NULL DEFAULT 0;
UPDATE habit SET sort_order = id;
""",
        set(),
    ),
    (
        "1.2.0__v3_settings.sql",
        """CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY NOT NULL, value TEXT);
INSERT OR IGNORE INTO settings (key, value) VALUES ('theme', 'system');
INSERT OR IGNORE INTO settings (key, value) VALUES ('week_start', '1');
""",
        set(),
    ),
    (
        "1.3.0__v4_updated_at.sql",
        f"""ALTER TABLE habit ADD COLUMN updated_at INTEGER;
UPDATE habit SET updated_at = created_at WHERE updated_at IS NULL;
{_HABIT_TOUCH}
""",
        set(),
    ),
    (
        "1.4.0__v5_stats_view.sql",
        """CREATE VIEW IF NOT EXISTS habit_stats AS SELECT h.id AS habit_id, h.title, COUNT(c.id) AS total FROM habit h LEFT JOIN checkin c ON c.habit_id = h.id GROUP BY h.id;
""",
        set(),
    ),
    (
        "1.5.0__v6_checkin_value.sql",
        f"""PRAGMA foreign_keys = OFF;
DROP VIEW IF EXISTS habit_stats;
CREATE TABLE checkin_tmp (id INTEGER PRIMARY KEY AUTOINCREMENT, habit_id INTEGER NOT NULL REFERENCES habit(id) ON DELETE CASCADE, day TEXT NOT NULL, note TEXT, value REAL NOT NULL DEFAULT 1);
INSERT INTO checkin_tmp (id, habit_id, day, note) SELECT id, habit_id, day, note FROM checkin;
DROP TABLE checkin;
ALTER TABLE checkin_tmp RENAME TO checkin;
CREATE INDEX IF NOT EXISTS idx_checkin_habit_day ON checkin(habit_id, day);
{_HABIT_STATS}
PRAGMA foreign_keys = ON;
""",
        set(),
    ),
    (
        "1.6.0__v7_tags.sql",
        """CREATE TABLE tag (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE);
CREATE TABLE habit_tag (habit_id INTEGER NOT NULL REFERENCES habit(id) ON DELETE CASCADE, tag_id INTEGER NOT NULL REFERENCES tag(id) ON DELETE CASCADE, PRIMARY KEY (habit_id, tag_id));
INSERT OR IGNORE INTO tag (name) VALUES ('health'), ('work'), ('learning');
""",
        set(),
    ),
    (
        "1.7.0__v8_fix_colors.sql",
        """UPDATE habit SET color = 4280391411 WHERE color = 0;
DELETE FROM checkin WHERE habit_id NOT IN (SELECT id FROM habit);
""",
        set(),
    ),
    (
        "1.8.0__v9_settings_updated.sql",
        """ALTER TABLE settings RENAME TO settings_old;
CREATE TABLE settings (key TEXT PRIMARY KEY NOT NULL, value TEXT, updated_at INTEGER);
INSERT INTO settings (key, value) SELECT * FROM settings_old;
DROP TABLE settings_old;
""",
        set(),
    ),
    (
        "1.9.0__v10_tag_color.sql",
        """ALTER TABLE tag RENAME TO tag_old;
CREATE TABLE tag (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, color INTEGER);
INSERT INTO tag (id, name) SELECT id, name FROM tag_old;
DROP TABLE tag_old;
""",
        {("rebuild-loses-dependents", 4)},
    ),
    (
        "1.10.0__v11_habit_goal.sql",
        f"""PRAGMA foreign_keys = OFF;
DROP VIEW IF EXISTS habit_stats;
CREATE TABLE new_habit (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, color INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, archived INTEGER NOT NULL DEFAULT 0, sort_order INTEGER NOT NULL DEFAULT 0, updated_at INTEGER, goal INTEGER NOT NULL DEFAULT 1 CHECK (goal > 0));
INSERT INTO new_habit (id, title, color, created_at, archived, sort_order, updated_at) SELECT id, title, color, created_at, archived, sort_order, updated_at FROM habit;
DROP TABLE habit;
ALTER TABLE new_habit RENAME TO habit;
{_HABIT_TOUCH}
{_HABIT_STATS}
PRAGMA foreign_keys = ON;
""",
        set(),
    ),
    (
        "1.11.0__v12_checkin_day_index.sql",
        """DROP INDEX IF EXISTS idx_checkin_habit_day;
CREATE INDEX IF NOT EXISTS idx_checkin_day ON checkin(day, habit_id);
""",
        set(),
    ),
    (
        "1.12.0__v13_checkin_one_per_day.sql",
        f"""DROP VIEW IF EXISTS habit_stats;
CREATE TABLE checkin_tmp (id INTEGER PRIMARY KEY AUTOINCREMENT, habit_id INTEGER NOT NULL REFERENCES habit(id) ON DELETE CASCADE, day TEXT NOT NULL, note TEXT, value REAL NOT NULL DEFAULT 1, UNIQUE (habit_id, day));
INSERT OR IGNORE INTO checkin_tmp (id, habit_id, day, note, value) SELECT id, habit_id, day, note, value FROM checkin ORDER BY id;
DROP TABLE checkin;
ALTER TABLE checkin_tmp RENAME TO checkin;
CREATE INDEX IF NOT EXISTS idx_checkin_day ON checkin(day, habit_id);
{_HABIT_STATS}
""",
        {("rebuild-filters-rows", 3)},
    ),
    (
        "1.13.0__v14_habit_icon.sql",
        """ALTER TABLE habit ADD COLUMN icon TEXT NOT NULL DEFAULT 'star';
UPDATE habit SET icon = 'run' WHERE title LIKE '%run%';
""",
        set(),
    ),
    (
        "1.14.0__v15_reset_order.sql",
        """UPDATE habit SET sort_order = 0;
""",
        {("update-without-where", 1)},
    ),
    (
        "1.15.0__v16_stats_view_gone.sql",
        """DROP VIEW IF EXISTS habit_stats;
""",
        {("drop-view", 1)},
    ),
    (
        "1.16.0__v17_checkin_no_note.sql",
        """CREATE TABLE checkin_tmp (id INTEGER PRIMARY KEY AUTOINCREMENT, habit_id INTEGER NOT NULL REFERENCES habit(id) ON DELETE CASCADE, day TEXT NOT NULL, value REAL NOT NULL DEFAULT 1, UNIQUE (habit_id, day));
INSERT INTO checkin_tmp (id, habit_id, day, value) SELECT id, habit_id, day, value FROM checkin;
DROP TABLE checkin;
ALTER TABLE checkin_tmp RENAME TO checkin;
CREATE INDEX IF NOT EXISTS idx_checkin_day ON checkin(day, habit_id);
""",
        {("rebuild-unverified", 3)},
    ),
    (
        "1.17.0__v18_no_habit_tags.sql",
        """DROP TABLE habit_tag;
""",
        {("drop-table", 1)},
    ),
    (
        "1.18.0__v19_settings_reset.sql",
        """DELETE FROM settings;
INSERT OR IGNORE INTO settings (key, value) VALUES ('theme', 'dark');
""",
        {("delete-without-where", 1)},
    ),
    (
        "1.19.0__v20_touch_on_edit.sql",
        f"""DROP TRIGGER IF EXISTS habit_touch;
{_HABIT_TOUCH_ON_EDIT}
""",
        set(),
    ),
    (
        "1.20.0__v21_checkin_date_key.sql",
        """ALTER TABLE checkin RENAME COLUMN day TO date_key;
""",
        {("rename-column", 1)},
    ),
    (
        "1.21.0__v22_checkin_touches_habit.sql",
        """CREATE TRIGGER checkin_touch_habit AFTER INSERT ON checkin BEGIN UPDATE habit SET updated_at = CAST(strftime('%s', 'now') AS INTEGER) * 1000 WHERE id = NEW.habit_id; END;
""",
        set(),
    ),
    (
        "1.22.0__v23_habit_paused.sql",
        f"""PRAGMA foreign_keys = OFF;
PRAGMA legacy_alter_table = ON;
CREATE TABLE new_habit ({_HABIT_DEF}, paused INTEGER NOT NULL DEFAULT 0);
INSERT INTO new_habit ({_HABIT_COLUMNS}) SELECT {_HABIT_COLUMNS} FROM habit;
DROP TABLE habit;
ALTER TABLE new_habit RENAME TO habit;
{_HABIT_TOUCH_ON_EDIT}
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_keys = ON;
""",
        set(),
    ),
    (
        "1.23.0__v24_settings_scope.sql",
        """CREATE TABLE settings_backup AS SELECT * FROM settings;
DROP TABLE settings;
CREATE TABLE settings (key TEXT PRIMARY KEY NOT NULL, value TEXT, updated_at INTEGER, scope TEXT NOT NULL DEFAULT 'user');
INSERT INTO settings (key, value, updated_at) SELECT key, value, updated_at FROM settings_backup;
DROP TABLE settings_backup;
""",
        set(),
    ),
    (
        "1.24.0__v25_habit_reminder.sql",
        f"""PRAGMA foreign_keys = OFF;
PRAGMA legacy_alter_table = ON;
ALTER TABLE habit RENAME TO habit_old;
CREATE TABLE habit ({_HABIT_DEF}, paused INTEGER NOT NULL DEFAULT 0, reminder TEXT);
INSERT INTO habit ({_HABIT_COLUMNS}, paused) SELECT {_HABIT_COLUMNS}, paused FROM habit_old;
DROP TABLE habit_old;
{_HABIT_TOUCH_ON_EDIT}
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_keys = ON;
""",
        set(),
    ),
    (
        "1.25.0__v26_habit_streak.sql",
        f"""PRAGMA foreign_keys = OFF;
PRAGMA legacy_alter_table = ON;
ALTER TABLE habit RENAME TO habit_old;
CREATE TABLE habit ({_HABIT_DEF}, paused INTEGER NOT NULL DEFAULT 0, reminder TEXT, streak INTEGER NOT NULL DEFAULT 0);
INSERT INTO habit ({_HABIT_COLUMNS}, paused, reminder) SELECT {_HABIT_COLUMNS}, paused, reminder FROM habit_old;
DROP TABLE habit_old;
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_keys = ON;
""",
        {("rebuild-loses-dependents", 6)},
    ),
    (
        "1.26.0__v27_habit_notes.sql",
        """ALTER TABLE habit ADD COLUMN notes TEXT;
PRAGMA user_version = 27;
""",
        set(),
    ),
    (
        "1.27.0__v28_theme_and_streaks.sql",
        """INSERT INTO settings (key, value) VALUES ('theme', 'dark') ON CONFLICT(key) DO UPDATE SET value = excluded.value;
UPDATE habit SET streak = s.n FROM (SELECT habit_id, count(*) AS n FROM checkin GROUP BY habit_id) AS s WHERE habit.id = s.habit_id;
PRAGMA user_version = 28;
""",
        set(),
    ),
    (
        "1.28.0__v29_maintenance.sql",
        """ANALYZE;
PRAGMA optimize;
REINDEX idx_checkin_day;
""",
        set(),
    ),
    (
        "1.29.0__v30_compact.sql",
        """VACUUM;
""",
        {("needs-no-transaction", 1)},
    ),
    (
        "1.30.0__v31_tags_are_labels.sql",
        """ALTER TABLE tag RENAME TO label;
CREATE VIEW tag AS SELECT id, name, color FROM label;
""",
        {("rename-table", 1)},
    ),
    (
        "1.31.0__v32_habit_owner.sql",
        """ALTER TABLE habit ADD COLUMN owner_id INTEGER NOT NULL;
""",
        {("add-not-null-without-default", 1)},
    ),
]

_ADDED_AT = "added_at INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER))"
_FTS_TRIGGERS = """CREATE TRIGGER bookmark_fts_ai AFTER INSERT ON bookmark BEGIN INSERT INTO bookmark_fts(rowid, title, url) VALUES (new.id, new.title, new.url); END;
CREATE TRIGGER bookmark_fts_ad AFTER DELETE ON bookmark BEGIN INSERT INTO bookmark_fts(bookmark_fts, rowid, title, url) VALUES ('delete', old.id, old.title, old.url); END;
CREATE TRIGGER bookmark_fts_au AFTER UPDATE ON bookmark BEGIN INSERT INTO bookmark_fts(bookmark_fts, rowid, title, url) VALUES ('delete', old.id, old.title, old.url); INSERT INTO bookmark_fts(rowid, title, url) VALUES (new.id, new.title, new.url); END;"""
_BOOKMARK_COLUMNS = "id, url, title, added_at, folder_id, meta, notes, pinned"
_BOOKMARK_INDEXES = """CREATE UNIQUE INDEX bookmark_url ON bookmark(url);
CREATE INDEX bookmark_folder ON bookmark(folder_id);
CREATE INDEX bookmark_host ON bookmark(host);"""

BOOKMARKS: History = [
    (
        "0.1.0__init.sql",
        f"""CREATE TABLE bookmark (id INTEGER PRIMARY KEY, url TEXT NOT NULL, title TEXT, {_ADDED_AT}) STRICT;
CREATE UNIQUE INDEX bookmark_url ON bookmark(url);
CREATE TABLE folder (id INTEGER PRIMARY KEY, name TEXT NOT NULL, parent_id INTEGER REFERENCES folder(id) ON DELETE CASCADE) STRICT;
""",
        set(),
    ),
    (
        "0.2.0__bookmark_folder.sql",
        """ALTER TABLE bookmark ADD COLUMN folder_id INTEGER REFERENCES folder(id) ON DELETE SET NULL;
CREATE INDEX IF NOT EXISTS bookmark_folder ON bookmark(folder_id);
""",
        set(),
    ),
    (
        "0.3.0__bookmark_meta_host.sql",
        """ALTER TABLE bookmark ADD COLUMN meta TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(meta));
ALTER TABLE bookmark ADD COLUMN host TEXT GENERATED ALWAYS AS (substr(url, instr(url, '://') + 3)) VIRTUAL;
CREATE INDEX bookmark_host ON bookmark(host);
""",
        set(),
    ),
    (
        "0.4.0__search.sql",
        f"""CREATE VIRTUAL TABLE bookmark_fts USING fts5(title, url, content='bookmark', content_rowid='id');
{_FTS_TRIGGERS}
INSERT INTO bookmark_fts(bookmark_fts) VALUES ('rebuild');
""",
        set(),
    ),
    (
        "0.5.0__tags.sql",
        """CREATE TABLE tag (name TEXT PRIMARY KEY, color TEXT NOT NULL DEFAULT '#888888') WITHOUT ROWID, STRICT;
CREATE TABLE bookmark_tag (bookmark_id INTEGER NOT NULL REFERENCES bookmark(id) ON DELETE CASCADE, tag TEXT NOT NULL REFERENCES tag(name) ON UPDATE CASCADE, PRIMARY KEY (bookmark_id, tag)) WITHOUT ROWID, STRICT;
INSERT OR IGNORE INTO tag (name, color) VALUES ('read-later', '#e0a030'), ('reference', '#3070e0');
""",
        set(),
    ),
    (
        "0.6.0__visits.sql",
        """CREATE TABLE visit (id INTEGER PRIMARY KEY, bookmark_id INTEGER NOT NULL REFERENCES bookmark(id) ON DELETE CASCADE, at INTEGER NOT NULL, referrer TEXT) STRICT;
CREATE INDEX visit_bookmark_at ON visit(bookmark_id, at DESC);
""",
        set(),
    ),
    (
        "0.7.0__visit_source.sql",
        """ALTER TABLE visit RENAME COLUMN referrer TO source;
""",
        {("rename-column", 1)},
    ),
    (
        "0.8.0__visit_no_source.sql",
        """ALTER TABLE visit DROP COLUMN source;
""",
        {("drop-column", 1)},
    ),
    (
        "0.9.0__bookmark_notes_pinned.sql",
        """ALTER TABLE bookmark ADD COLUMN notes TEXT;
ALTER TABLE bookmark ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1));
UPDATE bookmark SET pinned = 1 WHERE folder_id IS NULL AND title LIKE '%!%';
""",
        set(),
    ),
    (
        "0.10.0__folder_position.sql",
        """PRAGMA foreign_keys = OFF;
CREATE TABLE folder_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL CHECK (length(name) > 0), parent_id INTEGER REFERENCES folder(id) ON DELETE CASCADE, position INTEGER NOT NULL DEFAULT 0) STRICT;
INSERT INTO folder_new (id, name, parent_id) SELECT id, name, parent_id FROM folder;
DROP TABLE folder;
ALTER TABLE folder_new RENAME TO folder;
PRAGMA foreign_key_check;
PRAGMA foreign_keys = ON;
""",
        set(),
    ),
    (
        "0.11.0__settings.sql",
        """CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL CHECK (json_valid(value))) WITHOUT ROWID, STRICT;
INSERT OR IGNORE INTO setting VALUES ('sync', '{"enabled": false}');
""",
        set(),
    ),
    (
        "0.12.0__meta_reset.sql",
        """UPDATE bookmark SET meta = '{}';
UPDATE setting SET value = json_set(value, '$.interval', 15) WHERE key = 'sync';
""",
        {("update-without-where", 1)},
    ),
    (
        "0.13.0__visit_at_text.sql",
        """CREATE TABLE visit_new (id INTEGER PRIMARY KEY, bookmark_id INTEGER NOT NULL REFERENCES bookmark(id) ON DELETE CASCADE, at TEXT NOT NULL) STRICT;
INSERT INTO visit_new (id, bookmark_id, at) SELECT id, bookmark_id, datetime(at, 'unixepoch') FROM visit;
DROP TABLE visit;
ALTER TABLE visit_new RENAME TO visit;
CREATE INDEX visit_bookmark_at ON visit(bookmark_id, at DESC);
""",
        {("rebuild-unverified", 3)},
    ),
    (
        "0.14.0__tag_not_empty.sql",
        """PRAGMA foreign_keys = OFF;
CREATE TABLE tag_new (name TEXT PRIMARY KEY CHECK (length(name) > 0), color TEXT NOT NULL DEFAULT '#888888') WITHOUT ROWID, STRICT;
INSERT INTO tag_new (name, color) SELECT name, color FROM tag WHERE name <> '';
DROP TABLE tag;
ALTER TABLE tag_new RENAME TO tag;
PRAGMA foreign_keys = ON;
""",
        {("rebuild-filters-rows", 3)},
    ),
    (
        "0.15.0__bookmark_archived.sql",
        f"""PRAGMA foreign_keys = OFF;
CREATE TABLE bookmark_new (id INTEGER PRIMARY KEY, url TEXT NOT NULL, title TEXT, {_ADDED_AT}, folder_id INTEGER REFERENCES folder(id) ON DELETE SET NULL, meta TEXT NOT NULL DEFAULT '{{}}' CHECK (json_valid(meta)), host TEXT GENERATED ALWAYS AS (substr(url, instr(url, '://') + 3)) VIRTUAL, notes TEXT, pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)), archived INTEGER NOT NULL DEFAULT 0) STRICT;
INSERT INTO bookmark_new ({_BOOKMARK_COLUMNS}) SELECT {_BOOKMARK_COLUMNS} FROM bookmark;
DROP TABLE bookmark;
ALTER TABLE bookmark_new RENAME TO bookmark;
{_BOOKMARK_INDEXES}
PRAGMA foreign_keys = ON;
""",
        {("rebuild-loses-dependents", 4)},
    ),
    (
        "0.16.0__search_triggers_back.sql",
        f"""{_FTS_TRIGGERS}
INSERT INTO bookmark_fts(bookmark_fts) VALUES ('rebuild');
""",
        set(),
    ),
    (
        "0.17.0__bookmark_url_check.sql",
        f"""PRAGMA foreign_keys = OFF;
CREATE TABLE bookmark_new (id INTEGER PRIMARY KEY, url TEXT NOT NULL CHECK (length(url) > 0), title TEXT, {_ADDED_AT}, folder_id INTEGER REFERENCES folder(id) ON DELETE SET NULL, meta TEXT NOT NULL DEFAULT '{{}}' CHECK (json_valid(meta)), host TEXT GENERATED ALWAYS AS (substr(url, instr(url, '://') + 3)) VIRTUAL, notes TEXT, pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)), archived INTEGER NOT NULL DEFAULT 0) STRICT;
INSERT INTO bookmark_new ({_BOOKMARK_COLUMNS}, archived) SELECT {_BOOKMARK_COLUMNS}, archived FROM bookmark;
DROP TABLE bookmark;
ALTER TABLE bookmark_new RENAME TO bookmark;
{_BOOKMARK_INDEXES}
{_FTS_TRIGGERS}
PRAGMA foreign_key_check;
PRAGMA foreign_keys = ON;
""",
        set(),
    ),
    (
        "0.18.0__prune.sql",
        """DELETE FROM visit WHERE at < datetime('now', '-1 year');
DELETE FROM bookmark_tag;
DROP TABLE IF EXISTS setting;
""",
        {("delete-without-where", 2), ("drop-table", 3)},
    ),
    (
        "0.19.0__bookmark_list.sql",
        """CREATE VIEW bookmark_list AS SELECT b.id, b.url, b.title, f.name AS folder FROM bookmark b LEFT JOIN folder f ON f.id = b.folder_id WHERE b.archived = 0;
""",
        set(),
    ),
    (
        "0.20.0__bookmark_list_gone.sql",
        """DROP VIEW bookmark_list;
""",
        {("drop-view", 1)},
    ),
    (
        "0.21.0__folder_color.sql",
        """PRAGMA foreign_keys = OFF;
CREATE TABLE folder_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL CHECK (length(name) > 0), parent_id INT REFERENCES folder(id) ON DELETE CASCADE, position INT NOT NULL DEFAULT 0, color TEXT) STRICT;
INSERT INTO folder_new (id, name, parent_id, position) SELECT id, name, parent_id, position FROM folder;
DROP TABLE folder;
ALTER TABLE folder_new RENAME TO folder;
PRAGMA foreign_keys = ON;
""",
        set(),
    ),
    (
        "0.22.0__recent_view.sql",
        """CREATE VIEW recent_bookmarks AS SELECT id, url, title FROM bookmark WHERE archived = 0 ORDER BY added_at DESC LIMIT 50;
""",
        set(),
    ),
    (
        "0.23.0__bookmark_favicon.sql",
        f"""PRAGMA foreign_keys = OFF;
PRAGMA legacy_alter_table = ON;
CREATE TABLE bookmark_new (id INTEGER PRIMARY KEY, url TEXT NOT NULL CHECK (length(url) > 0), title TEXT, {_ADDED_AT}, folder_id INTEGER REFERENCES folder(id) ON DELETE SET NULL, meta TEXT NOT NULL DEFAULT '{{}}' CHECK (json_valid(meta)), host TEXT GENERATED ALWAYS AS (substr(url, instr(url, '://') + 3)) VIRTUAL, notes TEXT, pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)), archived INTEGER NOT NULL DEFAULT 0, favicon BLOB) STRICT;
INSERT INTO bookmark_new ({_BOOKMARK_COLUMNS}, archived) SELECT {_BOOKMARK_COLUMNS}, archived FROM bookmark;
DROP TABLE bookmark;
ALTER TABLE bookmark_new RENAME TO bookmark;
{_BOOKMARK_INDEXES}
{_FTS_TRIGGERS}
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_keys = ON;
""",
        set(),
    ),
    (
        "0.24.0__folder_icon.sql",
        """PRAGMA foreign_keys = OFF;
CREATE TABLE folder_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL CHECK (length(name) > 0), parent_id INT REFERENCES folder(id) ON DELETE CASCADE, position INT NOT NULL DEFAULT 0, color TEXT, icon TEXT) STRICT;
INSERT INTO folder_new (id, name, parent_id, position) SELECT id, name, parent_id, position FROM folder;
DROP TABLE folder;
ALTER TABLE folder_new RENAME TO folder;
PRAGMA foreign_keys = ON;
""",
        {("rebuild-unverified", 4)},
    ),
    (
        "0.25.0__tag_columns_reordered.sql",
        """PRAGMA foreign_keys = OFF;
CREATE TABLE tag_new (color TEXT NOT NULL DEFAULT '#888888', name TEXT PRIMARY KEY CHECK (length(name) > 0)) WITHOUT ROWID, STRICT;
INSERT INTO tag_new SELECT * FROM tag;
DROP TABLE tag;
ALTER TABLE tag_new RENAME TO tag;
PRAGMA foreign_keys = ON;
""",
        {("rebuild-unverified", 4)},
    ),
    (
        "0.26.0__visit_dedupe.sql",
        """CREATE TABLE visit_new (id INTEGER PRIMARY KEY, bookmark_id INTEGER NOT NULL REFERENCES bookmark(id) ON DELETE CASCADE, at TEXT NOT NULL) STRICT;
INSERT INTO visit_new (id, bookmark_id, at) SELECT min(id), bookmark_id, at FROM visit GROUP BY bookmark_id, at;
DROP TABLE visit;
ALTER TABLE visit_new RENAME TO visit;
CREATE INDEX visit_bookmark_at ON visit(bookmark_id, at DESC);
""",
        {("rebuild-filters-rows", 2)},
    ),
    (
        "0.27.0__folder_named_only.sql",
        """PRAGMA foreign_keys = OFF;
CREATE TABLE folder_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL CHECK (length(name) > 0), parent_id INT REFERENCES folder(id) ON DELETE CASCADE, position INT NOT NULL DEFAULT 0, color TEXT, icon TEXT, sync_id TEXT) STRICT;
INSERT INTO folder_new (id, name, parent_id, position, color, icon) SELECT id, name, parent_id, position, color, icon FROM (SELECT * FROM folder WHERE trim(name) <> '');
DROP TABLE folder;
ALTER TABLE folder_new RENAME TO folder;
PRAGMA foreign_keys = ON;
""",
        {("rebuild-filters-rows", 3)},
    ),
    (
        "0.28.0__one_tag_per_bookmark.sql",
        """CREATE TABLE bookmark_tag_new (bookmark_id INTEGER NOT NULL UNIQUE REFERENCES bookmark(id) ON DELETE CASCADE, tag TEXT NOT NULL REFERENCES tag(name) ON UPDATE CASCADE, PRIMARY KEY (bookmark_id, tag)) WITHOUT ROWID, STRICT;
INSERT OR REPLACE INTO bookmark_tag_new (bookmark_id, tag) SELECT bookmark_id, tag FROM bookmark_tag;
DROP TABLE bookmark_tag;
ALTER TABLE bookmark_tag_new RENAME TO bookmark_tag;
""",
        {("rebuild-filters-rows", 2)},
    ),
    (
        "0.29.0__purge.sql",
        """DELETE FROM visit WHERE 1;
UPDATE bookmark SET notes = NULL WHERE true;
""",
        {("delete-without-where", 1), ("update-without-where", 2)},
    ),
    (
        "0.30.0__meta_version.sql",
        """UPDATE bookmark SET meta = json_set(meta, '$.v', 2) WHERE json_extract(meta, '$.v') IS NULL;
DELETE FROM bookmark_tag WHERE tag NOT IN (SELECT name FROM tag);
DROP INDEX IF EXISTS bookmark_never_made;
""",
        set(),
    ),
    (
        "0.31.0__visit_duration.sql",
        """CREATE TABLE visit_new (id INTEGER PRIMARY KEY, bookmark_id INTEGER NOT NULL REFERENCES bookmark(id) ON DELETE CASCADE, at TEXT NOT NULL, duration INTEGER) STRICT;
INSERT INTO visit_new (id, bookmark_id, at) SELECT id, bookmark_id, CAST(at AS TEXT) FROM visit;
DROP TABLE visit;
ALTER TABLE visit_new RENAME TO visit;
CREATE INDEX visit_bookmark_at ON visit(bookmark_id, at DESC);
""",
        set(),
    ),
    (
        "0.32.0__bookmark_note.sql",
        """ALTER TABLE bookmark RENAME COLUMN notes TO note;
""",
        {("rename-column", 1)},
    ),
    (
        "0.33.0__visit_device.sql",
        """CREATE TABLE visit_new (id INTEGER PRIMARY KEY, bookmark_id INTEGER NOT NULL REFERENCES bookmark(id) ON DELETE CASCADE, at TEXT NOT NULL, duration INTEGER, device TEXT) STRICT;
INSERT INTO visit_new (id, bookmark_id, at, duration) SELECT v.id, v.bookmark_id, v.at, v.duration FROM visit AS v;
DROP TABLE visit;
ALTER TABLE visit_new RENAME TO visit;
CREATE INDEX visit_bookmark_at ON visit(bookmark_id);
""",
        set(),
    ),
    (
        "0.34.0__visit_source_app.sql",
        """CREATE TABLE visit_new (id INTEGER PRIMARY KEY, bookmark_id INTEGER NOT NULL REFERENCES bookmark(id) ON DELETE CASCADE, at TEXT NOT NULL, duration INTEGER, device TEXT, source_app TEXT) STRICT;
CREATE INDEX visit_by_bookmark ON visit_new(bookmark_id);
INSERT INTO visit_new (id, bookmark_id, at, duration, device) SELECT id, bookmark_id, at, duration, device FROM visit;
DROP TABLE visit;
ALTER TABLE visit_new RENAME TO visit;
""",
        set(),
    ),
    (
        "0.35.0__bookmark_visits.sql",
        f"""PRAGMA foreign_keys = OFF;
PRAGMA legacy_alter_table = ON;
CREATE TABLE bookmark_new (id INTEGER PRIMARY KEY, url TEXT NOT NULL CHECK (length(url) > 0), title TEXT, {_ADDED_AT}, folder_id INTEGER REFERENCES folder(id) ON DELETE SET NULL, meta TEXT NOT NULL DEFAULT '{{}}' CHECK (json_valid(meta)), host TEXT GENERATED ALWAYS AS (substr(url, instr(url, '://') + 3)) VIRTUAL, note TEXT, pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)), archived INTEGER NOT NULL DEFAULT 0, favicon BLOB, visits INTEGER NOT NULL DEFAULT 0) STRICT;
INSERT INTO bookmark_new (id, url, title, added_at, folder_id, meta, note, pinned, archived, favicon) SELECT id, url, title, added_at, folder_id, meta, note, pinned, archived, favicon FROM bookmark;
DROP TABLE bookmark;
ALTER TABLE bookmark_new RENAME TO bookmark;
{_BOOKMARK_INDEXES}
CREATE TRIGGER bookmark_fts_ai AFTER INSERT ON bookmark WHEN new.archived = 0 BEGIN INSERT INTO bookmark_fts(rowid, title, url) VALUES (new.id, new.title, new.url); END;
CREATE TRIGGER bookmark_fts_ad AFTER DELETE ON bookmark BEGIN INSERT INTO bookmark_fts(bookmark_fts, rowid, title, url) VALUES ('delete', old.id, old.title, old.url); END;
CREATE TRIGGER bookmark_fts_au AFTER UPDATE OF title, url ON bookmark BEGIN INSERT INTO bookmark_fts(bookmark_fts, rowid, title, url) VALUES ('delete', old.id, old.title, old.url); INSERT INTO bookmark_fts(rowid, title, url) VALUES (new.id, new.title, new.url); END;
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_keys = ON;
""",
        set(),
    ),
    (
        "0.36.0__url_length.sql",
        """ALTER TABLE bookmark ADD COLUMN url_len INTEGER GENERATED ALWAYS AS (length(url)) STORED;
""",
        {("sqlite-add-column-restriction", 1)},
    ),
]


HISTORIES: dict[str, History] = {
    "habits": HABITS,
    "bookmarks": BOOKMARKS,
}
