# ruff: noqa: E501  (generated and hand-written SQL keeps its long lines, as real histories have them)
"""Long SQLite histories with the error findings a reviewer expects, written for ratchet after the
shapes of public projects' histories (not copied from any): a chat homeserver's deltas with
SQLite-only table rebuilds, an FTS index and a view kept across a rebuild; a Rust shell-history
tool's sqlx files (FTS5 with its triggers, STRICT and WITHOUT ROWID tables, generated columns,
foreign-key pragmas); a Go notes server's idempotent files with rename-first rebuilds
(``ALTER TABLE t RENAME TO _t_old``, create ``t``, copy, drop the old one); a Go auth server's
backup-table rebuilds under ``PRAGMA legacy_alter_table``; an Android app's files after its
``user_version`` era, from the ``.schema`` of an installed database (``SEEDS``: ``lint-schema``), with
Room's auto-migrations and expression indexes; a Rust blogging server's Diesel files (rebuilds of
parent tables, the SQLite FAQ's drop-a-column through a backup copy, a deduplicating copy).

``HISTORIES``: label -> files ``(name, sql, expected)``, ``expected`` the ``(rule, line)`` of each error.
A file whose expected findings include ``syntax-error`` or ``sqlite-add-column-restriction`` does
not run on SQLite; such files come last in their history.
"""

from __future__ import annotations

from history_corpus import History

HOMESERVER: History = [
    (
        "1.0.0__full_schema.sql",
        """-- the full schema at version 1, for new installs
CREATE TABLE users (
    name TEXT,
    password_hash TEXT,
    creation_ts BIGINT,
    admin SMALLINT DEFAULT 0 NOT NULL,
    upgrade_ts BIGINT,
    is_guest SMALLINT DEFAULT 0 NOT NULL,
    UNIQUE(name)
);
CREATE TABLE access_tokens (
    id BIGINT PRIMARY KEY,
    user_id TEXT NOT NULL,
    device_id TEXT,
    token TEXT NOT NULL,
    last_used BIGINT,
    UNIQUE(token)
);
CREATE TABLE messages (
    seq INTEGER PRIMARY KEY,
    message_id TEXT NOT NULL UNIQUE,
    room_id TEXT NOT NULL,
    author TEXT NOT NULL,
    body TEXT,
    sent_at BIGINT NOT NULL,
    edited_at BIGINT,
    flags INTEGER DEFAULT 0 NOT NULL
);
CREATE INDEX messages_by_room ON messages (room_id, sent_at);
CREATE TABLE rooms (room_id TEXT PRIMARY KEY NOT NULL, is_public BOOL, creator TEXT);
CREATE TABLE room_aliases (room_alias TEXT NOT NULL, room_id TEXT NOT NULL, creator TEXT, UNIQUE (room_alias));
CREATE INDEX room_aliases_id ON room_aliases (room_id);
CREATE TABLE background_updates (
    update_name TEXT NOT NULL,
    progress_json TEXT NOT NULL,
    depends_on TEXT,
    CONSTRAINT background_updates_uniqueness UNIQUE (update_name)
);
CREATE VIRTUAL TABLE message_text USING fts4 (message_id, words);
CREATE TABLE schema_compat_version (Lock CHAR(1) NOT NULL DEFAULT 'X' UNIQUE, compat_version INTEGER NOT NULL);
""",
        set(),
    ),
    (
        "1.1.0__devices.sql",
        """CREATE TABLE devices (
    user_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    display_name TEXT,
    CONSTRAINT device_uniqueness UNIQUE (user_id, device_id)
);
CREATE TABLE IF NOT EXISTS device_inbox (user_id TEXT NOT NULL, device_id TEXT NOT NULL, stream_id BIGINT NOT NULL, message_json TEXT NOT NULL);
CREATE INDEX device_inbox_user_stream_id ON device_inbox (user_id, device_id, stream_id);
INSERT INTO background_updates (update_name, progress_json) VALUES ('device_inbox_stream_index', '{}');
""",
        set(),
    ),
    (
        "1.2.0__token_validity.sql",
        """-- tokens may expire; users may be locked
ALTER TABLE access_tokens ADD COLUMN valid_until_ms BIGINT;
ALTER TABLE access_tokens ADD COLUMN puppets_user_id TEXT;
ALTER TABLE users ADD COLUMN shadow_banned BOOLEAN;
ALTER TABLE users ADD COLUMN locked BOOLEAN NOT NULL DEFAULT (0);
ALTER TABLE users ADD COLUMN user_type TEXT DEFAULT ('regular');
""",
        set(),
    ),
    (
        "1.3.0__devices_hidden.sql",
        """-- SQLite: rebuild devices with the new columns (the PostgreSQL delta uses ALTER TABLE)
CREATE TABLE devices2 (
    user_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    display_name TEXT,
    last_seen BIGINT,
    hidden BOOLEAN DEFAULT FALSE,
    CONSTRAINT device_uniqueness UNIQUE (user_id, device_id)
);
INSERT INTO devices2 SELECT user_id, device_id, display_name, NULL, FALSE FROM devices;
DROP TABLE devices;
ALTER TABLE devices2 RENAME TO devices;
""",
        set(),
    ),
    (
        "1.4.0__message_bodies.sql",
        """CREATE TABLE message_bodies (message_id TEXT PRIMARY KEY, body TEXT NOT NULL, edits TEXT);
INSERT INTO message_bodies (message_id, body, edits) SELECT message_id, coalesce(body, ''), NULL FROM messages;
""",
        set(),
    ),
    (
        "1.5.0__messages_without_body.sql",
        """-- the bodies now live in message_bodies: the rebuild leaves body and edited_at out
CREATE TABLE messages_next (
    seq INTEGER PRIMARY KEY,
    message_id TEXT NOT NULL UNIQUE,
    room_id TEXT NOT NULL,
    author TEXT NOT NULL,
    sent_at BIGINT NOT NULL,
    flags INTEGER DEFAULT 0 NOT NULL
);
INSERT INTO messages_next SELECT seq, message_id, room_id, author, sent_at, flags FROM messages;
DROP TABLE messages;
ALTER TABLE messages_next RENAME TO messages;
CREATE INDEX messages_by_room ON messages (room_id, sent_at);
""",
        {("rebuild-unverified", 11)},
    ),
    (
        "1.6.0__room_stats.sql",
        """CREATE TABLE room_stats_current (room_id TEXT NOT NULL PRIMARY KEY, current_state_events INT NOT NULL, joined_members INT NOT NULL, completed_delta_stream_id BIGINT NOT NULL);
CREATE VIEW public_room_list AS SELECT r.room_id, s.joined_members FROM rooms r JOIN room_stats_current s USING (room_id) WHERE r.is_public;
CREATE TRIGGER rooms_delete_stats AFTER DELETE ON rooms BEGIN DELETE FROM room_stats_current WHERE room_id = OLD.room_id; END;
""",
        set(),
    ),
    (
        "1.7.0__rooms_room_version.sql",
        """-- the view over rooms stays: legacy_alter_table lets the rename through without rewriting it
PRAGMA legacy_alter_table = ON;
CREATE TABLE rooms_new (room_id TEXT PRIMARY KEY NOT NULL, is_public BOOL, creator TEXT, room_version TEXT, has_auth_chain_index BOOLEAN);
INSERT INTO rooms_new (room_id, is_public, creator) SELECT room_id, is_public, creator FROM rooms;
DROP TABLE rooms;
ALTER TABLE rooms_new RENAME TO rooms;
CREATE TRIGGER rooms_delete_stats AFTER DELETE ON rooms BEGIN DELETE FROM room_stats_current WHERE room_id = OLD.room_id; END;
PRAGMA legacy_alter_table = OFF;
""",
        set(),
    ),
    (
        "1.8.0__cleanup_background_updates.sql",
        """DELETE FROM background_updates;
DROP INDEX IF EXISTS room_aliases_id;
CREATE INDEX room_aliases_id ON room_aliases (room_id, creator);
""",
        {("delete-without-where", 1)},
    ),
    (
        "1.9.0__access_tokens_refresh.sql",
        """-- rename the old table out of the way, create the new one, copy, drop the old one
ALTER TABLE access_tokens RENAME TO access_tokens_old;
CREATE TABLE access_tokens (
    id BIGINT PRIMARY KEY,
    user_id TEXT NOT NULL,
    device_id TEXT,
    token TEXT NOT NULL,
    last_used BIGINT,
    valid_until_ms BIGINT,
    puppets_user_id TEXT,
    refresh_token_id BIGINT,
    used BOOLEAN,
    UNIQUE(token)
);
INSERT INTO access_tokens (id, user_id, device_id, token, last_used, valid_until_ms, puppets_user_id)
    SELECT id, user_id, device_id, token, last_used, valid_until_ms, puppets_user_id FROM access_tokens_old;
DROP TABLE access_tokens_old;
CREATE INDEX access_tokens_device_id ON access_tokens (user_id, device_id);
""",
        set(),
    ),
    (
        "1.10.0__devices_last_seen_ts.sql",
        """ALTER TABLE devices RENAME COLUMN last_seen TO last_seen_ts;
""",
        {("rename-column", 1)},
    ),
    (
        "1.11.0__room_aliases_dedupe.sql",
        """-- dedupe aliases: keep the first row of each alias
CREATE TABLE room_aliases_new (room_alias TEXT NOT NULL, room_id TEXT NOT NULL, creator TEXT, UNIQUE (room_alias));
INSERT OR IGNORE INTO room_aliases_new (room_alias, room_id, creator) SELECT room_alias, room_id, creator FROM room_aliases;
DROP TABLE room_aliases;
ALTER TABLE room_aliases_new RENAME TO room_aliases;
CREATE INDEX room_aliases_id ON room_aliases (room_id, creator);
""",
        {("rebuild-filters-rows", 3)},
    ),
    (
        "1.12.0__schema_compat.sql",
        """DELETE FROM schema_compat_version WHERE compat_version < 60;
INSERT INTO schema_compat_version (compat_version) VALUES (60) ON CONFLICT (Lock) DO UPDATE SET compat_version = 60;
UPDATE users SET shadow_banned = 0 WHERE shadow_banned IS NULL;
""",
        set(),
    ),
    (
        "1.13.0__user_threepids.sql",
        """CREATE TABLE user_threepids (user_id TEXT NOT NULL, medium TEXT NOT NULL, address TEXT NOT NULL, validated_at BIGINT NOT NULL, added_at BIGINT NOT NULL, CONSTRAINT medium_address UNIQUE (medium, address));
CREATE INDEX user_threepids_user_id ON user_threepids(user_id);
ALTER TABLE users ADD COLUMN consent_version TEXT;
ALTER TABLE users ADD COLUMN consent_ts BIGINT NOT NULL DEFAULT (strftime('%s', 'now'));
""",
        {("sqlite-add-column-restriction", 4)},
    ),
]

