# ruff: noqa: E501  (real histories keep their long lines)
"""Long PostgreSQL histories in the shapes of three families of application histories, with the
error findings a reviewer expects.

Written for ratchet after the patterns of public histories (a diesel history of a federated
forum: triggers, aggregate tables kept by trigger functions, views dropped and re-created around a
column change, renames, materialized views; a chat server's schema deltas: ``IF NOT EXISTS``
tables, background-update rows, ``NOT VALID`` constraints validated later, sequences, stream
tables; a Go service's golang-migrate files: schema-qualified names, ``IF [NOT] EXISTS``
everywhere, conditional DDL in ``DO`` blocks, partitions, ``CONCURRENTLY`` in their own files),
not copied from any. Each history is a list of files ``(name, sql, expected)`` where
``expected`` is the set of ``(rule, line)`` error findings a reviewer of that project would
agree break the previous release's code or need the named care.
"""

from __future__ import annotations

from history_corpus import History

DIESEL: History = [
    (
        "0.1.0__diesel_initial_setup.sql",
        """-- This file was automatically created by Diesel to setup helper functions
-- and other internal bookkeeping. This file is safe to edit, any future
-- changes will be added to existing projects as new migrations.

-- Sets up a trigger for the given table to automatically set a column called
-- `updated_at` whenever the row is modified (unless `updated_at` was included
-- in the modified columns)
--
-- # Example
--
-- ```sql
-- CREATE TABLE users (id SERIAL PRIMARY KEY, updated_at TIMESTAMP NOT NULL DEFAULT NOW());
--
-- SELECT diesel_manage_updated_at('users');
-- ```
CREATE OR REPLACE FUNCTION diesel_manage_updated_at(_tbl regclass) RETURNS VOID AS $$
BEGIN
    EXECUTE format('CREATE TRIGGER set_updated_at BEFORE UPDATE ON %s
                    FOR EACH ROW EXECUTE PROCEDURE diesel_set_updated_at()', _tbl);
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION diesel_set_updated_at() RETURNS trigger AS $$
BEGIN
    IF (
        NEW IS DISTINCT FROM OLD AND
        NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at
    ) THEN
        NEW.updated_at := current_timestamp;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
""",
        set(),
    ),
    (
        "0.2.0__create_user.sql",
        """create table user_ (
  id serial primary key,
  name varchar(20) not null,
  fedi_name varchar(40) not null,
  preferred_username varchar(20),
  password_encrypted text not null,
  email text unique,
  icon bytea,
  admin boolean default false not null,
  banned boolean default false not null,
  published timestamp not null default now(),
  updated timestamp,
  unique(name, fedi_name)
);

create table user_ban (
  id serial primary key,
  user_id int references user_ on update cascade on delete cascade not null,
  published timestamp not null default now(),
  unique (user_id)
);

insert into user_ (name, fedi_name, password_encrypted) values ('admin', 'example.com', 'changeme');
""",
        set(),
    ),
    (
        "0.3.0__create_community.sql",
        """create table category (
  id serial primary key,
  name varchar(100) not null unique
);

insert into category (name) values
('Discussion'),
('Humor/Memes'),
('Gaming'),
('Movies');

create table community (
  id serial primary key,
  name varchar(20) not null unique,
  title varchar(100) not null,
  description text,
  category_id int references category on update cascade on delete cascade not null,
  creator_id int references user_ on update cascade on delete cascade not null,
  removed boolean default false,
  published timestamp not null default now(),
  updated timestamp
);

create table community_moderator (
  id serial primary key,
  community_id int references community on update cascade on delete cascade not null,
  user_id int references user_ on update cascade on delete cascade not null,
  published timestamp not null default now(),
  unique (community_id, user_id)
);

create table community_follower (
  id serial primary key,
  community_id int references community on update cascade on delete cascade not null,
  user_id int references user_ on update cascade on delete cascade not null,
  published timestamp not null default now(),
  unique (community_id, user_id)
);

create table community_user_ban (
  id serial primary key,
  community_id int references community on update cascade on delete cascade not null,
  user_id int references user_ on update cascade on delete cascade not null,
  published timestamp not null default now(),
  unique (community_id, user_id)
);
""",
        set(),
    ),
    (
        "0.4.0__create_post.sql",
        """create table post (
  id serial primary key,
  name varchar(100) not null,
  url text, -- These are both optional, a post can just have a title
  body text,
  creator_id int references user_ on update cascade on delete cascade not null,
  community_id int references community on update cascade on delete cascade not null,
  removed boolean default false,
  locked boolean default false,
  published timestamp not null default now(),
  updated timestamp
);

create table post_like (
  id serial primary key,
  post_id int references post on update cascade on delete cascade not null,
  user_id int references user_ on update cascade on delete cascade not null,
  score smallint not null, -- -1, or 1 for dislike, like, no row for no opinion
  published timestamp not null default now(),
  unique(post_id, user_id)
);

create table post_saved (
  id serial primary key,
  post_id int references post on update cascade on delete cascade not null,
  user_id int references user_ on update cascade on delete cascade not null,
  published timestamp not null default now(),
  unique(post_id, user_id)
);

create table post_read (
  id serial primary key,
  post_id int references post on update cascade on delete cascade not null,
  user_id int references user_ on update cascade on delete cascade not null,
  published timestamp not null default now(),
  unique(post_id, user_id)
);
""",
        set(),
    ),
    (
        "0.5.0__create_comment.sql",
        """create table comment (
  id serial primary key,
  creator_id int references user_ on update cascade on delete cascade not null,
  post_id int references post on update cascade on delete cascade not null,
  parent_id int references comment on update cascade on delete cascade,
  content text not null,
  removed boolean default false,
  read boolean default false not null,
  published timestamp not null default now(),
  updated timestamp
);

create table comment_like (
  id serial primary key,
  user_id int references user_ on update cascade on delete cascade not null,
  comment_id int references comment on update cascade on delete cascade not null,
  post_id int references post on update cascade on delete cascade not null, -- Necessary for the user post view
  score smallint not null, -- -1, or 1 for dislike, like, no row for no opinion
  published timestamp not null default now(),
  unique(comment_id, user_id)
);

create table comment_saved (
  id serial primary key,
  comment_id int references comment on update cascade on delete cascade not null,
  user_id int references user_ on update cascade on delete cascade not null,
  published timestamp not null default now(),
  unique(comment_id, user_id)
);
""",
        set(),
    ),
    (
        "0.6.0__create_views.sql",
        """-- the hot rank, used to sort the front page
create or replace function hot_rank(score numeric, published timestamp without time zone)
returns integer
language plpgsql
as $$
declare
  age_hours numeric := extract(epoch from (timezone('utc', now()) - published)) / 3600;
begin
  -- log-scaled votes, decaying with the post's age
  return floor(10000 * log(greatest(1, score + 3)) / power(age_hours + 2, 1.8))::integer;
end;
$$;

create view post_view as
select
    p.*,
    author.name as creator_name,
    c.name as community_name,
    (select count(*) from comment cm where cm.post_id = p.id) as number_of_comments,
    coalesce(tally.total, 0) as score,
    coalesce(tally.ups, 0) as upvotes,
    coalesce(tally.downs, 0) as downvotes,
    hot_rank(coalesce(tally.total, 0), p.published) as hot_rank,
    reader.id as user_id,
    own.score as my_vote
from post p
join user_ author on author.id = p.creator_id
join community c on c.id = p.community_id
left join (
    select post_id,
           sum(score) as total,
           count(*) filter (where score > 0) as ups,
           count(*) filter (where score < 0) as downs
    from post_like
    group by post_id
) tally on tally.post_id = p.id
left join user_ reader on true
left join post_like own on own.post_id = p.id and own.user_id = reader.id;

create view community_view as
select
    c.*,
    founder.name as creator_name,
    cat.name as category_name,
    (select count(*) from community_follower f where f.community_id = c.id) as number_of_subscribers,
    (select count(*) from post p where p.community_id = c.id) as number_of_posts,
    member.id as user_id,
    exists (
        select 1 from community_follower f where f.community_id = c.id and f.user_id = member.id
    ) as subscribed
from community c
join user_ founder on founder.id = c.creator_id
join category cat on cat.id = c.category_id
left join user_ member on true;
""",
        set(),
    ),
    (
        "0.7.0__updated_at_triggers.sql",
        """-- keep updated current on every write
alter table post rename column updated to updated_at;
SELECT diesel_manage_updated_at('post');
""",
        {("rename-column", 2)},
    ),
    (
        "0.8.0__create_user_view.sql",
        """create view user_view as
select id,
name,
fedi_name,
admin,
banned,
published,
(select count(*) from post p where p.creator_id = u.id) as number_of_posts,
(select coalesce(sum(score), 0) from post p, post_like pl where u.id = p.creator_id and p.id = pl.post_id) as post_score,
(select count(*) from comment c where c.creator_id = u.id) as number_of_comments,
(select coalesce(sum(score), 0) from comment c, comment_like cl where u.id = c.creator_id and c.id = cl.comment_id) as comment_score
from user_ u;

create table mod_remove_post (
  id serial primary key,
  mod_user_id int references user_ on update cascade on delete cascade not null,
  post_id int references post on update cascade on delete cascade not null,
  reason text,
  removed boolean default true,
  when_ timestamp not null default now()
);

create table mod_ban_from_community (
  id serial primary key,
  mod_user_id int references user_ on update cascade on delete cascade not null,
  other_user_id int references user_ on update cascade on delete cascade not null,
  community_id int references community on update cascade on delete cascade not null,
  reason text,
  banned boolean default true,
  expires timestamp,
  when_ timestamp not null default now()
);
""",
        set(),
    ),
    (
        "0.9.0__post_view_deleted.sql",
        """alter table post add column deleted boolean default false not null;
alter table comment add column deleted boolean default false not null;
alter table community add column deleted boolean default false not null;

-- the views select p.*, so they are re-created to show the new column
drop view post_view;
create view post_view as
select
    p.*,
    author.name as creator_name,
    c.name as community_name,
    c.removed as community_removed,
    c.deleted as community_deleted,
    (select count(*) from comment cm where cm.post_id = p.id) as number_of_comments,
    coalesce(tally.total, 0) as score,
    coalesce(tally.ups, 0) as upvotes,
    coalesce(tally.downs, 0) as downvotes,
    hot_rank(coalesce(tally.total, 0), p.published) as hot_rank,
    reader.id as user_id,
    own.score as my_vote
from post p
join user_ author on author.id = p.creator_id
join community c on c.id = p.community_id
left join (
    select post_id,
           sum(score) as total,
           count(*) filter (where score > 0) as ups,
           count(*) filter (where score < 0) as downs
    from post_like
    group by post_id
) tally on tally.post_id = p.id
left join user_ reader on true
left join post_like own on own.post_id = p.id and own.user_id = reader.id;
""",
        set(),
    ),
    (
        "0.10.0__nsfw.sql",
        """alter table community add column nsfw boolean default false not null;
alter table post add column nsfw boolean default false not null;
alter table user_ add column show_nsfw boolean default false not null;

drop view community_view;
create view community_view as
select
    c.*,
    founder.name as creator_name,
    cat.name as category_name,
    (select count(*) from community_follower f where f.community_id = c.id) as number_of_subscribers,
    (select count(*) from post p where p.community_id = c.id) as number_of_posts,
    member.id as user_id,
    exists (
        select 1 from community_follower f where f.community_id = c.id and f.user_id = member.id
    ) as subscribed
from community c
join user_ founder on founder.id = c.creator_id
join category cat on cat.id = c.category_id
left join user_ member on true;
""",
        set(),
    ),
    (
        "0.11.0__create_mviews.sql",
        """create materialized view post_mview as select * from post_view;
create unique index idx_post_mview_id_user on post_mview (id, user_id);

create materialized view community_mview as select * from community_view;
create unique index idx_community_mview_id_user on community_mview (id, user_id);

create materialized view user_mview as select * from user_view;
create unique index idx_user_mview_id on user_mview (id);

create or replace function refresh_post()
returns trigger language plpgsql
as $$
begin
  refresh materialized view concurrently post_mview;
  return null;
end $$;

create trigger refresh_post
after insert or update or delete or truncate
on post
for each statement
execute procedure refresh_post();

create or replace function refresh_community()
returns trigger language plpgsql
as $$
begin
  refresh materialized view concurrently post_mview;
  refresh materialized view concurrently community_mview;
  return null;
end $$;

create trigger refresh_community
after insert or update or delete or truncate
on community
for each statement
execute procedure refresh_community();
""",
        set(),
    ),
    (
        "0.12.0__fedi_name_to_actor_id.sql",
        """-- user_view reads fedi_name; a column that a view reads cannot change type
drop materialized view user_mview;
drop view user_view;

alter table user_ rename column fedi_name to actor_id;
alter table user_ alter column actor_id type varchar(255);
alter table community add column actor_id varchar(255) not null default 'http://fake.com';
alter table community add column local boolean not null default true;

create view user_view as
select id,
name,
actor_id,
admin,
banned,
published,
(select count(*) from post p where p.creator_id = u.id) as number_of_posts,
(select coalesce(sum(score), 0) from post p, post_like pl where u.id = p.creator_id and p.id = pl.post_id) as post_score,
(select count(*) from comment c where c.creator_id = u.id) as number_of_comments,
(select coalesce(sum(score), 0) from comment c, comment_like cl where u.id = c.creator_id and c.id = cl.comment_id) as comment_score
from user_ u;

create materialized view user_mview as select * from user_view;
create unique index idx_user_mview_id on user_mview (id);
""",
        {("rename-column", 5)},
    ),
    (
        "0.13.0__refresh_on_comment.sql",
        """create or replace function refresh_comment()
returns trigger language plpgsql
as $$
begin
  refresh materialized view concurrently post_mview;
  return null;
end $$;

create trigger refresh_comment
after insert or update or delete or truncate
on comment
for each statement
execute procedure refresh_comment();

-- the post view also counts comments: refresh the user view too
create or replace function refresh_post()
returns trigger language plpgsql
as $$
begin
  refresh materialized view concurrently post_mview;
  refresh materialized view concurrently user_mview;
  return null;
end $$;
""",
        set(),
    ),
    (
        "0.14.0__user_settings.sql",
        """alter table user_ add column theme varchar(20) default 'darkly' not null;
alter table user_ add column default_sort_type smallint default 0 not null;
alter table user_ add column default_listing_type smallint default 1 not null;
alter table user_ add column lang varchar(20) default 'browser' not null;
alter table user_ add column send_notifications_to_email boolean default false not null;
alter table user_ add column matrix_user_id text unique;
""",
        set(),
    ),
    (
        "0.15.0__post_name_length.sql",
        """-- post titles may be up to 200 characters
drop materialized view post_mview;
drop view post_view;
alter table post alter column name type varchar(200);
create view post_view as
select
    p.*,
    author.name as creator_name,
    c.name as community_name,
    c.removed as community_removed,
    c.deleted as community_deleted,
    (select count(*) from comment cm where cm.post_id = p.id) as number_of_comments,
    coalesce(tally.total, 0) as score,
    coalesce(tally.ups, 0) as upvotes,
    coalesce(tally.downs, 0) as downvotes,
    hot_rank(coalesce(tally.total, 0), p.published) as hot_rank,
    reader.id as user_id,
    own.score as my_vote
from post p
join user_ author on author.id = p.creator_id
join community c on c.id = p.community_id
left join (
    select post_id,
           sum(score) as total,
           count(*) filter (where score > 0) as ups,
           count(*) filter (where score < 0) as downs
    from post_like
    group by post_id
) tally on tally.post_id = p.id
left join user_ reader on true
left join post_like own on own.post_id = p.id and own.user_id = reader.id;
create materialized view post_mview as select * from post_view;
create unique index idx_post_mview_id_user on post_mview (id, user_id);
""",
        set(),
    ),
    (
        "0.16.0__community_name_shorter.sql",
        """-- community names follow the actor name rules now
drop materialized view community_mview;
drop view community_view;
alter table community alter column title type varchar(80);
create view community_view as
select
    c.*,
    founder.name as creator_name,
    cat.name as category_name,
    (select count(*) from community_follower f where f.community_id = c.id) as number_of_subscribers,
    (select count(*) from post p where p.community_id = c.id) as number_of_posts
from community c
join user_ founder on founder.id = c.creator_id
join category cat on cat.id = c.category_id;
""",
        {("alter-column-type", 4), ("drop-view", 2)},
    ),
    (
        "0.17.0__post_aggregates.sql",
        """-- post aggregates, kept by triggers instead of counted by the views
create table post_aggregates (
  id serial primary key,
  post_id int references post on update cascade on delete cascade not null,
  comments bigint not null default 0,
  score bigint not null default 0,
  upvotes bigint not null default 0,
  downvotes bigint not null default 0,
  newest_comment_time timestamp not null default now(),
  unique (post_id)
);

insert into post_aggregates (post_id, comments, score, upvotes, downvotes, newest_comment_time)
  select
    p.id,
    coalesce(ct.comments, 0::bigint) as comments,
    coalesce(pl.score, 0::bigint) as score,
    coalesce(pl.upvotes, 0::bigint) as upvotes,
    coalesce(pl.downvotes, 0::bigint) as downvotes,
    greatest(ct.recent_comment_time, p.published) as newest_comment_time
  from post p
  left join (
    select comment.post_id,
    count(*) as comments,
    max(comment.published) as recent_comment_time
    from comment
    group by comment.post_id
  ) ct on ct.post_id = p.id
  left join (
    select post_like.post_id,
    sum(post_like.score) as score,
    sum(post_like.score) filter (where post_like.score = 1) as upvotes,
    -sum(post_like.score) filter (where post_like.score = -1) as downvotes
    from post_like
    group by post_like.post_id
  ) pl on pl.post_id = p.id;

-- post count
create function post_aggregates_post()
returns trigger language plpgsql
as $$
begin
  IF (TG_OP = 'INSERT') THEN
    insert into post_aggregates (post_id) values (NEW.id);
  ELSIF (TG_OP = 'DELETE') THEN
    delete from post_aggregates where post_id = OLD.id;
  END IF;
  return null;
end $$;

create trigger post_aggregates_post
after insert or delete on post
for each row
execute procedure post_aggregates_post();

-- comment count
create function post_aggregates_comment_count()
returns trigger language plpgsql
as $$
begin
  IF (TG_OP = 'INSERT') THEN
    update post_aggregates pa
    set comments = comments + 1,
    newest_comment_time = NEW.published
    where pa.post_id = NEW.post_id;
  ELSIF (TG_OP = 'DELETE') THEN
    update post_aggregates pa
    set comments = comments - 1
    where pa.post_id = OLD.post_id;
  END IF;
  return null;
end $$;

create trigger post_aggregates_comment_count
after insert or delete on comment
for each row
execute procedure post_aggregates_comment_count();
""",
        set(),
    ),
    (
        "0.18.0__drop_mviews.sql",
        """-- the aggregates replace the materialized views and their refresh triggers
drop trigger refresh_post on post;
drop function refresh_post();
drop trigger refresh_comment on comment;
drop function refresh_comment();
drop trigger refresh_community on community;
drop function refresh_community();

drop materialized view post_mview;
drop materialized view user_mview;
""",
        {("drop-view", 9), ("drop-view", 10)},
    ),
    (
        "0.19.0__drop_views.sql",
        """drop view post_view;
drop view user_view;
drop view community_view;
drop function hot_rank(numeric, timestamp);

create index idx_post_aggregates_score on post_aggregates (score desc);
create index idx_post_aggregates_newest_comment_time on post_aggregates (newest_comment_time desc);
""",
        {("drop-view", 1), ("drop-view", 2), ("drop-view", 3), ("drop-routine", 4)},
    ),
    (
        "0.20.0__rename_user_to_person.sql",
        """alter table user_ rename to person;
alter sequence user__id_seq rename to person_id_seq;
alter table user_ban rename to person_ban;
alter sequence user_ban_id_seq rename to person_ban_id_seq;
alter table person_ban rename column user_id to person_id;
alter table post_like rename column user_id to person_id;
""",
        {("rename-table", 1), ("rename-table", 3), ("rename-column", 5), ("rename-column", 6)},
    ),
    (
        "0.21.0__sort_type_enum.sql",
        """CREATE TYPE sort_type_enum AS ENUM (
    'Active',
    'Hot',
    'New',
    'Old',
    'TopDay',
    'TopWeek',
    'TopMonth',
    'TopYear',
    'TopAll',
    'MostComments',
    'NewComments'
);

-- convert the smallint column to the enum
ALTER TABLE person
    ALTER COLUMN default_sort_type DROP DEFAULT;

ALTER TABLE person
    ALTER COLUMN default_sort_type TYPE sort_type_enum
    USING CASE default_sort_type
    WHEN 0 THEN 'Active'
    WHEN 1 THEN 'Hot'
    WHEN 2 THEN 'New'
    WHEN 3 THEN 'Old'
    WHEN 4 THEN 'TopDay'
    WHEN 5 THEN 'TopWeek'
    WHEN 6 THEN 'TopMonth'
    WHEN 7 THEN 'TopYear'
    WHEN 8 THEN 'TopAll'
    WHEN 9 THEN 'MostComments'
    WHEN 10 THEN 'NewComments'
    ELSE 'Active'
    END::sort_type_enum;

ALTER TABLE person
    ALTER COLUMN default_sort_type SET DEFAULT 'Active';
""",
        {("alter-column-type", 20)},
    ),
    (
        "0.22.0__sort_type_top_hour.sql",
        """ALTER TYPE sort_type_enum
    ADD VALUE 'TopHour';

ALTER TYPE sort_type_enum
    ADD VALUE 'TopSixHour';

ALTER TYPE sort_type_enum
    ADD VALUE 'TopTwelveHour';
""",
        set(),
    ),
    (
        "0.24.0__comment_path.sql",
        """create extension if not exists ltree;

alter table comment add column path ltree not null default '0';

-- fill the paths from the parent ids
with recursive q as (
    select h, h.id, text2ltree(h.id::text) as path
    from comment h
    where h.parent_id is null
  union all
    select hi, hi.id, q.path || hi.id::text
    from q
    join comment hi on hi.parent_id = q.id
)
update comment c
set path = q.path
from q
where c.id = q.id;

create index idx_path_gist on comment using gist (path);

-- the parent is in the path now
alter table comment drop column parent_id;
""",
        {("drop-column", 23)},
    ),
    (
        "0.25.0__person_actor_id_unique.sql",
        """alter table person add constraint idx_person_actor_id unique (actor_id);
alter table community add constraint idx_community_actor_id unique (actor_id);

create index idx_person_lower_actor_id on person (lower(actor_id));
""",
        set(),
    ),
    (
        "0.26.0__post_url_max_length.sql",
        """-- some instances stored very long urls; keep at most 512 characters
update post set url = null where length(url) > 512;
alter table post alter column url type varchar(512);
""",
        {("alter-column-type", 3)},
    ),
    (
        "0.27.0__site.sql",
        """create table site (
  id serial primary key,
  name varchar(20) not null unique,
  description text,
  creator_id int references person on update cascade on delete cascade not null,
  enable_downvotes boolean default true not null,
  open_registration boolean default true not null,
  enable_nsfw boolean default true not null,
  published timestamp not null default now(),
  updated_at timestamp
);

SELECT diesel_manage_updated_at('site');
""",
        set(),
    ),
    (
        "0.28.0__site_icon.sql",
        """alter table site add column icon text;
alter table site add column banner text;
alter table site alter column name type varchar(100);
alter table site alter column description type text;
""",
        set(),
    ),
    (
        "0.29.0__person_aggregates.sql",
        """create table person_aggregates (
  id serial primary key,
  person_id int references person on update cascade on delete cascade not null,
  post_count bigint not null default 0,
  post_score bigint not null default 0,
  comment_count bigint not null default 0,
  comment_score bigint not null default 0,
  unique (person_id)
);

insert into person_aggregates (person_id, post_count, post_score)
  select u.id, coalesce(pd.posts, 0), coalesce(pd.score, 0)
  from person u
  left join (
    select p.creator_id, count(distinct p.id) as posts, sum(pl.score) as score
    from post p
    left join post_like pl on p.id = pl.post_id
    group by p.creator_id
  ) pd on u.id = pd.creator_id;

create function person_aggregates_person()
returns trigger language plpgsql
as $$
begin
  IF (TG_OP = 'INSERT') THEN
    insert into person_aggregates (person_id) values (NEW.id);
  ELSIF (TG_OP = 'DELETE') THEN
    delete from person_aggregates where person_id = OLD.id;
  END IF;
  return null;
end $$;

create trigger person_aggregates_person
after insert or delete on person
for each row
execute procedure person_aggregates_person();
""",
        set(),
    ),
    (
        "0.30.0__aggregates_soft_delete.sql",
        """-- a soft-deleted comment no longer counts: rewrite the trigger function
create or replace function post_aggregates_comment_count()
returns trigger language plpgsql
as $$
begin
  IF (TG_OP = 'INSERT') THEN
    update post_aggregates pa
    set comments = comments + 1,
    newest_comment_time = NEW.published
    where pa.post_id = NEW.post_id;
  ELSIF (TG_OP = 'DELETE') THEN
    update post_aggregates pa
    set comments = comments - 1
    where pa.post_id = OLD.post_id;
  ELSIF (TG_OP = 'UPDATE' AND OLD.deleted = 'f' AND NEW.deleted = 't') THEN
    update post_aggregates pa
    set comments = comments - 1
    where pa.post_id = NEW.post_id;
  ELSIF (TG_OP = 'UPDATE' AND OLD.deleted = 't' AND NEW.deleted = 'f') THEN
    update post_aggregates pa
    set comments = comments + 1
    where pa.post_id = NEW.post_id;
  END IF;
  return null;
end $$;

drop trigger post_aggregates_comment_count on comment;
create trigger post_aggregates_comment_count
after insert or delete or update of deleted on comment
for each row
execute procedure post_aggregates_comment_count();
""",
        set(),
    ),
    (
        "0.31.0__replace_trigger_function.sql",
        """-- one trigger function per table instead of one per aggregate
drop trigger if exists person_aggregates_person on person;
drop function if exists person_aggregates_person();

create function person_aggregates_maintain()
returns trigger language plpgsql
as $$
begin
  IF (TG_OP = 'INSERT') THEN
    insert into person_aggregates (person_id) values (NEW.id) on conflict (person_id) do nothing;
  ELSIF (TG_OP = 'DELETE') THEN
    delete from person_aggregates where person_id = OLD.id;
  END IF;
  return null;
end $$;

create trigger person_aggregates_maintain
after insert or delete on person
for each row
execute procedure person_aggregates_maintain();
""",
        set(),
    ),
    (
        "0.32.0__published_timestamptz.sql",
        """-- every timestamp was written in UTC: reinterpret them as such
alter table person alter column published type timestamptz using published at time zone 'UTC';
alter table post alter column published type timestamptz using published at time zone 'UTC';
alter table comment alter column published type timestamptz using published at time zone 'UTC';
alter table post_aggregates alter column newest_comment_time type timestamptz using newest_comment_time at time zone 'UTC';
""",
        {("alter-column-type", 2), ("alter-column-type", 3), ("alter-column-type", 4), ("alter-column-type", 5)},
    ),
    (
        "0.33.0__instance.sql",
        """create table instance (
  id serial primary key,
  domain varchar(255) not null unique,
  published timestamptz not null default now(),
  updated timestamptz
);

-- fill the instances from the actor ids
insert into instance (domain)
select distinct substring(p.actor_id from '(?:.*://)?(?:www\\.)?([^/?]*)') from (
  select actor_id from community
  union
  select actor_id from person
) as p;

alter table person add column instance_id int references instance on update cascade on delete cascade;
alter table community add column instance_id int references instance on update cascade on delete cascade;

update person set instance_id = i.id
from instance i
where substring(actor_id from '(?:.*://)?(?:www\\.)?([^/?]*)') = i.domain;

update community set instance_id = i.id
from instance i
where substring(actor_id from '(?:.*://)?(?:www\\.)?([^/?]*)') = i.domain;

alter table person alter column instance_id set not null;
alter table community alter column instance_id set not null;
""",
        {("add-not-null-without-default", 27), ("add-not-null-without-default", 28)},
    ),
    (
        "0.34.0__drop_category.sql",
        """alter table community drop column category_id;
drop table category;
""",
        {("drop-column", 1), ("drop-table", 2)},
    ),
    (
        "0.36.0__local_user_move.sql",
        """-- split the local login data from the federated person
alter table person add column local boolean not null default false;
update person set local = true where password_encrypted is not null;

create table local_user (
  id serial primary key,
  person_id int references person on update cascade on delete cascade not null,
  password_encrypted text not null,
  email text unique,
  show_nsfw boolean default false not null,
  theme varchar(20) default 'darkly' not null,
  default_sort_type sort_type_enum default 'Active' not null,
  lang varchar(20) default 'browser' not null,
  unique (person_id)
);

insert into local_user (person_id, password_encrypted, email, show_nsfw, theme, default_sort_type, lang)
select id, password_encrypted, email, show_nsfw, theme, default_sort_type, lang
from person
where local;

alter table person drop column password_encrypted;
alter table person drop column email;
alter table person drop column show_nsfw;
alter table person drop column theme;
alter table person drop column default_sort_type;
alter table person drop column lang;
""",
        {
            ("drop-column", 22),
            ("drop-column", 23),
            ("drop-column", 24),
            ("drop-column", 25),
            ("drop-column", 26),
            ("drop-column", 27),
        },
    ),
    (
        "0.37.0__person_password_nullable.sql",
        """alter table person alter column admin drop not null;
alter table person alter column preferred_username type varchar(255);
alter table person rename column preferred_username to display_name;
""",
        {("rename-column", 3)},
    ),
    (
        "0.38.0__post_language.sql",
        """create table language (
  id serial primary key,
  code varchar(3) not null,
  name text not null
);
insert into language (code, name) values ('und', 'Undetermined');
insert into language (code, name) values ('en', 'English');
insert into language (code, name) values ('de', 'Deutsch');

alter table post add column language_id integer references language not null default 0;
alter table comment add column language_id integer references language not null default 0;
""",
        set(),
    ),
    (
        "0.39.0__language_default_und.sql",
        """-- 0 was never a language: point the defaults at 'und'
update post set language_id = 1 where language_id = 0;
update comment set language_id = 1 where language_id = 0;
alter table post alter column language_id set default 1;
alter table comment alter column language_id set default 1;
""",
        set(),
    ),
    (
        "0.40.0__hot_rank_columns.sql",
        """create or replace function hot_rank(score numeric, published timestamp with time zone)
returns integer as $$
begin
  -- hours_diff:=EXTRACT(EPOCH FROM (now() - published))/3600
  return floor(10000*log(greatest(1,score+3)) / power(((EXTRACT(EPOCH FROM (now() - published))/3600) + 2), 1.8))::integer;
end; $$
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE;

alter table post_aggregates add column hot_rank integer not null default hot_rank(0, now());
alter table post_aggregates add column hot_rank_active integer not null default hot_rank(0, now());

create index idx_post_aggregates_hot on post_aggregates (hot_rank desc);
create index idx_post_aggregates_active on post_aggregates (hot_rank_active desc);
""",
        set(),
    ),
    (
        "0.41.0__drop_person_ban.sql",
        """-- bans are a column of person now
alter table person add column ban_expires timestamptz;
update person set banned = true, ban_expires = null from person_ban pb where pb.person_id = person.id;
drop table person_ban cascade;
""",
        {("drop-table", 4)},
    ),
    (
        "0.42.0__post_like_pkey.sql",
        """-- the (post, person) pair is the key; the serial id is unused
alter table post_like drop constraint post_like_pkey;
alter table post_like drop constraint post_like_post_id_user_id_key;
alter table post_like add primary key (post_id, person_id);
alter table post_like drop column id;
""",
        {("drop-column", 5)},
    ),
    (
        "0.43.0__comment_aggregates.sql",
        """create table comment_aggregates (
  id serial primary key,
  comment_id int references comment on update cascade on delete cascade not null,
  score bigint not null default 0,
  upvotes bigint not null default 0,
  downvotes bigint not null default 0,
  published timestamptz not null default now(),
  child_count integer not null default 0,
  unique (comment_id)
);

insert into comment_aggregates (comment_id, published)
select id, published from comment;

create or replace function comment_aggregates_comment()
returns trigger language plpgsql
as $$
begin
  IF (TG_OP = 'INSERT') THEN
    insert into comment_aggregates (comment_id, published) values (NEW.id, NEW.published);
  ELSIF (TG_OP = 'DELETE') THEN
    delete from comment_aggregates where comment_id = OLD.id;
  END IF;
  return null;
end $$;

create trigger comment_aggregates_comment
after insert or delete on comment
for each row
execute procedure comment_aggregates_comment();
""",
        set(),
    ),
    (
        "0.44.0__mod_tables_rename.sql",
        """alter table mod_remove_post rename column mod_user_id to mod_person_id;
alter table mod_ban_from_community rename column mod_user_id to mod_person_id;
alter table mod_ban_from_community rename column other_user_id to other_person_id;
alter index idx_person_lower_actor_id rename to idx_person_lower_actor_id_lower;
""",
        {("rename-column", 1), ("rename-column", 2), ("rename-column", 3)},
    ),
    (
        "0.45.0__when_to_timestamptz.sql",
        """alter table mod_remove_post alter column when_ type timestamptz using when_ at time zone 'UTC';
alter table mod_remove_post rename column when_ to published;
alter table mod_ban_from_community alter column when_ type timestamptz using when_ at time zone 'UTC';
alter table mod_ban_from_community alter column expires type timestamptz using expires at time zone 'UTC';
""",
        {("alter-column-type", 1), ("rename-column", 2), ("alter-column-type", 3), ("alter-column-type", 4)},
    ),
    (
        "0.46.0__sort_type_controversial.sql",
        """alter type sort_type_enum add value 'Controversial';
alter table local_user add column collapse_bot_comments boolean not null default false;
alter table post_aggregates add column controversy_rank float not null default 0;
create index idx_post_aggregates_controversy on post_aggregates (controversy_rank desc);
""",
        set(),
    ),
    (
        "0.47.0__person_sort_default.sql",
        """alter table local_user alter column default_sort_type set default 'Controversial';
""",
        set(),
    ),
    (
        "0.48.0__comment_content_not_empty.sql",
        """delete from comment where content = '';
alter table comment add constraint comment_content_not_empty check (content <> '') not valid;
alter table comment validate constraint comment_content_not_empty;
""",
        set(),
    ),
    (
        "0.49.0__drop_diesel_helpers.sql",
        """-- the updated_at triggers were replaced by the application setting the column
drop trigger if exists set_updated_at on post;
drop trigger if exists set_updated_at on site;
drop function if exists diesel_set_updated_at() cascade;
""",
        set(),
    ),
    (
        "0.50.0__community_visibility.sql",
        """CREATE TYPE community_visibility AS enum (
    'Public',
    'LocalOnly'
);

ALTER TABLE community
    ADD COLUMN visibility community_visibility NOT NULL DEFAULT 'Public';

ALTER TABLE post_aggregates ALTER COLUMN comments TYPE integer;
""",
        {("alter-column-type", 9)},
    ),
    (
        "0.51.0__person_ban_again.sql",
        """-- a table with the old name again: instance-wide bans with a reason
create table person_ban (
  id serial primary key,
  person_id int references person on update cascade on delete cascade not null,
  reason text,
  expires timestamptz,
  published timestamptz not null default now(),
  unique (person_id)
);
insert into person_ban (person_id, expires)
select id, ban_expires from person where banned;
""",
        set(),
    ),
    (
        "0.52.0__drop_person_banned.sql",
        """alter table person drop column ban_expires;
alter table person_ban alter column reason type varchar(1000);
alter table person_ban alter column reason set not null;
""",
        {("drop-column", 1), ("alter-column-type", 2), ("set-not-null", 3)},
    ),
    (
        "0.53.0__comment_reply.sql",
        """create table comment_reply (
  id serial primary key,
  recipient_id int references local_user on update cascade on delete cascade not null,
  comment_id int references comment on update cascade on delete cascade not null,
  read boolean default false not null,
  published timestamptz not null default now(),
  unique(recipient_id, comment_id)
);

-- the read flag moves from the comment to the reply
insert into comment_reply (recipient_id, comment_id, read)
select lu.id, c.id, c.read
from comment c
join local_user lu on lu.person_id = c.creator_id;

alter table comment drop column read;
""",
        {("drop-column", 16)},
    ),
    (
        "0.54.0__local_user_rename_lang.sql",
        """alter table local_user rename column lang to interface_language;
alter index idx_post_aggregates_hot rename to idx_post_aggregates_hot_rank;
alter sequence comment_reply_id_seq rename to comment_reply_seq;
""",
        {("rename-column", 1)},
    ),
    (
        "0.55.0__post_aggregates_scaled.sql",
        """-- the ranks are floats now; integers lost precision
drop index idx_post_aggregates_hot_rank;
alter table post_aggregates alter column hot_rank type float8;
alter table post_aggregates alter column hot_rank_active type float8;
create index idx_post_aggregates_hot_rank on post_aggregates (hot_rank desc);
alter table post_aggregates alter column hot_rank set default 0.1728;
alter table post_aggregates alter column hot_rank_active set default 0.1728;
""",
        set(),  # int4 to float8 keeps every value exactly: a widening
    ),
    (
        "0.56.0__listing_type_enum.sql",
        """create type listing_type_enum as enum ('All', 'Local', 'Subscribed');

alter table local_user add column default_listing_type listing_type_enum default 'Local' not null;
alter table person drop column default_listing_type;
""",
        {("drop-column", 4)},
    ),
    (
        "0.57.0__sort_type_recreate.sql",
        """-- remove the 'Old' sort, recreate the enum without it
alter type sort_type_enum rename to sort_type_enum__;
create type sort_type_enum as enum ('Active', 'Hot', 'New', 'TopDay', 'TopWeek', 'TopMonth', 'TopYear', 'TopAll', 'MostComments', 'NewComments', 'TopHour', 'TopSixHour', 'TopTwelveHour', 'Controversial');

alter table local_user alter column default_sort_type drop default;
update local_user set default_sort_type = 'Hot' where default_sort_type = 'Old';
alter table local_user alter column default_sort_type type sort_type_enum using default_sort_type::text::sort_type_enum;
alter table local_user alter column default_sort_type set default 'Active';

drop type sort_type_enum__;
""",
        {("alter-column-type", 7)},
    ),
    (
        "0.58.0__sort_type_add_scaled.sql",
        """alter type sort_type_enum add value 'Scaled';
alter table community add column posting_restricted_to_mods boolean default false not null;
""",
        set(),
    ),
    (
        "0.59.0__instance_software.sql",
        """alter table instance add column software varchar(255);
alter table instance add column version varchar(255);
alter table instance alter column domain type varchar(255);
alter table site drop column enable_nsfw;
""",
        {("drop-column", 4)},
    ),
    (
        "0.60.0__community_visibility_values.sql",
        """alter type community_visibility add value 'Private';
alter table community alter column visibility set default 'Private';
""",
        {("needs-no-transaction", 2)},
    ),
]

