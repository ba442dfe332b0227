# ruff: noqa: E501  (tool-generated SQL keeps its long lines, as real histories have them)
"""Long SQLite histories in the shapes more migration tools write, written for ratchet after the shapes
of public projects' histories (not copied from any), with the error findings a reviewer expects, decided
by hand from the lint's rules before the lint ran:

- ``KANBAN``: a kanban board's Knex migrations (backquoted lower-case DDL; ``add column ... not null
  default``; knex 0.21's ``.alter()`` through a ``_knex_temp_alterNNN`` backup copied back with
  ``select *``, which loses the table's indexes; knex 2's ``_knex_temp_alterNNN`` rebuilds renamed into
  place between ``PRAGMA foreign_keys`` lines; faithful ones and ones that drop a column, change a
  type, make a column required, filter the copy or forget an index);
- ``HOTEL``: a booking service's Sequelize migrations (``CREATE TABLE IF NOT EXISTS`` with DATETIME and
  TINYINT(1) columns and inline ``REFERENCES``; changeColumn/removeColumn through ``X_backup`` tables,
  copied back or renamed into place; renameColumn through a ``TEMPORARY`` backup; ``ALTER TABLE ...
  RENAME TO``);
- ``LIBRARY``: a library's Rails ActiveRecord migrations (``"id" integer PRIMARY KEY AUTOINCREMENT NOT
  NULL``, ``varchar``, ``datetime(6)``, ``index_x_on_y``, ``fk_rails_`` constraints,
  ``ar_internal_metadata``; ``alter_table`` through a ``TEMPORARY`` ``a<table>`` copy with its
  ``tindex_`` indexes and back, for change_column_null, change_column_default, remove_column and
  change_column; one ``altered_`` copy renamed into place);
- ``FLAGS``: a Go feature-flag service's golang-migrate files (multi-line DDL, a trigger with a
  ``BEGIN ... END`` body, the rename-first rebuild of SQLite's tutorials with and without
  ``BEGIN TRANSACTION``/``COMMIT`` and ``PRAGMA foreign_keys``, one that leaves the children's foreign
  keys on the renamed table, a deduplicating copy, a typo SQLite rejects);
- ``RECIPES``: a Phoenix app's ecto_sqlite3 migrations (``CONSTRAINT "x_fkey" REFERENCES``, TEXT
  timestamps, ``DROP COLUMN`` and ``RENAME COLUMN``, partial indexes, hand-written ``X_new`` rebuilds
  for what ``modify`` cannot do on SQLite).

``HISTORIES``: label -> files ``(name, sql, expected)``, ``expected`` the ``(rule, line)`` of each error.
A file whose expected findings include ``add-not-null-without-default`` for an ``ADD COLUMN``, or
``syntax-error``, does not run on SQLite; such files come last in their history.
"""

from __future__ import annotations

from history_corpus import History