SHELL: History = [
    (
        "1.0.0__create_history.sql",
        """create table if not exists history (
	id text primary key,
	timestamp integer not null,
	duration integer not null,
	exit integer not null,
	command text not null,
	cwd text not null,
	session text not null,
	hostname text not null,

	unique(timestamp, cwd, command)
);

create index if not exists idx_history_timestamp on history(timestamp);
create index if not exists idx_history_command on history(command);
""",
        set(),
    ),
    ("1.1.0__history_deleted_at.sql", "alter table history add column deleted_at integer;\n", set()),
    (
        "1.2.0__idx_command_timestamp.sql",
        "create index if not exists idx_history_command_timestamp on history(command, timestamp);\n",
        set(),
    ),
    (
        "1.3.0__fts.sql",
        """create virtual table if not exists history_fts using fts5(command, cwd, content='history', content_rowid='rowid');
create trigger if not exists history_fts_ai after insert on history begin
  insert into history_fts(rowid, command, cwd) values (new.rowid, new.command, new.cwd);
end;
create trigger if not exists history_fts_ad after delete on history begin
  insert into history_fts(history_fts, rowid, command, cwd) values ('delete', old.rowid, old.command, old.cwd);
end;
insert into history_fts(history_fts) values ('rebuild');
""",
        set(),
    ),
    (
        "1.4.0__records.sql",
        """create table if not exists store (
  id text primary key,
  idx integer,
  host text not null,
  tag text not null,
  timestamp integer not null,
  version text not null,
  data blob not null,
  cek blob not null
) strict;
create unique index record_uniq on store(host, tag, idx);
create table if not exists host (id integer primary key, host text unique not null, name text) strict;
create table if not exists kv (namespace text not null, key text not null, value text not null, primary key (namespace, key)) without rowid;
""",
        set(),
    ),
    (
        "1.5.0__store_host_id.sql",
        """-- hosts move to their own table; store keeps the host's id
pragma foreign_keys = off;
pragma legacy_alter_table = on;
create table store_new (
  id text primary key,
  idx integer,
  host integer not null references host(id),
  tag text not null,
  timestamp integer not null,
  version text not null,
  data blob not null,
  cek blob not null
) strict;
insert into host (host) select distinct host from store where true on conflict do nothing;
insert into store_new (id, idx, host, tag, timestamp, version, data, cek) select store.id, store.idx, host.id, store.tag, store.timestamp, store.version, store.data, store.cek from store inner join host on host.host = store.host;
drop table store;
alter table store_new rename to store;
create unique index record_uniq on store(host, tag, idx);
pragma legacy_alter_table = off;
pragma foreign_keys = on;
""",
        {("rebuild-filters-rows", 15), ("rebuild-unverified", 16)},
    ),
    (
        "1.6.0__history_author.sql",
        """alter table history add column author text;
update history set author = hostname where author is null;
alter table history add column intent text;
""",
        set(),
    ),
    (
        "1.7.0__drop_fts.sql",
        """-- search moves into the app: the FTS index and its triggers go
drop trigger if exists history_fts_ai;
drop trigger if exists history_fts_ad;
drop table if exists history_fts;
""",
        {("drop-table", 4)},
    ),
    (
        "1.8.0__command_lower.sql",
        """alter table history add column command_lower text generated always as (lower(command)) virtual;
create index if not exists idx_history_command_lower on history(command_lower);
""",
        set(),
    ),
    (
        "1.9.0__kv_updated_at.sql",
        """create table kv_new (namespace text not null, key text not null, value text not null, updated_at integer not null default 0, primary key (namespace, key)) without rowid;
insert into kv_new (namespace, key, value) select namespace, key, value from kv;
drop table kv;
alter table kv_new rename to kv;
""",
        set(),
    ),
    (
        "1.10.0__history_exit_nullable.sql",
        """create table history_new (
	id text primary key,
	timestamp integer not null,
	duration integer not null default -1,
	exit integer,
	command text not null,
	cwd text not null,
	session text not null,
	hostname text not null,
	deleted_at integer,
	author text,
	intent text,
	command_lower text generated always as (lower(command)) virtual,
	unique(timestamp, cwd, command)
);
insert into history_new (id, timestamp, duration, exit, command, cwd, session, hostname, deleted_at, author, intent)
	select id, timestamp, duration, exit, command, cwd, session, hostname, deleted_at, author, intent from history;
drop table history;
alter table history_new rename to history;
create index if not exists idx_history_timestamp on history(timestamp);
create index if not exists idx_history_command on history(command);
create index if not exists idx_history_command_timestamp on history(command, timestamp);
create index if not exists idx_history_command_lower on history(command_lower);
""",
        set(),
    ),
    (
        "1.11.0__cwd_len.sql",
        """alter table history add column cwd_len integer generated always as (length(cwd)) stored;
""",
        {("sqlite-add-column-restriction", 1)},
    ),
]