DELTAS: History = [
    (
        "1.54.0__full_schema.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
CREATE TABLE IF NOT EXISTS background_updates (
    update_name TEXT NOT NULL,
    progress_json TEXT NOT NULL,
    ordering INT NOT NULL DEFAULT 0,
    depends_on TEXT,
    CONSTRAINT background_updates_uniqueness UNIQUE (update_name)
);

-- accounts, their sessions and the event graph
CREATE TABLE users (
    name TEXT UNIQUE,
    password_hash TEXT,
    creation_ts BIGINT,
    admin SMALLINT NOT NULL DEFAULT 0,
    is_guest SMALLINT NOT NULL DEFAULT 0,
    deactivated SMALLINT NOT NULL DEFAULT 0,
    user_type TEXT
);

CREATE TABLE access_tokens (
    id BIGINT PRIMARY KEY,
    token TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL,
    device_id TEXT,
    valid_until_ms BIGINT
);

CREATE TABLE events (
    stream_ordering INTEGER PRIMARY KEY,
    topological_ordering BIGINT NOT NULL,
    event_id TEXT NOT NULL UNIQUE,
    room_id TEXT NOT NULL,
    type TEXT NOT NULL,
    sender TEXT,
    state_key TEXT,
    outlier BOOLEAN NOT NULL,
    depth BIGINT NOT NULL DEFAULT 0,
    origin_server_ts BIGINT,
    received_ts BIGINT,
    unrecognized_keys TEXT,
    rejection_reason TEXT
);

CREATE INDEX events_order_room ON events (room_id, topological_ordering, stream_ordering);
CREATE INDEX events_room_stream ON events (room_id, stream_ordering);
CREATE INDEX events_ts ON events (origin_server_ts, stream_ordering);

CREATE TABLE event_json (
    event_id TEXT NOT NULL,
    room_id TEXT NOT NULL,
    internal_metadata TEXT NOT NULL,
    json TEXT NOT NULL,
    format_version INTEGER,
    UNIQUE (event_id)
);

CREATE TABLE event_edges (
    event_id TEXT NOT NULL,
    prev_event_id TEXT NOT NULL,
    room_id TEXT NOT NULL,
    is_state BOOL NOT NULL,
    UNIQUE (event_id, prev_event_id, room_id, is_state)
);

CREATE TABLE event_reference_hashes (
    event_id TEXT,
    algorithm TEXT,
    hash bytea,
    UNIQUE (event_id, algorithm)
);

CREATE TABLE rooms (
    room_id TEXT NOT NULL,
    is_public BOOL,
    creator TEXT,
    room_version TEXT,
    has_auth_chain_index BOOLEAN,
    UNIQUE (room_id)
);

CREATE TABLE room_memberships (
    event_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    sender TEXT NOT NULL,
    room_id TEXT NOT NULL,
    membership TEXT NOT NULL,
    forgotten INTEGER DEFAULT 0,
    display_name TEXT,
    avatar_url TEXT,
    UNIQUE (event_id)
);

CREATE TABLE receipts_linearized (
    stream_id BIGINT NOT NULL,
    room_id TEXT NOT NULL,
    receipt_type TEXT NOT NULL,
    user_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    data TEXT NOT NULL,
    instance_name TEXT,
    CONSTRAINT receipts_linearized_uniqueness UNIQUE (room_id, receipt_type, user_id)
);

CREATE TABLE device_inbox (
    user_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    stream_id BIGINT NOT NULL,
    message_json TEXT NOT NULL,
    instance_name TEXT
);
CREATE INDEX device_inbox_user_stream_id ON device_inbox (user_id, device_id, stream_id);

CREATE TABLE device_lists_remote_cache (
    user_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    content TEXT NOT NULL
);

CREATE TABLE event_push_actions (
    room_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    profile_tag VARCHAR(32),
    actions TEXT NOT NULL,
    topological_ordering BIGINT,
    stream_ordering BIGINT,
    notif SMALLINT,
    highlight SMALLINT,
    unread SMALLINT,
    CONSTRAINT event_id_user_id_profile_tag_uniqueness UNIQUE (room_id, event_id, user_id, profile_tag)
);

CREATE TABLE event_forward_extremities (
    event_id TEXT NOT NULL,
    room_id TEXT NOT NULL,
    UNIQUE (event_id, room_id)
);

CREATE TABLE user_ips (
    user_id TEXT NOT NULL,
    access_token TEXT NOT NULL,
    device_id TEXT,
    ip TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    last_seen BIGINT NOT NULL
);

CREATE TABLE stream_positions (
    stream_name TEXT NOT NULL,
    instance_name TEXT NOT NULL,
    stream_id BIGINT NOT NULL
);
CREATE UNIQUE INDEX stream_positions_idx ON stream_positions (stream_name, instance_name);

CREATE SEQUENCE events_sequence;
SELECT setval('events_sequence', (SELECT COALESCE(MAX(stream_ordering), 1) FROM events));
""",
        set(),
    ),
    (
        "1.55.1__device_inbox_sequence_postgres.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
CREATE SEQUENCE IF NOT EXISTS device_inbox_sequence;

-- We need to take the max across both device_inbox and device_federation_outbox
-- tables as they share the ID generator
SELECT setval('device_inbox_sequence', (
    SELECT GREATEST(
        (SELECT COALESCE(MAX(stream_id), 1) FROM device_inbox),
        1
    )
));
""",
        set(),
    ),
    (
        "1.55.2__event_arbitrary_relations.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- Check old events for thread relations.
INSERT INTO background_updates (ordering, update_name, progress_json) VALUES
  (5502, 'event_arbitrary_relations', '{}');

CREATE TABLE IF NOT EXISTS event_relations (
    event_id TEXT NOT NULL,
    relates_to_id TEXT NOT NULL,
    relation_type TEXT NOT NULL,
    aggregation_key TEXT
);

CREATE UNIQUE INDEX IF NOT EXISTS event_relations_id ON event_relations (event_id);
CREATE INDEX IF NOT EXISTS event_relations_relates ON event_relations (relates_to_id, relation_type, aggregation_key);
""",
        set(),
    ),
    (
        "1.56.1__drop_reference_hashes.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- event_reference_hashes is unused since the room version 1 hashes are computed on the fly.
DROP TABLE IF EXISTS event_reference_hashes;
-- this table was dropped from the schema a long time ago
DROP TABLE IF EXISTS event_to_state_groups_old;
""",
        # the older table is not in this history, but an installation upgraded from before it has it
        {("drop-table", 7), ("drop-table", 9)},
    ),
    (
        "1.56.2__forward_extremities_fk_postgres.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- Add a foreign key to the event id, not validated: the background update
-- 'event_forward_extremities_fk' deletes the orphans then validates it.
ALTER TABLE event_forward_extremities ADD CONSTRAINT event_forward_extremities_event_id
    FOREIGN KEY (event_id) REFERENCES events (event_id) NOT VALID;

INSERT INTO background_updates (ordering, update_name, progress_json) VALUES
  (5602, 'event_forward_extremities_fk', '{}');
""",
        set(),
    ),
    (
        "1.57.1__device_lists_cache_clear.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- The cache held keys of every remote device ever seen; start it again. It is
-- repopulated from the remote servers on the next lookup.
TRUNCATE device_lists_remote_cache;
DELETE FROM background_updates WHERE update_name = 'device_lists_remote_cache_reindex';
""",
        {("truncate", 8)},
    ),
    (
        "1.57.2__thread_id_receipts.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
ALTER TABLE receipts_linearized ADD COLUMN thread_id TEXT;

INSERT INTO background_updates (ordering, update_name, progress_json) VALUES
  (5702, 'receipts_linearized_unique_index', '{}');
""",
        set(),
    ),
    (
        "1.57.3__event_push_thread_id.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- Add a nullable column for thread ID to the event push actions tables; this
-- will be filled in with a default value for any previously existing rows.
--
-- After migration this can be made NOT NULL, see the later delta.
ALTER TABLE event_push_actions ADD COLUMN thread_id TEXT;

-- Add a background update to populate the new column.
INSERT INTO background_updates (ordering, update_name, progress_json) VALUES
  (5703, 'event_push_backfill_thread_id', '{}');
""",
        set(),
    ),
    (
        "1.58.1__thread_id_not_null_postgres.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- Every row has a thread_id since the background update of the last release;
-- make sure new rows have one too. NOT VALID: the background update validates it.
ALTER TABLE event_push_actions
  ADD CONSTRAINT event_push_actions_thread_id CHECK (thread_id IS NOT NULL) NOT VALID;

INSERT INTO background_updates (ordering, update_name, progress_json) VALUES
  (5801, 'event_push_actions_thread_id_null', '{}');
""",
        {("set-not-null", 9)},
    ),
    (
        "1.58.2__events_stream_ordering_bigint_postgres.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- stream_ordering is nearing 2^31 on large servers. A second column is filled
-- by a background update and swapped in a later release.
ALTER TABLE events ADD COLUMN stream_ordering2 BIGINT;

CREATE OR REPLACE FUNCTION populate_stream_ordering2() RETURNS TRIGGER AS $BODY$
    BEGIN
        NEW.stream_ordering2 := NEW.stream_ordering;
        RETURN NEW;
    END
$BODY$ LANGUAGE plpgsql;

CREATE TRIGGER populate_stream_ordering2_trigger BEFORE INSERT ON events
FOR EACH ROW EXECUTE PROCEDURE populate_stream_ordering2();

INSERT INTO background_updates (ordering, update_name, progress_json) VALUES
  (5802, 'populate_stream_ordering2', '{}');

INSERT INTO background_updates (ordering, update_name, progress_json, depends_on) VALUES
  (5802, 'index_stream_ordering2', '{}', 'populate_stream_ordering2');
""",
        set(),
    ),
    (
        "1.59.1__thread_id_validated_postgres.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- The background update validated the constraint; a real NOT NULL uses it and
-- makes the check redundant.
ALTER TABLE event_push_actions VALIDATE CONSTRAINT event_push_actions_thread_id;
ALTER TABLE event_push_actions ALTER COLUMN thread_id SET NOT NULL;
ALTER TABLE event_push_actions DROP CONSTRAINT event_push_actions_thread_id;
""",
        set(),
    ),
    (
        "1.59.2__receipts_unique_thread.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- the background update built the index receipts_linearized_unique_index
CREATE UNIQUE INDEX IF NOT EXISTS receipts_linearized_unique_index ON receipts_linearized (room_id, receipt_type, user_id)
    WHERE thread_id IS NULL;
ALTER TABLE receipts_linearized DROP CONSTRAINT receipts_linearized_uniqueness;
""",
        set(),
    ),
    (
        "1.60.1__swap_stream_ordering_postgres.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- Swap the bigint column in. The old column is kept under another name until
-- the next release, so that a rollback finds it.
DROP TRIGGER populate_stream_ordering2_trigger ON events;
DROP FUNCTION populate_stream_ordering2();

ALTER TABLE events DROP CONSTRAINT events_pkey;
ALTER TABLE events RENAME COLUMN stream_ordering TO stream_ordering_old;
ALTER TABLE events RENAME COLUMN stream_ordering2 TO stream_ordering;
ALTER TABLE events ADD PRIMARY KEY (stream_ordering);
ALTER TABLE events ALTER COLUMN stream_ordering_old DROP NOT NULL;
""",
        {("rename-column", 12), ("rename-column", 13), ("set-not-null", 14)},
    ),
    (
        "1.60.2__event_search.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
CREATE TABLE IF NOT EXISTS event_search (
    event_id TEXT,
    room_id TEXT,
    sender TEXT,
    key TEXT,
    vector tsvector,
    origin_server_ts BIGINT,
    stream_ordering BIGINT
);

CREATE INDEX IF NOT EXISTS event_search_fts_idx ON event_search USING GIN (vector);
CREATE INDEX IF NOT EXISTS event_search_ev_ridx ON event_search (room_id);

ALTER TABLE event_search SET (autovacuum_analyze_scale_factor = 0.01);
ALTER TABLE event_search ALTER COLUMN event_id SET STATISTICS 1000;
""",
        set(),
    ),
    (
        "1.61.1__drop_stream_ordering_old.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
ALTER TABLE events DROP COLUMN stream_ordering_old;
DROP SEQUENCE IF EXISTS events_stream_ordering_seq;
""",
        {("drop-column", 6), ("drop-sequence", 7)},
    ),
    (
        "1.61.2__partial_state.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- rooms that we have joined over a faster join
CREATE TABLE IF NOT EXISTS partial_state_rooms (
    room_id TEXT PRIMARY KEY,
    device_lists_stream_id BIGINT NOT NULL DEFAULT 0,
    join_event_id TEXT,
    joined_via TEXT,
    FOREIGN KEY(room_id) REFERENCES rooms(room_id)
);

CREATE TABLE IF NOT EXISTS partial_state_events (
    room_id TEXT NOT NULL REFERENCES partial_state_rooms(room_id),
    event_id TEXT NOT NULL REFERENCES events(event_id)
);
CREATE UNIQUE INDEX IF NOT EXISTS partial_state_events_event_id ON partial_state_events (event_id);

-- a check that partial state events are outliers or not rejected
CREATE OR REPLACE FUNCTION check_partial_state_events() RETURNS trigger AS $BODY$
BEGIN
    IF EXISTS (
        SELECT 1 FROM events
        WHERE events.event_id = NEW.event_id
           AND events.room_id != NEW.room_id
    ) THEN
        RAISE EXCEPTION 'Incorrect room_id in partial_state_events';
    END IF;
    RETURN NEW;
END;
$BODY$ LANGUAGE plpgsql;

CREATE TRIGGER check_partial_state_events BEFORE INSERT OR UPDATE ON partial_state_events
FOR EACH ROW
EXECUTE PROCEDURE check_partial_state_events();
""",
        set(),
    ),
    (
        "1.62.1__partial_state_trigger_fix.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- the check also looks at the room of the event row
CREATE OR REPLACE FUNCTION check_partial_state_events() RETURNS trigger AS $BODY$
BEGIN
    IF EXISTS (
        SELECT 1 FROM events
        WHERE events.event_id = NEW.event_id
           AND (events.room_id != NEW.room_id OR events.outlier = FALSE)
    ) THEN
        RAISE EXCEPTION 'Incorrect room_id in partial_state_events';
    END IF;
    RETURN NEW;
END;
$BODY$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS check_partial_state_events ON partial_state_events;
CREATE TRIGGER check_partial_state_events BEFORE INSERT OR UPDATE ON partial_state_events
FOR EACH ROW
EXECUTE PROCEDURE check_partial_state_events();
""",
        set(),
    ),
    (
        "1.62.2__user_ips_key.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- Remove duplicates, keeping the row last seen, then key the table.
DELETE FROM user_ips a USING user_ips b
WHERE a.user_id = b.user_id AND a.access_token = b.access_token AND a.ip = b.ip
  AND a.last_seen < b.last_seen;

INSERT INTO background_updates (ordering, update_name, progress_json) VALUES
  (6202, 'user_ips_device_unique_index', '{}');

DROP INDEX IF EXISTS user_ips_user_ip;
""",
        set(),
    ),
    (
        "1.63.1__receipts_instance_name_default.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
UPDATE receipts_linearized SET instance_name = 'master';
ALTER TABLE device_inbox ALTER COLUMN instance_name SET DEFAULT 'master';
""",
        {("update-without-where", 6)},
    ),
    (
        "1.63.2__users_approved.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- Whether the user account was approved by an admin.
ALTER TABLE users ADD COLUMN approved BOOLEAN;
-- Accounts created before the feature are approved.
UPDATE users SET approved = TRUE;
""",
        set(),
    ),
    (
        "1.64.1__rooms_creator_not_null.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- creator was not always filled in by the room creation code
UPDATE rooms SET creator = '' WHERE creator IS NULL;
ALTER TABLE rooms ALTER COLUMN creator SET NOT NULL;
""",
        {("set-not-null", 8)},
    ),
    (
        "1.64.2__room_stats.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
CREATE TABLE IF NOT EXISTS room_stats_state (
    room_id TEXT NOT NULL,
    name TEXT,
    canonical_alias TEXT,
    join_rules TEXT,
    history_visibility TEXT,
    encryption TEXT,
    avatar TEXT,
    guest_access TEXT,
    is_federatable BOOLEAN,
    topic TEXT,
    room_type TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS room_stats_state_room ON room_stats_state(room_id);

ALTER TABLE room_stats_state ADD COLUMN IF NOT EXISTS room_type TEXT;
""",
        set(),
    ),
    (
        "1.65.1__drop_device_inbox_index.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- replaced by the background index device_inbox_stream_id_user_id
DROP INDEX IF EXISTS device_inbox_stream_id;
DROP INDEX device_inbox_user_stream_id;
CREATE INDEX device_inbox_user_stream_id ON device_inbox (user_id, device_id, stream_id);
""",
        set(),
    ),
    (
        "1.65.2__event_json_format_version.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- every event has a format version; old rows are version 1
UPDATE event_json SET format_version = 1 WHERE format_version IS NULL;
ALTER TABLE event_json ALTER COLUMN format_version SET DEFAULT 1;
ALTER TABLE event_json ADD CONSTRAINT event_json_format_version_set CHECK (format_version IS NOT NULL);
""",
        {("set-not-null", 9)},
    ),
    (
        "1.66.1__access_tokens_refresh.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
CREATE TABLE refresh_tokens (
  id BIGINT PRIMARY KEY,
  user_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  token TEXT NOT NULL,
  next_token_id BIGINT REFERENCES refresh_tokens (id) ON DELETE CASCADE,
  expiry_ts BIGINT DEFAULT NULL,
  ultimate_session_expiry_ts BIGINT DEFAULT NULL,
  UNIQUE(token)
);

ALTER TABLE access_tokens
  ADD COLUMN refresh_token_id BIGINT REFERENCES refresh_tokens (id) ON DELETE CASCADE;

ALTER TABLE access_tokens
  ADD COLUMN used BOOLEAN;
""",
        set(),
    ),
    (
        "1.66.2__stream_positions_rename.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- the typing stream was renamed; keep its position
UPDATE stream_positions SET stream_name = 'typing' WHERE stream_name = 'typing_stream';
ALTER INDEX stream_positions_idx RENAME TO stream_positions_stream_instance;
""",
        set(),
    ),
    (
        "1.67.1__memberships_participant.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
ALTER TABLE room_memberships ADD COLUMN participant BOOLEAN DEFAULT FALSE;
ALTER TABLE room_memberships ALTER COLUMN forgotten TYPE SMALLINT;
""",
        {("alter-column-type", 7)},
    ),
    (
        "1.67.2__drop_unused_columns.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- unrecognized_keys has not been written since the events table was created
ALTER TABLE events DROP COLUMN IF EXISTS unrecognized_keys;
ALTER TABLE events DROP COLUMN IF EXISTS content_never_existed;
ALTER TABLE rooms DROP COLUMN IF EXISTS has_auth_chain_index;
""",
        {("drop-column", 7), ("drop-column", 9)},
    ),
    (
        "1.68.1__sliding_sync.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
CREATE TABLE IF NOT EXISTS sliding_sync_connections (
    connection_key BIGINT NOT NULL PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    user_id TEXT NOT NULL,
    effective_device_id TEXT NOT NULL,
    conn_id TEXT NOT NULL,
    created_ts BIGINT NOT NULL
);

CREATE INDEX IF NOT EXISTS sliding_sync_connections_idx ON sliding_sync_connections(user_id, effective_device_id, conn_id);

CREATE TABLE IF NOT EXISTS sliding_sync_connection_positions (
    connection_position BIGINT NOT NULL PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    connection_key BIGINT NOT NULL REFERENCES sliding_sync_connections(connection_key) ON DELETE CASCADE,
    created_ts BIGINT NOT NULL
);
""",
        set(),
    ),
    (
        "1.68.2__reset_sliding_sync.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- the connection positions of the first release were wrong; clients reconnect
DELETE FROM sliding_sync_connections;
ALTER SEQUENCE IF EXISTS sliding_sync_connection_positions_connection_position_seq RESTART;
""",
        {("delete-without-where", 7)},
    ),
    (
        "1.69.1__device_inbox_recreate.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- device_inbox is rebuilt with a stream_id primary key; the rows are copied
CREATE TABLE device_inbox_new (
    user_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    stream_id BIGINT NOT NULL PRIMARY KEY,
    message_json TEXT NOT NULL,
    instance_name TEXT DEFAULT 'master'
);
INSERT INTO device_inbox_new (user_id, device_id, stream_id, message_json, instance_name)
    SELECT user_id, device_id, stream_id, message_json, instance_name FROM device_inbox;
DROP TABLE device_inbox;
ALTER TABLE device_inbox_new RENAME TO device_inbox;
CREATE INDEX device_inbox_user_stream_id ON device_inbox (user_id, device_id, stream_id);
""",
        set(),
    ),
    (
        "1.70.1__users_creation_ts_not_null.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- checked by the background update 'users_creation_ts_filled'
ALTER TABLE users ADD CONSTRAINT users_creation_ts_not_null CHECK (creation_ts IS NOT NULL) NOT VALID;
""",
        {("set-not-null", 7)},
    ),
    (
        "1.71.1__users_creation_ts_set_not_null.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
ALTER TABLE users VALIDATE CONSTRAINT users_creation_ts_not_null;
ALTER TABLE users ALTER COLUMN creation_ts SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT users_creation_ts_not_null;
ALTER TABLE users ALTER COLUMN admin DROP DEFAULT;
ALTER TABLE users ALTER COLUMN admin TYPE BOOLEAN USING admin <> 0;
ALTER TABLE users ALTER COLUMN admin SET DEFAULT FALSE;
""",
        {("alter-column-type", 10)},
    ),
    (
        "1.72.1__drop_reference_hashes_again.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- a port of the 1.56 delta to the state database: the table is gone already here
DROP TABLE IF EXISTS event_reference_hashes;
DROP INDEX IF EXISTS event_reference_hashes_id;
""",
        set(),
    ),
    (
        "1.72.2__user_ips_rebuild.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- user_ips gets a proper key: the old table is moved away and its rows copied
ALTER TABLE user_ips RENAME TO user_ips_old;
CREATE TABLE user_ips (
    user_id TEXT NOT NULL,
    access_token TEXT NOT NULL,
    device_id TEXT,
    ip TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    last_seen BIGINT NOT NULL,
    PRIMARY KEY (user_id, access_token, ip)
);
INSERT INTO user_ips (user_id, access_token, device_id, ip, user_agent, last_seen)
    SELECT DISTINCT ON (user_id, access_token, ip) user_id, access_token, device_id, ip, user_agent, last_seen
    FROM user_ips_old
    ORDER BY user_id, access_token, ip, last_seen DESC;
""",
        {("rename-table", 7)},
    ),
    (
        "1.72.3__drop_user_ips_old.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
DROP TABLE user_ips_old;
CREATE INDEX user_ips_last_seen ON user_ips (user_id, last_seen);
""",
        {("drop-table", 6)},
    ),
    (
        "1.73.1__receipts_thread_not_null.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- every receipt is in a thread since 1.57; 'main' is the default thread
UPDATE receipts_linearized SET thread_id = 'main' WHERE thread_id IS NULL;
ALTER TABLE receipts_linearized ALTER COLUMN thread_id SET DEFAULT 'main';
ALTER TABLE receipts_linearized ALTER COLUMN thread_id SET NOT NULL;
ALTER TABLE events ALTER COLUMN stream_ordering SET NOT NULL;
""",
        {("set-not-null", 9)},
    ),
    (
        "1.73.2__rooms_auth_chain_again.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- the column was dropped in 1.67 by mistake: the auth chain index needs it
ALTER TABLE rooms ADD COLUMN IF NOT EXISTS has_auth_chain_index BOOLEAN;
CREATE SEQUENCE IF NOT EXISTS device_inbox_sequence;
CREATE SEQUENCE IF NOT EXISTS un_partial_stated_room_stream_sequence;
""",
        set(),
    ),
    (
        "1.74.1__device_inbox_stream_id.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- device_inbox was rebuilt in 1.69 with a bigint key; instance names are required now
UPDATE device_inbox SET instance_name = 'master' WHERE instance_name IS NULL;
ALTER TABLE device_inbox ALTER COLUMN instance_name SET NOT NULL;
ALTER TABLE device_inbox ALTER COLUMN stream_id TYPE BIGINT;
ALTER TABLE device_inbox ALTER COLUMN message_json TYPE JSONB USING message_json::jsonb;
""",
        {("set-not-null", 8), ("alter-column-type", 10)},
    ),
    (
        "1.74.2__background_updates_reset.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
-- these updates were scheduled by mistake on new databases
DELETE FROM background_updates WHERE update_name IN ('populate_stream_ordering2', 'index_stream_ordering2');
DELETE FROM background_updates;
""",
        {("delete-without-where", 8)},
    ),
    (
        "1.75.1__event_push_summary.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
CREATE TABLE IF NOT EXISTS event_push_summary (
    user_id TEXT NOT NULL,
    room_id TEXT NOT NULL,
    notif_count BIGINT NOT NULL,
    stream_ordering BIGINT NOT NULL,
    unread_count BIGINT,
    last_receipt_stream_ordering BIGINT,
    thread_id TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS event_push_summary_unique_index2 ON event_push_summary (user_id, room_id, thread_id);
""",
        set(),
    ),
    (
        "1.75.2__event_push_summary_thread.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
UPDATE event_push_summary SET thread_id = 'main' WHERE thread_id IS NULL;
ALTER TABLE event_push_summary ADD CONSTRAINT event_push_summary_thread_id CHECK (thread_id IS NOT NULL) NOT VALID;
ALTER TABLE event_push_summary ALTER COLUMN unread_count SET DEFAULT 0;
""",
        {("set-not-null", 7)},
    ),
    (
        "1.76.1__event_push_summary_validate.sql",
        """/* Chat server schema delta ("deltas" history, written for ratchet's tests).
 *
 * Runs on every installation, old and new alike; the server (not this file)
 * decides when background updates start.
 */
ALTER TABLE event_push_summary VALIDATE CONSTRAINT event_push_summary_thread_id;
ALTER TABLE event_push_summary ALTER COLUMN thread_id SET NOT NULL;
ALTER TABLE event_push_summary DROP CONSTRAINT event_push_summary_thread_id;
ALTER TABLE event_push_summary RENAME COLUMN last_receipt_stream_ordering TO last_receipt_ordering;
""",
        {("rename-column", 9)},
    ),
]


GOMIGRATE: History = [
    (
        "2.1.0__init.sql",
        """-- golang-migrate: 000001_init.up.sql
CREATE SCHEMA IF NOT EXISTS app;
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE IF NOT EXISTS app.organizations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name varchar(64) NOT NULL,
    slug varchar(26) NOT NULL UNIQUE,
    settings text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS app.users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id uuid NOT NULL REFERENCES app.organizations (id) ON DELETE CASCADE,
    email varchar(255) NOT NULL,
    username varchar(64) NOT NULL,
    nickname varchar(64),
    props text,
    role varchar(16) NOT NULL DEFAULT 'member',
    deleted_at bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_email_key UNIQUE (email)
);

CREATE INDEX IF NOT EXISTS idx_users_org_id ON app.users (org_id);

/* updated_at is kept by a trigger; the function is shared by every table */
CREATE OR REPLACE FUNCTION app.set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.updated_at = now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER trg_users_updated_at BEFORE UPDATE ON app.users
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
CREATE TRIGGER trg_organizations_updated_at BEFORE UPDATE ON app.organizations
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
""",
        set(),
    ),
    (
        "2.2.0__posts.sql",
        """-- 000002_posts.up.sql
SET search_path = app, public;

CREATE TABLE IF NOT EXISTS posts (
    id bigserial PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users (id),
    channel_id varchar(26) NOT NULL,
    message varchar(4000) NOT NULL DEFAULT '',
    props text,
    hashtags varchar(1000),
    is_pinned boolean NOT NULL DEFAULT false,
    create_at bigint NOT NULL,
    update_at bigint NOT NULL,
    delete_at bigint NOT NULL DEFAULT 0
);

CREATE INDEX IF NOT EXISTS idx_posts_channel_id_update_at ON posts (channel_id, update_at);
CREATE INDEX IF NOT EXISTS idx_posts_create_at ON posts (create_at);

CREATE OR REPLACE VIEW active_posts AS
    SELECT id, user_id, channel_id, message, create_at FROM posts WHERE delete_at = 0;
""",
        set(),
    ),
    (
        "2.3.0__status_enum.sql",
        """-- 000003: enums cannot be created IF NOT EXISTS; tolerate a re-run
DO $$
BEGIN
    CREATE TYPE app.post_status AS ENUM ('draft', 'published', 'archived');
EXCEPTION
    WHEN duplicate_object THEN null;
END $$;

ALTER TABLE app.posts ADD COLUMN IF NOT EXISTS status app.post_status NOT NULL DEFAULT 'published';
""",
        set(),
    ),
    (
        "2.4.0__users_nickname.sql",
        """-- 000004: conditional DDL, as the tool has no "IF column exists"
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM information_schema.columns
        WHERE table_schema = 'app' AND table_name = 'users' AND column_name = 'locale'
    ) THEN
        ALTER TABLE app.users ADD COLUMN locale varchar(5) NOT NULL DEFAULT 'en';
    END IF;
END $$;

DO $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM information_schema.columns
        WHERE table_schema = 'app' AND table_name = 'users' AND column_name = 'nickname'
    ) THEN
        ALTER TABLE app.users RENAME COLUMN nickname TO display_name;
    END IF;
END $$;
""",
        {("rename-column", 18)},
    ),
    (
        "2.5.0__posts_props_jsonb.sql",
        """-- 000005: props holds JSON; store it as jsonb
ALTER TABLE app.posts ALTER COLUMN props TYPE jsonb USING props::jsonb;
ALTER TABLE app.users ALTER COLUMN props TYPE jsonb USING props::jsonb;
""",
        {("alter-column-type", 2), ("alter-column-type", 3)},
    ),
    (
        "2.6.0__posts_concurrent_index.sql",
        """-- guard: no-transaction
-- 000006: build the index without locking writes; golang-migrate runs one
-- statement per file here; the server refuses CONCURRENTLY in a transaction.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_posts_user_id ON app.posts (user_id);
""",
        set(),
    ),
    (
        "2.7.0__posts_drop_old_index.sql",
        """-- guard: no-transaction
DROP INDEX CONCURRENTLY IF EXISTS app.idx_posts_create_at;
""",
        set(),
    ),
    (
        "2.8.0__organizations_slug_length.sql",
        """-- 000008: slugs may be longer than an id now
ALTER TABLE app.organizations ALTER COLUMN slug TYPE varchar(64);
ALTER TABLE app.organizations ALTER COLUMN name SET DATA TYPE varchar(128);
""",
        set(),
    ),
    (
        "2.9.0__audit_partitioned.sql",
        """-- 000009: audit log, partitioned by month
CREATE TABLE IF NOT EXISTS app.audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY,
    org_id uuid NOT NULL,
    actor_id uuid,
    action text NOT NULL,
    data jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);

CREATE TABLE IF NOT EXISTS app.audit_log_2024_01 PARTITION OF app.audit_log
    FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');
CREATE TABLE IF NOT EXISTS app.audit_log_2024_02 PARTITION OF app.audit_log
    FOR VALUES FROM ('2024-02-01') TO ('2024-03-01');
CREATE TABLE IF NOT EXISTS app.audit_log_default PARTITION OF app.audit_log DEFAULT;
""",
        set(),
    ),
    (
        "2.10.0__audit_index.sql",
        """-- 000010: the index is created on the parent only, then per partition (see 11)
CREATE INDEX IF NOT EXISTS idx_audit_log_org ON ONLY app.audit_log (org_id, created_at);
""",
        set(),
    ),
    (
        "2.11.0__audit_index_partitions.sql",
        """-- guard: no-transaction
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_audit_log_2024_01_org ON app.audit_log_2024_01 (org_id, created_at);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_audit_log_2024_02_org ON app.audit_log_2024_02 (org_id, created_at);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_audit_log_default_org ON app.audit_log_default (org_id, created_at);
ALTER INDEX app.idx_audit_log_org ATTACH PARTITION app.idx_audit_log_2024_01_org;
ALTER INDEX app.idx_audit_log_org ATTACH PARTITION app.idx_audit_log_2024_02_org;
ALTER INDEX app.idx_audit_log_org ATTACH PARTITION app.idx_audit_log_default_org;
""",
        set(),
    ),
    (
        "2.12.0__posts_search.sql",
        """-- 000012: full text search; the generated column is computed from the message
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
ALTER TABLE app.posts ADD COLUMN IF NOT EXISTS message_tsv tsvector
    GENERATED ALWAYS AS (to_tsvector('english', message)) STORED;
COMMENT ON COLUMN app.posts.message_tsv IS 'search vector; kept by the server, never written';
""",
        set(),
    ),
    (
        "2.13.0__teams.sql",
        """-- 000013: teams; a user belongs to many
CREATE TABLE IF NOT EXISTS app.teams (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id uuid NOT NULL REFERENCES app.organizations (id) ON DELETE CASCADE,
    name varchar(64) NOT NULL,
    -- the invite id is shown in links; it is not a secret; rotate it when leaked
    invite_id varchar(32) NOT NULL DEFAULT encode(gen_random_bytes(16), 'hex'),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (org_id, name)
);

CREATE TABLE IF NOT EXISTS app.team_members (
    team_id uuid NOT NULL REFERENCES app.teams (id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES app.users (id) ON DELETE CASCADE,
    roles varchar(64) NOT NULL DEFAULT '',
    PRIMARY KEY (team_id, user_id)
);
""",
        set(),
    ),
    (
        "2.14.0__team_members_roles_array.sql",
        """-- 000014: roles were a comma separated list; make them an array
ALTER TABLE app.team_members ALTER COLUMN roles DROP DEFAULT;
ALTER TABLE app.team_members ALTER COLUMN roles TYPE text[] USING string_to_array(roles, ',');
ALTER TABLE app.team_members ALTER COLUMN roles SET DEFAULT '{}';
""",
        {("alter-column-type", 3)},
    ),
    (
        "2.15.0__users_deleted_at.sql",
        """-- 000015: soft delete as a timestamp
ALTER TABLE app.users ADD COLUMN IF NOT EXISTS deleted timestamptz;
UPDATE app.users SET deleted = to_timestamp(deleted_at / 1000.0) WHERE deleted_at > 0;
ALTER TABLE app.users DROP COLUMN IF EXISTS deleted_at;
""",
        {("drop-column", 4)},
    ),
    (
        "2.16.0__posts_view_v2.sql",
        """-- 000016: the view shows the status too (appended; CREATE OR REPLACE keeps the columns before it)
CREATE OR REPLACE VIEW app.active_posts AS
    SELECT id, user_id, channel_id, message, create_at, status FROM app.posts WHERE delete_at = 0;
""",
        set(),
    ),
    (
        "2.17.0__status_values.sql",
        """-- 000017
ALTER TYPE app.post_status ADD VALUE IF NOT EXISTS 'scheduled' BEFORE 'published';
ALTER TYPE app.post_status RENAME VALUE 'archived' TO 'hidden';
""",
        {("rename-enum-value", 3)},
    ),
    (
        "2.18.0__detach_old_audit.sql",
        """-- 000018: January is archived to cold storage by the exporter; detach it first
ALTER TABLE app.audit_log DETACH PARTITION app.audit_log_2024_01;
""",
        set(),
    ),
    (
        "2.19.0__drop_old_audit.sql",
        """-- 000019
DROP TABLE IF EXISTS app.audit_log_2024_01;
CREATE TABLE IF NOT EXISTS app.audit_log_2024_03 PARTITION OF app.audit_log
    FOR VALUES FROM ('2024-03-01') TO ('2024-04-01');
""",
        {("drop-table", 2)},
    ),
    (
        "2.20.0__webhooks.sql",
        """-- 000020: outgoing webhooks
CREATE TABLE IF NOT EXISTS app.webhooks (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    team_id uuid NOT NULL REFERENCES app.teams (id) ON DELETE CASCADE,
    url text NOT NULL,
    secret text NOT NULL,
    events text[] NOT NULL DEFAULT '{}',
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS idx_webhooks_team ON app.webhooks (team_id) WHERE active;

CREATE OR REPLACE FUNCTION app.webhook_count(p_team uuid) RETURNS integer
    LANGUAGE sql STABLE
    AS $_$ SELECT count(*)::integer FROM app.webhooks WHERE team_id = $1 AND active; $_$;
""",
        set(),
    ),
    (
        "2.21.0__webhooks_secret_not_null.sql",
        """-- 000021: secrets are hashed; the plain column goes in the next release
ALTER TABLE app.webhooks ADD COLUMN IF NOT EXISTS secret_hash bytea;
UPDATE app.webhooks SET secret_hash = digest(secret, 'sha256') WHERE secret_hash IS NULL;
ALTER TABLE app.webhooks ALTER COLUMN secret_hash SET NOT NULL;
ALTER TABLE app.webhooks ALTER COLUMN secret DROP NOT NULL;
""",
        {("add-not-null-without-default", 4)},
    ),
    (
        "2.22.0__drop_webhook_helper.sql",
        """-- 000022: the count is computed by the service now
DROP FUNCTION IF EXISTS app.webhook_count(uuid);
DROP FUNCTION IF EXISTS app.webhook_count_legacy(uuid);
""",
        {("drop-routine", 2), ("drop-routine", 3)},
    ),
    (
        "2.23.0__users_email_ci.sql",
        """-- 000023: emails are unique case-insensitively
CREATE EXTENSION IF NOT EXISTS citext;
ALTER TABLE app.users DROP CONSTRAINT IF EXISTS users_email_key;
ALTER TABLE app.users ALTER COLUMN email TYPE citext;
CREATE UNIQUE INDEX IF NOT EXISTS users_email_lower_key ON app.users (lower(email::text));
""",
        {("alter-column-type", 4)},
    ),
    (
        "2.24.0__sessions.sql",
        """-- 000024
CREATE TABLE IF NOT EXISTS app.sessions (
    id varchar(26) PRIMARY KEY,
    token varchar(64) NOT NULL,
    user_id uuid NOT NULL REFERENCES app.users (id) ON DELETE CASCADE,
    expires_at bigint NOT NULL,
    last_activity_at bigint NOT NULL DEFAULT 0,
    props jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS idx_sessions_user_id ON app.sessions (user_id);
CREATE INDEX IF NOT EXISTS idx_sessions_expires_at ON app.sessions (expires_at);
""",
        set(),
    ),
    (
        "2.25.0__sessions_expire.sql",
        """-- 000025: expired sessions are not kept; the cleanup job deletes them from now on
DELETE FROM app.sessions WHERE expires_at < (extract(epoch FROM now()) * 1000)::bigint;
ALTER TABLE app.sessions ALTER COLUMN last_activity_at TYPE integer;
""",
        {("alter-column-type", 3)},
    ),
    (
        "2.26.0__posts_rename_table.sql",
        """-- 000026: posts become messages; the old name stays a view for the running release
ALTER TABLE app.posts RENAME TO messages;
CREATE VIEW app.posts AS SELECT * FROM app.messages;
""",
        set(),
    ),
    (
        "2.27.0__drop_posts_view.sql",
        """-- 000027: every reader uses messages now
DROP VIEW IF EXISTS app.posts;
DROP VIEW IF EXISTS app.active_posts;
CREATE VIEW app.active_messages AS
    SELECT id, user_id, channel_id, message, create_at, status FROM app.messages WHERE delete_at = 0;
""",
        {("drop-view", 2), ("drop-view", 3)},
    ),
    (
        "2.28.0__widgets_search_path.sql",
        """-- 000028: the widget tables live in the app schema too
SET search_path TO app;

CREATE TABLE widgets (
    id bigserial PRIMARY KEY,
    team_id uuid NOT NULL REFERENCES teams (id),
    kind text NOT NULL,
    config jsonb
);

ALTER TABLE team_members ADD COLUMN IF NOT EXISTS widget_order bigint[];
""",
        set(),
    ),
    (
        "2.29.0__widgets_kind_enum.sql",
        """-- 000029
CREATE TYPE app.widget_kind AS ENUM ('chart', 'table', 'text');
ALTER TABLE app.widgets ALTER COLUMN kind TYPE app.widget_kind USING kind::app.widget_kind;
ALTER TABLE app.widgets DROP COLUMN config;
""",
        {("alter-column-type", 3), ("drop-column", 4)},
    ),
    (
        "2.30.0__messages_pinned_to_flags.sql",
        """-- 000030: pins move to a flags bitmask; the old column goes later
ALTER TABLE app.messages ADD COLUMN IF NOT EXISTS flags integer NOT NULL DEFAULT 0;
UPDATE app.messages SET flags = flags | 1 WHERE is_pinned;
""",
        set(),
    ),
    (
        "2.31.0__schema_events.sql",
        """-- 000031: the event store of the projections, in its own schema
CREATE SCHEMA IF NOT EXISTS eventstore;

CREATE TABLE IF NOT EXISTS eventstore.events2 (
    instance_id TEXT NOT NULL,
    aggregate_type TEXT NOT NULL,
    aggregate_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    "sequence" BIGINT NOT NULL,
    revision SMALLINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    payload JSONB,
    creator TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "position" DECIMAL NOT NULL,
    in_tx_order INTEGER NOT NULL,
    PRIMARY KEY (instance_id, aggregate_type, aggregate_id, "sequence")
);

CREATE INDEX IF NOT EXISTS es_active_instances ON eventstore.events2 (created_at DESC, instance_id);
CREATE INDEX IF NOT EXISTS es_wm ON eventstore.events2 (aggregate_id, instance_id, aggregate_type, event_type);
""",
        set(),
    ),
    (
        "2.32.0__events_position_index.sql",
        """-- guard: no-transaction
-- 000032: the projections read by position; build the index without blocking the writers
CREATE INDEX CONCURRENTLY IF NOT EXISTS es_projection ON eventstore.events2 (instance_id, aggregate_type, event_type, "position");
DROP INDEX CONCURRENTLY IF EXISTS eventstore.es_active_instances;
""",
        set(),
    ),
    (
        "2.33.0__projections.sql",
        """-- 000033
CREATE SCHEMA IF NOT EXISTS projections;

CREATE TABLE IF NOT EXISTS projections.current_states (
    projection_name TEXT NOT NULL,
    instance_id TEXT NOT NULL,
    last_updated TIMESTAMPTZ,
    aggregate_id TEXT,
    aggregate_type TEXT,
    "sequence" INT8,
    event_date TIMESTAMPTZ,
    "position" DECIMAL,
    PRIMARY KEY (projection_name, instance_id)
);
""",
        set(),
    ),
    (
        "2.34.0__current_states_filter.sql",
        """-- 000034
ALTER TABLE projections.current_states ADD COLUMN IF NOT EXISTS filter_offset INTEGER;
ALTER TABLE projections.current_states ALTER COLUMN "sequence" TYPE BIGINT;
ALTER TABLE projections.current_states ALTER COLUMN "position" TYPE NUMERIC;
""",
        set(),
    ),
    (
        "2.35.0__drop_projection_schema.sql",
        """-- 000035: the projections are rebuilt in the projections2 schema by the new release
CREATE SCHEMA IF NOT EXISTS projections2;
CREATE TABLE IF NOT EXISTS projections2.current_states (LIKE projections.current_states INCLUDING ALL);
DROP SCHEMA IF EXISTS projections CASCADE;
""",
        {("drop-schema", 4)},
    ),
    (
        "2.36.0__messages_drop_pinned.sql",
        """-- 000036: flags replaced is_pinned two releases ago
ALTER TABLE app.messages DROP COLUMN IF EXISTS is_pinned;
ALTER TABLE app.messages DROP COLUMN IF EXISTS hashtags;
""",
        {("drop-column", 2), ("drop-column", 3)},
    ),
    (
        "2.37.0__users_role_check.sql",
        """-- 000037: roles are one of three; NOT VALID, the job validates it
ALTER TABLE app.users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'member', 'guest')) NOT VALID;
ALTER TABLE app.users ADD CONSTRAINT users_org_fk2 FOREIGN KEY (org_id) REFERENCES app.organizations (id) NOT VALID;
""",
        set(),
    ),
    (
        "2.38.0__validate.sql",
        """-- 000038
ALTER TABLE app.users VALIDATE CONSTRAINT users_role_check;
ALTER TABLE app.users VALIDATE CONSTRAINT users_org_fk2;
ALTER TABLE app.users DROP CONSTRAINT IF EXISTS users_org_id_fkey;
ALTER TABLE app.users RENAME CONSTRAINT users_org_fk2 TO users_org_id_fkey;
""",
        set(),
    ),
    (
        "2.39.0__set_updated_at_v2.sql",
        """-- 000039: the trigger function keeps updated_at when the caller set it
CREATE OR REPLACE FUNCTION app.set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
        NEW.updated_at = now(); -- only when the row did not set it; see 000001
    END IF;
    RETURN NEW;
END;
$$;
DROP TRIGGER IF EXISTS trg_organizations_updated_at ON app.organizations;
CREATE TRIGGER trg_organizations_updated_at BEFORE UPDATE ON app.organizations
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
""",
        set(),
    ),
    (
        "2.40.0__drop_updated_at_trigger.sql",
        """-- 000040: the service sets updated_at itself
DROP FUNCTION IF EXISTS app.set_updated_at() CASCADE;
""",
        set(),
    ),
    (
        "2.41.0__public_users_mirror.sql",
        """-- 000041: a reporting copy of the users in public, refreshed by the exporter
CREATE TABLE IF NOT EXISTS public.users (
    id uuid PRIMARY KEY,
    email text NOT NULL,
    exported_at timestamptz NOT NULL DEFAULT now()
);
""",
        set(),
    ),
    (
        "2.42.0__users_locale_length.sql",
        """-- 000042: app.users, not the mirror; locales like 'zh-Hant' need more room
SELECT pg_catalog.set_config('search_path', 'app', false);
ALTER TABLE users ALTER COLUMN locale TYPE varchar(16);
ALTER TABLE users DROP COLUMN IF EXISTS exported_at;
""",
        set(),
    ),
    (
        "2.43.0__mirror_cleanup.sql",
        """-- 000043: the mirror keeps only the id
ALTER TABLE users DROP COLUMN exported_at;
ALTER TABLE public.users ALTER COLUMN email DROP NOT NULL;
""",
        {("drop-column", 2)},
    ),
    (
        "2.44.0__audit_move_schema.sql",
        """-- 000044: audit tables get their own schema
CREATE SCHEMA IF NOT EXISTS audit;
ALTER TABLE app.audit_log SET SCHEMA audit;
""",
        {("rename-table", 3)},
    ),
    (
        "2.45.0__audit_partition_april.sql",
        """-- 000045: the partition is created alone, then attached: no lock on the parent while it fills
CREATE TABLE IF NOT EXISTS audit.audit_log_2024_04 (LIKE audit.audit_log INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE audit.audit_log_2024_04 ADD CONSTRAINT audit_log_2024_04_range
    CHECK (created_at >= '2024-04-01' AND created_at < '2024-05-01');
ALTER TABLE audit.audit_log ATTACH PARTITION audit.audit_log_2024_04 FOR VALUES FROM ('2024-04-01') TO ('2024-05-01');
ALTER TABLE audit.audit_log_2024_04 DROP CONSTRAINT audit_log_2024_04_range;
""",
        set(),
    ),
    (
        "2.46.0__audit_actor_not_null.sql",
        """-- 000046: system actions get the nil uuid as actor
UPDATE audit.audit_log SET actor_id = '00000000-0000-0000-0000-000000000000' WHERE actor_id IS NULL;
ALTER TABLE audit.audit_log ALTER COLUMN actor_id SET DEFAULT '00000000-0000-0000-0000-000000000000';
ALTER TABLE audit.audit_log ALTER COLUMN actor_id SET NOT NULL;
""",
        {("set-not-null", 4)},
    ),
    (
        "2.47.0__rename_eventstore_schema.sql",
        """-- 000047
ALTER SCHEMA eventstore RENAME TO es;
""",
        {("rename-table", 2)},
    ),
    (
        "2.48.0__es_events_payload.sql",
        """-- 000048: the store is es now; the payload column gets a default
ALTER TABLE es.events2 ALTER COLUMN payload SET DEFAULT '{}'::jsonb;
ALTER TABLE es.events2 ALTER COLUMN revision TYPE INTEGER;
ALTER TABLE es.events2 ALTER COLUMN creator TYPE varchar(200);
""",
        {("alter-column-type", 4)},
    ),
    (
        "2.49.0__teams_invite_comment.sql",
        """-- 000049: the comment has semicolons; and quotes ' inside it
COMMENT ON COLUMN app.teams.invite_id IS 'shown in links; not a secret; rotate when leaked';
/* a block comment; with a ; inside */ ALTER TABLE app.teams ADD COLUMN IF NOT EXISTS description text;
""",
        set(),
    ),
    (
        "2.50.0__drop_widgets.sql",
        """-- 000050: widgets never shipped
DROP TABLE IF EXISTS app.widgets;
DROP TYPE IF EXISTS app.widget_kind;
""",
        {("drop-table", 2), ("drop-type", 3)},
    ),
    (
        "2.51.0__sessions_reset.sql",
        """-- 000051: every session is signed again with the new key; WHERE 1 = 1 keeps the SQL console's
-- safe-updates check quiet
DELETE FROM app.sessions WHERE 1 = 1;
UPDATE app.teams SET invite_id = encode(gen_random_bytes(16), 'hex') WHERE TRUE;
""",
        {("delete-without-where", 3), ("update-without-where", 4)},
    ),
    (
        "2.52.0__migrate_team_roles.sql",
        """-- 000052: a helper function runs the conditional change, then goes (the tool once had no DO)
CREATE OR REPLACE FUNCTION app.migrate_team_members() RETURNS void AS $$
DECLARE
    column_exist boolean;
BEGIN
    SELECT count(*) != 0 INTO column_exist
        FROM information_schema.columns
        WHERE table_schema = 'app' AND table_name = 'team_members' AND column_name = 'widget_order';
    IF column_exist THEN
        ALTER TABLE app.team_members DROP COLUMN widget_order;
    END IF;
    ALTER TABLE app.team_members ADD COLUMN IF NOT EXISTS scheme_admin boolean NOT NULL DEFAULT false;
END;
$$ LANGUAGE plpgsql;

SELECT app.migrate_team_members();
DROP FUNCTION IF EXISTS app.migrate_team_members();
""",
        {("drop-column", 10)},
    ),
]


APP_HISTORIES: dict[str, History] = {
    "diesel": DIESEL,
    "deltas": DELTAS,
    "gomigrate": GOMIGRATE,
}