KANBAN: History = [
    (
        "1.0.0__knex_tables.sql",
        """create table if not exists `knex_migrations` (`id` integer not null primary key autoincrement, `name` varchar(255), `batch` integer, `migration_time` datetime);
create table if not exists `knex_migrations_lock` (`index` integer not null primary key autoincrement, `is_locked` integer);
insert into `knex_migrations_lock` (`is_locked`) values (0);
""",
        set(),
    ),
    (
        "1.1.0__create_boards.sql",
        """create table `boards` (`id` integer not null primary key autoincrement, `title` varchar(255) not null, `owner_email` varchar(255) not null, `archived` boolean not null default '0', `created_at` datetime not null default CURRENT_TIMESTAMP, `updated_at` datetime not null default CURRENT_TIMESTAMP);
create index `boards_owner_email_index` on `boards` (`owner_email`);
""",
        set(),
    ),
    (
        "1.2.0__create_lanes.sql",
        """create table `lanes` (`id` integer not null primary key autoincrement, `board_id` integer not null, `name` varchar(255) not null, `position` integer not null default '0', foreign key(`board_id`) references `boards`(`id`) on delete CASCADE);
create index `lanes_board_id_index` on `lanes` (`board_id`);
""",
        set(),
    ),
    (
        "1.3.0__create_cards.sql",
        """create table `cards` (`id` integer not null primary key autoincrement, `lane_id` integer not null, `title` varchar(255) not null, `body` text, `due_at` datetime, `position` integer not null default '0', `estimate` float, `created_at` datetime not null default CURRENT_TIMESTAMP, `updated_at` datetime not null default CURRENT_TIMESTAMP, foreign key(`lane_id`) references `lanes`(`id`) on delete CASCADE);
create index `cards_lane_id_position_index` on `cards` (`lane_id`, `position`);
""",
        set(),
    ),
    (
        "1.4.0__create_members.sql",
        """create table `members` (`id` integer not null primary key autoincrement, `email` varchar(255) not null, `display_name` varchar(255), `avatar_url` varchar(255), `joined_at` datetime not null default CURRENT_TIMESTAMP);
create unique index `members_email_unique` on `members` (`email`);
create table `board_members` (`board_id` integer not null, `member_id` integer not null, `role` varchar(255) not null default 'editor', foreign key(`board_id`) references `boards`(`id`) on delete CASCADE, foreign key(`member_id`) references `members`(`id`) on delete CASCADE, primary key (`board_id`, `member_id`));
""",
        set(),
    ),
    (
        "1.5.0__cards_archived_color.sql",
        """alter table `cards` add column `archived` boolean not null default '0';
alter table `cards` add column `color` varchar(16);
create index `cards_archived_index` on `cards` (`archived`);
""",
        set(),
    ),
    (
        "1.6.0__seed_demo_board.sql",
        """insert into `boards` (`owner_email`, `title`) values ('demo@example.org', 'Demo board');
insert into `lanes` (`board_id`, `name`, `position`) values (1, 'To do', 0), (1, 'Doing', 1), (1, 'Done', 2);
""",
        set(),
    ),
    (
        "1.7.0__card_body_text.sql",
        """-- knex 0.21: .alter() copies through a backup table and recreates the original
create table `_knex_temp_alter481` (`id` integer not null primary key autoincrement, `lane_id` integer not null, `title` varchar(255) not null, `body` text, `due_at` datetime, `position` integer not null default '0', `estimate` float, `created_at` datetime not null default CURRENT_TIMESTAMP, `updated_at` datetime not null default CURRENT_TIMESTAMP, `archived` boolean not null default '0', `color` varchar(16), foreign key(`lane_id`) references `lanes`(`id`) on delete CASCADE);
insert into `_knex_temp_alter481` select * from `cards`;
drop table `cards`;
create table `cards` (`id` integer not null primary key autoincrement, `lane_id` integer not null, `title` text not null, `body` text, `due_at` datetime, `position` integer not null default '0', `estimate` float, `created_at` datetime not null default CURRENT_TIMESTAMP, `updated_at` datetime not null default CURRENT_TIMESTAMP, `archived` boolean not null default '0', `color` varchar(16), foreign key(`lane_id`) references `lanes`(`id`) on delete CASCADE);
insert into `cards` select * from `_knex_temp_alter481`;
drop table `_knex_temp_alter481`;
create index `cards_lane_id_position_index` on `cards` (`lane_id`, `position`);
create index `cards_archived_index` on `cards` (`archived`);
""",
        set(),
    ),
    (
        "1.8.0__lane_wip_limit.sql",
        """-- knex 0.21 again: the backup dance loses the lane index (knex did not carry indexes over)
create table `_knex_temp_alter502` (`id` integer not null primary key autoincrement, `board_id` integer not null, `name` varchar(255) not null, `position` integer not null default '0', foreign key(`board_id`) references `boards`(`id`) on delete CASCADE);
insert into `_knex_temp_alter502` select * from `lanes`;
drop table `lanes`;
create table `lanes` (`id` integer not null primary key autoincrement, `board_id` integer not null, `name` text not null, `position` integer not null default '0', foreign key(`board_id`) references `boards`(`id`) on delete CASCADE);
insert into `lanes` select * from `_knex_temp_alter502`;
drop table `_knex_temp_alter502`;
""",
        {("rebuild-loses-dependents", 4)},
    ),
    (
        "1.9.0__lanes_index_back.sql",
        """create index if not exists `lanes_board_id_index` on `lanes` (`board_id`);
alter table `lanes` add column `wip_limit` integer;
""",
        set(),
    ),
    (
        "1.10.0__member_display_name_required.sql",
        """PRAGMA foreign_keys;
PRAGMA foreign_keys = OFF;
CREATE TABLE `_knex_temp_alter873` (`id` integer not null primary key autoincrement, `email` varchar(255) not null, `display_name` varchar(255) not null, `avatar_url` varchar(255), `joined_at` datetime not null default CURRENT_TIMESTAMP);
INSERT INTO "_knex_temp_alter873" SELECT * FROM "members";
DROP TABLE "members";
ALTER TABLE "_knex_temp_alter873" RENAME TO "members";
CREATE UNIQUE INDEX `members_email_unique` on `members` (`email`);
PRAGMA foreign_keys = ON;
""",
        {("set-not-null", 6)},
    ),
    (
        "1.11.0__members_drop_avatar.sql",
        """PRAGMA foreign_keys;
PRAGMA foreign_keys = OFF;
CREATE TABLE `_knex_temp_alter912` (`id` integer not null primary key autoincrement, `email` varchar(255) not null, `display_name` varchar(255) not null, `joined_at` datetime not null default CURRENT_TIMESTAMP);
INSERT INTO "_knex_temp_alter912" SELECT `id`, `email`, `display_name`, `joined_at` FROM "members";
DROP TABLE "members";
ALTER TABLE "_knex_temp_alter912" RENAME TO "members";
CREATE UNIQUE INDEX `members_email_unique` on `members` (`email`);
PRAGMA foreign_keys = ON;
""",
        {("rebuild-unverified", 5)},
    ),
    (
        "1.12.0__members_avatar_back.sql",
        """alter table `members` add column `avatar_url` varchar(255);
alter table `members` add column `timezone` varchar(64) not null default 'UTC';
""",
        set(),
    ),
    (
        "1.13.0__card_estimate_points.sql",
        """PRAGMA foreign_keys;
PRAGMA foreign_keys = OFF;
CREATE TABLE `_knex_temp_alter1034` (`id` integer not null primary key autoincrement, `lane_id` integer not null, `title` text not null, `body` text, `due_at` datetime, `position` integer not null default '0', `estimate` integer, `created_at` datetime not null default CURRENT_TIMESTAMP, `updated_at` datetime not null default CURRENT_TIMESTAMP, `archived` boolean not null default '0', `color` varchar(16), foreign key(`lane_id`) references `lanes`(`id`) on delete CASCADE);
INSERT INTO "_knex_temp_alter1034" SELECT * FROM "cards";
DROP TABLE "cards";
ALTER TABLE "_knex_temp_alter1034" RENAME TO "cards";
CREATE INDEX `cards_lane_id_position_index` on `cards` (`lane_id`, `position`);
CREATE INDEX `cards_archived_index` on `cards` (`archived`);
PRAGMA foreign_keys = ON;
""",
        {("rebuild-unverified", 5)},
    ),
    (
        "1.14.0__create_checklists.sql",
        """create table `checklist_items` (`id` integer not null primary key autoincrement, `card_id` integer not null, `text` varchar(255) not null, `done` boolean not null default '0', `position` integer not null default '0', foreign key(`card_id`) references `cards`(`id`) on delete CASCADE);
create index `checklist_items_card_id_index` on `checklist_items` (`card_id`);
create unique index `members_email_lower_unique` on `members` (lower(`email`));
""",
        set(),
    ),
    (
        "1.15.0__board_members_role_check.sql",
        """PRAGMA foreign_keys;
PRAGMA foreign_keys = OFF;
CREATE TABLE `_knex_temp_alter1190` (`board_id` integer not null, `member_id` integer not null, `role` varchar(255) not null default 'editor' check (`role` in ('owner', 'editor', 'viewer')), foreign key(`board_id`) references `boards`(`id`) on delete CASCADE, foreign key(`member_id`) references `members`(`id`) on delete CASCADE, primary key (`board_id`, `member_id`));
INSERT INTO "_knex_temp_alter1190" SELECT * FROM "board_members" WHERE `role` in ('owner', 'editor', 'viewer');
DROP TABLE "board_members";
ALTER TABLE "_knex_temp_alter1190" RENAME TO "board_members";
PRAGMA foreign_keys = ON;
""",
        {("rebuild-filters-rows", 4)},
    ),
    (
        "1.16.0__lane_rename_column.sql",
        """alter table `lanes` rename column `name` to `title`;
""",
        {("rename-column", 1)},
    ),
    (
        "1.17.0__boards_owner_fk.sql",
        """alter table `boards` add column `owner_id` integer references `members`(`id`) on delete set null;
update `boards` set `owner_id` = (select `id` from `members` where `members`.`email` = `boards`.`owner_email`);
create index `boards_owner_id_index` on `boards` (`owner_id`);
""",
        set(),
    ),
    (
        "1.18.0__boards_drop_owner_email.sql",
        """drop index `boards_owner_email_index`;
alter table `boards` drop column `owner_email`;
""",
        {("drop-column", 2)},
    ),
    (
        "1.19.0__card_due_default_faithful.sql",
        """PRAGMA foreign_keys;
PRAGMA foreign_keys = OFF;
CREATE TABLE `_knex_temp_alter1311` (`id` integer not null primary key autoincrement, `lane_id` integer not null, `title` text not null, `body` text, `due_at` datetime, `position` integer not null default '0', `estimate` integer, `created_at` datetime not null default CURRENT_TIMESTAMP, `updated_at` datetime not null default CURRENT_TIMESTAMP, `archived` boolean not null default '0', `color` varchar(32) default 'grey', foreign key(`lane_id`) references `lanes`(`id`) on delete CASCADE);
INSERT INTO "_knex_temp_alter1311" SELECT * FROM "cards";
DROP TABLE "cards";
ALTER TABLE "_knex_temp_alter1311" RENAME TO "cards";
CREATE INDEX `cards_lane_id_position_index` on `cards` (`lane_id`, `position`);
CREATE INDEX `cards_archived_index` on `cards` (`archived`);
PRAGMA foreign_keys = ON;
""",
        set(),
    ),
    (
        "1.20.0__purge_archived.sql",
        """delete from `checklist_items` where `card_id` in (select `id` from `cards` where `archived` = 1);
delete from `cards` where `archived` = 1;
delete from `knex_migrations_lock`;
""",
        {("delete-without-where", 3)},
    ),
    (
        "1.21.0__drop_board_members.sql",
        """drop table if exists `board_members`;
create table `memberships` (`id` integer not null primary key autoincrement, `board_id` integer not null, `member_id` integer not null, `role` varchar(255) not null default 'editor', foreign key(`board_id`) references `boards`(`id`) on delete CASCADE, foreign key(`member_id`) references `members`(`id`) on delete CASCADE);
create unique index `memberships_board_id_member_id_unique` on `memberships` (`board_id`, `member_id`);
""",
        {("drop-table", 1)},
    ),
    (
        "1.22.0__cards_lane_required_order.sql",
        """PRAGMA foreign_keys;
PRAGMA foreign_keys = OFF;
CREATE TABLE `_knex_temp_alter1502` (`id` integer not null primary key autoincrement, `lane_id` integer not null, `title` text not null, `body` text, `due_at` datetime, `position` integer not null default '0', `estimate` integer, `created_at` datetime not null default CURRENT_TIMESTAMP, `updated_at` datetime not null default CURRENT_TIMESTAMP, `archived` boolean not null default '0', `color` varchar(32) default 'grey', foreign key(`lane_id`) references `lanes`(`id`) on delete CASCADE);
INSERT INTO "_knex_temp_alter1502" SELECT * FROM "cards";
DROP TABLE "cards";
ALTER TABLE "_knex_temp_alter1502" RENAME TO "cards";
CREATE INDEX `cards_lane_id_position_index` on `cards` (`lane_id`, `position`);
PRAGMA foreign_keys = ON;
""",
        {("rebuild-loses-dependents", 5)},
    ),
    (
        "1.22.1__lanes_sort_order.sql",
        """-- knex 0.21 renameColumn: the table made again lists wip_limit before the renamed column, and the copy back goes by position
create table `_knex_temp_alter733` (`id` integer not null primary key autoincrement, `board_id` integer not null, `title` text not null, `position` integer not null default '0', `wip_limit` integer, foreign key(`board_id`) references `boards`(`id`) on delete CASCADE);
insert into `_knex_temp_alter733` select * from `lanes`;
drop table `lanes`;
create table `lanes` (`id` integer not null primary key autoincrement, `board_id` integer not null, `title` text not null, `wip_limit` integer, `sort_order` integer not null default '0', foreign key(`board_id`) references `boards`(`id`) on delete CASCADE);
insert into `lanes` select * from `_knex_temp_alter733`;
drop table `_knex_temp_alter733`;
create index `lanes_board_id_index` on `lanes` (`board_id`);
""",
        {("rebuild-unverified", 4)},
    ),
    (
        "1.22.2__members_drop_lower_unique.sql",
        """drop index `members_email_lower_unique`;
create unique index `memberships_member_id_board_id_unique` on `memberships` (`member_id`, `board_id`);
""",
        set(),
    ),
    (
        "1.22.3__boards_title_nullable.sql",
        """PRAGMA foreign_keys;
PRAGMA defer_foreign_keys = ON;
PRAGMA foreign_keys = OFF;
CREATE TABLE `_knex_temp_alter1622` (`id` integer not null primary key autoincrement, `title` varchar(255), `archived` boolean not null default '0', `created_at` datetime not null default CURRENT_TIMESTAMP, `updated_at` datetime not null default CURRENT_TIMESTAMP, `owner_id` integer references `members`(`id`) on delete set null);
INSERT INTO "_knex_temp_alter1622" SELECT * FROM "boards";
DROP TABLE "boards";
ALTER TABLE "_knex_temp_alter1622" RENAME TO "boards";
CREATE INDEX `boards_owner_id_index` on `boards` (`owner_id`);
PRAGMA foreign_keys = ON;
PRAGMA defer_foreign_keys = OFF;
""",
        set(),
    ),
    (
        "1.22.4__cards_color_backfill.sql",
        """update `cards` set `color` = 'grey' where `color` is null;
insert into `checklist_items` (`card_id`, `text`) select `id`, 'Review' from `cards` where `archived` = 0;
""",
        set(),
    ),
    (
        "1.22.5__rename_checklist.sql",
        """alter table `checklist_items` rename to `card_tasks`;
""",
        {("rename-table", 1)},
    ),
    (
        "1.23.0__members_locale_required.sql",
        """alter table `members` add column `locale` varchar(8) not null;
""",
        {("add-not-null-without-default", 1)},
    ),
]

