# ruff: noqa: E501  (real histories keep their long lines)
"""Two more long PostgreSQL histories, in shapes the other corpora lack, with the error findings a
reviewer expects.

Written for ratchet after the patterns of public histories (a Flyway-managed identity service:
``V1_2__x.sql`` names turned into versions, sequences, ``ALTER TABLE ... ADD CONSTRAINT ... FOREIGN
KEY`` with an index on every foreign key, data fixes, column renames, type changes; a
Supabase-style application: roles, grants, ``ALTER DEFAULT PRIVILEGES``, row level security
policies, ``security_invoker`` views, a materialized view, SQL and PL/pgSQL functions, extensions
in their own schema, a publication), not copied from any. Each history is a list of files
``(name, sql, expected)`` where ``expected`` is the set of ``(rule, line)`` error findings.
"""

from __future__ import annotations

from history_corpus import History

FLYWAY: History = [
    (
        "1.0.0__init.sql",
        """-- Spring Boot service, schema managed by Flyway (V1__init.sql)
CREATE SEQUENCE hibernate_sequence START WITH 1 INCREMENT BY 50;

CREATE TABLE realm (
    id VARCHAR(36) NOT NULL,
    name VARCHAR(255) NOT NULL,
    enabled BOOLEAN NOT NULL DEFAULT FALSE,
    ssl_required VARCHAR(255),
    login_theme VARCHAR(255),
    access_token_lifespan INTEGER,
    CONSTRAINT pk_realm PRIMARY KEY (id)
);

CREATE TABLE app_client (
    id VARCHAR(36) NOT NULL,
    client_id VARCHAR(255) NOT NULL,
    realm_id VARCHAR(36) NOT NULL,
    secret VARCHAR(255),
    public_client BOOLEAN NOT NULL DEFAULT FALSE,
    base_url VARCHAR(255),
    CONSTRAINT pk_app_client PRIMARY KEY (id)
);

CREATE TABLE user_entity (
    id VARCHAR(36) NOT NULL,
    username VARCHAR(255),
    email VARCHAR(255),
    email_verified BOOLEAN NOT NULL DEFAULT FALSE,
    first_name VARCHAR(255),
    last_name VARCHAR(255),
    realm_id VARCHAR(255),
    created_timestamp BIGINT,
    CONSTRAINT pk_user_entity PRIMARY KEY (id)
);

ALTER TABLE app_client ADD CONSTRAINT fk_client_realm FOREIGN KEY (realm_id) REFERENCES realm (id);
ALTER TABLE app_client ADD CONSTRAINT uk_client_realm UNIQUE (realm_id, client_id);
CREATE INDEX idx_client_realm ON app_client (realm_id);
ALTER TABLE user_entity ADD CONSTRAINT uk_user_realm UNIQUE (realm_id, username);
""",
        set(),
    ),
    (
        "1.1.0__user_roles.sql",
        """CREATE TABLE keycloak_role (
    id VARCHAR(36) NOT NULL,
    name VARCHAR(255),
    description VARCHAR(255),
    client_role BOOLEAN,
    realm_id VARCHAR(255),
    client VARCHAR(36),
    CONSTRAINT pk_role PRIMARY KEY (id)
);

CREATE TABLE user_role_mapping (
    role_id VARCHAR(36) NOT NULL,
    user_id VARCHAR(36) NOT NULL,
    CONSTRAINT pk_user_role PRIMARY KEY (role_id, user_id)
);

ALTER TABLE user_role_mapping ADD CONSTRAINT fk_urm_user FOREIGN KEY (user_id) REFERENCES user_entity (id);
ALTER TABLE user_role_mapping ADD CONSTRAINT fk_urm_role FOREIGN KEY (role_id) REFERENCES keycloak_role (id);
CREATE INDEX idx_user_role_mapping ON user_role_mapping (user_id);
CREATE INDEX idx_keycloak_role_client ON keycloak_role (client);
""",
        set(),
    ),
    (
        "1.1.1__fix_realm_defaults.sql",
        """UPDATE realm SET ssl_required = 'EXTERNAL' WHERE ssl_required IS NULL;
UPDATE realm SET access_token_lifespan = 300 WHERE access_token_lifespan IS NULL OR access_token_lifespan = 0;
""",
        set(),
    ),
    (
        "1.2.0__credentials.sql",
        """CREATE TABLE credential (
    id VARCHAR(36) NOT NULL,
    device VARCHAR(255),
    hash_iterations INTEGER,
    salt BYTEA,
    type VARCHAR(255),
    value VARCHAR(4000),
    user_id VARCHAR(36),
    CONSTRAINT pk_credential PRIMARY KEY (id)
);
ALTER TABLE credential ADD CONSTRAINT fk_credential_user FOREIGN KEY (user_id) REFERENCES user_entity (id);
CREATE INDEX idx_user_credential ON credential (user_id);

ALTER TABLE user_entity ADD COLUMN enabled BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE user_entity ADD COLUMN service_account_client_link VARCHAR(36);
""",
        set(),
    ),
    (
        "1.2.1__credential_value_text.sql",
        """ALTER TABLE credential ALTER COLUMN value TYPE TEXT;
ALTER TABLE realm ALTER COLUMN login_theme TYPE VARCHAR(255);
""",
        set(),
    ),
    (
        "1.3.0__events.sql",
        """CREATE TABLE event_entity (
    id VARCHAR(36) NOT NULL,
    client_id VARCHAR(255),
    details_json VARCHAR(2550),
    error VARCHAR(255),
    ip_address VARCHAR(255),
    realm_id VARCHAR(255),
    session_id VARCHAR(255),
    time BIGINT,
    type VARCHAR(255),
    user_id VARCHAR(255),
    CONSTRAINT pk_event_entity PRIMARY KEY (id)
);
CREATE INDEX idx_event_time ON event_entity (realm_id, time);

ALTER TABLE realm ADD COLUMN events_enabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE realm ADD COLUMN events_expiration BIGINT;
""",
        set(),
    ),
    (
        "1.3.1__event_details_text.sql",
        """ALTER TABLE event_entity ALTER COLUMN details_json TYPE VARCHAR(255);
""",
        {("alter-column-type", 1)},
    ),
    (
        "1.4.0__client_attributes.sql",
        """CREATE TABLE client_attributes (
    client_id VARCHAR(36) NOT NULL,
    name VARCHAR(255) NOT NULL,
    value VARCHAR(4000),
    CONSTRAINT pk_client_attributes PRIMARY KEY (client_id, name)
);
ALTER TABLE client_attributes ADD CONSTRAINT fk_client_attributes FOREIGN KEY (client_id) REFERENCES app_client (id);
CREATE INDEX idx_client_att_by_name_value ON client_attributes (name, substr(value, 1, 255));

INSERT INTO client_attributes (client_id, name, value)
SELECT id, 'pkce.code.challenge.method', 'S256' FROM app_client WHERE public_client;

ALTER TABLE app_client DROP COLUMN base_url;
""",
        {("drop-column", 13)},
    ),
    (
        "1.4.1__rename_client_secret.sql",
        """ALTER TABLE app_client RENAME COLUMN secret TO client_secret;
""",
        {("rename-column", 1)},
    ),
    (
        "1.5.0__user_attributes.sql",
        """CREATE TABLE user_attribute (
    name VARCHAR(255) NOT NULL,
    value VARCHAR(255),
    user_id VARCHAR(36) NOT NULL,
    id VARCHAR(36) NOT NULL DEFAULT 'sybase-needs-something-here',
    CONSTRAINT pk_user_attribute PRIMARY KEY (id)
);
ALTER TABLE user_attribute ADD CONSTRAINT fk_user_attribute FOREIGN KEY (user_id) REFERENCES user_entity (id);
CREATE INDEX idx_user_attribute ON user_attribute (user_id);
CREATE INDEX idx_user_attribute_name ON user_attribute (name, value);

UPDATE user_attribute SET id = md5(random()::text) WHERE id = 'sybase-needs-something-here';
ALTER TABLE user_attribute ALTER COLUMN id DROP DEFAULT;
""",
        set(),
    ),
    (
        "1.5.1__realm_flags.sql",
        """ALTER TABLE realm ADD COLUMN registration_allowed BOOLEAN;
UPDATE realm SET registration_allowed = FALSE;
ALTER TABLE realm ALTER COLUMN registration_allowed SET NOT NULL;
ALTER TABLE realm ALTER COLUMN events_expiration SET DEFAULT 0;
UPDATE realm SET events_expiration = 0 WHERE events_expiration IS NULL;
ALTER TABLE realm ALTER COLUMN events_expiration SET NOT NULL;
""",
        {("add-not-null-without-default", 3), ("set-not-null", 6)},
    ),
    (
        "1.6.0__groups.sql",
        """CREATE TABLE keycloak_group (
    id VARCHAR(36) NOT NULL,
    name VARCHAR(255),
    parent_group VARCHAR(36) NOT NULL,
    realm_id VARCHAR(36),
    CONSTRAINT pk_group PRIMARY KEY (id)
);
CREATE TABLE user_group_membership (
    group_id VARCHAR(36) NOT NULL,
    user_id VARCHAR(36) NOT NULL,
    CONSTRAINT pk_user_group PRIMARY KEY (group_id, user_id)
);
ALTER TABLE user_group_membership ADD CONSTRAINT fk_user_group_user FOREIGN KEY (user_id) REFERENCES user_entity (id);
CREATE INDEX idx_user_group_mapping ON user_group_membership (user_id);
CREATE SEQUENCE group_position_seq;
ALTER TABLE keycloak_group ADD COLUMN position INTEGER NOT NULL DEFAULT nextval('group_position_seq');
ALTER SEQUENCE group_position_seq OWNED BY keycloak_group.position;
""",
        set(),
    ),
    (
        "1.6.1__drop_hibernate_sequence.sql",
        """DROP SEQUENCE IF EXISTS hibernate_sequence;
""",
        {("drop-sequence", 1)},
    ),
    (
        "1.7.0__offline_sessions.sql",
        """CREATE TABLE offline_user_session (
    user_session_id VARCHAR(36) NOT NULL,
    user_id VARCHAR(255) NOT NULL,
    realm_id VARCHAR(36) NOT NULL,
    created_on INTEGER NOT NULL,
    offline_flag VARCHAR(4) NOT NULL,
    data TEXT,
    last_session_refresh INTEGER DEFAULT 0 NOT NULL,
    CONSTRAINT constraint_offl_us_ses_pk2 PRIMARY KEY (user_session_id, offline_flag)
);
CREATE TABLE offline_client_session (
    user_session_id VARCHAR(36) NOT NULL,
    client_id VARCHAR(255) NOT NULL,
    offline_flag VARCHAR(4) NOT NULL,
    timestamp INTEGER,
    data TEXT,
    CONSTRAINT constraint_offl_cl_ses_pk3 PRIMARY KEY (user_session_id, client_id, offline_flag)
);
CREATE INDEX idx_offline_uss_createdon ON offline_user_session (created_on);
CREATE INDEX idx_offline_uss_preload ON offline_user_session (offline_flag, created_on, user_session_id);
""",
        set(),
    ),
    (
        "1.7.1__clear_offline_sessions.sql",
        """-- the serialisation format changed: old sessions cannot be read any more
DELETE FROM offline_client_session;
DELETE FROM offline_user_session WHERE offline_flag = '1';
""",
        {("delete-without-where", 2)},
    ),
    (
        "1.8.0__group_parent_nullable.sql",
        """ALTER TABLE keycloak_group ALTER COLUMN parent_group DROP NOT NULL;
UPDATE keycloak_group SET parent_group = NULL WHERE parent_group = ' ';
ALTER TABLE keycloak_group ADD CONSTRAINT sibling_names UNIQUE (realm_id, parent_group, name);
""",
        set(),
    ),
    (
        "1.8.1__realm_attributes.sql",
        """CREATE TABLE realm_attribute (
    name VARCHAR(255) NOT NULL,
    realm_id VARCHAR(36) NOT NULL,
    value TEXT,
    CONSTRAINT constraint_9 PRIMARY KEY (name, realm_id)
);
ALTER TABLE realm_attribute ADD CONSTRAINT fk_8shxd6l3e9atqukacxgpffptw FOREIGN KEY (realm_id) REFERENCES realm (id);
CREATE INDEX idx_realm_attr_realm ON realm_attribute (realm_id);

INSERT INTO realm_attribute (name, value, realm_id)
SELECT 'loginTheme', login_theme, id FROM realm WHERE login_theme IS NOT NULL;
ALTER TABLE realm DROP COLUMN login_theme;
ALTER TABLE realm DROP COLUMN IF EXISTS account_theme;
""",
        {("drop-column", 12)},
    ),
    (
        "1.9.0__widen_ids.sql",
        """ALTER TABLE user_entity ALTER COLUMN created_timestamp TYPE BIGINT;
ALTER TABLE realm ALTER COLUMN access_token_lifespan TYPE BIGINT;
ALTER TABLE event_entity ALTER COLUMN details_json TYPE TEXT;
ALTER TABLE offline_user_session ALTER COLUMN created_on TYPE BIGINT USING created_on::BIGINT;
""",
        set(),
    ),
    (
        "1.9.1__role_attribute.sql",
        """CREATE TABLE role_attribute (
    id VARCHAR(36) NOT NULL,
    role_id VARCHAR(36) NOT NULL,
    name VARCHAR(255) NOT NULL,
    value VARCHAR(255)
);
ALTER TABLE role_attribute ADD CONSTRAINT constraint_role_attribute_pk PRIMARY KEY (id);
ALTER TABLE role_attribute ADD CONSTRAINT fk_role_attribute_id FOREIGN KEY (role_id) REFERENCES keycloak_role (id);
CREATE INDEX idx_role_attribute ON role_attribute (role_id);
ALTER TABLE keycloak_role ADD CONSTRAINT uk_keycloak_role UNIQUE (name, client_role, client, realm_id);
""",
        set(),
    ),
    (
        "1.10.0__rename_user_columns.sql",
        """ALTER TABLE user_entity RENAME COLUMN service_account_client_link TO service_account_client;
ALTER TABLE user_entity ADD COLUMN not_before INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE user_entity ADD COLUMN federation_link VARCHAR(255);
CREATE INDEX idx_user_service_account ON user_entity (realm_id, service_account_client);
""",
        {("rename-column", 1)},
    ),
    (
        "1.10.1__lowercase_emails.sql",
        """UPDATE user_entity SET email = lower(email) WHERE email <> lower(email);
UPDATE user_entity SET email_verified = FALSE;
""",
        {("update-without-where", 2)},
    ),
    (
        "1.11.0__federation.sql",
        """CREATE TABLE user_federation_provider (
    id VARCHAR(36) NOT NULL,
    changed_sync_period INTEGER,
    display_name VARCHAR(255),
    full_sync_period INTEGER,
    last_sync INTEGER,
    priority INTEGER,
    provider_name VARCHAR(255),
    realm_id VARCHAR(36),
    CONSTRAINT constraint_5c PRIMARY KEY (id)
);
ALTER TABLE user_federation_provider ADD CONSTRAINT fk_1fj32f6ptolw2qy60cd8n01e8 FOREIGN KEY (realm_id) REFERENCES realm (id);
CREATE INDEX idx_usr_fed_prv_realm ON user_federation_provider (realm_id);
""",
        set(),
    ),
    (
        "1.11.1__drop_federation.sql",
        """-- federation moved to the component model: the provider table goes
ALTER TABLE user_federation_provider DROP CONSTRAINT fk_1fj32f6ptolw2qy60cd8n01e8;
DROP INDEX idx_usr_fed_prv_realm;
DROP TABLE user_federation_provider;
""",
        {("drop-table", 4)},
    ),
    (
        "1.12.0__component.sql",
        """CREATE TABLE component (
    id VARCHAR(36) NOT NULL,
    name VARCHAR(255),
    parent_id VARCHAR(36),
    provider_id VARCHAR(36),
    provider_type VARCHAR(255),
    realm_id VARCHAR(36),
    sub_type VARCHAR(255),
    CONSTRAINT constr_component_pk PRIMARY KEY (id)
);
CREATE TABLE component_config (
    id VARCHAR(36) NOT NULL,
    component_id VARCHAR(36) NOT NULL,
    name VARCHAR(255) NOT NULL,
    value VARCHAR(4000),
    CONSTRAINT constr_component_config_pk PRIMARY KEY (id)
);
ALTER TABLE component ADD CONSTRAINT fk_component_realm FOREIGN KEY (realm_id) REFERENCES realm (id);
ALTER TABLE component_config ADD CONSTRAINT fk_component_config FOREIGN KEY (component_id) REFERENCES component (id);
CREATE INDEX idx_component_realm ON component (realm_id);
CREATE INDEX idx_component_provider_type ON component (provider_type);
CREATE INDEX idx_compo_config_compo ON component_config (component_id);
""",
        set(),
    ),
    (
        "1.12.1__component_config_value.sql",
        """ALTER TABLE component_config ALTER COLUMN value TYPE TEXT;
ALTER TABLE component_config ALTER COLUMN value TYPE VARCHAR(4000);
""",
        set(),
    ),
    (
        "1.13.0__client_scope.sql",
        """CREATE TABLE client_template (
    id VARCHAR(36) NOT NULL,
    name VARCHAR(255),
    realm_id VARCHAR(36),
    description VARCHAR(255),
    protocol VARCHAR(255),
    CONSTRAINT pk_cli_template PRIMARY KEY (id)
);
ALTER TABLE client_template ADD CONSTRAINT uk_cli_template UNIQUE (realm_id, name);
""",
        set(),
    ),
    (
        "1.13.1__rename_client_template.sql",
        """ALTER TABLE client_template RENAME TO client_scope;
ALTER TABLE client_scope RENAME CONSTRAINT pk_cli_template TO pk_cli_scope;
ALTER INDEX uk_cli_template RENAME TO uk_cli_scope;
""",
        {("rename-table", 1)},
    ),
    (
        "1.14.0__user_consent.sql",
        """CREATE TABLE user_consent (
    id VARCHAR(36) NOT NULL,
    client_id VARCHAR(255),
    user_id VARCHAR(36) NOT NULL,
    created_date BIGINT,
    last_updated_date BIGINT,
    CONSTRAINT constraint_grntcsnt_pm PRIMARY KEY (id)
);
ALTER TABLE user_consent ADD CONSTRAINT fk_grntcsnt_user FOREIGN KEY (user_id) REFERENCES user_entity (id);
CREATE INDEX idx_user_consent ON user_consent (user_id);
ALTER TABLE user_consent ADD COLUMN client_storage_provider VARCHAR(36);
ALTER TABLE user_consent ADD COLUMN external_client_id VARCHAR(255);
ALTER TABLE user_consent ADD CONSTRAINT uk_jkuwuvd56ontgsuhogm8uewrt UNIQUE (client_id, client_storage_provider, external_client_id, user_id);
""",
        set(),
    ),
    (
        "1.14.1__realm_otp_policy.sql",
        """ALTER TABLE realm ADD COLUMN otp_policy_counter INTEGER DEFAULT 0;
ALTER TABLE realm ADD COLUMN otp_policy_window INTEGER DEFAULT 1;
ALTER TABLE realm ADD COLUMN otp_policy_period INTEGER DEFAULT 30;
ALTER TABLE realm ADD COLUMN otp_policy_digits INTEGER DEFAULT 6;
ALTER TABLE realm ADD COLUMN otp_policy_alg VARCHAR(36) DEFAULT 'HmacSHA1';
ALTER TABLE realm ADD COLUMN otp_policy_type VARCHAR(36) DEFAULT 'totp';
ALTER TABLE realm ADD COLUMN default_role VARCHAR(255);
UPDATE realm SET default_role = r.id FROM keycloak_role r WHERE r.realm_id = realm.id AND r.name = 'default-roles-' || lower(realm.name);
""",
        set(),
    ),
    (
        "1.15.0__drop_event_user_fk_cleanup.sql",
        """DELETE FROM event_entity WHERE time < 1500000000000;
ALTER TABLE event_entity ADD COLUMN details_json_long_value TEXT;
UPDATE event_entity SET details_json_long_value = details_json;
ALTER TABLE event_entity DROP COLUMN details_json;
""",
        {("drop-column", 4)},
    ),
    (
        "1.15.1__user_entity_not_null_username.sql",
        """UPDATE user_entity SET username = id WHERE username IS NULL;
ALTER TABLE user_entity ALTER COLUMN username SET NOT NULL;
ALTER TABLE keycloak_role ALTER COLUMN realm_id TYPE VARCHAR(36);
""",
        {("set-not-null", 2), ("alter-column-type", 3)},
    ),
]