NOTES: History = [
    (
        "1.0.0__init.sql",
        """-- user
CREATE TABLE IF NOT EXISTS user (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  created_ts BIGINT NOT NULL DEFAULT (strftime('%s', 'now')),
  updated_ts BIGINT NOT NULL DEFAULT (strftime('%s', 'now')),
  row_status TEXT NOT NULL CHECK (row_status IN ('NORMAL', 'ARCHIVED')) DEFAULT 'NORMAL',
  username TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('HOST', 'ADMIN', 'USER')) DEFAULT 'USER',
  email TEXT NOT NULL DEFAULT '',
  nickname TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  avatar_url TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS idx_user_username ON user (username);

-- memo
CREATE TABLE IF NOT EXISTS memo (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  creator_id INTEGER NOT NULL,
  created_ts BIGINT NOT NULL DEFAULT (strftime('%s', 'now')),
  updated_ts BIGINT NOT NULL DEFAULT (strftime('%s', 'now')),
  row_status TEXT NOT NULL CHECK (row_status IN ('NORMAL', 'ARCHIVED')) DEFAULT 'NORMAL',
  content TEXT NOT NULL DEFAULT '',
  visibility TEXT NOT NULL CHECK (visibility IN ('PUBLIC', 'PROTECTED', 'PRIVATE')) DEFAULT 'PRIVATE'
);
CREATE INDEX IF NOT EXISTS idx_memo_creator_id ON memo (creator_id);

-- memo_organizer
CREATE TABLE IF NOT EXISTS memo_organizer (
  memo_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  pinned INTEGER NOT NULL CHECK (pinned IN (0, 1)) DEFAULT 0,
  UNIQUE(memo_id, user_id)
);

-- system_setting
CREATE TABLE IF NOT EXISTS system_setting (name TEXT NOT NULL, value TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', UNIQUE(name));

-- resource
CREATE TABLE IF NOT EXISTS resource (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  creator_id INTEGER NOT NULL,
  created_ts BIGINT NOT NULL DEFAULT (strftime('%s', 'now')),
  updated_ts BIGINT NOT NULL DEFAULT (strftime('%s', 'now')),
  filename TEXT NOT NULL DEFAULT '',
  blob BLOB DEFAULT NULL,
  type TEXT NOT NULL DEFAULT '',
  size INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS idx_resource_creator_id ON resource (creator_id);

-- keep updated_ts current
CREATE TRIGGER IF NOT EXISTS trigger_update_memo_modification_time
AFTER UPDATE ON memo
FOR EACH ROW
BEGIN
  UPDATE memo SET updated_ts = (strftime('%s', 'now')) WHERE rowid = old.rowid;
END;
""",
        set(),
    ),
    (
        "1.1.0__resource_links.sql",
        """ALTER TABLE resource ADD COLUMN external_link TEXT NOT NULL DEFAULT '';
ALTER TABLE resource ADD COLUMN internal_path TEXT NOT NULL DEFAULT '';
""",
        set(),
    ),
    (
        "1.2.0__relations.sql",
        """CREATE TABLE IF NOT EXISTS memo_relation (
  memo_id INTEGER NOT NULL REFERENCES memo (id) ON DELETE CASCADE,
  related_memo_id INTEGER NOT NULL,
  type TEXT NOT NULL,
  UNIQUE(memo_id, related_memo_id, type)
);
CREATE TABLE IF NOT EXISTS memo_resource (
  memo_id INTEGER NOT NULL,
  resource_id INTEGER NOT NULL,
  created_ts BIGINT NOT NULL DEFAULT (strftime('%s', 'now')),
  UNIQUE(memo_id, resource_id)
);
CREATE TABLE IF NOT EXISTS tag (name TEXT NOT NULL, creator_id INTEGER NOT NULL, UNIQUE(name, creator_id));
""",
        set(),
    ),
    (
        "1.3.0__resource_memo_id.sql",
        """ALTER TABLE resource ADD COLUMN memo_id INTEGER;
UPDATE resource SET memo_id = (SELECT memo_id FROM memo_resource WHERE resource.id = memo_resource.resource_id LIMIT 1);
CREATE INDEX IF NOT EXISTS idx_resource_memo_id ON resource (memo_id);
""",
        set(),
    ),
    ("1.4.0__drop_memo_resource.sql", "DROP TABLE IF EXISTS memo_resource;\n", {("drop-table", 1)}),
    (
        "1.5.0__user_role_check.sql",
        """ALTER TABLE user RENAME TO _user_old;

CREATE TABLE user (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  created_ts BIGINT NOT NULL DEFAULT (strftime('%s', 'now')),
  updated_ts BIGINT NOT NULL DEFAULT (strftime('%s', 'now')),
  row_status TEXT NOT NULL CHECK (row_status IN ('NORMAL', 'ARCHIVED')) DEFAULT 'NORMAL',
  username TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL DEFAULT 'USER',
  email TEXT NOT NULL DEFAULT '',
  nickname TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  avatar_url TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT ''
);

INSERT INTO user (id, created_ts, updated_ts, row_status, username, role, email, nickname, password_hash, avatar_url)
SELECT id, created_ts, updated_ts, row_status, username, role, email, nickname, password_hash, avatar_url FROM _user_old;

DROP TABLE _user_old;

CREATE INDEX IF NOT EXISTS idx_user_username ON user (username);
""",
        set(),
    ),
    (
        "1.6.0__memo_visibility.sql",
        """-- the relations' foreign key follows the rename to _memo_old (and is left dangling by the drop);
-- the modification-time trigger goes with _memo_old
ALTER TABLE memo RENAME TO _memo_old;

CREATE TABLE memo (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  creator_id INTEGER NOT NULL,
  created_ts BIGINT NOT NULL DEFAULT (strftime('%s', 'now')),
  updated_ts BIGINT NOT NULL DEFAULT (strftime('%s', 'now')),
  row_status TEXT NOT NULL CHECK (row_status IN ('NORMAL', 'ARCHIVED')) DEFAULT 'NORMAL',
  content TEXT NOT NULL DEFAULT '',
  visibility TEXT NOT NULL DEFAULT 'PRIVATE'
);

INSERT INTO memo (id, creator_id, created_ts, updated_ts, row_status, content, visibility)
SELECT id, creator_id, created_ts, updated_ts, row_status, content, visibility FROM _memo_old;

DROP TABLE _memo_old;

CREATE INDEX IF NOT EXISTS idx_memo_creator_id ON memo (creator_id);
""",
        {("rebuild-loses-dependents", 18)},
    ),
    (
        "1.7.0__memo_payload.sql",
        """ALTER TABLE memo ADD COLUMN payload JSON NOT NULL DEFAULT '{}';
UPDATE memo SET payload = json_set(payload, '$.property.hasLink', json('true')) WHERE content LIKE '%http%';
CREATE VIEW IF NOT EXISTS memo_with_tags AS SELECT id, json_extract(payload, '$.tags') AS tags FROM memo;
""",
        set(),
    ),
    (
        "1.8.0__instance_id.sql",
        """CREATE TABLE IF NOT EXISTS system_setting (name TEXT NOT NULL, value TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', UNIQUE(name));
INSERT OR IGNORE INTO system_setting (name, value) VALUES ('instance-id', lower(hex(randomblob(16))));
UPDATE user SET role = 'ADMIN' WHERE role = 'HOST';
""",
        set(),
    ),
    (
        "1.9.0__memo_pinned.sql",
        """ALTER TABLE memo ADD COLUMN pinned INTEGER NOT NULL CHECK (pinned IN (0, 1)) DEFAULT 0;
UPDATE memo SET pinned = 1 WHERE id IN (SELECT memo_id FROM memo_organizer WHERE pinned = 1);
DROP TABLE memo_organizer;
""",
        {("drop-table", 3)},
    ),
    (
        "1.10.0__reaction.sql",
        """CREATE TABLE reaction (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  created_ts BIGINT NOT NULL DEFAULT (strftime('%s', 'now')),
  creator_id INTEGER NOT NULL,
  content_id TEXT NOT NULL,
  reaction_type TEXT NOT NULL,
  UNIQUE(creator_id, content_id, reaction_type)
);
ALTER TABLE user ADD COLUMN locale TEXT NOT NULL DEFAULT ('en');
ALTER TABLE user ADD COLUMN appearance TEXT NOT NULL DEFAULT ( 'system' );
""",
        set(),
    ),
]