HOTEL: History = [
    (
        "1.0.0__sequelize_meta.sql",
        """CREATE TABLE IF NOT EXISTS `SequelizeMeta` (`name` VARCHAR(255) NOT NULL UNIQUE PRIMARY KEY);
""",
        set(),
    ),
    (
        "1.1.0__create_guests.sql",
        """CREATE TABLE IF NOT EXISTS `Guests` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `firstName` VARCHAR(255) NOT NULL, `lastName` VARCHAR(255) NOT NULL, `email` VARCHAR(255) NOT NULL UNIQUE, `phone` VARCHAR(255), `createdAt` DATETIME NOT NULL, `updatedAt` DATETIME NOT NULL);
""",
        set(),
    ),
    (
        "1.2.0__create_rooms.sql",
        """CREATE TABLE IF NOT EXISTS `Rooms` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `number` VARCHAR(255) NOT NULL UNIQUE, `floor` INTEGER, `beds` INTEGER NOT NULL DEFAULT 1, `rate` DECIMAL(10,2) NOT NULL, `smoking` TINYINT(1) DEFAULT 0, `notes` TEXT, `createdAt` DATETIME NOT NULL, `updatedAt` DATETIME NOT NULL);
CREATE INDEX `rooms_floor` ON `Rooms` (`floor`);
""",
        set(),
    ),
    (
        "1.3.0__create_bookings.sql",
        """CREATE TABLE IF NOT EXISTS `Bookings` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `GuestId` INTEGER NOT NULL REFERENCES `Guests` (`id`) ON DELETE CASCADE ON UPDATE CASCADE, `RoomId` INTEGER NOT NULL REFERENCES `Rooms` (`id`) ON DELETE RESTRICT ON UPDATE CASCADE, `checkIn` DATETIME NOT NULL, `checkOut` DATETIME NOT NULL, `status` VARCHAR(255) DEFAULT 'pending', `createdAt` DATETIME NOT NULL, `updatedAt` DATETIME NOT NULL);
CREATE INDEX `bookings_room_id_check_in` ON `Bookings` (`RoomId`, `checkIn`);
CREATE INDEX `bookings_guest_id` ON `Bookings` (`GuestId`);
""",
        set(),
    ),
    (
        "1.4.0__guests_country.sql",
        """ALTER TABLE `Guests` ADD `country` VARCHAR(2);
ALTER TABLE `Guests` ADD `vip` TINYINT(1) NOT NULL DEFAULT 0;
""",
        set(),
    ),
    (
        "1.5.0__seed_rooms.sql",
        """INSERT INTO `Rooms` (`id`,`number`,`floor`,`beds`,`rate`,`createdAt`,`updatedAt`) VALUES (1,'101',1,2,89.00,'2024-03-01 10:00:00.000 +00:00','2024-03-01 10:00:00.000 +00:00'),(2,'102',1,1,69.00,'2024-03-01 10:00:00.000 +00:00','2024-03-01 10:00:00.000 +00:00');
""",
        set(),
    ),
    (
        "1.6.0__bookings_status_required.sql",
        """CREATE TABLE IF NOT EXISTS `Bookings_backup` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `GuestId` INTEGER NOT NULL REFERENCES `Guests` (`id`) ON DELETE CASCADE ON UPDATE CASCADE, `RoomId` INTEGER NOT NULL REFERENCES `Rooms` (`id`) ON DELETE RESTRICT ON UPDATE CASCADE, `checkIn` DATETIME NOT NULL, `checkOut` DATETIME NOT NULL, `status` VARCHAR(255) NOT NULL DEFAULT 'pending', `createdAt` DATETIME NOT NULL, `updatedAt` DATETIME NOT NULL);
INSERT INTO `Bookings_backup` SELECT `id`, `GuestId`, `RoomId`, `checkIn`, `checkOut`, `status`, `createdAt`, `updatedAt` FROM `Bookings`;
DROP TABLE `Bookings`;
CREATE TABLE IF NOT EXISTS `Bookings` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `GuestId` INTEGER NOT NULL REFERENCES `Guests` (`id`) ON DELETE CASCADE ON UPDATE CASCADE, `RoomId` INTEGER NOT NULL REFERENCES `Rooms` (`id`) ON DELETE RESTRICT ON UPDATE CASCADE, `checkIn` DATETIME NOT NULL, `checkOut` DATETIME NOT NULL, `status` VARCHAR(255) NOT NULL DEFAULT 'pending', `createdAt` DATETIME NOT NULL, `updatedAt` DATETIME NOT NULL);
INSERT INTO `Bookings` SELECT `id`, `GuestId`, `RoomId`, `checkIn`, `checkOut`, `status`, `createdAt`, `updatedAt` FROM `Bookings_backup`;
DROP TABLE `Bookings_backup`;
CREATE INDEX `bookings_room_id_check_in` ON `Bookings` (`RoomId`, `checkIn`);
CREATE INDEX `bookings_guest_id` ON `Bookings` (`GuestId`);
""",
        {("set-not-null", 4)},
    ),
    (
        "1.7.0__rooms_drop_smoking.sql",
        """CREATE TABLE IF NOT EXISTS `Rooms_backup` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `number` VARCHAR(255) NOT NULL UNIQUE, `floor` INTEGER, `beds` INTEGER NOT NULL DEFAULT 1, `rate` DECIMAL(10,2) NOT NULL, `notes` TEXT, `createdAt` DATETIME NOT NULL, `updatedAt` DATETIME NOT NULL);
INSERT INTO `Rooms_backup` SELECT `id`, `number`, `floor`, `beds`, `rate`, `notes`, `createdAt`, `updatedAt` FROM `Rooms`;
DROP TABLE `Rooms`;
ALTER TABLE `Rooms_backup` RENAME TO `Rooms`;
CREATE INDEX `rooms_floor` ON `Rooms` (`floor`);
""",
        {("rebuild-unverified", 3)},
    ),
    (
        "1.8.0__guests_phone_longer.sql",
        """CREATE TABLE IF NOT EXISTS `Guests_backup` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `firstName` VARCHAR(255) NOT NULL, `lastName` VARCHAR(255) NOT NULL, `email` VARCHAR(255) NOT NULL UNIQUE, `phone` TEXT, `createdAt` DATETIME NOT NULL, `updatedAt` DATETIME NOT NULL, `country` VARCHAR(2), `vip` TINYINT(1) NOT NULL DEFAULT 0);
INSERT INTO `Guests_backup` SELECT `id`, `firstName`, `lastName`, `email`, `phone`, `createdAt`, `updatedAt`, `country`, `vip` FROM `Guests`;
DROP TABLE `Guests`;
ALTER TABLE `Guests_backup` RENAME TO `Guests`;
""",
        set(),
    ),
    (
        "1.9.0__bookings_rename_dates.sql",
        """CREATE TEMPORARY TABLE IF NOT EXISTS `Bookings_backup` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `GuestId` INTEGER NOT NULL, `RoomId` INTEGER NOT NULL, `arrivesOn` DATETIME NOT NULL, `checkOut` DATETIME NOT NULL, `status` VARCHAR(255) NOT NULL DEFAULT 'pending', `createdAt` DATETIME NOT NULL, `updatedAt` DATETIME NOT NULL);
INSERT INTO `Bookings_backup` SELECT `id`, `GuestId`, `RoomId`, `checkIn` AS `arrivesOn`, `checkOut`, `status`, `createdAt`, `updatedAt` FROM `Bookings`;
DROP TABLE IF EXISTS `Bookings`;
CREATE TABLE IF NOT EXISTS `Bookings` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `GuestId` INTEGER NOT NULL REFERENCES `Guests` (`id`) ON DELETE CASCADE ON UPDATE CASCADE, `RoomId` INTEGER NOT NULL REFERENCES `Rooms` (`id`) ON DELETE RESTRICT ON UPDATE CASCADE, `arrivesOn` DATETIME NOT NULL, `checkOut` DATETIME NOT NULL, `status` VARCHAR(255) NOT NULL DEFAULT 'pending', `createdAt` DATETIME NOT NULL, `updatedAt` DATETIME NOT NULL);
INSERT INTO `Bookings` SELECT `id`, `GuestId`, `RoomId`, `arrivesOn`, `checkOut`, `status`, `createdAt`, `updatedAt` FROM `Bookings_backup`;
DROP TABLE `Bookings_backup`;
CREATE INDEX `bookings_room_id_arrives_on` ON `Bookings` (`RoomId`, `arrivesOn`);
CREATE INDEX `bookings_guest_id` ON `Bookings` (`GuestId`);
""",
        {("rebuild-unverified", 3)},
    ),
    (
        "1.10.0__create_payments.sql",
        """CREATE TABLE IF NOT EXISTS `Payments` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `BookingId` INTEGER REFERENCES `Bookings` (`id`) ON DELETE SET NULL ON UPDATE CASCADE, `amount` DECIMAL(10,2) NOT NULL, `currency` VARCHAR(3) NOT NULL DEFAULT 'EUR', `paidAt` DATETIME, `createdAt` DATETIME NOT NULL, `updatedAt` DATETIME NOT NULL);
CREATE INDEX `payments_booking_id` ON `Payments` (`BookingId`);
CREATE UNIQUE INDEX `guests_email_country` ON `Guests` (`email`, `country`);
""",
        set(),
    ),
    (
        "1.11.0__rooms_rate_cents.sql",
        """CREATE TABLE IF NOT EXISTS `Rooms_backup` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `number` VARCHAR(255) NOT NULL UNIQUE, `floor` INTEGER, `beds` INTEGER NOT NULL DEFAULT 1, `rate` INTEGER NOT NULL, `notes` TEXT, `createdAt` DATETIME NOT NULL, `updatedAt` DATETIME NOT NULL);
INSERT INTO `Rooms_backup` SELECT `id`, `number`, `floor`, `beds`, `rate`, `notes`, `createdAt`, `updatedAt` FROM `Rooms`;
DROP TABLE `Rooms`;
ALTER TABLE `Rooms_backup` RENAME TO `Rooms`;
CREATE INDEX `rooms_floor` ON `Rooms` (`floor`);
""",
        {("rebuild-unverified", 3)},
    ),
    (
        "1.12.0__guests_rename_table.sql",
        """ALTER TABLE `Guests` RENAME TO `Customers`;
""",
        {("rename-table", 1)},
    ),
    (
        "1.13.0__payments_method.sql",
        """ALTER TABLE `Payments` ADD `method` VARCHAR(255) DEFAULT 'card';
UPDATE `Payments` SET `method` = 'card';
UPDATE `Bookings` SET `status` = 'confirmed';
""",
        {("update-without-where", 3)},
    ),
    (
        "1.14.0__customers_drop_phone_forget_index.sql",
        """CREATE TABLE IF NOT EXISTS `Customers_backup` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `firstName` VARCHAR(255) NOT NULL, `lastName` VARCHAR(255) NOT NULL, `email` VARCHAR(255) NOT NULL UNIQUE, `phone` TEXT, `createdAt` DATETIME NOT NULL, `updatedAt` DATETIME NOT NULL, `country` VARCHAR(2), `vip` TINYINT(1) NOT NULL DEFAULT 0);
INSERT INTO `Customers_backup` SELECT `id`, `firstName`, `lastName`, `email`, `phone`, `createdAt`, `updatedAt`, `country`, `vip` FROM `Customers`;
DROP TABLE `Customers`;
CREATE TABLE IF NOT EXISTS `Customers` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `firstName` VARCHAR(255) NOT NULL, `lastName` VARCHAR(255) NOT NULL, `email` VARCHAR(255) NOT NULL UNIQUE, `phone` TEXT, `createdAt` DATETIME NOT NULL, `updatedAt` DATETIME NOT NULL, `country` VARCHAR(2), `vip` TINYINT(1) NOT NULL DEFAULT 0, `marketingOptIn` TINYINT(1) NOT NULL DEFAULT 0);
INSERT INTO `Customers` (`id`, `firstName`, `lastName`, `email`, `phone`, `createdAt`, `updatedAt`, `country`, `vip`) SELECT `id`, `firstName`, `lastName`, `email`, `phone`, `createdAt`, `updatedAt`, `country`, `vip` FROM `Customers_backup`;
DROP TABLE `Customers_backup`;
""",
        {("rebuild-loses-dependents", 3)},
    ),
    (
        "1.15.0__drop_payments.sql",
        """DROP TABLE IF EXISTS `Payments`;
""",
        {("drop-table", 1)},
    ),
    (
        "1.16.0__bookings_nights.sql",
        """ALTER TABLE `Bookings` ADD `nights` INTEGER;
UPDATE `Bookings` SET `nights` = CAST(julianday(`checkOut`) - julianday(`arrivesOn`) AS INTEGER);
CREATE TABLE IF NOT EXISTS `Bookings_backup` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `GuestId` INTEGER NOT NULL REFERENCES `Customers` (`id`) ON DELETE CASCADE ON UPDATE CASCADE, `RoomId` INTEGER NOT NULL REFERENCES `Rooms` (`id`) ON DELETE RESTRICT ON UPDATE CASCADE, `arrivesOn` DATETIME NOT NULL, `checkOut` DATETIME NOT NULL, `status` VARCHAR(255) NOT NULL DEFAULT 'pending', `createdAt` DATETIME NOT NULL, `updatedAt` DATETIME NOT NULL, `nights` INTEGER NOT NULL);
INSERT INTO `Bookings_backup` SELECT `id`, `GuestId`, `RoomId`, `arrivesOn`, `checkOut`, `status`, `createdAt`, `updatedAt`, `nights` FROM `Bookings`;
DROP TABLE `Bookings`;
ALTER TABLE `Bookings_backup` RENAME TO `Bookings`;
CREATE INDEX `bookings_room_id_arrives_on` ON `Bookings` (`RoomId`, `arrivesOn`);
CREATE INDEX `bookings_guest_id` ON `Bookings` (`GuestId`);
""",
        {("add-not-null-without-default", 6)},
    ),
    (
        "1.17.0__rooms_view.sql",
        """CREATE VIEW `RoomOccupancy` AS SELECT `Rooms`.`id` AS `roomId`, `Rooms`.`number`, COUNT(`Bookings`.`id`) AS `bookings` FROM `Rooms` LEFT JOIN `Bookings` ON `Bookings`.`RoomId` = `Rooms`.`id` GROUP BY `Rooms`.`id`;
""",
        set(),
    ),
    (
        "1.18.0__rooms_notes_drop_view.sql",
        """DROP VIEW IF EXISTS `RoomOccupancy`;
DELETE FROM `Bookings` WHERE `status` = 'cancelled' AND `checkOut` < '2024-01-01';
""",
        {("drop-view", 1)},
    ),
    (
        "1.19.0__rooms_floor_string.sql",
        """CREATE TABLE IF NOT EXISTS `Rooms_backup` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `number` VARCHAR(255) NOT NULL UNIQUE, `floor` VARCHAR(255), `beds` INTEGER NOT NULL DEFAULT 1, `rate` INTEGER NOT NULL, `notes` TEXT, `createdAt` DATETIME NOT NULL, `updatedAt` DATETIME NOT NULL);
INSERT INTO `Rooms_backup` SELECT `id`, `number`, `floor`, `beds`, `rate`, `notes`, `createdAt`, `updatedAt` FROM `Rooms`;
DROP TABLE `Rooms`;
ALTER TABLE `Rooms_backup` RENAME TO `Rooms`;
CREATE INDEX `rooms_floor` ON `Rooms` (`floor`);
""",
        {("rebuild-unverified", 3)},
    ),
    (
        "1.20.0__bookings_room_upgrade.sql",
        """ALTER TABLE `Bookings` ADD `upgradedRoomId` INTEGER REFERENCES `Rooms` (`id`) ON DELETE SET NULL ON UPDATE CASCADE;
CREATE UNIQUE INDEX `bookings_room_id_arrives_on_unique` ON `Bookings` (`RoomId`, `arrivesOn`);
""",
        set(),
    ),
    (
        "1.21.0__rooms_sync.sql",
        """CREATE TABLE IF NOT EXISTS `Rooms` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `number` VARCHAR(255) NOT NULL UNIQUE, `createdAt` DATETIME NOT NULL, `updatedAt` DATETIME NOT NULL);
ALTER TABLE `Rooms` ADD `view` VARCHAR(255);
""",
        set(),
    ),
    (
        "1.22.0__clear_bookings.sql",
        """DELETE FROM `SequelizeMeta` WHERE `name` = '20240301-seed-rooms.js';
DELETE FROM `Bookings`;
""",
        {("delete-without-where", 2)},
    ),
]