SUPABASE: History = [
    (
        "0.1.0__local_bootstrap.sql",
        """-- roles and the auth schema the hosted platform provides, for local runs and CI
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN
    CREATE ROLE anon NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'authenticated') THEN
    CREATE ROLE authenticated NOLOGIN;
  END IF;
END
$$;

CREATE SCHEMA IF NOT EXISTS auth;
CREATE SCHEMA IF NOT EXISTS extensions;

CREATE TABLE IF NOT EXISTS auth.users (
  id uuid PRIMARY KEY,
  email text,
  raw_user_meta_data jsonb,
  created_at timestamptz DEFAULT now()
);

CREATE OR REPLACE FUNCTION auth.uid() RETURNS uuid
LANGUAGE sql STABLE
AS $$
  SELECT nullif(current_setting('request.jwt.claim.sub', true), '')::uuid
$$;

GRANT USAGE ON SCHEMA public TO anon, authenticated;
GRANT USAGE ON SCHEMA auth TO anon, authenticated;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'supabase_realtime') THEN
    CREATE PUBLICATION supabase_realtime;
  END IF;
END
$$;
""",
        set(),
    ),
    (
        "0.2.0__extensions.sql",
        """create extension if not exists pgcrypto with schema extensions;
create extension if not exists pg_trgm with schema extensions;
create extension if not exists citext with schema extensions;
""",
        set(),
    ),
    (
        "0.3.0__profiles.sql",
        """create table public.profiles (
  id uuid not null references auth.users on delete cascade,
  username extensions.citext unique,
  full_name text,
  avatar_url text,
  website text,
  updated_at timestamp with time zone,

  primary key (id),
  constraint username_length check (char_length(username) >= 3)
);

alter table public.profiles enable row level security;

create policy "Public profiles are viewable by everyone." on public.profiles
  for select using (true);

create policy "Users can insert their own profile." on public.profiles
  for insert with check (auth.uid() = id);

create policy "Users can update own profile." on public.profiles
  for update using (auth.uid() = id);

create function public.handle_new_user()
returns trigger
language plpgsql
security definer set search_path = ''
as $$
begin
  insert into public.profiles (id, full_name, avatar_url)
  values (new.id, new.raw_user_meta_data->>'full_name', new.raw_user_meta_data->>'avatar_url');
  return new;
end;
$$;

create trigger on_auth_user_created
  after insert on auth.users
  for each row execute procedure public.handle_new_user();
""",
        set(),
    ),
    (
        "0.4.0__teams.sql",
        """create type public.team_role as enum ('owner', 'member');

create table public.teams (
  id bigint generated by default as identity primary key,
  name text not null,
  slug text not null unique,
  created_at timestamptz not null default now()
);

create table public.team_members (
  team_id bigint not null references public.teams (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role public.team_role not null default 'member',
  primary key (team_id, user_id)
);
create index team_members_user_id_idx on public.team_members (user_id);

alter table public.teams enable row level security;
alter table public.team_members enable row level security;

create or replace function public.is_team_member(_team_id bigint)
returns boolean
language sql
security definer
set search_path = public
stable
as $$
  select exists (
    select 1 from public.team_members m
    where m.team_id = _team_id and m.user_id = auth.uid()
  );
$$;

create policy "members read teams" on public.teams for select to authenticated
  using (public.is_team_member(id));
create policy "members read members" on public.team_members for select to authenticated
  using (public.is_team_member(team_id));
""",
        set(),
    ),
    (
        "0.5.0__default_privileges.sql",
        """grant select on all tables in schema public to anon;
grant select, insert, update, delete on all tables in schema public to authenticated;
grant usage, select on all sequences in schema public to authenticated;
alter default privileges in schema public grant select on tables to anon;
alter default privileges in schema public grant select, insert, update, delete on tables to authenticated;
alter default privileges in schema public grant usage, select on sequences to authenticated;
alter default privileges in schema public grant execute on functions to anon, authenticated;
revoke execute on function public.handle_new_user() from anon, authenticated;
""",
        set(),
    ),
    (
        "0.6.0__projects.sql",
        """create table public.projects (
  id uuid primary key default extensions.gen_random_uuid(),
  team_id bigint not null references public.teams (id) on delete cascade,
  name text not null,
  description text,
  status text not null default 'active' check (status in ('active', 'archived')),
  inserted_at timestamptz not null default timezone('utc'::text, now()),
  updated_at timestamptz not null default timezone('utc'::text, now())
);
create index projects_team_id_idx on public.projects (team_id);
create index projects_name_trgm_idx on public.projects using gin (name extensions.gin_trgm_ops);
alter table public.projects enable row level security;

create policy "team members can read projects" on public.projects
  as permissive for select to authenticated
  using ((select public.is_team_member(team_id)));
create policy "team members can write projects" on public.projects
  as permissive for all to authenticated
  using ((select public.is_team_member(team_id)))
  with check ((select public.is_team_member(team_id)));

create or replace function public.set_updated_at() returns trigger
language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end $$;

create trigger projects_set_updated_at before update on public.projects
  for each row execute function public.set_updated_at();
""",
        set(),
    ),
    (
        "0.7.0__tasks.sql",
        """create type public.task_status as enum ('todo', 'doing', 'done');

create table public.tasks (
  id bigint generated always as identity primary key,
  project_id uuid not null references public.projects (id) on delete cascade,
  title text not null,
  status public.task_status not null default 'todo',
  assignee uuid references auth.users (id) on delete set null,
  due_on date,
  created_at timestamptz not null default now()
);
create index tasks_project_id_idx on public.tasks (project_id);
create index tasks_assignee_idx on public.tasks (assignee) where assignee is not null;
alter table public.tasks enable row level security;
create policy "team members manage tasks" on public.tasks for all to authenticated
  using (exists (select 1 from public.projects p where p.id = project_id and public.is_team_member(p.team_id)));

alter publication supabase_realtime add table public.tasks;
""",
        set(),
    ),
    (
        "0.8.0__task_views.sql",
        """create view public.open_tasks with (security_invoker = on) as
  select t.id, t.project_id, t.title, t.assignee, t.due_on
  from public.tasks t
  where t.status <> 'done';

create materialized view public.project_stats as
  select p.id as project_id, count(t.id) as task_count,
         count(t.id) filter (where t.status = 'done') as done_count
  from public.projects p left join public.tasks t on t.project_id = p.id
  group by p.id;
create unique index project_stats_project_id_idx on public.project_stats (project_id);

grant select on public.open_tasks to authenticated;
revoke all on public.project_stats from anon;
""",
        set(),
    ),
    (
        "0.9.0__task_status_blocked.sql",
        """alter type public.task_status add value if not exists 'blocked' after 'doing';
""",
        set(),
    ),
    (
        "0.10.0__search.sql",
        """create or replace function public.search_projects(query text)
returns setof public.projects
language sql stable
as $$
  select * from public.projects
  where name operator(extensions.%) query
  order by extensions.similarity(name, query) desc
  limit 20;
$$;
grant execute on function public.search_projects(text) to authenticated;
""",
        set(),
    ),
    (
        "0.11.0__profiles_username_lower.sql",
        """update public.profiles set username = lower(username::text) where username::text <> lower(username::text);
alter table public.profiles add column bio text;
alter table public.profiles add column is_public boolean not null default true;
drop policy "Public profiles are viewable by everyone." on public.profiles;
create policy "Public profiles are viewable by everyone." on public.profiles
  for select using (is_public or auth.uid() = id);
""",
        set(),
    ),
    (
        "0.12.0__invitations.sql",
        """create table public.invitations (
  id uuid primary key default extensions.gen_random_uuid(),
  team_id bigint not null references public.teams (id) on delete cascade,
  email extensions.citext not null,
  token text not null default encode(extensions.gen_random_bytes(24), 'hex'),
  invited_by uuid not null references auth.users (id),
  accepted_at timestamptz,
  created_at timestamptz not null default now(),
  unique (team_id, email)
);
create index invitations_invited_by_idx on public.invitations (invited_by);
alter table public.invitations enable row level security;
create policy "owners manage invitations" on public.invitations for all to authenticated
  using (exists (select 1 from public.team_members m where m.team_id = invitations.team_id and m.user_id = auth.uid() and m.role = 'owner'));
""",
        set(),
    ),
    (
        "0.13.0__accept_invitation.sql",
        """create or replace function public.accept_invitation(_token text)
returns bigint
language plpgsql
security definer
set search_path = public
as $$
declare
  _team_id bigint;
begin
  update public.invitations set accepted_at = now()
  where token = _token and accepted_at is null
  returning team_id into _team_id;
  if _team_id is null then
    raise exception 'invalid invitation';
  end if;
  insert into public.team_members (team_id, user_id) values (_team_id, auth.uid())
  on conflict do nothing;
  return _team_id;
end;
$$;
revoke all on function public.accept_invitation(text) from public, anon;
grant execute on function public.accept_invitation(text) to authenticated;
""",
        set(),
    ),
    (
        "0.14.0__tasks_description.sql",
        """alter table public.tasks add column description text;
alter table public.tasks add column priority smallint not null default 0;
alter table public.tasks add column position double precision;
update public.tasks set position = id;
alter table public.tasks alter column position set not null;
""",
        {("add-not-null-without-default", 5)},
    ),
    (
        "0.15.0__rename_due_on.sql",
        """alter table public.tasks rename column due_on to due_date;
""",
        {("rename-column", 1)},
    ),
    (
        "0.16.0__open_tasks_due_date.sql",
        """drop view if exists public.open_tasks;
create view public.open_tasks with (security_invoker = on) as
  select t.id, t.project_id, t.title, t.assignee, t.due_date, t.priority
  from public.tasks t
  where t.status not in ('done');
grant select on public.open_tasks to authenticated;
""",
        set(),
    ),
    (
        "0.17.0__refresh_stats.sql",
        """create or replace function public.refresh_project_stats()
returns void
language sql
security definer
as $$
  refresh materialized view concurrently public.project_stats;
$$;
select public.refresh_project_stats();
""",
        set(),
    ),
    (
        "0.18.0__storage_buckets.sql",
        """create schema if not exists storage;
create table if not exists storage.buckets (
  id text primary key,
  name text not null,
  public boolean default false
);
insert into storage.buckets (id, name, public) values ('avatars', 'avatars', true)
on conflict (id) do nothing;
""",
        set(),
    ),
    (
        "0.19.0__comments.sql",
        """create table public.comments (
  id bigint generated by default as identity primary key,
  task_id bigint not null references public.tasks (id) on delete cascade,
  author uuid not null default auth.uid() references auth.users (id),
  body text not null check (length(body) between 1 and 10000),
  created_at timestamptz not null default now()
);
create index comments_task_id_idx on public.comments (task_id);
create index comments_author_idx on public.comments (author);
alter table public.comments enable row level security;
create policy "team members read comments" on public.comments for select to authenticated
  using (exists (select 1 from public.tasks t join public.projects p on p.id = t.project_id
                 where t.id = task_id and public.is_team_member(p.team_id)));
create policy "authors write comments" on public.comments for insert to authenticated
  with check (author = (select auth.uid()));
alter table public.comments replica identity full;
""",
        set(),
    ),
    (
        "0.20.0__drop_project_stats.sql",
        """-- the dashboard computes this now
drop function if exists public.refresh_project_stats();
drop materialized view if exists public.project_stats;
""",
        {("drop-routine", 2), ("drop-view", 3)},
    ),
    (
        "0.21.0__teams_plan.sql",
        """create type public.plan as enum ('free', 'pro');
alter table public.teams add column plan public.plan not null default 'free';
alter table public.teams add column seats integer;
update public.teams set seats = 5 where plan = 'free';
update public.teams set seats = 20 where plan = 'pro';
alter table public.teams alter column seats set default 5;
""",
        set(),
    ),
    (
        "0.22.0__rename_plan_value.sql",
        """alter type public.plan rename value 'pro' to 'team';
""",
        {("rename-enum-value", 1)},
    ),
    (
        "0.23.0__activity_log.sql",
        """create table public.activity (
  id bigint generated by default as identity primary key,
  team_id bigint not null references public.teams (id) on delete cascade,
  actor uuid references auth.users (id) on delete set null,
  action text not null,
  payload jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);
create index activity_team_created_idx on public.activity (team_id, created_at desc);
create index activity_actor_idx on public.activity (actor);
create index activity_payload_idx on public.activity using gin (payload jsonb_path_ops);
alter table public.activity enable row level security;
create policy "members read activity" on public.activity for select to authenticated
  using ((select public.is_team_member(team_id)));

create or replace function public.log_task_change() returns trigger
language plpgsql security definer set search_path = public as $$
begin
  insert into public.activity (team_id, actor, action, payload)
  select p.team_id, auth.uid(), tg_op, to_jsonb(new)
  from public.projects p where p.id = new.project_id;
  return new;
end $$;
create trigger tasks_log_change after insert or update on public.tasks
  for each row execute function public.log_task_change();
""",
        set(),
    ),
    (
        "0.24.0__profiles_website_drop.sql",
        """alter table public.profiles drop column if exists website;
alter table public.profiles drop constraint if exists username_length;
alter table public.profiles add constraint username_length check (char_length(username) >= 2) not valid;
""",
        {("drop-column", 1)},
    ),
    (
        "0.25.0__task_labels.sql",
        """create table public.labels (
  id bigint generated by default as identity primary key,
  team_id bigint not null references public.teams (id) on delete cascade,
  name text not null,
  color text not null default '#888888',
  unique (team_id, name)
);
create table public.task_labels (
  task_id bigint not null references public.tasks (id) on delete cascade,
  label_id bigint not null references public.labels (id) on delete cascade,
  primary key (task_id, label_id)
);
create index task_labels_label_id_idx on public.task_labels (label_id);
alter table public.labels enable row level security;
alter table public.task_labels enable row level security;
grant select, insert, update, delete on public.labels, public.task_labels to authenticated;
""",
        set(),
    ),
    (
        "0.26.0__security_invoker_views.sql",
        """alter view public.open_tasks set (security_invoker = true);
create or replace view public.team_overview with (security_invoker = on) as
  select t.id, t.name, t.plan, count(m.user_id) as members
  from public.teams t left join public.team_members m on m.team_id = t.id
  group by t.id;
grant select on public.team_overview to authenticated;
""",
        set(),
    ),
    (
        "0.27.0__rename_views.sql",
        """alter view public.team_overview rename to team_summary;
""",
        {("rename-table", 1)},
    ),
    (
        "0.28.0__drop_is_team_member_overload.sql",
        """create or replace function public.is_team_member(_team_id bigint, _role public.team_role)
returns boolean
language sql
security definer
set search_path = public
stable
as $$
  select exists (
    select 1 from public.team_members m
    where m.team_id = _team_id and m.user_id = auth.uid() and m.role = _role
  );
$$;
comment on function public.is_team_member(bigint, public.team_role) is 'membership with a given role';
""",
        set(),
    ),
    (
        "0.29.0__tasks_title_limit.sql",
        """alter table public.tasks alter column description type varchar(2000);
alter table public.tasks add constraint tasks_title_not_blank check (btrim(title) <> '') not valid;
alter table public.tasks validate constraint tasks_title_not_blank;
""",
        {("alter-column-type", 1)},
    ),
    (
        "0.30.0__comments_soft_delete.sql",
        """alter table public.comments add column deleted_at timestamptz;
create or replace view public.visible_comments with (security_invoker = on) as
  select id, task_id, author, body, created_at from public.comments where deleted_at is null;
grant select on public.visible_comments to authenticated;
revoke delete on public.comments from authenticated;
""",
        set(),
    ),
    (
        "0.31.0__drop_search_and_trgm.sql",
        """drop function public.search_projects(text);
drop index if exists public.projects_name_trgm_idx;
drop extension if exists pg_trgm;
""",
        {("drop-routine", 1), ("drop-extension", 3)},
    ),
    (
        "0.32.0__labels_policies.sql",
        """create policy "members manage labels" on public.labels for all to authenticated
  using ((select public.is_team_member(team_id)))
  with check ((select public.is_team_member(team_id)));
create policy "members manage task labels" on public.task_labels for all to authenticated
  using (exists (select 1 from public.labels l where l.id = label_id and public.is_team_member(l.team_id)));
delete from public.task_labels where label_id not in (select id from public.labels);
truncate public.activity;
""",
        {("truncate", 7)},
    ),
    (
        "0.33.0__drop_invitations.sql",
        """drop function if exists public.accept_invitation(text);
drop table if exists public.invitations;
drop type if exists public.plan cascade;
""",
        {("drop-routine", 1), ("drop-table", 2), ("drop-type", 3)},
    ),
]

PLATFORM_HISTORIES: dict[str, History] = {
    "flyway": FLYWAY,
    "supabase": SUPABASE,
}