AUTH: History = [
    (
        "1.0.0__init.sql",
        """CREATE TABLE IF NOT EXISTS authentication_logs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    successful BOOLEAN NOT NULL,
    banned BOOLEAN NOT NULL DEFAULT FALSE,
    username VARCHAR(100) NOT NULL,
    auth_type VARCHAR(8) NOT NULL DEFAULT '1FA',
    remote_ip VARCHAR(39) NULL DEFAULT NULL,
    request_uri TEXT NOT NULL,
    request_method VARCHAR(8) NOT NULL DEFAULT ''
);

CREATE INDEX authentication_logs_username_idx ON authentication_logs (time, username, auth_type);
CREATE INDEX authentication_logs_remote_ip_idx ON authentication_logs (time, remote_ip, auth_type);

CREATE TABLE IF NOT EXISTS user_preferences (id INTEGER PRIMARY KEY AUTOINCREMENT, username VARCHAR(100) UNIQUE NOT NULL, second_factor_method VARCHAR(11) NOT NULL);

CREATE TABLE IF NOT EXISTS totp_configurations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    last_used_at DATETIME NULL DEFAULT NULL,
    username VARCHAR(100) NOT NULL,
    issuer VARCHAR(100),
    algorithm VARCHAR(6) NOT NULL DEFAULT 'SHA1',
    digits INTEGER NOT NULL DEFAULT 6,
    period INTEGER NOT NULL DEFAULT 30,
    secret BLOB NOT NULL,
    UNIQUE (username)
);

CREATE TABLE IF NOT EXISTS webauthn_devices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    username VARCHAR(100) NOT NULL,
    description VARCHAR(30) NOT NULL DEFAULT 'Primary',
    kid VARCHAR(512) NOT NULL,
    public_key BLOB NOT NULL,
    sign_count INTEGER NOT NULL DEFAULT 0,
    UNIQUE (username, description)
);

CREATE TABLE IF NOT EXISTS migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, applied DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, version_before INTEGER NULL DEFAULT NULL, version_after INTEGER NOT NULL, application_version VARCHAR(128) NOT NULL);
CREATE TABLE IF NOT EXISTS encryption (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(100), value BLOB NOT NULL, UNIQUE (name));
""",
        set(),
    ),
    (
        "1.1.0__webauthn_attestation.sql",
        """PRAGMA foreign_keys=off;

ALTER TABLE webauthn_devices RENAME TO _bkp_UP_V0002_webauthn_devices;

CREATE TABLE IF NOT EXISTS webauthn_devices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    last_used_at DATETIME NULL DEFAULT NULL,
    rpid TEXT,
    username VARCHAR(100) NOT NULL,
    description VARCHAR(30) NOT NULL DEFAULT 'Primary',
    kid VARCHAR(512) NOT NULL,
    public_key BLOB NOT NULL,
    attestation_type VARCHAR(32),
    transport VARCHAR(20) DEFAULT '',
    aaguid CHAR(36) NULL,
    sign_count INTEGER NOT NULL DEFAULT 0,
    clone_warning BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (username, description)
);

INSERT INTO webauthn_devices (id, created_at, last_used_at, rpid, username, description, kid, public_key, attestation_type, aaguid, sign_count)
SELECT id, created_at, NULL, '', username, description, kid, public_key, 'fido-u2f', NULL, sign_count
FROM _bkp_UP_V0002_webauthn_devices;

DROP TABLE IF EXISTS _bkp_UP_V0002_webauthn_devices;

PRAGMA foreign_keys=on;
""",
        set(),
    ),
    (
        "1.2.0__oauth2.sql",
        """CREATE TABLE IF NOT EXISTS oauth2_consent_preconfiguration (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id VARCHAR(255) NOT NULL,
    subject CHAR(36) NOT NULL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    expires_at DATETIME NULL DEFAULT NULL,
    revoked BOOLEAN NOT NULL DEFAULT FALSE,
    scopes TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS oauth2_consent_session (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    challenge_id CHAR(36) NOT NULL,
    client_id VARCHAR(255) NOT NULL,
    subject CHAR(36) NULL DEFAULT NULL,
    preconfiguration INTEGER NULL DEFAULT NULL,
    granted_scopes TEXT NOT NULL,
    CONSTRAINT oauth2_consent_session_preconfiguration_fkey FOREIGN KEY (preconfiguration) REFERENCES oauth2_consent_preconfiguration (id) ON UPDATE CASCADE ON DELETE CASCADE
);
CREATE UNIQUE INDEX oauth2_consent_session_challenge_id_key ON oauth2_consent_session (challenge_id);
""",
        set(),
    ),
    (
        "1.3.0__preconfiguration_audience.sql",
        """-- the session's foreign key keeps naming oauth2_consent_preconfiguration: legacy_alter_table
PRAGMA foreign_keys=off;
PRAGMA legacy_alter_table=on;

ALTER TABLE oauth2_consent_preconfiguration RENAME TO _bkp_UP_V0005_oauth2_consent_preconfiguration;

CREATE TABLE oauth2_consent_preconfiguration (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id VARCHAR(255) NOT NULL,
    subject CHAR(36) NOT NULL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    expires_at DATETIME NULL DEFAULT NULL,
    revoked BOOLEAN NOT NULL DEFAULT FALSE,
    scopes TEXT NOT NULL,
    audience TEXT NULL
);

INSERT INTO oauth2_consent_preconfiguration (id, client_id, subject, created_at, expires_at, revoked, scopes, audience)
SELECT id, client_id, subject, created_at, expires_at, revoked, scopes, '' FROM _bkp_UP_V0005_oauth2_consent_preconfiguration;

DROP TABLE IF EXISTS _bkp_UP_V0005_oauth2_consent_preconfiguration;

PRAGMA legacy_alter_table=off;
PRAGMA foreign_keys=on;
""",
        set(),
    ),
    (
        "1.4.0__drop_request_method.sql",
        "ALTER TABLE authentication_logs DROP COLUMN request_method;\n",
        {("drop-column", 1)},
    ),
    (
        "1.5.0__totp_last_used.sql",
        """ALTER TABLE totp_configurations ADD COLUMN last_used_at DATETIME NULL DEFAULT NULL;
""",
        {("syntax-error", 1)},
    ),
]