LIBRARY: History = [
    (
        "1.0.0__rails_internal.sql",
        """CREATE TABLE IF NOT EXISTS "schema_migrations" ("version" varchar NOT NULL PRIMARY KEY);
CREATE TABLE IF NOT EXISTS "ar_internal_metadata" ("key" varchar NOT NULL PRIMARY KEY, "value" varchar, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL);
INSERT INTO "ar_internal_metadata" ("key", "value", "created_at", "updated_at") VALUES ('environment', 'production', '2024-05-02 08:00:00.000000', '2024-05-02 08:00:00.000000');
""",
        set(),
    ),
    (
        "1.1.0__create_authors.sql",
        """CREATE TABLE "authors" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar NOT NULL, "born_on" date, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL);
""",
        set(),
    ),
    (
        "1.2.0__create_books.sql",
        """CREATE TABLE "books" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar NOT NULL, "isbn" varchar, "published_on" date, "shelf" varchar(8), "price" decimal(8,2), "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL);
CREATE UNIQUE INDEX "index_books_on_isbn" ON "books" ("isbn");
""",
        set(),
    ),
    (
        "1.3.0__add_author_to_books.sql",
        """ALTER TABLE "books" ADD "author_id" integer;
CREATE INDEX "index_books_on_author_id" ON "books" ("author_id");
""",
        set(),
    ),
    (
        "1.4.0__create_patrons_and_loans.sql",
        """CREATE TABLE "patrons" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar NOT NULL, "email" varchar, "card_issued_on" date, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL);
CREATE UNIQUE INDEX "index_patrons_on_email" ON "patrons" ("email");
CREATE TABLE "loans" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "book_id" integer NOT NULL, "patron_id" integer NOT NULL, "due_on" date NOT NULL, "returned_at" datetime(6), "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL, CONSTRAINT "fk_rails_5f1a0c2b9d" FOREIGN KEY ("book_id") REFERENCES "books" ("id"), CONSTRAINT "fk_rails_8c3e7d4a21" FOREIGN KEY ("patron_id") REFERENCES "patrons" ("id"));
CREATE INDEX "index_loans_on_book_id" ON "loans" ("book_id");
CREATE INDEX "index_loans_on_patron_id" ON "loans" ("patron_id");
""",
        set(),
    ),
    (
        "1.5.0__loans_renewals.sql",
        """ALTER TABLE "loans" ADD "renewals" integer DEFAULT 0 NOT NULL;
ALTER TABLE "books" ADD "status" varchar;
""",
        set(),
    ),
    (
        "1.6.0__books_status_default.sql",
        """-- change_column_default :books, :status, from: nil, to: "available"
CREATE TEMPORARY TABLE "abooks" ("id" integer NOT NULL PRIMARY KEY, "title" varchar NOT NULL, "isbn" varchar DEFAULT NULL, "published_on" date DEFAULT NULL, "shelf" varchar(8) DEFAULT NULL, "price" decimal(8,2) DEFAULT NULL, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL, "author_id" integer DEFAULT NULL, "status" varchar DEFAULT NULL);
CREATE UNIQUE INDEX "tindex_books_on_isbn" ON "abooks" ("isbn");
CREATE INDEX "tindex_books_on_author_id" ON "abooks" ("author_id");
INSERT INTO "abooks" ("id","title","isbn","published_on","shelf","price","created_at","updated_at","author_id","status")
                     SELECT "id","title","isbn","published_on","shelf","price","created_at","updated_at","author_id","status" FROM "books";
DROP TABLE "books";
CREATE TABLE "books" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar NOT NULL, "isbn" varchar DEFAULT NULL, "published_on" date DEFAULT NULL, "shelf" varchar(8) DEFAULT NULL, "price" decimal(8,2) DEFAULT NULL, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL, "author_id" integer DEFAULT NULL, "status" varchar DEFAULT 'available');
CREATE UNIQUE INDEX "index_books_on_isbn" ON "books" ("isbn");
CREATE INDEX "index_books_on_author_id" ON "books" ("author_id");
INSERT INTO "books" ("id","title","isbn","published_on","shelf","price","created_at","updated_at","author_id","status")
                     SELECT "id","title","isbn","published_on","shelf","price","created_at","updated_at","author_id","status" FROM "abooks";
DROP TABLE "abooks";
""",
        set(),
    ),
    (
        "1.7.0__books_author_required.sql",
        """-- change_column_null :books, :author_id, false
PRAGMA defer_foreign_keys = ON;
PRAGMA foreign_keys = OFF;
CREATE TEMPORARY TABLE "abooks" ("id" integer NOT NULL PRIMARY KEY, "title" varchar NOT NULL, "isbn" varchar DEFAULT NULL, "published_on" date DEFAULT NULL, "shelf" varchar(8) DEFAULT NULL, "price" decimal(8,2) DEFAULT NULL, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL, "author_id" integer DEFAULT NULL, "status" varchar DEFAULT 'available');
CREATE UNIQUE INDEX "tindex_books_on_isbn" ON "abooks" ("isbn");
CREATE INDEX "tindex_books_on_author_id" ON "abooks" ("author_id");
INSERT INTO "abooks" ("id","title","isbn","published_on","shelf","price","created_at","updated_at","author_id","status")
                     SELECT "id","title","isbn","published_on","shelf","price","created_at","updated_at","author_id","status" FROM "books";
DROP TABLE "books";
CREATE TABLE "books" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar NOT NULL, "isbn" varchar DEFAULT NULL, "published_on" date DEFAULT NULL, "shelf" varchar(8) DEFAULT NULL, "price" decimal(8,2) DEFAULT NULL, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL, "author_id" integer NOT NULL, "status" varchar DEFAULT 'available');
CREATE UNIQUE INDEX "index_books_on_isbn" ON "books" ("isbn");
CREATE INDEX "index_books_on_author_id" ON "books" ("author_id");
INSERT INTO "books" ("id","title","isbn","published_on","shelf","price","created_at","updated_at","author_id","status")
                     SELECT "id","title","isbn","published_on","shelf","price","created_at","updated_at","author_id","status" FROM "abooks";
DROP TABLE "abooks";
PRAGMA foreign_keys = ON;
PRAGMA defer_foreign_keys = OFF;
""",
        {("set-not-null", 10)},
    ),
    (
        "1.8.0__patrons_rename_name.sql",
        """ALTER TABLE "patrons" RENAME COLUMN "name" TO "full_name";
""",
        {("rename-column", 1)},
    ),
    (
        "1.9.0__create_holds.sql",
        """CREATE TABLE "holds" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "book_id" integer NOT NULL, "patron_id" integer NOT NULL, "placed_at" datetime(6) NOT NULL, "position" integer DEFAULT 1 NOT NULL, CONSTRAINT "fk_rails_2b9e4f6a10" FOREIGN KEY ("book_id") REFERENCES "books" ("id") ON DELETE CASCADE, CONSTRAINT "fk_rails_7d0a3c5e82" FOREIGN KEY ("patron_id") REFERENCES "patrons" ("id"));
CREATE INDEX "index_holds_on_book_id" ON "holds" ("book_id");
CREATE UNIQUE INDEX "index_holds_on_book_id_and_patron_id" ON "holds" ("book_id", "patron_id");
""",
        set(),
    ),
    (
        "1.10.0__books_remove_shelf.sql",
        """-- remove_column :books, :shelf
CREATE TEMPORARY TABLE "abooks" ("id" integer NOT NULL PRIMARY KEY, "title" varchar NOT NULL, "isbn" varchar DEFAULT NULL, "published_on" date DEFAULT NULL, "shelf" varchar(8) DEFAULT NULL, "price" decimal(8,2) DEFAULT NULL, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL, "author_id" integer NOT NULL, "status" varchar DEFAULT 'available');
CREATE UNIQUE INDEX "tindex_books_on_isbn" ON "abooks" ("isbn");
CREATE INDEX "tindex_books_on_author_id" ON "abooks" ("author_id");
INSERT INTO "abooks" ("id","title","isbn","published_on","shelf","price","created_at","updated_at","author_id","status")
                     SELECT "id","title","isbn","published_on","shelf","price","created_at","updated_at","author_id","status" FROM "books";
DROP TABLE "books";
CREATE TABLE "books" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar NOT NULL, "isbn" varchar DEFAULT NULL, "published_on" date DEFAULT NULL, "price" decimal(8,2) DEFAULT NULL, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL, "author_id" integer NOT NULL, "status" varchar DEFAULT 'available');
CREATE UNIQUE INDEX "index_books_on_isbn" ON "books" ("isbn");
CREATE INDEX "index_books_on_author_id" ON "books" ("author_id");
INSERT INTO "books" ("id","title","isbn","published_on","price","created_at","updated_at","author_id","status")
                     SELECT "id","title","isbn","published_on","price","created_at","updated_at","author_id","status" FROM "abooks";
DROP TABLE "abooks";
""",
        {("rebuild-unverified", 7)},
    ),
    (
        "1.11.0__patrons_email_required.sql",
        """UPDATE "patrons" SET "email" = 'unknown-' || "id" || '@library.invalid' WHERE "email" IS NULL;
CREATE TEMPORARY TABLE "apatrons" ("id" integer NOT NULL PRIMARY KEY, "full_name" varchar NOT NULL, "email" varchar DEFAULT NULL, "card_issued_on" date DEFAULT NULL, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL);
CREATE UNIQUE INDEX "tindex_patrons_on_email" ON "apatrons" ("email");
INSERT INTO "apatrons" ("id","full_name","email","card_issued_on","created_at","updated_at")
                     SELECT "id","full_name","email","card_issued_on","created_at","updated_at" FROM "patrons";
DROP TABLE "patrons";
CREATE TABLE "patrons" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "full_name" varchar NOT NULL, "email" varchar NOT NULL, "card_issued_on" date DEFAULT NULL, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL);
CREATE UNIQUE INDEX "index_patrons_on_email" ON "patrons" ("email");
INSERT INTO "patrons" ("id","full_name","email","card_issued_on","created_at","updated_at")
                     SELECT "id","full_name","email","card_issued_on","created_at","updated_at" FROM "apatrons";
DROP TABLE "apatrons";
""",
        {("set-not-null", 7)},
    ),
    (
        "1.12.0__books_price_cents.sql",
        """-- change_column :books, :price, :integer (hand-edited from the generated alter_table)
CREATE TEMPORARY TABLE "abooks" ("id" integer NOT NULL PRIMARY KEY, "title" varchar NOT NULL, "isbn" varchar DEFAULT NULL, "published_on" date DEFAULT NULL, "price" decimal(8,2) DEFAULT NULL, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL, "author_id" integer NOT NULL, "status" varchar DEFAULT 'available');
INSERT INTO "abooks" ("id","title","isbn","published_on","price","created_at","updated_at","author_id","status")
                     SELECT "id","title","isbn","published_on","price","created_at","updated_at","author_id","status" FROM "books";
DROP TABLE "books";
CREATE TABLE "books" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar NOT NULL, "isbn" varchar DEFAULT NULL, "published_on" date DEFAULT NULL, "price" integer DEFAULT NULL, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL, "author_id" integer NOT NULL, "status" varchar DEFAULT 'available');
CREATE UNIQUE INDEX "index_books_on_isbn" ON "books" ("isbn");
CREATE INDEX "index_books_on_author_id" ON "books" ("author_id");
INSERT INTO "books" ("id","title","isbn","published_on","price","created_at","updated_at","author_id","status")
                     SELECT "id","title","isbn","published_on","price","created_at","updated_at","author_id","status" FROM "abooks";
DROP TABLE "abooks";
""",
        {("rebuild-unverified", 5)},
    ),
    (
        "1.13.0__loans_renewals_bigint.sql",
        """-- change_column :loans, :renewals, :bigint
CREATE TABLE "altered_loans" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "book_id" integer NOT NULL, "patron_id" integer NOT NULL, "due_on" date NOT NULL, "returned_at" datetime(6), "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL, "renewals" bigint DEFAULT 0 NOT NULL, CONSTRAINT "fk_rails_5f1a0c2b9d" FOREIGN KEY ("book_id") REFERENCES "books" ("id"), CONSTRAINT "fk_rails_8c3e7d4a21" FOREIGN KEY ("patron_id") REFERENCES "patrons" ("id"));
INSERT INTO "altered_loans" ("id","book_id","patron_id","due_on","returned_at","created_at","updated_at","renewals")
                     SELECT "id","book_id","patron_id","due_on","returned_at","created_at","updated_at","renewals" FROM "loans";
DROP TABLE "loans";
ALTER TABLE "altered_loans" RENAME TO "loans";
CREATE INDEX "index_loans_on_book_id" ON "loans" ("book_id");
CREATE INDEX "index_loans_on_patron_id" ON "loans" ("patron_id");
""",
        set(),
    ),
    (
        "1.14.0__loans_only_open.sql",
        """-- hand-written: keep only open loans when moving the table
CREATE TEMPORARY TABLE "aloans" ("id" integer NOT NULL PRIMARY KEY, "book_id" integer NOT NULL, "patron_id" integer NOT NULL, "due_on" date NOT NULL, "returned_at" datetime(6) DEFAULT NULL, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL, "renewals" bigint DEFAULT 0 NOT NULL);
INSERT INTO "aloans" ("id","book_id","patron_id","due_on","returned_at","created_at","updated_at","renewals")
                     SELECT "id","book_id","patron_id","due_on","returned_at","created_at","updated_at","renewals" FROM "loans";
DROP TABLE "loans";
CREATE TABLE "loans" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "book_id" integer NOT NULL, "patron_id" integer NOT NULL, "due_on" date NOT NULL, "returned_at" datetime(6) DEFAULT NULL, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL, "renewals" bigint DEFAULT 0 NOT NULL, CONSTRAINT "fk_rails_5f1a0c2b9d" FOREIGN KEY ("book_id") REFERENCES "books" ("id"), CONSTRAINT "fk_rails_8c3e7d4a21" FOREIGN KEY ("patron_id") REFERENCES "patrons" ("id"));
CREATE INDEX "index_loans_on_book_id" ON "loans" ("book_id");
CREATE INDEX "index_loans_on_patron_id" ON "loans" ("patron_id");
INSERT INTO "loans" ("id","book_id","patron_id","due_on","returned_at","created_at","updated_at","renewals")
                     SELECT "id","book_id","patron_id","due_on","returned_at","created_at","updated_at","renewals" FROM "aloans" WHERE "returned_at" IS NULL;
DROP TABLE "aloans";
""",
        {("rebuild-filters-rows", 9)},
    ),
    (
        "1.15.0__holds_forget_index.sql",
        """-- change_column_default :holds, :position, from: 1, to: 0; the index on book_id is not recreated
CREATE TEMPORARY TABLE "aholds" ("id" integer NOT NULL PRIMARY KEY, "book_id" integer NOT NULL, "patron_id" integer NOT NULL, "placed_at" datetime(6) NOT NULL, "position" integer DEFAULT 1 NOT NULL);
INSERT INTO "aholds" ("id","book_id","patron_id","placed_at","position")
                     SELECT "id","book_id","patron_id","placed_at","position" FROM "holds";
DROP TABLE "holds";
CREATE TABLE "holds" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "book_id" integer NOT NULL, "patron_id" integer NOT NULL, "placed_at" datetime(6) NOT NULL, "position" integer DEFAULT 0 NOT NULL, CONSTRAINT "fk_rails_2b9e4f6a10" FOREIGN KEY ("book_id") REFERENCES "books" ("id") ON DELETE CASCADE, CONSTRAINT "fk_rails_7d0a3c5e82" FOREIGN KEY ("patron_id") REFERENCES "patrons" ("id"));
CREATE UNIQUE INDEX "index_holds_on_book_id_and_patron_id" ON "holds" ("book_id", "patron_id");
INSERT INTO "holds" ("id","book_id","patron_id","placed_at","position")
                     SELECT "id","book_id","patron_id","placed_at","position" FROM "aholds";
DROP TABLE "aholds";
""",
        {("rebuild-loses-dependents", 5)},
    ),
    (
        "1.16.0__authors_bio.sql",
        """ALTER TABLE "authors" ADD "bio" text;
ALTER TABLE "authors" ADD "slug" varchar DEFAULT '' NOT NULL;
CREATE UNIQUE INDEX "index_authors_on_slug" ON "authors" ("slug");
UPDATE "ar_internal_metadata" SET "value" = 'production', "updated_at" = '2024-09-01 00:00:00.000000' WHERE "ar_internal_metadata"."key" = 'environment';
""",
        set(),
    ),
    (
        "1.17.0__drop_holds.sql",
        """DROP TABLE "holds";
""",
        {("drop-table", 1)},
    ),
    (
        "1.18.0__authors_rename_table.sql",
        """ALTER TABLE "authors" RENAME TO "writers";
""",
        {("rename-table", 1)},
    ),
    (
        "1.19.0__truncate_loans.sql",
        """DELETE FROM "loans";
DELETE FROM "sqlite_sequence" WHERE "name" = 'loans';
""",
        {("delete-without-where", 1)},
    ),
    (
        "1.19.1__loans_touch_book_trigger.sql",
        """CREATE TRIGGER "loans_touch_book" AFTER INSERT ON "loans" FOR EACH ROW
BEGIN
  UPDATE "books" SET "status" = 'on_loan' WHERE "id" = NEW."book_id";
END;
""",
        set(),
    ),
    (
        "1.19.2__patrons_email_optional.sql",
        """-- change_column_null :patrons, :email, true
CREATE TEMPORARY TABLE "apatrons" ("id" integer NOT NULL PRIMARY KEY, "full_name" varchar NOT NULL, "email" varchar NOT NULL, "card_issued_on" date DEFAULT NULL, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL);
CREATE UNIQUE INDEX "tindex_patrons_on_email" ON "apatrons" ("email");
INSERT INTO "apatrons" ("id","full_name","email","card_issued_on","created_at","updated_at")
                     SELECT "id","full_name","email","card_issued_on","created_at","updated_at" FROM "patrons";
DROP TABLE "patrons";
CREATE TABLE "patrons" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "full_name" varchar NOT NULL, "email" varchar DEFAULT NULL, "card_issued_on" date DEFAULT NULL, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL);
CREATE UNIQUE INDEX "index_patrons_on_email" ON "patrons" ("email");
INSERT INTO "patrons" ("id","full_name","email","card_issued_on","created_at","updated_at")
                     SELECT "id","full_name","email","card_issued_on","created_at","updated_at" FROM "apatrons";
DROP TABLE "apatrons";
""",
        set(),
    ),
    (
        "1.19.3__loans_renewals_default.sql",
        """-- change_column_default :loans, :renewals, from: 0, to: 1 (the trigger is not made again)
CREATE TEMPORARY TABLE "aloans" ("id" integer NOT NULL PRIMARY KEY, "book_id" integer NOT NULL, "patron_id" integer NOT NULL, "due_on" date NOT NULL, "returned_at" datetime(6) DEFAULT NULL, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL, "renewals" bigint DEFAULT 0 NOT NULL);
CREATE INDEX "tindex_loans_on_book_id" ON "aloans" ("book_id");
CREATE INDEX "tindex_loans_on_patron_id" ON "aloans" ("patron_id");
INSERT INTO "aloans" ("id","book_id","patron_id","due_on","returned_at","created_at","updated_at","renewals")
                     SELECT "id","book_id","patron_id","due_on","returned_at","created_at","updated_at","renewals" FROM "loans";
DROP TABLE "loans";
CREATE TABLE "loans" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "book_id" integer NOT NULL, "patron_id" integer NOT NULL, "due_on" date NOT NULL, "returned_at" datetime(6) DEFAULT NULL, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL, "renewals" bigint DEFAULT 1 NOT NULL, CONSTRAINT "fk_rails_5f1a0c2b9d" FOREIGN KEY ("book_id") REFERENCES "books" ("id"), CONSTRAINT "fk_rails_8c3e7d4a21" FOREIGN KEY ("patron_id") REFERENCES "patrons" ("id"));
CREATE INDEX "index_loans_on_book_id" ON "loans" ("book_id");
CREATE INDEX "index_loans_on_patron_id" ON "loans" ("patron_id");
INSERT INTO "loans" ("id","book_id","patron_id","due_on","returned_at","created_at","updated_at","renewals")
                     SELECT "id","book_id","patron_id","due_on","returned_at","created_at","updated_at","renewals" FROM "aloans";
DROP TABLE "aloans";
""",
        {("rebuild-loses-dependents", 7)},
    ),
    (
        "1.19.4__overdue_view.sql",
        """CREATE VIEW "overdue_loans" AS SELECT "loans"."id", "loans"."patron_id", "loans"."due_on" FROM "loans" WHERE "loans"."returned_at" IS NULL AND "loans"."due_on" < date('now');
""",
        set(),
    ),
    (
        "1.19.5__loans_note.sql",
        """-- add_column :loans, :note, :text, then change_column_default :loans, :renewals, from: 1, to: 0 (the view over loans stays)
ALTER TABLE "loans" ADD "note" text;
CREATE TEMPORARY TABLE "aloans" ("id" integer NOT NULL PRIMARY KEY, "book_id" integer NOT NULL, "patron_id" integer NOT NULL, "due_on" date NOT NULL, "returned_at" datetime(6) DEFAULT NULL, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL, "renewals" bigint DEFAULT 1 NOT NULL, "note" text DEFAULT NULL);
INSERT INTO "aloans" ("id","book_id","patron_id","due_on","returned_at","created_at","updated_at","renewals","note")
                     SELECT "id","book_id","patron_id","due_on","returned_at","created_at","updated_at","renewals","note" FROM "loans";
DROP TABLE "loans";
CREATE TABLE "loans" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "book_id" integer NOT NULL, "patron_id" integer NOT NULL, "due_on" date NOT NULL, "returned_at" datetime(6) DEFAULT NULL, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL, "renewals" bigint DEFAULT 0 NOT NULL, "note" text DEFAULT NULL, CONSTRAINT "fk_rails_5f1a0c2b9d" FOREIGN KEY ("book_id") REFERENCES "books" ("id"), CONSTRAINT "fk_rails_8c3e7d4a21" FOREIGN KEY ("patron_id") REFERENCES "patrons" ("id"));
CREATE INDEX "index_loans_on_book_id" ON "loans" ("book_id");
CREATE INDEX "index_loans_on_patron_id" ON "loans" ("patron_id");
INSERT INTO "loans" ("id","book_id","patron_id","due_on","returned_at","created_at","updated_at","renewals","note")
                     SELECT "id","book_id","patron_id","due_on","returned_at","created_at","updated_at","renewals","note" FROM "aloans";
DROP TABLE "aloans";
""",
        set(),
    ),
    (
        "1.19.6__books_isbn13.sql",
        """ALTER TABLE "books" ADD "isbn13" varchar;
CREATE UNIQUE INDEX "index_books_on_isbn13" ON "books" ("isbn13");
DROP INDEX "index_books_on_isbn";
""",
        set(),
    ),
    (
        "1.20.0__patrons_card_number.sql",
        """ALTER TABLE "patrons" ADD "card_number" varchar NOT NULL;
""",
        {("add-not-null-without-default", 1)},
    ),
]


FLAGS: History = [
    (
        "1.0.0__create_projects_flags.sql",
        """CREATE TABLE IF NOT EXISTS projects (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS flags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    description TEXT,
    enabled BOOLEAN NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (project_id, key)
);

CREATE INDEX IF NOT EXISTS idx_flags_project ON flags(project_id);
""",
        set(),
    ),
    (
        "1.1.0__touch_trigger.sql",
        """CREATE TRIGGER IF NOT EXISTS flags_touch
AFTER UPDATE ON flags
FOR EACH ROW WHEN NEW.updated_at = OLD.updated_at
BEGIN
    UPDATE flags SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;
""",
        set(),
    ),
    (
        "1.2.0__segments.sql",
        """CREATE TABLE segments (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    match_type TEXT NOT NULL DEFAULT 'all' CHECK (match_type IN ('all', 'any'))
);
CREATE UNIQUE INDEX segments_project_key ON segments(project_id, key);

CREATE TABLE segment_rules (
    id INTEGER PRIMARY KEY,
    segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
    property TEXT NOT NULL,
    operator TEXT NOT NULL,
    value TEXT NOT NULL DEFAULT ''
);
CREATE INDEX segment_rules_segment ON segment_rules(segment_id);
""",
        set(),
    ),
    (
        "1.3.0__flag_description_required.sql",
        """PRAGMA foreign_keys=off;

BEGIN TRANSACTION;

ALTER TABLE flags RENAME TO _flags_old;

CREATE TABLE flags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    enabled BOOLEAN NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (project_id, key)
);

INSERT INTO flags (id, project_id, key, description, enabled, created_at, updated_at)
    SELECT id, project_id, key, COALESCE(description, ''), enabled, created_at, updated_at
    FROM _flags_old;

DROP TABLE _flags_old;

CREATE INDEX IF NOT EXISTS idx_flags_project ON flags(project_id);

CREATE TRIGGER IF NOT EXISTS flags_touch
AFTER UPDATE ON flags
FOR EACH ROW WHEN NEW.updated_at = OLD.updated_at
BEGIN
    UPDATE flags SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

COMMIT;

PRAGMA foreign_keys=on;
""",
        {("transaction-control", 3), ("set-not-null", 7), ("transaction-control", 33)},
    ),
    (
        "1.4.0__flag_variants.sql",
        """CREATE TABLE flag_variants (
    id INTEGER PRIMARY KEY,
    flag_id INTEGER NOT NULL REFERENCES flags(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    weight INTEGER NOT NULL DEFAULT 0 CHECK (weight BETWEEN 0 AND 100),
    payload TEXT
);
CREATE UNIQUE INDEX flag_variants_flag_key ON flag_variants(flag_id, key);
""",
        set(),
    ),
    (
        "1.6.0__flags_rollout.sql",
        """ALTER TABLE flags ADD COLUMN rollout_percent INTEGER NOT NULL DEFAULT 100;
ALTER TABLE flags ADD COLUMN archived_at DATETIME;
""",
        set(),
    ),
    (
        "1.7.0__flags_drop_description.sql",
        """PRAGMA foreign_keys=off;

ALTER TABLE flags RENAME TO _flags_old;

CREATE TABLE flags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    enabled BOOLEAN NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    rollout_percent INTEGER NOT NULL DEFAULT 100,
    archived_at DATETIME,
    UNIQUE (project_id, key)
);

INSERT INTO flags (id, project_id, key, enabled, created_at, updated_at, rollout_percent, archived_at)
    SELECT id, project_id, key, enabled, created_at, updated_at, rollout_percent, archived_at
    FROM _flags_old;

DROP TABLE _flags_old;

CREATE INDEX IF NOT EXISTS idx_flags_project ON flags(project_id);

CREATE TRIGGER IF NOT EXISTS flags_touch
AFTER UPDATE ON flags
FOR EACH ROW WHEN NEW.updated_at = OLD.updated_at
BEGIN
    UPDATE flags SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

PRAGMA foreign_keys=on;
""",
        {("rebuild-loses-dependents", 21), ("rebuild-unverified", 21)},
    ),
    (
        "1.8.0__segments_match_type_more.sql",
        """PRAGMA foreign_keys=off;

CREATE TABLE segments_new (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    match_type TEXT NOT NULL DEFAULT 'all' CHECK (match_type IN ('all', 'any', 'none'))
);

INSERT INTO segments_new SELECT * FROM segments;

DROP TABLE segments;

ALTER TABLE segments_new RENAME TO segments;

CREATE UNIQUE INDEX segments_project_key ON segments(project_id, key);

PRAGMA foreign_key_check;
PRAGMA foreign_keys=on;
""",
        set(),
    ),
    (
        "1.9.0__projects_rename_first_children.sql",
        """-- add a slug to projects, the rename-first way (the children still point at the old table)
ALTER TABLE projects RENAME TO projects_old;

CREATE TABLE projects (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    slug TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

INSERT INTO projects (id, key, name, created_at) SELECT id, key, name, created_at FROM projects_old;

DROP TABLE projects_old;
""",
        {("rebuild-loses-dependents", 14)},
    ),
    (
        "1.10.0__audit_log.sql",
        """CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    at DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX audit_log_at ON audit_log(at);
INSERT INTO audit_log (actor, action) VALUES ('migrate', 'audit log created');
""",
        set(),
    ),
    (
        "1.11.0__prune_rules.sql",
        """DELETE FROM segment_rules WHERE value = '';
DELETE FROM audit_log;
DROP INDEX IF EXISTS audit_log_at;
""",
        {("delete-without-where", 2)},
    ),
    (
        "1.12.0__drop_variants.sql",
        """DROP TABLE IF EXISTS flag_variants;
DROP TRIGGER IF EXISTS flags_touch;
""",
        {("drop-table", 1)},
    ),
    (
        "1.13.0__rules_dedupe.sql",
        """CREATE TABLE segment_rules_new (
    id INTEGER PRIMARY KEY,
    segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
    property TEXT NOT NULL,
    operator TEXT NOT NULL,
    value TEXT NOT NULL DEFAULT ''
);
INSERT INTO segment_rules_new (id, segment_id, property, operator, value)
    SELECT MIN(id), segment_id, property, operator, value FROM segment_rules GROUP BY segment_id, property, operator, value;
DROP TABLE segment_rules;
ALTER TABLE segment_rules_new RENAME TO segment_rules;
CREATE INDEX segment_rules_segment ON segment_rules(segment_id);
""",
        {("rebuild-filters-rows", 8)},
    ),
    (
        "1.14.0__flag_weights_typo.sql",
        """CREATE TABLE flag_weights (
    id INTEGER PRIMARY KEY,
    flag_id INTEGER NOT NULL REFERENCES flags(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    weight INTEGER NOT NULL DEFAULT 0 CHECK (weight BETWEEN 0 100),
    payload TEXT
);
""",
        {("syntax-error", 5)},
    ),
]