HISTORIES: dict[str, History] = {"homeserver": HOMESERVER, "shell": SHELL, "notes": NOTES, "auth": AUTH}

# An Android app's history after the user_version era: the schema before the first file is the
# `.schema` output of an installed database (ROOM_SEED, lint-schema), with Android's and SQLite's own
# tables in it; Room's auto-migrations (`_new_X` rebuilds) and hand-written rename-first ones.
ROOM_SEED = """CREATE TABLE android_metadata (locale TEXT);
CREATE TABLE `Word` (`id` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, `word` TEXT NOT NULL, `createdAt` INTEGER NOT NULL);
CREATE TABLE sqlite_sequence(name,seq);
CREATE UNIQUE INDEX `index_Word_word` ON `Word` (`word`);
CREATE TABLE `Deck` (`deckId` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, `name` TEXT NOT NULL);
CREATE TABLE `DeckWord` (`deckId` INTEGER NOT NULL, `wordId` INTEGER NOT NULL, PRIMARY KEY(`deckId`, `wordId`), FOREIGN KEY(`deckId`) REFERENCES `Deck`(`deckId`) ON UPDATE NO ACTION ON DELETE CASCADE , FOREIGN KEY(`wordId`) REFERENCES `Word`(`id`) ON UPDATE NO ACTION ON DELETE CASCADE );
CREATE INDEX `index_DeckWord_wordId` ON `DeckWord` (`wordId`);
CREATE TABLE room_master_table (id INTEGER PRIMARY KEY,identity_hash TEXT);
"""

ROOM: History = [
    (
        "2.0.0__v2.sql",
        """ALTER TABLE `Word` ADD COLUMN `definition` TEXT DEFAULT NULL;
ALTER TABLE `Deck` ADD COLUMN `color` INTEGER NOT NULL DEFAULT 0;
INSERT OR REPLACE INTO room_master_table (id,identity_hash) VALUES(42, '5b1c0f0e');
""",
        set(),
    ),
    (
        "3.0.0__v3_auto.sql",
        """CREATE TABLE IF NOT EXISTS `_new_Word` (`id` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, `word` TEXT NOT NULL, `createdAt` INTEGER NOT NULL, `definition` TEXT, `updatedAt` INTEGER NOT NULL DEFAULT 0);
INSERT INTO `_new_Word` (`id`,`word`,`createdAt`,`definition`) SELECT `id`,`word`,`createdAt`,`definition` FROM `Word`;
DROP TABLE `Word`;
ALTER TABLE `_new_Word` RENAME TO `Word`;
CREATE UNIQUE INDEX IF NOT EXISTS `index_Word_word` ON `Word` (`word`);
PRAGMA foreign_key_check(`Word`);
""",
        set(),
    ),
    (
        "4.0.0__v4.sql",
        """-- a position for each word of a deck; the index is made before the old table goes, so it is a
-- no-op (the old table still holds an index of that name) and the drop takes it away
ALTER TABLE DeckWord RENAME TO DeckWord_old;
CREATE TABLE IF NOT EXISTS `DeckWord` (`deckId` INTEGER NOT NULL, `wordId` INTEGER NOT NULL, `position` INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(`deckId`, `wordId`), FOREIGN KEY(`deckId`) REFERENCES `Deck`(`deckId`) ON UPDATE NO ACTION ON DELETE CASCADE , FOREIGN KEY(`wordId`) REFERENCES `Word`(`id`) ON UPDATE NO ACTION ON DELETE CASCADE );
CREATE INDEX IF NOT EXISTS `index_DeckWord_wordId` ON `DeckWord` (`wordId`);
INSERT INTO DeckWord (deckId, wordId) SELECT deckId, wordId FROM DeckWord_old;
DROP TABLE DeckWord_old;
""",
        {("rebuild-loses-dependents", 7)},
    ),
    (
        "5.0.0__v5.sql",
        """PRAGMA user_version = 5;
CREATE VIEW IF NOT EXISTS WordCount AS SELECT deckId, count(*) AS n FROM DeckWord GROUP BY deckId;
CREATE TABLE IF NOT EXISTS `Tag` (`tagId` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, `label` TEXT NOT NULL COLLATE NOCASE);
CREATE UNIQUE INDEX IF NOT EXISTS `index_Tag_label` ON `Tag` (`label`);
""",
        set(),
    ),
    ("6.0.0__v6.sql", "ALTER TABLE Deck RENAME COLUMN color TO colour;\n", {("rename-column", 1)}),
    (
        "7.0.0__v7.sql",
        """UPDATE Word SET updatedAt = createdAt WHERE updatedAt = 0;
CREATE INDEX IF NOT EXISTS index_Word_lower ON Word (lower(word));
CREATE INDEX IF NOT EXISTS index_Word_len ON Word (length(word));
""",
        set(),
    ),
    (
        "8.0.0__v8_drop_definition.sql",
        """CREATE TABLE IF NOT EXISTS `_new_Word` (`id` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, `word` TEXT NOT NULL, `createdAt` INTEGER NOT NULL, `updatedAt` INTEGER NOT NULL DEFAULT 0);
INSERT INTO `_new_Word` (`id`,`word`,`createdAt`,`updatedAt`) SELECT `id`,`word`,`createdAt`,`updatedAt` FROM `Word`;
DROP TABLE `Word`;
ALTER TABLE `_new_Word` RENAME TO `Word`;
CREATE UNIQUE INDEX IF NOT EXISTS `index_Word_word` ON `Word` (`word`);
CREATE INDEX IF NOT EXISTS index_Word_lower ON Word (lower(word));
CREATE INDEX IF NOT EXISTS index_Word_len ON Word (length(word));
""",
        {("rebuild-unverified", 3)},
    ),
    (
        "9.0.0__v9_word_lang.sql",
        """-- the length index is forgotten
CREATE TABLE IF NOT EXISTS `_new_Word` (`id` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, `word` TEXT NOT NULL, `createdAt` INTEGER NOT NULL, `updatedAt` INTEGER NOT NULL DEFAULT 0, `lang` TEXT);
INSERT INTO `_new_Word` (`id`,`word`,`createdAt`,`updatedAt`) SELECT `id`,`word`,`createdAt`,`updatedAt` FROM `Word`;
DROP TABLE `Word`;
ALTER TABLE `_new_Word` RENAME TO `Word`;
CREATE UNIQUE INDEX IF NOT EXISTS `index_Word_word` ON `Word` (`word`);
CREATE INDEX IF NOT EXISTS index_Word_lower ON Word (lower(word));
""",
        {("rebuild-loses-dependents", 4)},
    ),
    ("10.0.0__v10.sql", "ALTER TABLE `Tag` ADD COLUMN `label` TEXT;\n", {("syntax-error", 1)}),
]