RECIPES: History = [
    (
        "1.0.0__create_users.sql",
        """CREATE TABLE IF NOT EXISTS "schema_migrations" ("version" INTEGER PRIMARY KEY, "inserted_at" TEXT);
CREATE TABLE "users" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "email" TEXT NOT NULL, "hashed_password" TEXT NOT NULL, "confirmed_at" TEXT, "inserted_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL);
CREATE UNIQUE INDEX "users_email_index" ON "users" ("email");
CREATE TABLE "users_tokens" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "user_id" INTEGER NOT NULL CONSTRAINT "users_tokens_user_id_fkey" REFERENCES "users"("id") ON DELETE CASCADE, "token" BLOB NOT NULL, "context" TEXT NOT NULL, "sent_to" TEXT, "inserted_at" TEXT NOT NULL);
CREATE INDEX "users_tokens_user_id_index" ON "users_tokens" ("user_id");
CREATE UNIQUE INDEX "users_tokens_context_token_index" ON "users_tokens" ("context", "token");
""",
        set(),
    ),
    (
        "1.1.0__create_recipes.sql",
        """CREATE TABLE "recipes" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "title" TEXT NOT NULL, "slug" TEXT NOT NULL, "servings" INTEGER DEFAULT 2, "minutes" INTEGER, "author_id" INTEGER CONSTRAINT "recipes_author_id_fkey" REFERENCES "users"("id") ON DELETE SET NULL, "inserted_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL);
CREATE UNIQUE INDEX "recipes_slug_index" ON "recipes" ("slug");
CREATE INDEX "recipes_author_id_index" ON "recipes" ("author_id");
""",
        set(),
    ),
    (
        "1.2.0__create_ingredients.sql",
        """CREATE TABLE "ingredients" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "recipe_id" INTEGER NOT NULL CONSTRAINT "ingredients_recipe_id_fkey" REFERENCES "recipes"("id") ON DELETE CASCADE, "name" TEXT NOT NULL, "quantity" DECIMAL, "unit" TEXT, "position" INTEGER DEFAULT 0 NOT NULL, "inserted_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL);
CREATE INDEX "ingredients_recipe_id_index" ON "ingredients" ("recipe_id");
""",
        set(),
    ),
    (
        "1.3.0__recipes_published.sql",
        """ALTER TABLE "recipes" ADD COLUMN "published" INTEGER DEFAULT false NOT NULL;
ALTER TABLE "recipes" ADD COLUMN "published_at" TEXT;
CREATE INDEX "recipes_published_index" ON "recipes" ("published") WHERE published = 1;
""",
        set(),
    ),
    (
        "1.4.0__recipes_drop_minutes.sql",
        """ALTER TABLE "recipes" DROP COLUMN "minutes";
ALTER TABLE "recipes" ADD COLUMN "prep_minutes" INTEGER;
ALTER TABLE "recipes" ADD COLUMN "cook_minutes" INTEGER;
""",
        {("drop-column", 1)},
    ),
    (
        "1.5.0__users_display_name.sql",
        """ALTER TABLE "users" ADD COLUMN "display_name" TEXT;
UPDATE "users" SET "display_name" = substr("email", 1, instr("email", '@') - 1);
""",
        set(),
    ),
    (
        "1.6.0__ingredients_quantity_text.sql",
        """-- execute: modify/3 is not supported by ecto_sqlite3, so the table is rebuilt by hand
CREATE TABLE "ingredients_new" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "recipe_id" INTEGER NOT NULL CONSTRAINT "ingredients_recipe_id_fkey" REFERENCES "recipes"("id") ON DELETE CASCADE, "name" TEXT NOT NULL, "quantity" TEXT, "unit" TEXT, "position" INTEGER DEFAULT 0 NOT NULL, "inserted_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL);
INSERT INTO "ingredients_new" SELECT "id", "recipe_id", "name", CAST("quantity" AS TEXT), "unit", "position", "inserted_at", "updated_at" FROM "ingredients";
DROP TABLE "ingredients";
ALTER TABLE "ingredients_new" RENAME TO "ingredients";
CREATE INDEX "ingredients_recipe_id_index" ON "ingredients" ("recipe_id");
""",
        {("rebuild-unverified", 4)},
    ),
    (
        "1.7.0__recipes_servings_required.sql",
        """CREATE TABLE "recipes_new" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "title" TEXT NOT NULL, "slug" TEXT NOT NULL, "servings" INTEGER DEFAULT 2 NOT NULL, "author_id" INTEGER CONSTRAINT "recipes_author_id_fkey" REFERENCES "users"("id") ON DELETE SET NULL, "inserted_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL, "published" INTEGER DEFAULT false NOT NULL, "published_at" TEXT, "prep_minutes" INTEGER, "cook_minutes" INTEGER);
INSERT INTO "recipes_new" SELECT "id", "title", "slug", COALESCE("servings", 2), "author_id", "inserted_at", "updated_at", "published", "published_at", "prep_minutes", "cook_minutes" FROM "recipes";
DROP TABLE "recipes";
ALTER TABLE "recipes_new" RENAME TO "recipes";
CREATE UNIQUE INDEX "recipes_slug_index" ON "recipes" ("slug");
CREATE INDEX "recipes_author_id_index" ON "recipes" ("author_id");
CREATE INDEX "recipes_published_index" ON "recipes" ("published") WHERE published = 1;
""",
        {("set-not-null", 4)},
    ),
    (
        "1.8.0__ingredients_rename_unit.sql",
        """ALTER TABLE "ingredients" RENAME COLUMN "unit" TO "measure";
""",
        {("rename-column", 1)},
    ),
    (
        "1.9.0__tags.sql",
        """CREATE TABLE "tags" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "name" TEXT NOT NULL COLLATE NOCASE);
CREATE UNIQUE INDEX "tags_name_index" ON "tags" ("name");
CREATE TABLE "recipes_tags" ("recipe_id" INTEGER NOT NULL CONSTRAINT "recipes_tags_recipe_id_fkey" REFERENCES "recipes"("id") ON DELETE CASCADE, "tag_id" INTEGER NOT NULL CONSTRAINT "recipes_tags_tag_id_fkey" REFERENCES "tags"("id") ON DELETE CASCADE, PRIMARY KEY ("recipe_id", "tag_id"));
INSERT INTO "schema_migrations" ("version", "inserted_at") VALUES (20240611093000, '2024-06-11T09:30:00');
""",
        set(),
    ),
    (
        "1.10.0__recipes_forget_partial_index.sql",
        """CREATE TABLE "recipes_new" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "title" TEXT NOT NULL, "slug" TEXT NOT NULL, "servings" INTEGER DEFAULT 2 NOT NULL, "author_id" INTEGER CONSTRAINT "recipes_author_id_fkey" REFERENCES "users"("id") ON DELETE SET NULL, "inserted_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL, "published" INTEGER DEFAULT false NOT NULL, "published_at" TEXT, "prep_minutes" INTEGER, "cook_minutes" INTEGER, "summary" TEXT);
INSERT INTO "recipes_new" ("id", "title", "slug", "servings", "author_id", "inserted_at", "updated_at", "published", "published_at", "prep_minutes", "cook_minutes") SELECT "id", "title", "slug", "servings", "author_id", "inserted_at", "updated_at", "published", "published_at", "prep_minutes", "cook_minutes" FROM "recipes";
DROP TABLE "recipes";
ALTER TABLE "recipes_new" RENAME TO "recipes";
CREATE UNIQUE INDEX "recipes_slug_index" ON "recipes" ("slug");
CREATE INDEX "recipes_author_id_index" ON "recipes" ("author_id");
""",
        {("rebuild-loses-dependents", 3)},
    ),
    (
        "1.11.0__drop_tokens.sql",
        """DROP TABLE "users_tokens";
CREATE TABLE "users_tokens" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "user_id" INTEGER NOT NULL CONSTRAINT "users_tokens_user_id_fkey" REFERENCES "users"("id") ON DELETE CASCADE, "token" BLOB NOT NULL, "context" TEXT NOT NULL, "sent_to" TEXT, "inserted_at" TEXT NOT NULL);
CREATE INDEX "users_tokens_user_id_index" ON "users_tokens" ("user_id");
CREATE UNIQUE INDEX "users_tokens_context_token_index" ON "users_tokens" ("context", "token");
""",
        {("drop-table", 1)},
    ),
    (
        "1.12.0__recipes_rename_table.sql",
        """ALTER TABLE "recipes_tags" RENAME TO "recipe_tags";
UPDATE "users" SET "confirmed_at" = NULL;
""",
        {("rename-table", 1), ("update-without-where", 2)},
    ),
    (
        "1.13.0__recipes_difficulty.sql",
        """CREATE TABLE IF NOT EXISTS "recipes_new" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "title" TEXT NOT NULL, "slug" TEXT NOT NULL, "servings" INTEGER DEFAULT 2 NOT NULL, "author_id" INTEGER CONSTRAINT "recipes_author_id_fkey" REFERENCES "users"("id") ON DELETE SET NULL, "inserted_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL, "published" INTEGER DEFAULT false NOT NULL, "published_at" TEXT, "prep_minutes" INTEGER, "cook_minutes" INTEGER, "summary" TEXT, "difficulty" TEXT DEFAULT 'easy' NOT NULL CHECK ("difficulty" IN ('easy', 'medium', 'hard')));
INSERT INTO "recipes_new" ("id", "title", "slug", "servings", "author_id", "inserted_at", "updated_at", "published", "published_at", "prep_minutes", "cook_minutes", "summary") SELECT "id", "title", "slug", "servings", "author_id", "inserted_at", "updated_at", "published", "published_at", "prep_minutes", "cook_minutes", "summary" FROM "recipes";
DROP TABLE "recipes";
ALTER TABLE "recipes_new" RENAME TO "recipes";
CREATE UNIQUE INDEX "recipes_slug_index" ON "recipes" ("slug");
CREATE INDEX "recipes_author_id_index" ON "recipes" ("author_id");
""",
        set(),
    ),
    (
        "1.14.0__recipes_slug_per_author.sql",
        """DROP INDEX "recipes_slug_index";
CREATE UNIQUE INDEX "recipes_slug_index" ON "recipes" ("author_id", "slug");
""",
        set(),
    ),
    (
        "1.15.0__data_fixes.sql",
        """UPDATE "recipes" SET "servings" = 4 WHERE "servings" IS NULL;
DELETE FROM "recipe_tags" WHERE "tag_id" NOT IN (SELECT "id" FROM "tags");
""",
        set(),
    ),
]


HISTORIES: dict[str, History] = {
    "kanban": KANBAN,
    "hotel": HOTEL,
    "library": LIBRARY,
    "flags": FLAGS,
    "recipes": RECIPES,
}