# A Rust blogging server's Diesel files (SQLite before DROP COLUMN existed): tables that reference
# each other, rebuilds of a parent table, the SQLite FAQ's way to drop a column (a backup copy, drop,
# create, copy back, drop the backup), and data fixes.
BLOG: History = [
    (
        "1.0.0__create_instances_users.sql",
        """-- Your SQL goes here
CREATE TABLE instances (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    local_domain VARCHAR NOT NULL,
    public_domain VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    local BOOLEAN NOT NULL DEFAULT 'f',
    blocked BOOLEAN NOT NULL DEFAULT 'f',
    creation_date DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    username VARCHAR NOT NULL,
    display_name VARCHAR NOT NULL DEFAULT '',
    outbox_url VARCHAR NOT NULL,
    inbox_url VARCHAR NOT NULL,
    is_admin BOOLEAN NOT NULL DEFAULT 'f',
    summary TEXT NOT NULL DEFAULT '',
    email TEXT,
    hashed_password TEXT,
    instance_id INTEGER REFERENCES instances(id) ON DELETE CASCADE NOT NULL,
    creation_date DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT users_unique UNIQUE (username, instance_id)
);
""",
        set(),
    ),
    (
        "1.1.0__create_blogs_posts.sql",
        """CREATE TABLE blogs (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    actor_id VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    instance_id INTEGER REFERENCES instances(id) ON DELETE CASCADE NOT NULL,
    creation_date DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE posts (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    blog_id INTEGER REFERENCES blogs(id) ON DELETE CASCADE NOT NULL,
    slug VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    content TEXT NOT NULL DEFAULT '',
    published BOOLEAN NOT NULL DEFAULT 't',
    license VARCHAR NOT NULL DEFAULT 'CC-BY-SA',
    creation_date DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT blog_authors_unique UNIQUE (blog_id, slug)
);
CREATE TABLE post_authors (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    post_id INTEGER REFERENCES posts(id) ON DELETE CASCADE NOT NULL,
    author_id INTEGER REFERENCES users(id) ON DELETE CASCADE NOT NULL
);
""",
        set(),
    ),
    (
        "1.2.0__comments_follows.sql",
        """CREATE TABLE comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    content TEXT NOT NULL DEFAULT '',
    in_response_to_id INTEGER REFERENCES comments(id),
    post_id INTEGER REFERENCES posts(id) ON DELETE CASCADE NOT NULL,
    author_id INTEGER REFERENCES users(id) ON DELETE CASCADE NOT NULL,
    creation_date DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    ap_url VARCHAR,
    sensitive BOOLEAN NOT NULL DEFAULT 'f',
    spoiler_text TEXT NOT NULL DEFAULT ''
);
CREATE TABLE follows (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    follower_id INTEGER REFERENCES users(id) ON DELETE CASCADE NOT NULL,
    following_id INTEGER REFERENCES users(id) ON DELETE CASCADE NOT NULL,
    ap_url TEXT NOT NULL DEFAULT ''
);
CREATE INDEX follows_follower ON follows (follower_id);
""",
        set(),
    ),
    (
        "1.3.0__users_drop_display_name_faq.sql",
        """-- SQLite cannot drop a column: the FAQ's way, through a backup copy
CREATE TEMPORARY TABLE users_backup (id, username, outbox_url, inbox_url, is_admin, summary, email, hashed_password, instance_id, creation_date);
INSERT INTO users_backup SELECT id, username, outbox_url, inbox_url, is_admin, summary, email, hashed_password, instance_id, creation_date FROM users;
DROP TABLE users;
CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    username VARCHAR NOT NULL,
    outbox_url VARCHAR NOT NULL,
    inbox_url VARCHAR NOT NULL,
    is_admin BOOLEAN NOT NULL DEFAULT 'f',
    summary TEXT NOT NULL DEFAULT '',
    email TEXT,
    hashed_password TEXT,
    instance_id INTEGER REFERENCES instances(id) ON DELETE CASCADE NOT NULL,
    creation_date DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT users_unique UNIQUE (username, instance_id)
);
INSERT INTO users SELECT * FROM users_backup;
DROP TABLE users_backup;
""",
        # display_name is dropped: an error at the DROP (main said drop-table, it is rebuild-unverified naming the column)
        {("rebuild-unverified", 4)},
    ),
    (
        "1.4.0__posts_subtitle.sql",
        """CREATE TABLE posts2 (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    blog_id INTEGER REFERENCES blogs(id) ON DELETE CASCADE NOT NULL,
    slug VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    content TEXT NOT NULL DEFAULT '',
    published BOOLEAN NOT NULL DEFAULT 't',
    license VARCHAR NOT NULL DEFAULT 'CC-BY-SA',
    creation_date DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    subtitle TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    CONSTRAINT blog_authors_unique UNIQUE (blog_id, slug)
);
INSERT INTO posts2 SELECT id, blog_id, slug, title, content, published, license, creation_date, '', '' FROM posts;
DROP TABLE posts;
ALTER TABLE posts2 RENAME TO posts;
""",
        set(),
    ),
    (
        "1.5.0__notifications.sql",
        """CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    user_id INTEGER REFERENCES users(id) ON DELETE CASCADE NOT NULL,
    creation_date DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    kind VARCHAR NOT NULL DEFAULT 'unknown',
    object_id INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX notifications_user ON notifications (user_id, creation_date DESC);
ALTER TABLE users ADD COLUMN last_fetched_date TIMESTAMP NOT NULL DEFAULT '1970-01-01 00:00:00';
UPDATE users SET is_admin = 't' WHERE id = 1;
""",
        set(),
    ),
    (
        "1.6.0__follows_unique.sql",
        """-- duplicates go: the copy keeps one row per pair
CREATE TABLE follows2 (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    follower_id INTEGER REFERENCES users(id) ON DELETE CASCADE NOT NULL,
    following_id INTEGER REFERENCES users(id) ON DELETE CASCADE NOT NULL,
    ap_url TEXT NOT NULL DEFAULT '',
    CONSTRAINT follows_unique UNIQUE (follower_id, following_id)
);
INSERT INTO follows2 SELECT min(id), follower_id, following_id, max(ap_url) FROM follows GROUP BY follower_id, following_id;
DROP TABLE follows;
ALTER TABLE follows2 RENAME TO follows;
CREATE INDEX follows_follower ON follows (follower_id);
""",
        {("rebuild-filters-rows", 9)},
    ),
    (
        "1.7.0__comments_public_visibility.sql",
        """ALTER TABLE comments ADD COLUMN public_visibility BOOLEAN NOT NULL DEFAULT 't';
DROP INDEX IF EXISTS follows_follower;
""",
        set(),
    ),
    (
        "1.8.0__drop_notifications_kind_default.sql",
        """CREATE TABLE notifications2 (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    user_id INTEGER REFERENCES users(id) ON DELETE CASCADE NOT NULL,
    creation_date DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    kind VARCHAR NOT NULL,
    object_id INTEGER NOT NULL DEFAULT 0
);
INSERT INTO notifications2 SELECT * FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications2 RENAME TO notifications;
CREATE INDEX notifications_user ON notifications (user_id, creation_date DESC);
""",
        set(),
    ),
]

BLOG.append(
    (
        "1.9.0__comments_ap_url_unique.sql",
        """-- comments.ap_url becomes unique: the FAQ's way again, the backup made with AS SELECT
CREATE TEMPORARY TABLE comments_backup AS SELECT * FROM comments;
DROP TABLE comments;
CREATE TABLE comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    content TEXT NOT NULL DEFAULT '',
    in_response_to_id INTEGER REFERENCES comments(id),
    post_id INTEGER REFERENCES posts(id) ON DELETE CASCADE NOT NULL,
    author_id INTEGER REFERENCES users(id) ON DELETE CASCADE NOT NULL,
    creation_date DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    ap_url VARCHAR UNIQUE,
    sensitive BOOLEAN NOT NULL DEFAULT 'f',
    spoiler_text TEXT NOT NULL DEFAULT '',
    public_visibility BOOLEAN NOT NULL DEFAULT 't'
);
INSERT INTO comments SELECT * FROM comments_backup;
DROP TABLE comments_backup;
""",
        set(),
    )
)

# A Go push-notification server's hand-written files: rebuilds that copy with SELECT * (by position),
# a view over a view, collations and functions that the app registers on its connection.
PUSH: History = [
    (
        "1.0.0__init.sql",
        """CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, pass BLOB NOT NULL, admin INTEGER NOT NULL DEFAULT 0);
CREATE TABLE applications (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  token TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  internal INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE clients (id INTEGER PRIMARY KEY AUTOINCREMENT, token TEXT NOT NULL UNIQUE, user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE, name TEXT NOT NULL);
CREATE TABLE messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  message TEXT NOT NULL,
  title TEXT NOT NULL,
  priority INTEGER NOT NULL DEFAULT 0,
  extras TEXT,
  date DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX messages_application ON messages (application_id, id DESC);
""",
        set(),
    ),
    (
        "1.1.0__unread.sql",
        """ALTER TABLE messages ADD COLUMN read_at DATETIME;
CREATE INDEX messages_unread ON messages (application_id) WHERE read_at IS NULL;
CREATE VIEW unread_messages AS SELECT id, application_id, title FROM messages WHERE read_at IS NULL;
""",
        set(),
    ),
    (
        "1.2.0__application_image.sql",
        """CREATE TABLE applications_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  token TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  internal INTEGER NOT NULL DEFAULT 0,
  image TEXT NOT NULL DEFAULT ''
);
INSERT INTO applications_new SELECT *, '' FROM applications;
DROP TABLE applications;
ALTER TABLE applications_new RENAME TO applications;
""",
        set(),
    ),
    (
        "1.3.0__messages_title_first.sql",
        """-- title before message, as the API shows them; the copy goes by position
DROP VIEW unread_messages;
CREATE TABLE messages_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  message TEXT NOT NULL,
  priority INTEGER NOT NULL DEFAULT 0,
  extras TEXT,
  date DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  read_at DATETIME
);
INSERT INTO messages_new SELECT * FROM messages;
DROP TABLE messages;
ALTER TABLE messages_new RENAME TO messages;
CREATE INDEX messages_application ON messages (application_id, id DESC);
CREATE INDEX messages_unread ON messages (application_id) WHERE read_at IS NULL;
CREATE VIEW unread_messages AS SELECT id, application_id, title FROM messages WHERE read_at IS NULL;
""",
        {("rebuild-unverified", 14)},
    ),
    (
        "1.4.0__client_last_used.sql",
        """CREATE TABLE clients_new (id INTEGER PRIMARY KEY AUTOINCREMENT, token TEXT NOT NULL UNIQUE, last_used DATETIME, user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE, name TEXT NOT NULL);
INSERT INTO clients_new SELECT * FROM clients;
DROP TABLE clients;
ALTER TABLE clients_new RENAME TO clients;
""",
        # SQLite refuses the copy (5 columns, 4 values): the file fails there
        {("syntax-error", 2)},
    ),
    (
        "1.5.0__app_stats.sql",
        """CREATE VIEW app_stats AS SELECT application_id, count(*) AS unread FROM unread_messages GROUP BY application_id;
ALTER TABLE users ADD COLUMN email TEXT COLLATE NOCASE;
UPDATE applications SET internal = 0;
""",
        {("update-without-where", 3)},
    ),
    (
        "1.7.0__labels.sql",
        """-- LOCALIZED and UNICODE are collations the app registers on its connection, regexp a function
CREATE TABLE labels (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE LOCALIZED,
  color INTEGER,
  pattern TEXT CHECK (pattern IS NULL OR regexp('^[a-z]+$', pattern))
);
CREATE INDEX labels_name ON labels (name COLLATE UNICODE);
""",
        {("syntax-error", 4), ("syntax-error", 8)},  # ratchet's connection has neither collation
    ),
    (
        "1.8.0__labels_user.sql",
        """CREATE TABLE labels_new (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE LOCALIZED,
  color INTEGER,
  pattern TEXT CHECK (pattern IS NULL OR regexp('^[a-z]+$', pattern)),
  user_id INTEGER REFERENCES users (id)
);
INSERT INTO labels_new (id, name, color, pattern) SELECT id, name, color, pattern FROM labels;
DROP TABLE labels;
ALTER TABLE labels_new RENAME TO labels;
CREATE INDEX labels_name ON labels (name COLLATE UNICODE);
""",
        {("syntax-error", 3), ("syntax-error", 11)},
    ),
    ("1.9.0__labels_color.sql", "ALTER TABLE labels ADD COLUMN color INTEGER;\n", {("syntax-error", 1)}),
    (
        "1.10.0__messages_priority_check.sql",
        """-- app_stats reads unread_messages, which is dropped and made again: the rename fails on it
DROP VIEW unread_messages;
CREATE TABLE messages_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  message TEXT NOT NULL,
  priority INTEGER NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 10),
  extras TEXT,
  date DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  read_at DATETIME
);
INSERT INTO messages_new (id, application_id, title, message, priority, extras, date, read_at)
  SELECT id, application_id, title, message, priority, extras, date, read_at FROM messages;
DROP TABLE messages;
ALTER TABLE messages_new RENAME TO messages;
CREATE INDEX messages_application ON messages (application_id, id DESC);
CREATE INDEX messages_unread ON messages (application_id) WHERE read_at IS NULL;
CREATE VIEW unread_messages AS SELECT id, application_id, title FROM messages WHERE read_at IS NULL;
""",
        {("rebuild-loses-dependents", 15)},
    ),
    (
        "1.11.0__message_client.sql",
        "ALTER TABLE messages ADD COLUMN client_id INTEGER DEFAULT 0 REFERENCES clients (id);\n",
        {("sqlite-add-column-restriction", 1)},
    ),
]

HISTORIES["room"] = ROOM
HISTORIES["blog"] = BLOG
HISTORIES["push"] = PUSH
#: The ``lint-schema`` seed of a history that starts from an installed database.
SEEDS = {"room": ROOM_SEED}
